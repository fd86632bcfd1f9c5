// The native benchmarks@1 formats: JSON (a list of runs) and CSV (a run per row). A run is a
// partial scenario@1 — the same keys, read by the same strict reader — plus a label and one
// measured figure, applied on top of the current scenario.

#include "benchmark_parsers.h"
#include "field_readers.h"
#include "input_error.h"
#include "json_fields.h"
#include "scenario_io.h"
#include "engine/flops.h"
#include "engine/utilization.h"
#include "engine/validate.h"

#include <cmath>
#include <functional>

namespace mfu::io {

using engine::Error;
using engine::Result;
using nlohmann::json;
using namespace importing;

namespace {

// Throws the InputError for a failure at `field` of the run (a JSON path or a CSV column).
using FailFn = std::function<void(const std::string &field, const std::string &message)>;

void collectKeys(const json &value, const std::string &prefix, std::set<std::string> &out)
{
    if (!value.is_object()) {
        out.insert(prefix);
        return;
    }
    for (auto it = value.begin(); it != value.end(); ++it)
        collectKeys(*it, prefix.empty() ? it.key() : prefix + "." + it.key(), out);
}

bool givenByRun(ScenarioKey field, const std::set<std::string> &keys)
{
    auto given = [&](ScenarioKey k) { return keys.count(keyPath(k)) > 0; };
    const bool modelPreset = given(K::ModelPreset);
    switch (field) {
    case K::ModelArchitecture:
        return modelPreset || given(K::Family) || given(K::GatedMlp) || given(K::TiedEmbeddings) ||
               given(K::Bias) || given(K::Norm) || given(K::MaxPositions) || given(K::Dropout);
    case K::Heads: return modelPreset || given(K::Heads) || given(K::HeadDim);
    case K::Dp: return given(K::Dp) || given(K::Gpus);
    case K::Hardware:
        for (const std::string &k : keys)
            if (startsWith(k, "hardware."))
                return true;
        return false;
    default: {
        // A preset gives every field of its section.
        const std::string_view section = keyInfo(field).section();
        return (section == "model" && modelPreset) ||
               (section == "software" && given(K::SoftwarePreset)) || given(field);
    }
    }
}

// One run: `run` is the run's object without its label.
ImportedRun nativeRun(json run, std::string label, const engine::Scenario &current,
                      const PresetLibrary &presets, const FailFn &fail)
{
    std::set<std::string> keys;
    collectKeys(run, "", keys);
    if (run.contains("schema"))
        fail("schema", "unknown key in a run (the file's schema is " +
                           std::string(kBenchmarksSchema) + "; a run is a scenario without one)");
    run["schema"] = kScenarioSchema;
    auto applied = applyScenarioJson(run, current, presets);
    if (!applied)
        fail(applied.error().field, applied.error().message);
    engine::Scenario sc = std::move(applied).value();
    if (sc.measured.kind == engine::Measured::Kind::None)
        fail("measured", "expected one measured figure (" + measuredFigureList("", " or ") + ")");
    if (label.empty())
        label = sc.name;
    sc.name = label;
    if (auto error = engine::validateScenario(sc))
        fail(error->field, error->message);
    const double stepTimeS = engine::measuredStepTimeS(sc, engine::modelFlopsPerStep(sc),
                                                       engine::hardwareFlopsPerStep(sc));
    if (!std::isfinite(stepTimeS) || stepTimeS <= 0)
        fail("measured", "the measured figure gives no finite step time");

    ImportedRun out;
    out.label = std::move(label);
    out.scenario = std::move(sc);
    out.stepTimeS = stepTimeS;
    out.stepsUsed = 1;
    for (const ScenarioKey field : provenanceFields())
        out.provenance.emplace_back(keyPath(field),
                                    givenByRun(field, keys) ? kFromLog : kFromScenario);
    return out;
}

std::string joinedField(const std::string &prefix, const std::string &field)
{
    return field.empty() ? prefix : prefix + "." + field;
}

ImportResult benchmarksFromJson(const json &doc, const engine::Scenario &current,
                                const PresetLibrary &presets)
{
    JsonFields f(doc, "");
    requireSchema(f, kBenchmarksSchema);
    ImportResult result;
    result.format = "benchmarks-json";
    if (auto source = f.string("source"))
        result.notes.push_back("source: " + *source);
    const json *runs = f.raw("runs");
    f.finish();
    if (!runs || !runs->is_array())
        throw InputError("runs", "expected an array of runs, found " +
                                     (runs ? describeJson(*runs) : std::string("nothing")));
    if (runs->empty())
        throw InputError("runs", "expected at least one run, found an empty array");
    if (runs->size() > kMaxImportRuns)
        throw InputError("runs", "expected at most " + std::to_string(kMaxImportRuns) +
                                     " runs, found " + std::to_string(runs->size()));
    for (std::size_t i = 0; i < runs->size(); ++i) {
        const std::string path = "runs[" + std::to_string(i) + "]";
        const json &run = (*runs)[i];
        if (!run.is_object())
            throw InputError(path, "expected an object (a partial scenario with a label and a "
                                   "measured figure), found " +
                                       describeJson(run));
        json body = run;
        std::string label;
        if (auto it = body.find("label"); it != body.end()) {
            if (!it->is_string())
                throw InputError(path + ".label", "expected a string, found " + describeJson(*it));
            label = it->get<std::string>();
            body.erase(it);
        }
        if (label.empty() && !body.contains("name"))
            label = "run " + std::to_string(i + 1);
        const FailFn fail = [&](const std::string &field, const std::string &message) {
            throw InputError(joinedField(path, field), message);
        };
        result.runs.push_back(nativeRun(std::move(body), std::move(label), current, presets, fail));
    }
    return result;
}

// ---- CSV ----

std::vector<std::string> splitCsvLine(std::string_view line, std::size_t number)
{
    std::vector<std::string> cells;
    std::size_t i = 0;
    while (true) {
        std::string cell;
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            ++i;
        if (i < line.size() && line[i] == '"') {
            ++i;
            bool closed = false;
            while (i < line.size()) {
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        cell += '"';
                        i += 2;
                        continue;
                    }
                    closed = true;
                    ++i;
                    break;
                }
                cell += line[i++];
            }
            if (!closed)
                failAt(number, "unterminated quoted cell (a quoted cell must close on its line)");
            while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
                ++i;
            if (i < line.size() && line[i] != ',')
                failAt(number,
                       "expected a comma after a quoted cell, found " + shown(line.substr(i, 1)));
        } else {
            const std::size_t end = std::min(line.find(',', i), line.size());
            cell = std::string(trim(line.substr(i, end - i)));
            i = end;
        }
        cells.push_back(std::move(cell));
        if (i >= line.size())
            break;
        ++i; // the comma
    }
    return cells;
}

