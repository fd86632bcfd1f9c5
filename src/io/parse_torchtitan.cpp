// torchtitan training logs. The metrics line, every log_freq steps (and at step 1):
//   [rank0]:[titan] 2025-01-15 09:14:02,871 - root - INFO - step: 10  loss:  9.8214
//   memory: 61.83GiB(65.08%)  tps: 5,742  tflops: 332.54  mfu: 33.62%
// (coloured with ANSI escapes unless colours are off). `tps` (`wps` in 2024's first releases) is
// tokens per second per device,
// averaged since the previous metrics line. The model, the mesh and the batch come from the
// start-up lines ("Building llama3 8B with ModelArgs(…)", "Building 1-D device mesh with
// ['dp_shard'], [8]", "… local batch size 2, global batch size 16, sequence length 8192 …").
// The stack comes from the lines that switch its parts on ("Float8 training active with recipe
// rowwise", "Applied Async Tensor Parallelism to the model", "Compiling each TransformerBlock
// with torch.compile") and from the configuration dump print_args/print_config adds.

#include "benchmark_parsers.h"
#include "input_error.h"
#include "engine/validate.h"

#include <cmath>

namespace mfu::io {

using engine::Error;
using engine::Result;
using namespace importing;

namespace {

constexpr std::int64_t kMaxValue = 1'000'000'000;

// The stack a log that states any part of it starts from.
constexpr std::string_view kSoftwarePreset = "torchtitan-2025";

// torchrun's --tee prefixes every line of a rank's output, a dump's continuation lines too:
// "[rank0]:", "[default0]:".
std::string_view withoutRankPrefix(std::string_view s)
{
    const auto close = s.find("]:");
    if (startsWith(s, "[") && close != std::string_view::npos && close < 24)
        return s.substr(close + 2);
    return s;
}

// One setting of a configuration dump: a scalar as printed (a string without its quotes;
// JSON's true, false, null as Python's True, False, None), or a list's whole text.
struct Setting
{
    std::string value;
    std::size_t line = 0;
};

// torchtitan's configuration dump: "Running with args: {'job': {…}, …}" (job.print_args, 2025,
// a Python dict on one line) or "Running with configs: …" (print_config: the same dict, or
// JSON over many lines). Every setting by its dotted path ("compile.enable"); lists are kept
// whole, as their text. A dump has a few hundred settings two levels deep: beyond the limits
// below a file is no dump, and what it holds there is not kept.
class ConfigDump
{
    static constexpr std::size_t kMaxDepth = 8;
    static constexpr std::size_t kMaxPath = 256;
    static constexpr std::size_t kMaxSettings = 10'000;

public:
    // Reads the next piece of the dump, from its opening brace on; false once the outermost
    // brace has closed.
    bool feed(std::string_view text, std::size_t line)
    {
        std::size_t i = 0;
        while (i < text.size()) {
            if (m_listDepth > 0) {
                i = readList(text, i);
                continue;
            }
            const char c = text[i];
            if (c == '{') {
                if (m_open > 0)
                    m_keys.push_back(m_key);
                ++m_open;
                endValue();
                ++i;
            } else if (c == '}') {
                if (--m_open <= 0)
                    return false;
                m_keys.pop_back();
                endValue();
                ++i;
            } else if (m_open == 0) {
                return false; // not a dump
            } else if (c == ',') {
                endValue();
                ++i;
            } else if (c == ':') {
                m_expectValue = true;
                ++i;
            } else if (c == '[') {
                m_listText.clear();
                m_listLine = line;
                i = readList(text, i);
            } else if (c == '\'' || c == '"') {
                i = readString(text, i, line);
            } else if (c == ' ' || c == '\t') {
                ++i;
            } else {
                i = readScalar(text, i, line);
            }
        }
        if (m_listDepth > 0)
            m_listText += ' ';
        return m_open > 0;
    }

    const Setting *find(const std::string &path) const
    {
        const auto it = m_settings.find(path);
        return it == m_settings.end() ? nullptr : &it->second;
    }

private:
    void endValue()
    {
        m_key.clear();
        m_expectValue = false;
    }

