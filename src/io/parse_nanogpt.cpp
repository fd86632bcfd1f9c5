// nanoGPT training logs (train.py). The configuration is printed as Python assignments
// ("batch_size = 12", "Overriding: max_iters = 200"), then
//   tokens per iteration will be: 491,520
//   iter 10: loss 9.6120, time 498.31ms, mfu 33.95%
// every log_interval iterations. The time is that one iteration's, and includes an evaluation
// or a checkpoint run just before it ("step 100: train loss …", "saving checkpoint to out");
// mfu is -100.00% until the fifth iteration of the process, nanoGPT's own warm-up mark.

#include "benchmark_parsers.h"
#include "input_error.h"
#include "engine/validate.h"

#include <algorithm>
#include <cmath>

namespace mfu::io {

using engine::Error;
using engine::Result;
using namespace importing;

namespace {

constexpr std::int64_t kMaxValue = 1'000'000'000;

struct Setting
{
    std::string value;
    std::size_t line = 0;
};

bool isIdentifier(std::string_view s)
{
    if (s.empty() || (s[0] >= '0' && s[0] <= '9'))
        return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_'))
            return false;
    return true;
}

// "name = value  # comment" → {name, value}.
std::optional<std::pair<std::string, std::string>> assignment(std::string_view line)
{
    line = trim(line);
    if (startsWith(line, "Overriding: "))
        line = trim(line.substr(12));
    const auto eq = line.find('=');
    if (eq == std::string_view::npos)
        return std::nullopt;
    const std::string_view name = trim(line.substr(0, eq));
    if (!isIdentifier(name))
        return std::nullopt;
    std::string_view value = line.substr(eq + 1);
    char quote = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (quote) {
            if (value[i] == quote)
                quote = 0;
        } else if (value[i] == '\'' || value[i] == '"') {
            quote = value[i];
        } else if (value[i] == '#') {
            value = value.substr(0, i);
            break;
        }
    }
    return std::pair{std::string(name), std::string(trim(value))};
}

// The number after `label` up to `unit` ("time 498.31ms" → 498.31).
std::optional<double> numberBetween(std::string_view line, std::string_view label,
                                    std::string_view unit)
{
    const auto at = line.find(label);
    if (at == std::string_view::npos)
        return std::nullopt;
    std::string_view rest = line.substr(at + label.size());
    const auto end = rest.find(unit);
    if (end == std::string_view::npos)
        return std::nullopt;
    return parseNumber(rest.substr(0, end));
}

// GPT-2 checkpoints nanoGPT can start from: layers, heads, width.
struct Gpt2Size
{
    const char *name;
    std::int64_t layers, heads, hidden;
};
constexpr Gpt2Size kGpt2Sizes[] = {
    {"gpt2-medium", 24, 16, 1024},
    {"gpt2-large", 36, 20, 1280},
    {"gpt2-xl", 48, 25, 1600},
    {"gpt2", 12, 12, 768},
};

class NanogptParser
{
public:
    NanogptParser(std::string_view fileName, const engine::Scenario &current)
        : m_fileName(fileName), m_run(current)
    {
    }

    ImportResult parse(std::string_view text)
    {
        const std::vector<Line> lines = splitLines(text);
        bool disturbed = false;
        for (const Line &l : lines) {
            const std::string_view t = trim(l.text);
            if (startsWith(t, "iter ") && t.find(": loss ") != std::string_view::npos) {
                readIteration(l, disturbed);
                disturbed = false;
            } else if ((startsWith(t, "step ") && t.find("train loss") != std::string_view::npos) ||
                       startsWith(t, "saving checkpoint")) {
                disturbed = true;
            } else if (startsWith(t, "tokens per iteration will be:")) {
                const auto v = parseGroupedNumber(t.substr(29));
                if (!v || *v < 1 || *v > engine::limits::kMaxTokensPerStep || *v != std::floor(*v))
                    failAt(l.number, "expected a whole number of tokens per iteration, found " +
                                         shown(trim(t.substr(29))));
                m_tokensPerIter = {std::int64_t(*v), l.number};
            } else if (startsWith(t, "defaulting to vocab_size of GPT-2 to ") ||
                       startsWith(t, "found vocab_size = ")) {
                const std::string_view rest = t.substr(startsWith(t, "found") ? 19 : 37);
                const auto v = parseCount(rest.substr(0, rest.find(' ')));
                if (!v || *v < 1 || *v > kMaxValue)
                    failAt(l.number, "expected a vocabulary size, found " + shown(rest));
                m_vocab = {*v, l.number};
            } else if (startsWith(t, "Initializing from OpenAI GPT-2 weights:")) {
                readPretrained(l, trim(t.substr(39)));
            } else if (auto a = assignment(t)) {
                m_settings[a->first] = {a->second, l.number};
            }
        }
        if (m_steps.empty())
            failAt(lines.empty() ? 1 : lines.back().number,
                   "end of log: no \"iter N: loss …, time … ms\" line; the run logged no timed "
                   "iteration");
        applySettings();
        return finish(lines.back().number);
    }

private:
    void readIteration(const Line &l, bool disturbed)
    {
        if (m_steps.size() >= kMaxImportRuns)
            failAt(l.number, "more than " + std::to_string(kMaxImportRuns) + " iteration lines");
        const auto ms = numberBetween(l.text, "time ", "ms");
        if (!ms || *ms <= 0)
            failAt(l.number, "expected \"time <milliseconds>ms\" with a positive time");
        const auto mfu = numberBetween(l.text, "mfu ", "%");
        TimedStep step;
        step.seconds = *ms / 1000.0;
        step.line = l.number;
        step.disturbed = disturbed;
        // nanoGPT prints -100.00% until it has timed five iterations of this process.
        step.warmup = mfu && *mfu <= -99.995;
        m_steps.push_back(step);
        m_mfuPercent.push_back(mfu);
    }