// Every column a CSV header may name: the label, and every key of the scenario schema (the
// efficiency knobs, a table of their own, by theirs).
const std::set<std::string> &knownColumns()
{
    static const std::set<std::string> columns = [] {
        std::set<std::string> out = {"label"};
        for (const KeyInfo &info : scenarioSchema())
            if (info.storage != Storage::View && info.type != ValueType::Group)
                out.insert(info.path);
        for (const engine::KnobSpec &k : engine::efficiencyKnobs())
            out.insert(std::string(keyPath(K::Efficiency)) + "." + k.name);
        return out;
    }();
    return columns;
}

// Looked up for every cell of the file, so the set is made once.
bool isTextColumn(const std::string &column)
{
    static const std::set<std::string, std::less<>> text = [] {
        std::set<std::string, std::less<>> out = {"label"};
        for (const KeyInfo &info : scenarioSchema())
            if (info.type == ValueType::Text || info.type == ValueType::Choice)
                out.insert(info.path);
        return out;
    }();
    return text.count(column) > 0;
}

// A cell as the JSON value the scenario reader expects: numbers and booleans by their look,
// so that "n/a" in a numeric column reaches the reader as a string and is reported as one.
json cellValue(const std::string &column, const std::string &cell)
{
    if (isTextColumn(column))
        return cell;
    if (cell == "true" || cell == "True" || cell == "TRUE")
        return true;
    if (cell == "false" || cell == "False" || cell == "FALSE")
        return false;
    if (auto count = parseCount(cell);
        count && cell.find_first_not_of("0123456789") == std::string::npos)
        return *count;
    if (auto number = parseNumber(cell))
        return *number;
    return cell;
}