    void record(std::string value, std::size_t line)
    {
        if (!m_expectValue)
            return;
        if (m_keys.size() <= kMaxDepth && m_settings.size() < kMaxSettings) {
            std::size_t length = m_key.size();
            for (const std::string &key : m_keys)
                length += key.size() + 1;
            if (length <= kMaxPath) {
                std::string path;
                for (const std::string &key : m_keys)
                    path += key + ".";
                m_settings[path + m_key] = {std::move(value), line};
            }
        }
        endValue();
    }

    std::size_t readString(std::string_view text, std::size_t i, std::size_t line)
    {
        const char quote = text[i];
        std::size_t j = i + 1;
        while (j < text.size() && text[j] != quote)
            j += text[j] == '\\' ? 2 : 1;
        j = std::min(j, text.size());
        std::string content(text.substr(i + 1, j - i - 1));
        if (m_expectValue)
            record(std::move(content), line);
        else
            m_key = std::move(content);
        return std::min(j + 1, text.size());
    }

    // True, 8192, 1e-05, torch.bfloat16, PosixPath('outputs'): up to the next ',' or '}'
    // outside brackets and quotes.
    std::size_t readScalar(std::string_view text, std::size_t i, std::size_t line)
    {
        std::size_t j = i;
        int depth = 0;
        char quote = 0;
        for (; j < text.size(); ++j) {
            const char c = text[j];
            if (quote) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[') {
                ++depth;
            } else if ((c == ')' || c == ']') && depth > 0) {
                --depth;
            } else if (depth == 0 && (c == ',' || c == '}')) {
                break;
            }
        }
        std::string value(trim(text.substr(i, j - i)));
        if (value == "true")
            value = "True";
        else if (value == "false")
            value = "False";
        else if (value == "null")
            value = "None";
        record(std::move(value), line);
        return j;
    }

    // A list, over as many lines as it takes: its text up to the matching ']'.
    std::size_t readList(std::string_view text, std::size_t i)
    {
        for (; i < text.size(); ++i) {
            const char c = text[i];
            m_listText += c;
            if (m_listQuote) {
                m_listQuote = c == m_listQuote ? 0 : m_listQuote;
            } else if (c == '\'' || c == '"') {
                m_listQuote = c;
            } else if (c == '[') {
                ++m_listDepth;
            } else if (c == ']' && --m_listDepth == 0) {
                record(std::move(m_listText), m_listLine);
                m_listText.clear();
                return i + 1;
            }
        }
        return i;
    }

    std::map<std::string, Setting> m_settings;
    std::vector<std::string> m_keys; // the keys of the dicts open inside the outermost one
    int m_open = 0;
    std::string m_key;
    bool m_expectValue = false;
    int m_listDepth = 0;
    char m_listQuote = 0;
    std::string m_listText;
    std::size_t m_listLine = 0;
};

// The token after `label` where `label` starts a word ("tps:" but not "per_device_tps:").
std::optional<std::string_view> tokenAfter(std::string_view line, std::string_view label)
{
    std::size_t from = 0;
    while (true) {
        const auto at = line.find(label, from);
        if (at == std::string_view::npos)
            return std::nullopt;
        if (at == 0 || line[at - 1] == ' ' || line[at - 1] == '\t' || line[at - 1] == '-') {
            std::string_view rest = line.substr(at + label.size());
            const auto start = rest.find_first_not_of(' ');
            if (start == std::string_view::npos)
                return std::string_view();
            rest = rest.substr(start);
            return rest.substr(0, rest.find_first_of(" \t"));
        }
        from = at + 1;
    }
}

// "name N" inside a sentence ("global batch size 16,"): the count after `label`.
std::optional<std::int64_t> countAfter(std::string_view line, std::string_view label,
                                       std::size_t number)
{
    const auto at = line.find(label);
    if (at == std::string_view::npos)
        return std::nullopt;
    std::string_view rest = trim(line.substr(at + label.size()));
    rest = rest.substr(0, rest.find_first_of(", )("));
    const auto v = parseGroupedNumber(rest);
    if (!v || *v < 1 || *v > double(kMaxValue) || *v != std::floor(*v))
        failAt(number, "expected a whole number after " + shown(label) + ", found " + shown(rest));
    return std::int64_t(*v);
}

// The members of "ModelArgs(dim=4096, n_layers=32, …)", nested brackets and quotes respected.
std::map<std::string, std::string> modelArgs(std::string_view text)
{
    std::map<std::string, std::string> out;
    int depth = 0;
    char quote = 0;
    std::string piece;
    auto flush = [&] {
        const auto eq = piece.find('=');
        if (eq != std::string::npos)
            out[std::string(trim(std::string_view(piece).substr(0, eq)))] =
                std::string(trim(std::string_view(piece).substr(eq + 1)));
        piece.clear();
    };
    for (char c : text) {
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '(' || c == '[' || c == '{') {
            ++depth;
        } else if (c == ')' || c == ']' || c == '}') {
            if (depth == 0)
                break;
            --depth;
        } else if (c == ',' && depth == 0) {
            flush();
            continue;
        }
        piece += c;
    }
    flush();
    return out;
}

// The items of a Python list "['dp_shard', 'tp']" or "[4, 2]", quotes removed.
std::vector<std::string> pythonList(std::string_view text)
{
    std::vector<std::string> items;
    for (std::string_view rest = text; !rest.empty();) {
        const auto comma = rest.find(',');
        std::string_view item = trim(rest.substr(0, comma));
        if (item.size() >= 2 && (item.front() == '\'' || item.front() == '"'))
            item = item.substr(1, item.size() - 2);
        if (!item.empty())
            items.emplace_back(item);
        if (comma == std::string_view::npos)
            break;
        rest = rest.substr(comma + 1);
    }
    return items;
}

class TorchtitanParser
{
public:
    TorchtitanParser(std::string_view fileName, const engine::Scenario &current,
                     const PresetLibrary &presets)
        : m_fileName(fileName), m_run(current), m_presets(presets)
    {
    }