    void readPretrained(const Line &l, std::string_view name)
    {
        for (const Gpt2Size &size : kGpt2Sizes) {
            if (name == size.name) {
                m_pretrained = size;
                m_pretrainedLine = l.number;
                return;
            }
        }
        failAt(l.number, "unknown GPT-2 checkpoint " + shown(name) +
                             " (expected gpt2, gpt2-medium, gpt2-large or gpt2-xl)");
    }

    const Setting *setting(const char *name) const
    {
        auto it = m_settings.find(name);
        return it == m_settings.end() ? nullptr : &it->second;
    }

    // An integer setting ("40" or "5 * 8"), or `fallback` (nanoGPT's default) when unprinted.
    std::int64_t count(const char *name, std::int64_t fallback, std::optional<ScenarioKey> field)
    {
        const Setting *s = setting(name);
        if (!s) {
            if (field)
                m_run.fromDefault(*field);
            return fallback;
        }
        double product = 1;
        for (std::string_view rest = s->value;;) {
            const auto star = rest.find('*');
            const auto factor = parseCount(rest.substr(0, star));
            if (!factor || *factor < 1)
                failAt(s->line, std::string(name) +
                                    ": expected a whole number (or a product of "
                                    "them), found " +
                                    shown(s->value));
            product *= double(*factor);
            if (star == std::string_view::npos)
                break;
            rest = rest.substr(star + 1);
        }
        if (product > double(kMaxValue))
            failAt(s->line, std::string(name) + ": expected at most 1e9, found " + shown(s->value));
        if (field)
            m_run.fromLog(*field, s->line);
        return std::int64_t(product);
    }

    void applySettings()
    {
        applyModel();
        applyBatch();
        applyLayoutAndPrecision();
    }

    void applyModel()
    {
        engine::Scenario &sc = m_run.scenario;
        engine::ModelShape &m = sc.model;
        sc.modelPreset.clear();
        // nanoGPT's GPT: learned positions, LayerNorm, GeLU MLP of 4·h, tied embeddings.
        m.family = "gpt";
        m.gatedMlp = false;
        m.tiedEmbeddings = true;
        m.norm = engine::NormKind::LayerNorm;
        if (m_pretrained) {
            m.layers = m_pretrained->layers;
            m.heads = m_pretrained->heads;
            m.hidden = m_pretrained->hidden;
            m.vocab = 50257; // the checkpoint's own vocabulary
            m.bias = true;
            for (ScenarioKey field : {K::Layers, K::Heads, K::Hidden, K::Vocab,
                                      K::ModelArchitecture, K::KvHeads, K::FfnHidden})
                m_run.fromLog(field, m_pretrainedLine);
        } else {
            m.layers = count("n_layer", 12, K::Layers);
            m.heads = count("n_head", 12, K::Heads);
            m.hidden = count("n_embd", 768, K::Hidden);
            m.bias = false;
            if (const Setting *bias = setting("bias"))
                m.bias = bias->value == "True";
            m.vocab = m_vocab ? m_vocab->first : 50304; // GPT-2's 50257 rounded up to 64
            if (m_vocab)
                m_run.fromLog(K::Vocab, m_vocab->second);
            else
                m_run.fromDefault(K::Vocab);
            for (ScenarioKey field : {K::ModelArchitecture, K::KvHeads, K::FfnHidden})
                m_run.fromDefault(field);
            if (setting("n_head"))
                m_run.fromLog(K::KvHeads, setting("n_head")->line);
            if (setting("n_embd"))
                m_run.fromLog(K::FfnHidden, setting("n_embd")->line);
        }
        m.kvHeads = m.heads;
        if (m.hidden % m.heads != 0)
            failAt(setting("n_head") ? setting("n_head")->line : m_pretrainedLine,
                   "n_head (" + std::to_string(m.heads) + ") does not divide n_embd (" +
                       std::to_string(m.hidden) + ")");
        m.headDim = m.hidden / m.heads;
        m.ffnHidden = 4 * m.hidden;
        if (const Setting *dropout = setting("dropout")) {
            const auto v = parseNumber(dropout->value);
            if (!v || *v < 0 || *v >= 1)
                failAt(dropout->line,
                       "dropout: expected a number from 0 to 1, found " + shown(dropout->value));
            m.dropout = *v > 0;
        } else {
            m.dropout = false;
        }
    }

