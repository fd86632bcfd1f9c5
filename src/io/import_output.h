#pragma once

#include "benchmark_import.h"
#include "engine/result.h"

#include <nlohmann/json.hpp>

#include <string_view>

namespace mfu::io {

inline constexpr std::string_view kImportSchema = "mfu-explorer/import@1";

// The import@1 document: every run with its full scenario, the measured and the predicted
// figures (fractions, not percent), error = predicted / measured step time − 1, the steps used
// and skipped, where each scenario field came from, and the log's own figures. Evaluates each
// run; an Error names the run that the engine rejects.
engine::Result<nlohmann::ordered_json> importToJson(const ImportResult &result,
                                                    std::string_view fileName);

} // namespace mfu::io