    ImportResult parse(std::string_view text)
    {
        const std::vector<Line> lines = splitLines(text);
        for (const Line &raw : lines) {
            const std::string clean = stripAnsi(raw.text);
            const Line l{raw.number, clean};
            const std::string_view t = l.text;
            if (m_configOpen && !isLogRecord(t)) {
                m_configOpen = m_config.feed(withoutRankPrefix(t), l.number);
                continue;
            }
            m_configOpen = false; // a new record: the dump was cut short
            if (const auto dump = configStart(t))
                m_configOpen = m_config.feed(t.substr(*dump), l.number);
            else if ((t.find("tps:") != std::string_view::npos ||
                      t.find("wps:") != std::string_view::npos) &&
                     tokenAfter(t, "step:") && t.find("evaluation") == std::string_view::npos &&
                     t.find("validat") == std::string_view::npos)
                readStep(l);
            else if (t.find("device mesh with") != std::string_view::npos)
                readMesh(l);
            else if (t.find("ModelArgs(") != std::string_view::npos)
                readModel(l);
            else if (t.find("global batch size") != std::string_view::npos ||
                     t.find("local batch size") != std::string_view::npos)
                readBatch(l);
            else if (t.find("activation checkpointing to the model") != std::string_view::npos)
                readRecompute(l);
            else if (t.find("Tensor Parallelism to the model") != std::string_view::npos)
                m_tpLine = {t.find("Async ") != std::string_view::npos, l.number};
            else if (t.find("Async TP is enabled") != std::string_view::npos)
                m_asyncTpLine = l.number;
            else if (t.find("each TransformerBlock with torch.compile") != std::string_view::npos)
                m_compileLine = l.number;
            else if (isLowPrecisionLine(t) && m_fp8Line == 0)
                readLowPrecision(l);
            else if (t.find("Swapped to Float8Linear") != std::string_view::npos)
                readFloat8Swap(l);
            else if (t.find("Applied FSDP") != std::string_view::npos)
                m_fsdpLine = l.number;
            else if (t.find("#words") != std::string_view::npos)
                m_tokenizerVocab = countAfter(t, "#words", l.number);
        }
        if (m_steps.empty())
            failAt(lines.empty() ? 1 : lines.back().number,
                   "end of log: no metrics line (\"step: N … tps: …\"); the run logged no "
                   "timed step");
        return finish();
    }

private:
    struct Step
    {
        std::size_t line = 0;
        double tps = 0; // tokens per second per device
        std::optional<double> tflops;
        std::optional<double> mfuPercent;
    };