    void applyBatch()
    {
        engine::Batch &b = m_run.scenario.batch;
        b.seqLen = count("block_size", 1024, K::SeqLen);
        m_run.scenario.model.maxPositions = b.seqLen;
        b.microBatch = count("batch_size", 12, K::MicroBatch);
        // The tokens line is the job's whole optimizer step (every process); without it the
        // configured accumulation is the total over processes, as train.py divides it by them.
        if (m_tokensPerIter) {
            if (m_tokensPerIter->first % b.seqLen != 0)
                failAt(m_tokensPerIter->second,
                       "tokens per iteration (" + std::to_string(m_tokensPerIter->first) +
                           ") is not a multiple of block_size (" + std::to_string(b.seqLen) + ")");
            b.globalBatch = m_tokensPerIter->first / b.seqLen;
            m_run.fromLog(K::GlobalBatch, m_tokensPerIter->second);
        } else {
            const std::int64_t accumulation =
                count("gradient_accumulation_steps", 40, std::nullopt);
            b.globalBatch = b.microBatch * accumulation;
            if (setting("gradient_accumulation_steps"))
                m_run.fromLog(K::GlobalBatch, setting("gradient_accumulation_steps")->line);
            else
                m_run.fromDefault(K::GlobalBatch);
        }
    }

    void applyLayoutAndPrecision()
    {
        engine::Scenario &sc = m_run.scenario;
        // nanoGPT knows only DDP: every GPU holds the whole model. How many GPUs it ran on the
        // log does not say, so the current scenario's count is kept.
        engine::Parallel &p = sc.parallel;
        const double gpus = p.gpus();
        p = engine::Parallel{};
        p.dp = gpus >= 1 && gpus <= engine::limits::kMaxParallel ? std::int64_t(gpus) : 1;
        for (ScenarioKey field :
             {K::Tp, K::Pp, K::Cp, K::Vpp, K::SequenceParallel, K::Zero, K::Recompute})
            m_run.fromDefault(field);
        sc.recompute = engine::Recompute::None;
        const Setting *dtype = setting("dtype");
        const std::string type = dtype ? dtype->value : "'bfloat16'";
        if (type.find("bfloat16") != std::string::npos)
            sc.precision = engine::Precision::Bf16;
        else if (type.find("float16") != std::string::npos)
            sc.precision = engine::Precision::Fp16;
        else
            m_notes.push_back("dtype " + type +
                              " is not modelled; the scenario's precision is kept");
        if (dtype)
            m_run.fromLog(K::Precision, dtype->line);
        else
            m_run.fromDefault(K::Precision);
    }

    ImportResult finish(std::size_t lastLine)
    {
        const auto summary = summarizeSteps(m_steps);
        if (!summary)
            failAt(lastLine, "only warm-up or evaluation iterations (" +
                                 std::to_string(m_steps.size()) +
                                 " logged, mfu -100.00% or just after an evaluation): no steady "
                                 "iteration to time");
        ImportResult result;
        result.format = "nanogpt";
        result.notes = m_notes;
        const bool marked = std::any_of(m_steps.begin(), m_steps.end(),
                                        [](const TimedStep &s) { return s.warmup; });
        result.notes.push_back(
            "warm-up: " + std::to_string(summary->warmupSkipped) + " of " +
            std::to_string(m_steps.size()) + " logged iterations left out (" +
            (marked ? "those nanoGPT marks with mfu -100.00%" : "10 %, at least one") + ")");
        if (summary->disturbedSkipped > 0)
            result.notes.push_back(std::to_string(summary->disturbedSkipped) +
                                   " iterations left out because an evaluation or a checkpoint "
                                   "ran inside their time");
        result.notes.push_back("the GPU count comes from the current scenario (nanoGPT's log "
                               "does not print it)");
        ImportedRun run = m_run.finish(baseName(m_fileName), *summary);
        std::vector<double> mfu;
        const std::size_t leading = marked ? 0 : defaultWarmupSteps(m_steps.size());
        for (std::size_t i = leading; i < m_steps.size(); ++i)
            if (!m_steps[i].warmup && !m_steps[i].disturbed && m_mfuPercent[i])
                mfu.push_back(*m_mfuPercent[i] / 100.0);
        if (!mfu.empty())
            run.reportedMfu = medianOf(mfu);
        result.runs.push_back(std::move(run));
        return result;
    }

    std::string m_fileName;
    RunBuilder m_run;
    std::map<std::string, Setting> m_settings;
    std::vector<TimedStep> m_steps;
    std::vector<std::optional<double>> m_mfuPercent;
    std::optional<std::pair<std::int64_t, std::size_t>> m_tokensPerIter, m_vocab;
    std::optional<Gpt2Size> m_pretrained;
    std::size_t m_pretrainedLine = 0;
    std::vector<std::string> m_notes;
};

} // namespace

Result<ImportResult> parseNanogptLog(std::string_view text, std::string_view fileName,
                                     const engine::Scenario &current)
{
    return catchInputError<ImportResult>(
        [&]() -> Result<ImportResult> { return NanogptParser(fileName, current).parse(text); });
}

} // namespace mfu::io
