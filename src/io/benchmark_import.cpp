#include "benchmark_import.h"

#include "benchmark_parsers.h"
#include "input_error.h"
#include "json_fields.h"
#include "engine/flops.h"
#include "engine/utilization.h"
#include "engine/validate.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace mfu::io {

using engine::Error;
using engine::Result;

namespace importing {

std::string lineField(std::size_t line)
{
    return "line " + std::to_string(line);
}

void failAt(std::size_t line, const std::string &message)
{
    throw InputError(lineField(line), message);
}

void rejectBinary(std::string_view text)
{
    if (text.size() > kMaxImportBytes)
        throw InputError("", "file larger than " + std::to_string(kMaxImportBytes >> 20) +
                                 " MiB: expected benchmark timings, not a dump");
    const std::size_t nul = text.find('\0');
    if (nul != std::string_view::npos)
        failAt(std::size_t(std::count(text.begin(), text.begin() + std::ptrdiff_t(nul), '\n')) + 1,
               "binary data (a NUL byte): expected a text log, CSV or JSON (a compressed log "
               "must be unpacked first)");
}

std::vector<Line> splitLines(std::string_view text)
{
    rejectBinary(text);
    std::vector<Line> lines;
    std::size_t start = 0, number = 1;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (line.size() > kMaxImportLineBytes)
            failAt(number, "line longer than " + std::to_string(kMaxImportLineBytes >> 20) +
                               " MiB: expected a text log, CSV or JSON");
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        lines.push_back({number, line});
        start = end + 1;
        ++number;
    }
    return lines;
}

std::string_view trim(std::string_view s)
{
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return s.substr(first, last - first + 1);
}

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::optional<double> parseNumber(std::string_view s)
{
    s = trim(s);
    if (s.empty())
        return std::nullopt;
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

std::optional<double> parseGroupedNumber(std::string_view s)
{
    std::string digits;
    digits.reserve(s.size());
    for (char c : s)
        if (c != ',')
            digits += c;
    return parseNumber(digits);
}

std::optional<std::int64_t> parseCount(std::string_view s)
{
    s = trim(s);
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size() || v < 0 ||
        v > 1'000'000'000'000'000)
        return std::nullopt;
    return v;
}

std::string stripAnsi(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\x1b') {
            out += s[i];
            continue;
        }
        // CSI: ESC '[' parameters, then one final byte from '@' to '~'.
        if (i + 1 < s.size() && s[i + 1] == '[') {
            std::size_t j = i + 2;
            while (j < s.size() && !(s[j] >= '@' && s[j] <= '~'))
                ++j;
            i = j;
        }
    }
    return out;
}

std::string baseName(std::string_view fileName)
{
    const auto slash = fileName.find_last_of("/\\");
    std::string_view base = slash == std::string_view::npos ? fileName : fileName.substr(slash + 1);
    return std::string(base);
}

std::string shown(std::string_view s)
{
    std::string out = "\"";
    const std::size_t limit = 40;
    for (std::size_t i = 0; i < s.size() && i < limit; ++i)
        out += static_cast<unsigned char>(s[i]) < 0x20 ? '?' : s[i];
    if (s.size() > limit)
        out += "…";
    return out + "\"";
}

const std::vector<ScenarioKey> &provenanceFields()
{
    static const std::vector<ScenarioKey> fields = {
        K::Layers,
        K::Hidden,
        K::Heads,
        K::KvHeads,
        K::FfnHidden,
        K::Vocab,
        K::ModelArchitecture,
        K::MoeExperts,
        K::MoeTopK,
        K::MoeExpertFfnHidden,
        K::MoeSharedExperts,
        K::MoeSharedExpertFfnHidden,
        K::MoeDenseLayers,
        K::MoeMtpLayers,
        K::MoeCapacityFactor,
        K::MlaQLoraRank,
        K::MlaKvLoraRank,
        K::MlaQkNopeHeadDim,
        K::MlaQkRopeHeadDim,
        K::MlaVHeadDim,
        K::SlidingWindowTokens,
        K::SlidingWindowFullAttentionInterval,
        K::GlobalBatch,
        K::SeqLen,
        K::MicroBatch,
        K::Tp,
        K::Pp,
        K::Dp,
        K::Cp,
        K::Vpp,
        K::FirstStageLayers,
        K::LastStageLayers,
        K::Ep,
        K::Etp,
        K::SequenceParallel,
        K::Zero,
        K::Recompute,
        K::Precision,
        K::Hardware,
        K::SoftwarePreset,
        K::Attention,
        K::Elementwise,
        K::TpCommOverlap,
        K::TpOverlapSmFraction,
        K::OverlapGradReduce,
        K::GradReduce,
        K::Fp8ParamGather,
        K::Fp8Recipe,
        K::EmbeddingInPipelineSplit,
        K::DeferEmbeddingWgrad,
        K::OverlapP2pComm,
        K::CudaGraphs,
        K::MoeTokenDispatcher,
        K::MoeA2aOverlap,
        K::MoeForceBalance,
        K::FlopsConvention,
    };
    return fields;
}