std::string measuredColumnsList()
{
    return measuredFigureList("measured.", " or ");
}

ImportResult benchmarksFromCsv(std::string_view text, const engine::Scenario &current,
                               const PresetLibrary &presets)
{
    const std::vector<Line> lines = splitLines(text);
    auto isSkipped = [](std::string_view t) {
        t = trim(t);
        return t.empty() || startsWith(t, "#");
    };
    std::size_t row = 0;
    while (row < lines.size() && isSkipped(lines[row].text))
        ++row;
    if (row == lines.size())
        failAt(lines.empty() ? 1 : lines.back().number,
               "no header: expected a CSV header "
               "such as label,model.preset,…," +
                   std::string(keyPath(K::MeasuredStepTime)));
    const Line header = lines[row++];
    const std::vector<std::string> columns = splitCsvLine(header.text, header.number);
    std::set<std::string> seen;
    bool hasMeasured = false;
    for (const std::string &c : columns) {
        if (c.empty())
            failAt(header.number, "empty column name in the header");
        if (!knownColumns().count(c))
            failAt(header.number, "unknown column " + shown(c) +
                                      ": expected label or a scenario@1 key such as "
                                      "model.layers, batch.global_batch, parallel.tp, " +
                                      measuredColumnsList());
        if (!seen.insert(c).second)
            failAt(header.number, "column " + shown(c) + " appears twice");
        const KeyInfo *key = keyForPath(c);
        if (key && key->section() == "measured" && key->key != K::MeasuredTflopsKind)
            hasMeasured = true;
    }
    if (!hasMeasured)
        failAt(header.number, "no measured column: expected one of " + measuredColumnsList());

    // Counted before any row is read, so that an oversized file fails at once.
    std::size_t rows = 0;
    for (std::size_t i = row; i < lines.size(); ++i)
        if (!isSkipped(lines[i].text) && ++rows > kMaxImportRuns)
            failAt(lines[i].number, "more than " + std::to_string(kMaxImportRuns) + " runs");

    ImportResult result;
    result.format = "benchmarks-csv";
    for (; row < lines.size(); ++row) {
        const Line &line = lines[row];
        if (isSkipped(line.text))
            continue;
        const std::vector<std::string> cells = splitCsvLine(line.text, line.number);
        if (cells.size() != columns.size())
            failAt(line.number,
                   "expected " + std::to_string(columns.size()) + " cells as in the header (line " +
                       std::to_string(header.number) + "), found " + std::to_string(cells.size()));
        json body = json::object();
        std::string label;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (cells[i].empty())
                continue;
            if (columns[i] == "label") {
                label = cells[i];
                continue;
            }
            std::string pointer = "/" + columns[i];
            std::replace(pointer.begin(), pointer.end(), '.', '/');
            body[json::json_pointer(pointer)] = cellValue(columns[i], cells[i]);
        }
        if (label.empty() && !body.contains("name"))
            label = lineField(line.number);
        const FailFn fail = [&](const std::string &field, const std::string &message) {
            failAt(line.number, field.empty() ? message : "column " + field + ": " + message);
        };
        result.runs.push_back(nativeRun(std::move(body), std::move(label), current, presets, fail));
    }
    if (result.runs.empty())
        failAt(lines.back().number, "no runs: the header (line " + std::to_string(header.number) +
                                        ") is followed by no data row");
    return result;
}

} // namespace

Result<ImportResult> parseBenchmarksJson(std::string_view text, std::string_view,
                                         const engine::Scenario &current,
                                         const PresetLibrary &presets)
{
    return catchInputError<ImportResult>([&]() -> Result<ImportResult> {
        rejectBinary(text);
        return benchmarksFromJson(parseJsonText(text), current, presets);
    });
}

Result<ImportResult> parseBenchmarksCsv(std::string_view text, std::string_view,
                                        const engine::Scenario &current,
                                        const PresetLibrary &presets)
{
    return catchInputError<ImportResult>(
        [&]() -> Result<ImportResult> { return benchmarksFromCsv(text, current, presets); });
}

} // namespace mfu::io
