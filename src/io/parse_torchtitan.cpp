// torchtitan training logs. The metrics line, every log_freq steps (and at step 1):
//   [rank0]:[titan] 2025-01-15 09:14:02,871 - root - INFO - step: 10  loss:  9.8214
//   memory: 61.83GiB(65.08%)  tps: 5,742  tflops: 332.54  mfu: 33.62%
// (coloured with ANSI escapes unless colours are off). `tps` (`wps` in 2024's first releases) is
// tokens per second per device,
// averaged since the previous metrics line. The model, the mesh and the batch come from the
// start-up lines ("Building llama3 8B with ModelArgs(…)", "Building 1-D device mesh with
// ['dp_shard'], [8]", "… local batch size 2, global batch size 16, sequence length 8192 …").

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
    TorchtitanParser(std::string_view fileName, const engine::Scenario &current)
        : m_fileName(fileName), m_run(current)
    {
    }

    ImportResult parse(std::string_view text)
    {
        const std::vector<Line> lines = splitLines(text);
        for (const Line &raw : lines) {
            const std::string clean = stripAnsi(raw.text);
            const Line l{raw.number, clean};
            const std::string_view t = l.text;
            if ((t.find("tps:") != std::string_view::npos ||
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
            else if (t.find("Float8") != std::string_view::npos && m_fp8Line == 0)
                m_fp8Line = l.number;
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
        sc.precision = m_fp8Line ? engine::Precision::Fp8 : engine::Precision::Bf16;
        m_run.fromLog(K::Precision, m_fp8Line);
    }

    ImportResult finish()
    {
        applyModel();
        applyLayout();
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
    std::size_t m_fsdpLine = 0;
};

} // namespace

Result<ImportResult> parseTorchtitanLog(std::string_view text, std::string_view fileName,
                                        const engine::Scenario &current, const PresetLibrary &)
{
    return catchInputError<ImportResult>(
        [&]() -> Result<ImportResult> { return TorchtitanParser(fileName, current).parse(text); });
}

} // namespace mfu::io