RunBuilder::RunBuilder(const engine::Scenario &current) : scenario(current)
{
    scenario.measured = {};
}

void RunBuilder::fromLog(ScenarioKey field, std::size_t line)
{
    m_logLines[field] = line;
    m_defaults.erase(field);
}

void RunBuilder::fromDefault(ScenarioKey field)
{
    if (!m_logLines.count(field))
        m_defaults.insert(field);
}

void RunBuilder::applySoftware(const StatedSoftware &stated, const SoftwarePreset *preset)
{
    if (stated.lines.empty())
        return;
    if (preset) {
        scenario.software = preset->software;
        scenario.softwarePreset = preset->id;
        for (const ScenarioKey field : provenanceFields())
            if (keyInfo(field).section() == "software")
                fromDefault(field);
    }
    // Each field through its schema row, so that a field the log states is copied whatever its
    // type.
    engine::Scenario from;
    from.software = stated.values;
    for (const auto &[field, line] : stated.lines) {
        const KeyInfo &info = keyInfo(field);
        info.set(scenario, info.get(from));
        fromLog(field, line);
    }
}

ImportedRun RunBuilder::finish(std::string label, const StepSummary &steps)
{
    ImportedRun run;
    scenario.name = label;
    scenario.measured.kind = engine::Measured::Kind::StepTime;
    scenario.measured.value = steps.medianS;
    if (auto error = engine::validateScenario(scenario)) {
        // Errors name a field; say whether the log or the current scenario supplied it, since
        // the remedy differs (fix the log's arguments, or pick a scenario that matches the run).
        const KeyInfo *key = keyForPath(error->field);
        auto it = key ? m_logLines.find(key->key) : m_logLines.end();
        if (it == m_logLines.end() && key && key->key == K::HeadDim)
            it = m_logLines.find(K::Heads);
        if (it == m_logLines.end() && key && key->key == K::MaxPositions)
            it = m_logLines.find(K::SeqLen);
        if (it != m_logLines.end() && it->second > 0)
            failAt(it->second, error->field + ": " + error->message);
        if (it != m_logLines.end() || (key && m_defaults.count(key->key)))
            throw InputError(error->field, error->message);
        throw InputError(error->field,
                         error->message +
                             " (taken from the current scenario, as the log does not say: "
                             "choose a scenario that matches the run)");
    }
    run.label = std::move(label);
    run.scenario = scenario;
    run.stepTimeS = steps.medianS;
    run.stepTimeSpreadS = steps.iqrS;
    run.stepsUsed = steps.used;
    run.stepsSkipped = steps.warmupSkipped + steps.disturbedSkipped;
    for (const ScenarioKey field : provenanceFields()) {
        const char *source = m_logLines.count(field)   ? kFromLog
                             : m_defaults.count(field) ? kFromDefault
                                                       : kFromScenario;
        run.provenance.emplace_back(keyPath(field), source);
    }
    return run;
}

} // namespace importing

