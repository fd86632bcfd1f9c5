#pragma once

// The parsers behind importBenchmarks, one per format, and what they share. Each is pure (text
// in, result out), never throws, and assumes nothing about its input: the fuzzers call them
// directly with arbitrary bytes.

#include "benchmark_import.h"
#include "scenario_schema.h"
#include "step_stats.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace mfu::io {

engine::Result<ImportResult> parseBenchmarksJson(std::string_view text, std::string_view fileName,
                                                 const engine::Scenario &current,
                                                 const PresetLibrary &presets);
engine::Result<ImportResult> parseBenchmarksCsv(std::string_view text, std::string_view fileName,
                                                const engine::Scenario &current,
                                                const PresetLibrary &presets);
engine::Result<ImportResult> parseMegatronLog(std::string_view text, std::string_view fileName,
                                              const engine::Scenario &current,
                                              const PresetLibrary &presets);
engine::Result<ImportResult> parseTorchtitanLog(std::string_view text, std::string_view fileName,
                                                const engine::Scenario &current,
                                                const PresetLibrary &presets);
engine::Result<ImportResult> parseNanogptLog(std::string_view text, std::string_view fileName,
                                             const engine::Scenario &current);
engine::Result<ImportResult> parseHfTrainerState(std::string_view text, std::string_view fileName,
                                                 const engine::Scenario &current);

namespace importing {

using K = ScenarioKey;

// A line of text with its 1-based number.
struct Line
{
    std::size_t number = 0;
    std::string_view text;
};

// Splits at '\n' and drops a trailing '\r'; throws InputError("line N") for a line longer than
// kMaxImportLineBytes or a NUL byte (a binary file, e.g. a compressed log).
std::vector<Line> splitLines(std::string_view text);

// Throws InputError("line N") at the first NUL byte, or for text beyond kMaxImportBytes.
void rejectBinary(std::string_view text);

std::string_view trim(std::string_view s);
bool startsWith(std::string_view s, std::string_view prefix);
bool endsWith(std::string_view s, std::string_view suffix);

// The whole of `s` as a finite number (no "nan", no "inf"); nullopt otherwise.
std::optional<double> parseNumber(std::string_view s);
// As parseNumber, allowing thousands separators ("6,123").
std::optional<double> parseGroupedNumber(std::string_view s);
// The whole of `s` as an integer from 0 to 1e15 (so that products of a few stay exact in a double).
std::optional<std::int64_t> parseCount(std::string_view s);

// Removes ANSI escape sequences (torchtitan colours its metrics line).
std::string stripAnsi(std::string_view s);

// The file name without its directories, the label of a log's run.
std::string baseName(std::string_view fileName);

// "line N", the field of an error in a text format.
std::string lineField(std::size_t line);
[[noreturn]] void failAt(std::size_t line, const std::string &message);

// A short, printable quote of what was found, for messages.
std::string shown(std::string_view s);

// The fields whose origin an import reports, in order.
const std::vector<ScenarioKey> &provenanceFields();

// What a log says about the training stack: the fields it states, each with the line it came
// from (0: the file as a whole). Only the fields in `lines` of `values` are the log's.
struct StatedSoftware
{
    engine::Software values;
    std::map<ScenarioKey, std::size_t> lines;
};

// Builds a run on top of the current scenario and remembers where each field came from.
class RunBuilder
{
public:
    explicit RunBuilder(const engine::Scenario &current);

    engine::Scenario scenario;

    // `line` 0: the file as a whole, not one line.
    void fromLog(ScenarioKey field, std::size_t line = 0);
    void fromDefault(ScenarioKey field);

    // The stack `stated` describes: its fields from the log, the others from `preset`, the
    // framework's usual stack (provenance "default"; the current scenario's where `preset` is
    // null). A log that states nothing leaves the current scenario's stack as it is.
    void applySoftware(const StatedSoftware &stated, const SoftwarePreset *preset);

    // Sets the measured step time, checks the scenario, fills provenance. A scenario the engine
    // rejects throws InputError naming the log line the field came from, or the field and the
    // hint that it came from the current scenario.
    ImportedRun finish(std::string label, const StepSummary &steps);

private:
    std::map<ScenarioKey, std::size_t> m_logLines;
    std::set<ScenarioKey> m_defaults;
};

} // namespace importing
} // namespace mfu::io