    void readStep(const Line &l)
    {
        if (m_steps.size() >= kMaxImportRuns)
            failAt(l.number, "more than " + std::to_string(kMaxImportRuns) + " metrics lines");
        Step s;
        s.line = l.number;
        // Forks that print the job's total "tps" also print "per_device_tps", the one we want;
        // torchtitan before mid-2024 called the same per-device figure "wps".
        auto tps = tokenAfter(l.text, "per_device_tps:");
        if (!tps)
            tps = tokenAfter(l.text, "tps:");
        if (!tps)
            tps = tokenAfter(l.text, "wps:");
        const auto value = tps ? parseGroupedNumber(*tps) : std::nullopt;
        if (!value || *value <= 0)
            failAt(l.number, "expected a positive number of tokens per second after \"tps:\", "
                             "found " +
                                 shown(tps.value_or("")));
        s.tps = *value;
        if (auto tflops = tokenAfter(l.text, "tflops:")) {
            s.tflops = parseGroupedNumber(*tflops);
            if (!s.tflops)
                failAt(l.number, "expected a number after \"tflops:\", found " + shown(*tflops));
        }
        if (auto mfu = tokenAfter(l.text, "mfu:")) {
            std::string_view v = *mfu;
            if (endsWith(v, "%"))
                v.remove_suffix(1);
            s.mfuPercent = parseNumber(v);
            if (!s.mfuPercent)
                failAt(l.number, "expected a percentage after \"mfu:\", found " + shown(*mfu));
        }
        m_steps.push_back(s);
    }

    void readMesh(const Line &l)
    {
        const std::string_view t = l.text;
        const auto namesOpen = t.find('[', t.find("device mesh with"));
        const auto namesClose =
            t.find(']', namesOpen == std::string_view::npos ? t.size() : namesOpen);
        const auto dimsOpen =
            t.find('[', namesClose == std::string_view::npos ? t.size() : namesClose);
        const auto dimsClose =
            t.find(']', dimsOpen == std::string_view::npos ? t.size() : dimsOpen);
        if (namesOpen == std::string_view::npos || namesClose == std::string_view::npos ||
            dimsOpen == std::string_view::npos || dimsClose == std::string_view::npos)
            failAt(l.number, "expected \"device mesh with [names], [sizes]\"");
        const auto names = pythonList(t.substr(namesOpen + 1, namesClose - namesOpen - 1));
        const auto dims = pythonList(t.substr(dimsOpen + 1, dimsClose - dimsOpen - 1));
        if (names.size() != dims.size())
            failAt(l.number, "expected as many mesh sizes as names, found " +
                                 std::to_string(names.size()) + " names and " +
                                 std::to_string(dims.size()) + " sizes");
        Mesh mesh;
        mesh.line = l.number;
        double gpus = 1;
        for (std::size_t i = 0; i < names.size(); ++i) {
            const auto size = parseCount(dims[i]);
            if (!size || *size < 1 || *size > std::int64_t(engine::limits::kMaxParallel))
                failAt(l.number, "expected a mesh size from 1 to 1e7, found " + shown(dims[i]));
            gpus *= double(*size);
            if (names[i] == "tp")
                mesh.tp = *size;
            else if (names[i] == "pp")
                mesh.pp = *size;
            else if (names[i] == "cp")
                mesh.cp = *size;
            else if (names[i] == "dp_replicate")
                mesh.dpReplicate = *size;
            else if (names[i] == "dp_shard" || names[i] == "dp")
                mesh.dpShard = *size;
            else
                failAt(l.number, "unknown mesh dimension " + shown(names[i]) +
                                     " (expected pp, dp_replicate, dp_shard, dp, cp or tp)");
        }
        if (gpus > engine::limits::kMaxParallel)
            failAt(l.number, "expected at most 1e7 GPUs in the mesh");
        m_mesh = mesh;
    }

    void readModel(const Line &l)
    {
        const std::string_view t = l.text;
        const auto open = t.find("ModelArgs(");
        m_modelArgs = modelArgs(t.substr(open + 10));
        m_modelLine = l.number;
        const auto with = t.find(" with ");
        const auto building = t.find("Building ");
        if (building != std::string_view::npos && with != std::string_view::npos && with > building)
            m_modelName = std::string(t.substr(building + 9, with - building - 9));
    }