namespace {

using namespace importing;

enum class Format
{
    Unknown,
    Megatron,
    Torchtitan,
    Nanogpt,
    Csv
};

bool isCsvHeader(std::string_view line)
{
    line = trim(line);
    if (line.find(',') == std::string_view::npos)
        return false;
    return startsWith(line, "label,") || startsWith(line, "\"label\",") ||
           line.find("measured.") != std::string_view::npos;
}

Format detectTextFormat(const std::vector<Line> &lines, std::string_view fileName)
{
    bool megatron = false, torchtitan = false, nanogpt = false;
    std::string_view firstContent;
    for (const Line &l : lines) {
        const std::string_view t = l.text;
        if (firstContent.empty() && !trim(t).empty() && !startsWith(trim(t), "#"))
            firstContent = t;
        if (t.find("elapsed time per iteration (ms)") != std::string_view::npos ||
            t.find("------ arguments ------") != std::string_view::npos ||
            t.find("end of arguments") != std::string_view::npos)
            megatron = true;
        else if (((t.find("tps:") != std::string_view::npos ||
                   t.find("wps:") != std::string_view::npos) &&
                  t.find("step:") != std::string_view::npos) ||
                 t.find("[titan]") != std::string_view::npos)
            torchtitan = true;
        else if ((startsWith(trim(t), "iter ") && t.find(": loss ") != std::string_view::npos) ||
                 t.find("tokens per iteration will be:") != std::string_view::npos)
            nanogpt = true;
    }
    if (megatron)
        return Format::Megatron;
    if (torchtitan)
        return Format::Torchtitan;
    if (nanogpt)
        return Format::Nanogpt;
    std::string lowerName(fileName);
    std::transform(lowerName.begin(), lowerName.end(), lowerName.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    if (endsWith(lowerName, ".csv") || isCsvHeader(firstContent))
        return Format::Csv;
    return Format::Unknown;
}

Result<ImportResult> importText(std::string_view text, std::string_view fileName,
                                const engine::Scenario &current, const PresetLibrary &presets)
{
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        failAt(1, "empty file: expected benchmark timings (benchmarks@1 JSON or CSV, a "
                  "Megatron-LM, torchtitan or nanoGPT log, or a trainer_state.json)");
    // Both JSON formats are objects; a leading '[' is a log ("[rank0]:[titan] …").
    if (text[first] == '{') {
        // The two are told apart by their members, which only a parse can see; a parse error
        // (truncated, not JSON at all) names its line either way.
        const nlohmann::json doc = parseJsonText(text);
        if (doc.is_object() && doc.contains("log_history") && !doc.contains("schema"))
            return parseHfTrainerState(text, fileName, current);
        return parseBenchmarksJson(text, fileName, current, presets);
    }
    const std::vector<Line> lines = splitLines(text);
    switch (detectTextFormat(lines, fileName)) {
    case Format::Megatron: return parseMegatronLog(text, fileName, current, presets);
    case Format::Torchtitan: return parseTorchtitanLog(text, fileName, current, presets);
    case Format::Nanogpt: return parseNanogptLog(text, fileName, current);
    case Format::Csv: return parseBenchmarksCsv(text, fileName, current, presets);
    case Format::Unknown: break;
    }
    failAt(lines.empty() ? 1 : lines.front().number,
           "unrecognised format: expected mfu-explorer/benchmarks@1 JSON or CSV (a header with "
           "label and measured.* columns), a Megatron-LM log (\"elapsed time per iteration "
           "(ms)\"), a torchtitan log (\"step: … tps: …\"), a nanoGPT log (\"iter N: loss …\") "
           "or a Hugging Face trainer_state.json");
}

// Where the run's hardware and GPU count came from, when the current scenario gave them: the
// likelier culprit of an impossible MFU than the log's own figure.
std::string scenarioSuppliedHint(const ImportedRun &run)
{
    std::vector<std::string> supplied;
    for (const auto &[field, source] : run.provenance)
        if (source == kFromScenario && field == keyPath(K::Hardware))
            supplied.push_back("the hardware");
        else if (source == kFromScenario && field == keyPath(K::Dp))
            supplied.push_back("the GPU count");
    if (supplied.empty())
        return {};
    const bool both = supplied.size() == 2;
    return "; " + (both ? supplied[0] + " and " + supplied[1] : supplied[0]) +
           (both ? " come" : " comes") + " from the current scenario, as the file does not say";
}

// A run whose measured figure implies MFU above 100% cannot have run as described: the figure,
// the GPU count or the hardware is wrong, and its MFU and error would mislead every table and
// fit it joins. It is left out with a note that says why, and the other runs still import; a
// file that leaves no run at all is an error, as an empty one is.
void skipImpossibleRuns(ImportResult &result)
{
    std::vector<ImportedRun> kept;
    kept.reserve(result.runs.size());
    std::optional<Error> first;
    std::size_t skipped = 0;
    for (ImportedRun &run : result.runs) {
        const engine::Scenario &sc = run.scenario;
        auto error = engine::impossibleMeasuredMfu(sc, engine::modelFlopsPerStep(sc),
                                                   engine::hardwareFlopsPerStep(sc));
        if (!error) {
            kept.push_back(std::move(run));
            continue;
        }
        const std::string why = error->message + scenarioSuppliedHint(run);
        result.notes.push_back("run \"" + run.label + "\" skipped: " + error->field + " " + why);
        error->message = "run \"" + run.label + "\": " + why;
        if (!first)
            first = std::move(error);
        ++skipped;
    }
    if (kept.empty() && first) {
        if (skipped == 2)
            first->message += " (as does the other run)";
        else if (skipped > 2)
            first->message += " (as do the other " + std::to_string(skipped - 1) + " runs)";
        throw InputError(first->field, first->message);
    }
    result.runs = std::move(kept);
}

} // namespace

Result<ImportResult> importBenchmarks(std::string_view text, std::string_view fileName,
                                      const engine::Scenario &current, const PresetLibrary &presets)
{
    return catchInputError<ImportResult>([&]() -> Result<ImportResult> {
        rejectBinary(text);
        // A UTF-8 byte-order mark, as spreadsheet programs write before CSV.
        if (startsWith(text, "\xEF\xBB\xBF"))
            text.remove_prefix(3);
        auto result = importText(text, fileName, current, presets);
        if (result)
            skipImpossibleRuns(result.value());
        return result;
    });
}

} // namespace mfu::io
