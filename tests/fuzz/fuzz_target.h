#pragma once

// Shared by the fuzz targets: arbitrary bytes go to one parser and, when it accepts them, the
// runs go on through the engine and the import@1 writer, as `--import` takes them. An Error is
// the expected answer to garbage; a crash, a sanitizer report, a leak or an uncaught exception
// is a finding.

#include "engine/evaluate.h"
#include "io/benchmark_parsers.h"
#include "io/import_output.h"
#include "io/preset_library.h"
#include "io/scenario_io.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace mfu::fuzz {

// The default scenario on one GPU: any layout a log names fits in it, so that accepted inputs
// reach the engine instead of stopping at the GPU count.
inline const engine::Scenario &currentScenario()
{
    static const engine::Scenario scenario = [] {
        const auto doc = nlohmann::json::parse(R"({"schema": "mfu-explorer/scenario@1",
            "parallel": {"tp": 1, "pp": 1, "dp": 1, "cp": 1, "vpp": 1}})");
        const auto sc =
            io::applyScenarioJson(doc, io::defaultScenario(), io::PresetLibrary::builtin());
        return sc ? *sc : io::defaultScenario();
    }();
    return scenario;
}

inline const io::PresetLibrary &presets()
{
    return io::PresetLibrary::builtin();
}

inline std::string_view text(const std::uint8_t *data, std::size_t size)
{
    return {reinterpret_cast<const char *>(data), size};
}

inline void consume(const engine::Result<io::ImportResult> &result)
{
    if (!result) {
        (void)result.error().toString();
        return;
    }
    const auto doc = io::importToJson(*result, "fuzz");
    if (doc)
        (void)doc->dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

} // namespace mfu::fuzz