    void readBatch(const Line &l)
    {
        if (auto v = countAfter(l.text, "local batch size", l.number))
            m_localBatch = {*v, l.number};
        if (auto v = countAfter(l.text, "global batch size", l.number))
            m_globalBatch = {*v, l.number};
        if (auto v = countAfter(l.text, "sequence length", l.number))
            m_seqLen = {*v, l.number};
    }

    void readRecompute(const Line &l)
    {
        const std::string_view t = l.text;
        m_recompute = t.find("full activation") != std::string_view::npos
                          ? engine::Recompute::Full
                          : engine::Recompute::Selective;
        m_recomputeLine = l.number;
    }

    // A line torchtitan's logger starts: the end of a dump spread over lines.
    static bool isLogRecord(std::string_view t)
    {
        return t.find("[titan]") != std::string_view::npos ||
               t.find(" - INFO - ") != std::string_view::npos;
    }

    // Where the configuration dump's dict starts in `t`, if `t` starts one.
    static std::optional<std::size_t> configStart(std::string_view t)
    {
        for (std::string_view label : {"Running with args:", "Running with configs:"}) {
            const auto at = t.find(label);
            const auto brace = at == std::string_view::npos ? at : t.find('{', at);
            if (brace != std::string_view::npos)
                return brace;
        }
        return std::nullopt;
    }

    // The converters' announcements: "Float8 training active" (2024), "Float8 tensorwise
    // scaled training active", "Float8 training active with recipe rowwise", "MX training
    // active with recipe mxfp8_cublas". Not the warning that float8 needs SM89.
    static bool isLowPrecisionLine(std::string_view t)
    {
        return (t.find("Float8") != std::string_view::npos &&
                t.find("training active") != std::string_view::npos) ||
               t.find("MX training active") != std::string_view::npos;
    }

    void readLowPrecision(const Line &l)
    {
        const std::string_view t = l.text;
        m_fp8Line = l.number;
        m_precision = engine::Precision::Fp8;
        const auto with = t.find("with recipe ");
        if (with != std::string_view::npos) {
            const std::string_view rest = trim(t.substr(with + 12));
            m_fp8Recipe = std::string(rest.substr(0, rest.find_first_of(" \t")));
        } else if (t.find("tensorwise") != std::string_view::npos) {
            m_fp8Recipe = "tensorwise";
        }
        // MXFP8 scales blocks of 32 in the tensor cores: a precision of its own.
        if (t.find("MX training active") != std::string_view::npos ||
            startsWith(m_fp8Recipe, "mxfp8"))
            m_precision = engine::Precision::Mxfp8;
    }

    // "Swapped to Float8Linear layers with enable_fsdp_float8_all_gather=True": FSDP gathers
    // the weights in FP8 (tensorwise recipes, sharded data parallelism only).
    void readFloat8Swap(const Line &l)
    {
        if (m_fp8Line == 0) { // before the "training active" line existed (mid-2024)
            m_fp8Line = l.number;
            m_precision = engine::Precision::Fp8;
        }
        const auto v = tokenAfter(l.text, "enable_fsdp_float8_all_gather=");
        if (!v)
            return;
        if (*v != "True" && *v != "False")
            failAt(l.number,
                   "enable_fsdp_float8_all_gather: expected True or False, found " + shown(*v));
        m_fp8Gather = {*v == "True", l.number};
    }

    std::int64_t modelCount(const char *key, std::int64_t min) const
    {
        const auto it = m_modelArgs.find(key);
        const auto v = it == m_modelArgs.end() ? std::nullopt : parseCount(it->second);
        if (!v || *v < min || *v > kMaxValue)
            failAt(m_modelLine, std::string("ModelArgs: expected ") + key + " from " +
                                    std::to_string(min) + " to 1e9, found " +
                                    shown(it == m_modelArgs.end() ? "nothing" : it->second));
        return *v;
    }

