#pragma once

#include "engine/result.h"
#include "engine/scenario.h"
#include "preset_library.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mfu::io {

inline constexpr std::string_view kBenchmarksSchema = "mfu-explorer/benchmarks@1";

// What an import accepts at most: beyond these a file is a wrong argument, not a benchmark,
// and reading on would only exhaust memory.
inline constexpr std::size_t kMaxImportBytes = std::size_t(64) << 20;
inline constexpr std::size_t kMaxImportLineBytes = std::size_t(1) << 20;
inline constexpr std::size_t kMaxImportRuns = 1'000'000;

// Where an imported run's scenario field came from.
inline constexpr const char *kFromLog = "log"; // the imported file itself
inline constexpr const char *kFromDefault =
    "default"; // the framework's default, which the log leaves unprinted
inline constexpr const char *kFromScenario =
    "scenario"; // the current scenario: the file does not say

// One measured run. Its scenario is the current one with everything the file says over it, and
// `measured` filled, so that engine::evaluate gives measured and predicted figures side by side.
struct ImportedRun
{
    std::string label;
    engine::Scenario scenario;
    double stepTimeS = 0; // median step time of the steps used, seconds
    // Interquartile range p75 − p25 of the step times used, seconds; 0 when the file gives one
    // figure (the native formats, trainer_state.json).
    double stepTimeSpreadS = 0;
    int stepsUsed = 0;
    int stepsSkipped = 0; // warm-up, plus steps an evaluation or checkpoint ran inside
    // Scenario field ("model.layers", "parallel.dp", "hardware", ...) → kFromLog, kFromDefault
    // or kFromScenario, for every field an import can set, in a fixed order.
    std::vector<std::pair<std::string, std::string>> provenance;
    // The log's own figures (medians over the steps used), counted under the framework's FLOPs
    // convention and peak, which need not be the scenario's.
    std::optional<double> reportedTflopsPerGpu;
    std::optional<double> reportedMfu; // a fraction
};

struct ImportResult
{
    // "benchmarks-json", "benchmarks-csv", "megatron-lm", "torchtitan", "nanogpt",
    // "hf-trainer-state"
    std::string format;
    std::vector<ImportedRun> runs;
    std::vector<std::string> notes; // what was skipped or assumed, one sentence each
};

// Reads benchmark timings: the native benchmarks@1 JSON and CSV, a Megatron-LM, torchtitan or
// nanoGPT training log, or a Hugging Face trainer_state.json, told apart by their content
// (`fileName` labels the runs and breaks a tie for CSV). What the file lacks comes from
// `current`. Pure: no I/O. The Error names "line N" (text formats) or the JSON path, and says
// what was found and what was expected; nothing is returned in part. A run whose measured
// figure implies MFU above 100% is left out with a note that says why; a file that leaves no
// run is an Error naming the figure.
engine::Result<ImportResult>
importBenchmarks(std::string_view text, std::string_view fileName, const engine::Scenario &current,
                 const PresetLibrary &presets = PresetLibrary::instance());

} // namespace mfu::io