    void applyModel()
    {
        if (m_modelArgs.empty())
            return;
        engine::Scenario &sc = m_run.scenario;
        engine::ModelShape &m = sc.model;
        sc.modelPreset.clear();
        m.family = "llama";
        m.gatedMlp = true;
        m.tiedEmbeddings = false;
        m.bias = false;
        m.norm = engine::NormKind::RmsNorm;
        m.maxPositions = 0;
        m.dropout = false;
        m_run.fromLog(K::ModelArchitecture, m_modelLine);
        m.hidden = modelCount("dim", 1);
        m.layers = modelCount("n_layers", 1);
        m.heads = modelCount("n_heads", 1);
        const auto kv = m_modelArgs.find("n_kv_heads");
        m.kvHeads =
            kv == m_modelArgs.end() || kv->second == "None" ? m.heads : modelCount("n_kv_heads", 1);
        if (m.hidden % m.heads != 0)
            failAt(m_modelLine, "ModelArgs: n_heads (" + std::to_string(m.heads) +
                                    ") does not divide dim (" + std::to_string(m.hidden) + ")");
        m.headDim = m.hidden / m.heads;
        // Llama's FFN width: 2/3 of 4·dim, scaled by ffn_dim_multiplier, rounded up to a
        // multiple of multiple_of (torchtitan's and Meta's FeedForward).
        std::int64_t ffn = 2 * (4 * m.hidden) / 3;
        if (auto it = m_modelArgs.find("ffn_dim_multiplier");
            it != m_modelArgs.end() && it->second != "None") {
            const auto multiplier = parseNumber(it->second);
            if (!multiplier || *multiplier <= 0 || *multiplier > 100)
                failAt(m_modelLine, "ModelArgs: expected ffn_dim_multiplier from 0 to 100, found " +
                                        shown(it->second));
            ffn = std::int64_t(*multiplier * double(ffn));
        }
        const std::int64_t multipleOf =
            m_modelArgs.count("multiple_of") ? modelCount("multiple_of", 1) : 256;
        m.ffnHidden = multipleOf * ((ffn + multipleOf - 1) / multipleOf);
        const auto vocab = m_modelArgs.find("vocab_size");
        const auto vocabValue =
            vocab == m_modelArgs.end() ? std::nullopt : parseCount(vocab->second);
        if (vocabValue && *vocabValue >= 1 && *vocabValue <= kMaxValue)
            m.vocab = *vocabValue;
        else if (m_tokenizerVocab)
            m.vocab = *m_tokenizerVocab;
        else
            failAt(m_modelLine, "ModelArgs: expected a vocab_size, found " +
                                    shown(vocab == m_modelArgs.end() ? "nothing" : vocab->second));
        for (ScenarioKey field :
             {K::Layers, K::Hidden, K::Heads, K::KvHeads, K::FfnHidden, K::Vocab})
            m_run.fromLog(field, m_modelLine);
    }

    void applyLayout()
    {
        engine::Scenario &sc = m_run.scenario;
        engine::Parallel &p = sc.parallel;
        if (m_mesh) {
            p.tp = m_mesh->tp;
            p.pp = m_mesh->pp;
            p.cp = m_mesh->cp;
            p.dp = m_mesh->dpShard * m_mesh->dpReplicate;
            p.vpp = 1;
            // torchtitan's tensor parallelism shards the norms and dropout along the sequence.
            p.sequenceParallel = m_mesh->tp > 1;
            p.zero = m_mesh->dpShard > 1 ? 3 : 0; // dp_shard is FSDP2; dp_replicate is DDP
            for (ScenarioKey field :
                 {K::Tp, K::Pp, K::Cp, K::Dp, K::Vpp, K::SequenceParallel, K::Zero})
                m_run.fromLog(field, m_mesh->line);
        } else if (m_fsdpLine) {
            p.zero = 3;
            m_run.fromLog(K::Zero, m_fsdpLine);
        }
        engine::Batch &b = sc.batch;
        if (m_localBatch) {
            b.microBatch = m_localBatch->first;
            m_run.fromLog(K::MicroBatch, m_localBatch->second);
        }
        if (m_globalBatch) {
            b.globalBatch = m_globalBatch->first;
            m_run.fromLog(K::GlobalBatch, m_globalBatch->second);
        } else if (m_localBatch && m_mesh) {
            b.globalBatch = m_localBatch->first * p.dp;
            m_run.fromLog(K::GlobalBatch, m_localBatch->second);
        }
        if (m_seqLen) {
            b.seqLen = m_seqLen->first;
            m_run.fromLog(K::SeqLen, m_seqLen->second);
        }
        // Without these lines torchtitan ran its defaults: no activation checkpointing, BF16.
        sc.recompute = m_recompute;
        m_run.fromLog(K::Recompute, m_recomputeLine);
        sc.precision = m_precision;
        m_run.fromLog(K::Precision, m_fp8Line);
    }

    // The parts of the stack the log states, over the torchtitan-2025 stack.
    void applySoftware()
    {
        StatedSoftware s;
        stateCompile(s);
        stateAsyncTp(s);
        stateFloat8(s);
        m_run.applySoftware(s, m_presets.software(kSoftwarePreset));
    }

    std::optional<bool> configFlag(const std::string &path) const
    {
        const Setting *setting = m_config.find(path);
        if (!setting || setting->value == "None")
            return std::nullopt;
        if (setting->value == "True")
            return true;
        if (setting->value == "False")
            return false;
        failAt(setting->line, path + ": expected True or False, found " + shown(setting->value));
    }

    // torch.compile fuses each block's norms, activation and rotary embedding into a few
    // kernels; eager PyTorch runs one per operator. The dump says compile.enable with the
    // components compiled (since August 2025), training.compile before.
    void stateCompile(StatedSoftware &s) const
    {
        std::optional<bool> compiled;
        std::size_t line = m_compileLine;
        if (m_compileLine) {
            compiled = true;
        } else if (const auto enable = configFlag("compile.enable")) {
            const Setting *components = m_config.find("compile.components");
            compiled =
                *enable && (!components || components->value.find("model") != std::string::npos);
            line = m_config.find("compile.enable")->line;
        } else if (const auto legacy = configFlag("training.compile")) {
            compiled = *legacy;
            line = m_config.find("training.compile")->line;
        }
        if (!compiled)
            return;
        s.values.elementwise =
            *compiled ? engine::ElementwiseKernels::Fused : engine::ElementwiseKernels::Eager;
        s.lines[K::Elementwise] = line;
    }

    // Async TP (symmetric memory, Inductor's micro-pipelining) splits each tensor-parallel
    // collective into chunks that run beside the GEMM. Without tensor parallelism the switch
    // says nothing about the stack.
    void stateAsyncTp(StatedSoftware &s) const
    {
        if (m_run.scenario.parallel.tp <= 1)
            return;
        std::optional<bool> async;
        std::size_t line = 0;
        if (m_asyncTpLine) {
            async = true;
            line = m_asyncTpLine;
        } else if (m_tpLine) {
            async = m_tpLine->first;
            line = m_tpLine->second;
        } else {
            // In compile since 2026, in parallelism before.
            for (const char *path : {"compile.enable_async_tensor_parallel",
                                     "parallelism.enable_async_tensor_parallel"}) {
                async = configFlag(path);
                if (async) {
                    line = m_config.find(path)->line;
                    break;
                }
            }
        }
        if (!async)
            return;
        s.values.tpOverlap = *async ? engine::TpOverlap::Pipelined : engine::TpOverlap::None;
        s.lines[K::TpCommOverlap] = line;
    }

    // Under FP8 only: the recipe the converter's line names, else the dump's, else torchao's
    // default (per-tensor scales of the current step); whether FSDP gathers the weights in FP8.
    void stateFloat8(StatedSoftware &s) const
    {
        if (m_precision != engine::Precision::Fp8)
            return;
        std::string recipe = m_fp8Recipe;
        std::size_t line = m_fp8Line;
        if (const Setting *name = m_config.find("float8.recipe_name");
            recipe.empty() && name && name->value != "None") {
            recipe = name->value;
            line = name->line;
        }
        if (recipe.empty() || recipe == "tensorwise")
            s.values.fp8Recipe = engine::Fp8Recipe::Tensorwise;
        else if (recipe == "rowwise" || recipe == "rowwise_with_gw_hp")
            s.values.fp8Recipe = engine::Fp8Recipe::Rowwise;
        else
            failAt(line, "Float8 recipe: expected tensorwise, rowwise, rowwise_with_gw_hp or "
                         "mxfp8, found " +
                             shown(recipe));
        s.lines[K::Fp8Recipe] = line;
        if (m_fp8Gather) {
            s.values.fp8ParamGather = m_fp8Gather->first;
            s.lines[K::Fp8ParamGather] = m_fp8Gather->second;
        } else if (const auto gather = configFlag("float8.enable_fsdp_float8_all_gather")) {
            // torchtitan applies it to tensorwise scaling under FSDP only.
            s.values.fp8ParamGather = *gather &&
                                      s.values.fp8Recipe == engine::Fp8Recipe::Tensorwise &&
                                      m_run.scenario.parallel.zero >= 3;
            s.lines[K::Fp8ParamGather] =
                m_config.find("float8.enable_fsdp_float8_all_gather")->line;
        }
    }

    ImportResult finish()
    {
        applyModel();
        applyLayout();
        applySoftware();
        const engine::Scenario &sc = m_run.scenario;
        // tps is per device: the job's tokens per second are tps × GPUs.
        const double tokensPerStep = sc.batch.tokensPerStep();
        const double gpus = sc.parallel.gpus();
        if (!(tokensPerStep > 0) || !(gpus > 0) ||
            tokensPerStep > engine::limits::kMaxTokensPerStep ||
            gpus > engine::limits::kMaxParallel)
            throw InputError("batch", "the batch (" + std::to_string(tokensPerStep) +
                                          " tokens) or the GPU count (" + std::to_string(gpus) +
                                          ") cannot turn tokens per second into a step time");
        std::vector<TimedStep> steps;
        for (const Step &s : m_steps)
            steps.push_back({tokensPerStep / (s.tps * gpus), s.line, false, false});
        const auto summary = summarizeSteps(steps);
        if (!summary)
            failAt(m_steps.back().line, "no timed step left after warm-up");

        ImportResult result;
        result.format = "torchtitan";
        if (!m_modelName.empty())
            result.notes.push_back("model: " + m_modelName);
        result.notes.push_back("warm-up: the first " + std::to_string(summary->warmupSkipped) +
                               " of " + std::to_string(steps.size()) +
                               " metrics lines left out (10 %, at least one)");
        if (!m_mesh)
            result.notes.push_back("no device mesh line: the GPU count comes from the current "
                                   "scenario");
        ImportedRun run = m_run.finish(baseName(m_fileName), *summary);
        const std::size_t warmup = std::size_t(summary->warmupSkipped);
        std::vector<double> tflops, mfu;
        for (std::size_t i = warmup; i < m_steps.size(); ++i) {
            if (m_steps[i].tflops)
                tflops.push_back(*m_steps[i].tflops);
            if (m_steps[i].mfuPercent)
                mfu.push_back(*m_steps[i].mfuPercent / 100.0);
        }
        if (!tflops.empty())
            run.reportedTflopsPerGpu = medianOf(tflops);
        if (!mfu.empty())
            run.reportedMfu = medianOf(mfu);
        result.runs.push_back(std::move(run));
        return result;
    }

    struct Mesh
    {
        std::size_t line = 0;
        std::int64_t tp = 1, pp = 1, cp = 1, dpShard = 1, dpReplicate = 1;
    };

    std::string m_fileName;
    RunBuilder m_run;
    const PresetLibrary &m_presets;
    std::vector<Step> m_steps;
    std::optional<Mesh> m_mesh;
    std::map<std::string, std::string> m_modelArgs;
    std::size_t m_modelLine = 0;
    std::string m_modelName;
    std::optional<std::int64_t> m_tokenizerVocab;
    std::optional<std::pair<std::int64_t, std::size_t>> m_localBatch, m_globalBatch, m_seqLen;
    engine::Recompute m_recompute = engine::Recompute::None;
    std::size_t m_recomputeLine = 0;
    std::size_t m_fp8Line = 0;
    engine::Precision m_precision = engine::Precision::Bf16; // without a converter's line
    std::string m_fp8Recipe;                                 // as the converter's line names it
    std::optional<std::pair<bool, std::size_t>> m_fp8Gather;
    std::size_t m_fsdpLine = 0;
    // "Applied [Float8 tensorwise ][Async ]Tensor Parallelism to the model": async, line.
    std::optional<std::pair<bool, std::size_t>> m_tpLine;
    std::size_t m_asyncTpLine = 0;
    std::size_t m_compileLine = 0;
    ConfigDump m_config;
    bool m_configOpen = false;
};

} // namespace

Result<ImportResult> parseTorchtitanLog(std::string_view text, std::string_view fileName,
                                        const engine::Scenario &current,
                                        const PresetLibrary &presets)
{
    return catchInputError<ImportResult>([&]() -> Result<ImportResult> {
        return TorchtitanParser(fileName, current, presets).parse(text);
    });
}

} // namespace mfu::io
