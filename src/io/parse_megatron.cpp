// Megatron-LM training logs: the arguments block that Megatron prints at start-up
//   ------------------------ arguments ------------------------
//     num_layers ...................................... 32
//   -------------------- end of arguments ---------------------
// gives the model, the batch and the layout; every log interval prints
//    [2024-05-01 10:02:11] iteration       10/     100 | consumed samples: 5120 |
//    elapsed time per iteration (ms): 3600.0 | throughput per GPU (TFLOP/s/GPU): 419.5 | …
// where the time is the interval's average (evaluation and checkpointing are timed apart).
// Megatron-Core's switches in the arguments (tp_comm_overlap, overlap_grad_reduce,
// attention_backend, fp8_recipe, …) give the training stack. num_experts, moe_*,
// multi_latent_attention and the expert-parallel sizes give a Mixture-of-Experts or MLA model,
// counted as Megatron-Core counts the TFLOP/s it prints (conventions.flops megatron_core).

#include "benchmark_parsers.h"
#include "input_error.h"
#include "engine/validate.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <tuple>

namespace mfu::io {

using engine::Error;
using engine::Result;
using namespace importing;

namespace {

constexpr std::int64_t kMaxArgument = 1'000'000'000;

// The stack a log with Megatron-Core's switches starts from: NVIDIA's current recipes.
constexpr std::string_view kSoftwarePreset = "megatron-core-2025";

struct Arg
{
    std::string value;
    std::size_t line = 0;
};

// Multi-process launchers prefix each line with the rank: "[default0]:", "0: ".
std::string_view stripRankPrefix(std::string_view s)
{
    if (startsWith(s, "[")) {
        const auto close = s.find("]:");
        if (close != std::string_view::npos && close < 24)
            return s.substr(close + 2);
    }
    std::size_t digits = 0;
    while (digits < s.size() && digits < 6 && s[digits] >= '0' && s[digits] <= '9')
        ++digits;
    if (digits > 0 && s.substr(digits, 2) == ": ")
        return s.substr(digits + 2);
    return s;
}

// "  name ....... value" (names of 48 characters or more get no dots).
std::optional<std::pair<std::string, std::string>> argumentLine(std::string_view s)
{
    s = trim(stripRankPrefix(s));
    const auto space = s.find(' ');
    if (space == std::string_view::npos || space == 0)
        return std::nullopt;
    const std::string_view name = s.substr(0, space);
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return std::nullopt;
    std::string_view rest = trim(s.substr(space));
    while (!rest.empty() && rest.front() == '.')
        rest.remove_prefix(1);
    return std::pair{std::string(name), std::string(trim(rest))};
}

// The number after `label` up to the next '|', as Megatron prints "label: value |".
std::optional<double> fieldAfter(std::string_view line, std::string_view label, std::size_t number,
                                 bool required)
{
    const auto at = line.find(label);
    if (at == std::string_view::npos) {
        if (required)
            failAt(number, "expected " + shown(label) + " in an iteration line");
        return std::nullopt;
    }
    std::string_view rest = line.substr(at + label.size());
    rest = rest.substr(0, rest.find('|'));
    const auto v = parseNumber(rest);
    if (!v || *v <= 0)
        failAt(number,
               "expected a positive number after " + shown(label) + ", found " + shown(trim(rest)));
    return v;
}

// A per-layer pattern as Megatron's moe_freq_type reads it (moe_layer_freq,
// window_attn_skip_freq): the list it printed, "[0, 0, 0, 1, 1]", or the Python expression a
// launcher passed, "([0]*3+[1]*58)", "[1,1,1,0]*3". nullopt for anything else, or a pattern
// longer than any model's layers.
class LayerPattern
{
public:
    static std::optional<std::vector<std::int64_t>> parse(std::string_view s)
    {
        LayerPattern p(s);
        auto out = p.sum(0);
        p.skipSpace();
        if (!out || p.m_at != s.size())
            return std::nullopt;
        return out;
    }

private:
    static constexpr std::size_t kMaxLength = std::size_t(engine::limits::kMaxLayers);
    static constexpr int kMaxDepth = 16;

    explicit LayerPattern(std::string_view s) : m_s(s) {}

    void skipSpace()
    {
        while (m_at < m_s.size() && (m_s[m_at] == ' ' || m_s[m_at] == '\t'))
            ++m_at;
    }

    bool eat(char c)
    {
        skipSpace();
        if (m_at < m_s.size() && m_s[m_at] == c) {
            ++m_at;
            return true;
        }
        return false;
    }

    std::optional<std::int64_t> integer()
    {
        skipSpace();
        const std::size_t start = m_at;
        while (m_at < m_s.size() && m_s[m_at] >= '0' && m_s[m_at] <= '9' && m_at - start < 7)
            ++m_at;
        if (m_at == start)
            return std::nullopt;
        return parseCount(m_s.substr(start, m_at - start));
    }

    // sum := product ('+' product)*
    std::optional<std::vector<std::int64_t>> sum(int depth)
    {
        auto out = product(depth);
        while (out && eat('+')) {
            const auto more = product(depth);
            if (!more || out->size() + more->size() > kMaxLength)
                return std::nullopt;
            out->insert(out->end(), more->begin(), more->end());
        }
        return out;
    }

    // product := [integer '*'] atom ('*' integer)*
    std::optional<std::vector<std::int64_t>> product(int depth)
    {
        std::int64_t times = 1;
        skipSpace();
        if (m_at < m_s.size() && m_s[m_at] >= '0' && m_s[m_at] <= '9') {
            const auto n = integer();
            if (!n || !eat('*'))
                return std::nullopt;
            times = *n;
        }
        auto out = atom(depth);
        while (out && eat('*')) {
            const auto n = integer();
            if (!n)
                return std::nullopt;
            times *= *n;
            if (times > std::int64_t(kMaxLength))
                return std::nullopt;
        }
        if (!out || out->size() * std::size_t(times) > kMaxLength)
            return std::nullopt;
        std::vector<std::int64_t> repeated;
        repeated.reserve(out->size() * std::size_t(times));
        for (std::int64_t i = 0; i < times; ++i)
            repeated.insert(repeated.end(), out->begin(), out->end());
        return repeated;
    }

    // atom := '(' sum ')' | '[' [integer (',' integer)*] ']'
    std::optional<std::vector<std::int64_t>> atom(int depth)
    {
        if (depth > kMaxDepth)
            return std::nullopt;
        if (eat('(')) {
            auto out = sum(depth + 1);
            return out && eat(')') ? out : std::nullopt;
        }
        if (!eat('['))
            return std::nullopt;
        std::vector<std::int64_t> out;
        if (eat(']'))
            return out;
        do {
            const auto v = integer();
            if (!v || out.size() >= kMaxLength)
                return std::nullopt;
            out.push_back(*v);
        } while (eat(','));
        return eat(']') ? std::optional(out) : std::nullopt;
    }

    std::string_view m_s;
    std::size_t m_at = 0;
};

class MegatronParser
{
public:
    MegatronParser(std::string_view fileName, const engine::Scenario &current,
                   const PresetLibrary &presets)
        : m_fileName(fileName), m_run(current), m_presets(presets)
    {
    }

    ImportResult parse(std::string_view text)
    {
        const std::vector<Line> lines = splitLines(text);
        bool inArgs = false;
        for (const Line &l : lines) {
            const std::string_view t = l.text;
            if (t.find("end of arguments") != std::string_view::npos) {
                inArgs = false;
            } else if (t.find("------ arguments ------") != std::string_view::npos) {
                inArgs = true;
            } else if (inArgs) {
                if (auto arg = argumentLine(t))
                    m_args[arg->first] = {arg->second, l.number};
            } else if (t.find("elapsed time per iteration (ms):") != std::string_view::npos) {
                readIteration(l);
            } else if (t.find("using world size:") != std::string_view::npos) {
                m_worldLine = l;
            } else if (t.find("padded vocab (size:") != std::string_view::npos) {
                m_paddedVocabLine = l;
            }
        }
        if (m_iterations.empty())
            failAt(lines.empty() ? 1 : lines.back().number,
                   "end of log: no iteration line with \"elapsed time per iteration (ms)\" (the "
                   "run stopped before its first logged interval, or this is not a training log)");
        applyArguments();
        return finish();
    }

private:
    struct Iteration
    {
        TimedStep step;
        std::optional<double> tflops;
        std::optional<double> batch;
    };

    void readIteration(const Line &l)
    {
        if (m_iterations.size() >= kMaxImportRuns)
            failAt(l.number, "more than " + std::to_string(kMaxImportRuns) + " iteration lines");
        Iteration it;
        it.step.line = l.number;
        it.step.seconds =
            *fieldAfter(l.text, "elapsed time per iteration (ms):", l.number, true) / 1000.0;
        it.tflops = fieldAfter(l.text, "throughput per GPU (TFLOP/s/GPU):", l.number, false);
        it.batch = fieldAfter(l.text, "global batch size:", l.number, false);
        m_iterations.push_back(it);
    }

    const Arg *arg(const std::string &name) const
    {
        auto it = m_args.find(name);
        if (it == m_args.end() || it->second.value == "None" || it->second.value.empty())
            return nullptr;
        return &it->second;
    }

    std::optional<std::int64_t> count(const std::string &name, std::int64_t min = 1) const
    {
        const Arg *a = arg(name);
        if (!a)
            return std::nullopt;
        // Bounded so that products of a few degrees or sizes stay exact in 64 bits.
        const auto v = parseCount(a->value);
        if (!v || *v < min || *v > kMaxArgument)
            failAt(a->line, name + ": expected an integer from " + std::to_string(min) +
                                " to 1e9, found " + shown(a->value));
        return v;
    }

    std::optional<bool> flag(const std::string &name) const
    {
        const Arg *a = arg(name);
        if (!a)
            return std::nullopt;
        if (a->value == "True")
            return true;
        if (a->value == "False")
            return false;
        failAt(a->line, name + ": expected True or False, found " + shown(a->value));
    }

    std::size_t lineOf(const std::string &name) const
    {
        auto it = m_args.find(name);
        return it == m_args.end() ? 0 : it->second.line;
    }

    // Sets `target` from argument `name` and records where it came from.
    void take(const std::string &name, ScenarioKey field, std::int64_t &target)
    {
        if (auto v = count(name)) {
            target = *v;
            m_run.fromLog(field, lineOf(name));
        }
    }

    // "using world size: 64, data-parallel size: 32, …, tensor-model-parallel size: 2, …",
    // printed before the arguments; older logs have only this.
    std::optional<std::int64_t> fromWorldLine(std::string_view label) const
    {
        if (!m_worldLine)
            return std::nullopt;
        const std::string_view t = m_worldLine->text;
        const auto at = t.find(label);
        if (at == std::string_view::npos)
            return std::nullopt;
        std::string_view rest = t.substr(at + label.size());
        rest = rest.substr(0, rest.find(','));
        const auto v = parseCount(rest);
        if (!v || *v < 1 || *v > kMaxArgument)
            failAt(m_worldLine->number,
                   "expected a count after " + shown(label) + ", found " + shown(trim(rest)));
        return v;
    }

    void applyArguments()
    {
        applyModelShape();
        engine::Batch &b = m_run.scenario.batch;
        take("seq_length", K::SeqLen, b.seqLen);
        take("micro_batch_size", K::MicroBatch, b.microBatch);
        applyLayout();
        applyGlobalBatch();
        applyRecompute();
        applyPrecision();
        applySoftware();
        applyConventions();
    }

    void applyModelShape()
    {
        engine::Scenario &sc = m_run.scenario;
        engine::ModelShape &m = sc.model;
        const auto layers = count("num_layers");
        const auto hidden = count("hidden_size");
        const auto heads = count("num_attention_heads");
        m_shapeFromLog = layers || hidden || heads;
        if (m_shapeFromLog) {
            // The shape is the log's now, whatever preset it started from: dense, full attention
            // unless its arguments say otherwise.
            sc.modelPreset.clear();
            m.moe = {};
            m.mla = {};
            m.slidingWindow = {};
        }
        take("num_layers", K::Layers, m.layers);
        take("hidden_size", K::Hidden, m.hidden);
        take("num_attention_heads", K::Heads, m.heads);
        if (hidden || heads) {
            if (auto d = count("kv_channels")) {
                m.headDim = *d;
            } else if (m.heads > 0 && m.hidden % m.heads == 0) {
                m.headDim = m.hidden / m.heads;
            } else {
                failAt(lineOf("num_attention_heads"),
                       "num_attention_heads: expected a divisor of hidden_size (" +
                           std::to_string(m.hidden) + ") when kv_channels is not given, found " +
                           std::to_string(m.heads));
            }
        }
        if (flag("group_query_attention").value_or(false)) {
            take("num_query_groups", K::KvHeads, m.kvHeads);
        } else if (heads) {
            m.kvHeads = m.heads; // multi-head attention: every head has its own K and V
            m_run.fromLog(K::KvHeads, lineOf("num_attention_heads"));
        }
        take("ffn_hidden_size", K::FfnHidden, m.ffnHidden);
        applyVocab();
        applyArchitecture();
        if (m_shapeFromLog) {
            applyMla();
            applyMoe();
            applySlidingWindow();
        }
    }

    // `fields`, which the log's shape sets even where it leaves them out (a dense model has no
    // experts), come from the line of argument `name` (0: the file as a whole) until an
    // argument of their own says more.
    void fromLog(std::initializer_list<ScenarioKey> fields, const std::string &name)
    {
        for (const ScenarioKey field : fields)
            m_run.fromLog(field, lineOf(name));
    }

    // Multi-head Latent Attention: keys and values come up from a latent of kv_lora_rank, and
    // every head has its own (there are no key/value groups).
    void applyMla()
    {
        engine::ModelShape &m = m_run.scenario.model;
        fromLog({K::MlaQLoraRank, K::MlaKvLoraRank, K::MlaQkNopeHeadDim, K::MlaQkRopeHeadDim,
                 K::MlaVHeadDim},
                "multi_latent_attention");
        if (!flag("multi_latent_attention").value_or(false))
            return;
        engine::MlaShape &a = m.mla;
        // q_lora_rank None: the queries are projected from the hidden state directly.
        a.qLoraRank = count("q_lora_rank", 0).value_or(0);
        m_run.fromLog(K::MlaQLoraRank, lineOf("q_lora_rank"));
        take("kv_lora_rank", K::MlaKvLoraRank, a.kvLoraRank);
        take("qk_head_dim", K::MlaQkNopeHeadDim, a.qkNopeHeadDim);
        take("qk_pos_emb_head_dim", K::MlaQkRopeHeadDim, a.qkRopeHeadDim);
        take("v_head_dim", K::MlaVHeadDim, a.vHeadDim);
        m.kvHeads = m.heads;
        m_run.fromLog(K::KvHeads, lineOf("multi_latent_attention"));
    }

    // The routed and shared experts of the MoE layers. Megatron prints the shared experts'
    // total width only: one shared expert of that width counts the same.
    void applyMoe()
    {
        engine::ModelShape &m = m_run.scenario.model;
        engine::MoeShape &e = m.moe;
        fromLog({K::MoeExperts, K::MoeTopK, K::MoeExpertFfnHidden, K::MoeSharedExperts,
                 K::MoeSharedExpertFfnHidden, K::MoeDenseLayers, K::MoeMtpLayers,
                 K::MoeCapacityFactor},
                "num_experts");
        if (!arg("num_experts"))
            return;
        take("num_experts", K::MoeExperts, e.experts);
        take("moe_router_topk", K::MoeTopK, e.topK);
        if (arg("moe_ffn_hidden_size")) {
            take("moe_ffn_hidden_size", K::MoeExpertFfnHidden, e.expertFfnHidden);
        } else {
            e.expertFfnHidden = m.ffnHidden; // Megatron's default: the dense width
            m_run.fromLog(K::MoeExpertFfnHidden, lineOf("ffn_hidden_size"));
        }
        const char *shared = "moe_shared_expert_intermediate_size";
        e.sharedExpertFfnHidden = count(shared, 0).value_or(0);
        e.sharedExperts = e.sharedExpertFfnHidden > 0 ? 1 : 0;
        m_run.fromLog(K::MoeSharedExperts, lineOf(shared));
        m_run.fromLog(K::MoeSharedExpertFfnHidden, lineOf(shared));
        e.denseLayers = denseLayers();
        m_run.fromLog(K::MoeDenseLayers, lineOf("moe_layer_freq"));
        e.mtpLayers = count("mtp_num_layers", 0).value_or(0);
        m_run.fromLog(K::MoeMtpLayers, lineOf("mtp_num_layers"));
        applyCapacity();
    }

    // moe_layer_freq: 1 (every layer), or a pattern of 0 (dense) and 1 (MoE) per layer. The
    // engine's MoE models keep their first k layers dense and no other.
    std::int64_t denseLayers() const
    {
        const Arg *freq = arg("moe_layer_freq");
        if (!freq)
            return 0;
        const std::int64_t layers = m_run.scenario.model.layers;
        const std::string expected = "1, or dense layers then MoE layers over all " +
                                     std::to_string(layers) + " layers as \"([0]*3+[1]*" +
                                     std::to_string(std::max<std::int64_t>(layers - 3, 1)) + ")\"";
        if (const auto every = parseCount(freq->value)) {
            if (*every != 1)
                failPattern("moe_layer_freq", *freq, expected);
            return 0;
        }
        const auto pattern = LayerPattern::parse(freq->value);
        if (!pattern || std::int64_t(pattern->size()) != layers)
            failPattern("moe_layer_freq", *freq, expected);
        const auto firstMoe = std::find(pattern->begin(), pattern->end(), 1);
        if (firstMoe == pattern->end() ||
            std::any_of(pattern->begin(), firstMoe, [](std::int64_t v) { return v != 0; }) ||
            std::any_of(firstMoe, pattern->end(), [](std::int64_t v) { return v != 1; }))
            failPattern("moe_layer_freq", *freq, expected);
        return std::int64_t(firstMoe - pattern->begin());
    }

    // moe_expert_capacity_factor: None is dropless.
    void applyCapacity()
    {
        engine::MoeShape &e = m_run.scenario.model.moe;
        const char *name = "moe_expert_capacity_factor";
        m_run.fromLog(K::MoeCapacityFactor, lineOf(name));
        const Arg *capacity = arg(name);
        if (!capacity)
            return;
        const auto v = parseNumber(capacity->value);
        if (!v || *v <= 0)
            failAt(capacity->line, std::string(name) +
                                       ": expected a positive number or None, "
                                       "found " +
                                       shown(capacity->value));
        e.capacityFactor = *v;
        if (!flag("moe_pad_expert_input_to_capacity").value_or(true))
            m_notes.push_back("moe_pad_expert_input_to_capacity is False: Megatron drops the "
                              "tokens beyond each expert's capacity but pads no expert up to "
                              "it, while model.moe.capacity_factor counts the padded rows");
    }

    // window_size (W, 0): layers attend to the last W keys; window_attn_skip_freq N makes every
    // N-th layer attend to the whole sequence (None: none does), or lists 1 (windowed) and 0
    // (full) per layer.
    void applySlidingWindow()
    {
        engine::SlidingWindow &w = m_run.scenario.model.slidingWindow;
        fromLog({K::SlidingWindowTokens, K::SlidingWindowFullAttentionInterval}, "window_size");
        const Arg *size = arg("window_size");
        if (!size)
            return;
        std::string_view v = trim(size->value);
        if (v.size() >= 2 && (v.front() == '(' || v.front() == '['))
            v = v.substr(1, v.size() - 2);
        const auto comma = v.find(',');
        const auto tokens = parseCount(v.substr(0, comma));
        if (!tokens || *tokens < 1 || *tokens > kMaxArgument ||
            (comma != std::string_view::npos && parseCount(v.substr(comma + 1)) != 0))
            failAt(size->line, "window_size: expected (W, 0) with W from 1 to 1e9, found " +
                                   shown(size->value));
        w.tokens = *tokens;
        w.fullAttentionInterval = fullAttentionInterval();
        m_run.fromLog(K::SlidingWindowFullAttentionInterval, lineOf("window_attn_skip_freq"));
    }

    std::int64_t fullAttentionInterval() const
    {
        const Arg *skip = arg("window_attn_skip_freq");
        if (!skip)
            return 0;
        const std::int64_t layers = m_run.scenario.model.layers;
        const std::string expected = "N (every N-th layer attends to the whole sequence) or its "
                                     "pattern over all " +
                                     std::to_string(layers) + " layers";
        if (const auto every = parseCount(skip->value)) {
            if (*every < 1 || *every > kMaxArgument)
                failPattern("window_attn_skip_freq", *skip, expected);
            return *every;
        }
        const auto pattern = LayerPattern::parse(skip->value);
        if (!pattern || std::int64_t(pattern->size()) != layers)
            failPattern("window_attn_skip_freq", *skip, expected);
        // 1: windowed, 0: full. The first full layer gives the interval; the rest must repeat it.
        const auto firstFull = std::find(pattern->begin(), pattern->end(), 0);
        const std::int64_t interval =
            firstFull == pattern->end() ? 0 : std::int64_t(firstFull - pattern->begin()) + 1;
        for (std::int64_t i = 0; i < layers; ++i) {
            const bool full = interval > 0 && (i + 1) % interval == 0;
            if ((*pattern)[std::size_t(i)] != (full ? 0 : 1))
                failPattern("window_attn_skip_freq", *skip, expected);
        }
        return interval;
    }

    [[noreturn]] void failPattern(const char *name, const Arg &a, const std::string &expected) const
    {
        failAt(a.line, std::string(name) + ": expected " + expected + ", found " + shown(a.value));
    }

    // The embedding and logits Megatron computes are over the padded vocabulary.
    void applyVocab()
    {
        engine::ModelShape &m = m_run.scenario.model;
        if (arg("padded_vocab_size")) {
            take("padded_vocab_size", K::Vocab, m.vocab);
        } else if (m_paddedVocabLine) {
            const std::string_view t = m_paddedVocabLine->text;
            const auto at = t.find("new size:");
            const auto v = at == std::string_view::npos
                               ? std::nullopt
                               : parseCount(t.substr(at + 9, t.find(')', at) - at - 9));
            if (!v || *v < 1)
                failAt(m_paddedVocabLine->number, "expected \"(new size: N)\" in the padded "
                                                  "vocabulary line");
            m.vocab = *v;
            m_run.fromLog(K::Vocab, m_paddedVocabLine->number);
        } else {
            take("vocab_size", K::Vocab, m.vocab);
        }
    }

    // The switches that make the model GPT-like or Llama-like.
    void applyArchitecture()
    {
        engine::ModelShape &m = m_run.scenario.model;
        if (auto swiglu = flag("swiglu")) {
            m.gatedMlp = *swiglu;
            m.family = *swiglu ? "llama" : "gpt";
            m_run.fromLog(K::ModelArchitecture, lineOf("swiglu"));
        }
        if (auto untie = flag("untie_embeddings_and_output_weights"))
            m.tiedEmbeddings = !*untie;
        if (auto bias = flag("add_bias_linear"))
            m.bias = *bias;
        if (const Arg *norm = arg("normalization"))
            m.norm =
                norm->value == "RMSNorm" ? engine::NormKind::RmsNorm : engine::NormKind::LayerNorm;
        if (const Arg *position = arg("position_embedding_type")) {
            m.maxPositions = 0;
            if (position->value == "learned_absolute")
                m.maxPositions = count("max_position_embeddings").value_or(0);
        }
        if (const Arg *dropout = arg("hidden_dropout")) {
            const auto v = parseNumber(dropout->value);
            if (!v)
                failAt(dropout->line,
                       "hidden_dropout: expected a number, found " + shown(dropout->value));
            m.dropout = *v > 0;
        }
    }

    // tp, pp, cp from their arguments or the world-size line printed before them.
    void degree(const char *name, std::string_view worldLabel, ScenarioKey field,
                std::int64_t &target)
    {
        if (arg(name)) {
            take(name, field, target);
        } else if (auto v = fromWorldLine(worldLabel)) {
            target = *v;
            m_run.fromLog(field, m_worldLine->number);
        }
    }

    void applyLayout()
    {
        engine::Parallel &p = m_run.scenario.parallel;
        degree("tensor_model_parallel_size", "tensor-model-parallel size:", K::Tp, p.tp);
        degree("pipeline_model_parallel_size", "pipeline-model-parallel size:", K::Pp, p.pp);
        degree("context_parallel_size", "context-parallel size:", K::Cp, p.cp);
        if (double(p.tp) * double(p.pp) * double(p.cp) > engine::limits::kMaxParallel)
            throw InputError("parallel",
                             "expected tp·pp·cp of at most 1e7 GPUs, found " +
                                 std::to_string(double(p.tp) * double(p.pp) * double(p.cp)));
        if (arg("data_parallel_size")) {
            take("data_parallel_size", K::Dp, p.dp);
        } else if (const auto world = arg("world_size") ? count("world_size")
                                                        : fromWorldLine("using world size:")) {
            const std::int64_t modelParallel = p.tp * p.pp * p.cp;
            const std::size_t where =
                arg("world_size") ? lineOf("world_size") : m_worldLine->number;
            if (*world % modelParallel != 0)
                failAt(where, "world size " + std::to_string(*world) +
                                  " is not a multiple of tp·pp·cp (" +
                                  std::to_string(modelParallel) + ")");
            p.dp = *world / modelParallel;
            m_run.fromLog(K::Dp, where);
        } else {
            degree("data_parallel_size", "data-parallel size:", K::Dp, p.dp);
        }
        applyExpertLayout();
        applyVirtualStages();
        // Uneven end stages (None: the even split).
        for (auto [name, field, member] :
             {std::tuple{"decoder_first_pipeline_num_layers", K::FirstStageLayers,
                         &engine::Parallel::firstStageLayers},
              std::tuple{"decoder_last_pipeline_num_layers", K::LastStageLayers,
                         &engine::Parallel::lastStageLayers}})
            if (auto layers = count(name, 0)) {
                p.*member = *layers;
                m_run.fromLog(field, lineOf(name));
            }
        if (auto sp = flag("sequence_parallel")) {
            p.sequenceParallel = *sp;
            m_run.fromLog(K::SequenceParallel, lineOf("sequence_parallel"));
        }
        if (auto distributed = flag("use_distributed_optimizer")) {
            p.zero = *distributed
                         ? 1
                         : 0; // Megatron's distributed optimizer shards the optimizer state over DP
            m_run.fromLog(K::Zero, lineOf("use_distributed_optimizer"));
        }
    }

    // Expert parallelism (Megatron-Core's parallel folding): the experts over
    // expert_model_parallel_size GPUs, each expert's matrices over expert_tensor_parallel_size
    // (None: as tp). A dense model from the log has neither.
    void applyExpertLayout()
    {
        engine::Parallel &p = m_run.scenario.parallel;
        if (!m_shapeFromLog)
            return;
        if (!m_run.scenario.model.moe.enabled()) {
            p.ep = 1;
            p.etp = 0;
            m_run.fromLog(K::Ep, lineOf("num_experts"));
            m_run.fromLog(K::Etp, lineOf("num_experts"));
            return;
        }
        for (auto [name, field, member] :
             {std::tuple{"expert_model_parallel_size", K::Ep, &engine::Parallel::ep},
              std::tuple{"expert_tensor_parallel_size", K::Etp, &engine::Parallel::etp}}) {
            const bool printed = m_args.count(name) > 0;
            p.*member = count(name).value_or(member == &engine::Parallel::ep ? 1 : 0);
            if (printed)
                m_run.fromLog(field, lineOf(name));
            else
                m_run.fromDefault(field);
        }
    }

    void applyVirtualStages()
    {
        engine::Parallel &p = m_run.scenario.parallel;
        const engine::ModelShape &m = m_run.scenario.model;
        if (auto vpp = count("virtual_pipeline_model_parallel_size")) {
            p.vpp = *vpp;
            m_run.fromLog(K::Vpp, lineOf("virtual_pipeline_model_parallel_size"));
        } else if (auto perStage = count("num_layers_per_virtual_pipeline_stage")) {
            if (m.layers % (p.pp * *perStage) != 0)
                failAt(lineOf("num_layers_per_virtual_pipeline_stage"),
                       "num_layers_per_virtual_pipeline_stage: expected a divisor of num_layers / "
                       "pipeline_model_parallel_size, found " +
                           std::to_string(*perStage));
            p.vpp = m.layers / (p.pp * *perStage);
            m_run.fromLog(K::Vpp, lineOf("num_layers_per_virtual_pipeline_stage"));
        } else if (arg("pipeline_model_parallel_size") ||
                   m_args.count("virtual_pipeline_model_parallel_size")) {
            p.vpp = 1;
            m_run.fromLog(K::Vpp, lineOf("pipeline_model_parallel_size"));
        }
    }

    // The argument, else Megatron's default of one micro-batch per DP rank.
    void applyGlobalBatch()
    {
        engine::Batch &b = m_run.scenario.batch;
        const engine::Parallel &p = m_run.scenario.parallel;
        if (arg("global_batch_size")) {
            take("global_batch_size", K::GlobalBatch, b.globalBatch);
        } else if (arg("micro_batch_size") && m_run.scenario.parallel.dp > 0) {
            b.globalBatch = b.microBatch * p.dp;
            m_run.fromLog(K::GlobalBatch, lineOf("micro_batch_size"));
        }
    }

    void applyRecompute()
    {
        engine::Scenario &sc = m_run.scenario;
        if (const Arg *granularity = arg("recompute_granularity")) {
            if (granularity->value == "full")
                sc.recompute = engine::Recompute::Full;
            else if (granularity->value == "selective")
                sc.recompute = engine::Recompute::Selective;
            else
                failAt(granularity->line, "recompute_granularity: expected full, selective or "
                                          "None, found " +
                                              shown(granularity->value));
            m_run.fromLog(K::Recompute, granularity->line);
        } else if (m_args.count("recompute_granularity")) {
            sc.recompute = engine::Recompute::None;
            m_run.fromLog(K::Recompute, lineOf("recompute_granularity"));
        } else if (flag("recompute_activations").value_or(false)) {
            sc.recompute = engine::Recompute::Selective; // the pre-2023 name of selective
            m_run.fromLog(K::Recompute, lineOf("recompute_activations"));
        }
    }

    void applyPrecision()
    {
        engine::Scenario &sc = m_run.scenario;
        if (arg("fp8")) {
            sc.precision = engine::Precision::Fp8;
            m_run.fromLog(K::Precision, lineOf("fp8"));
        } else if (flag("bf16").value_or(false)) {
            sc.precision = engine::Precision::Bf16;
            m_run.fromLog(K::Precision, lineOf("bf16"));
        } else if (flag("fp16").value_or(false)) {
            sc.precision = engine::Precision::Fp16;
            m_run.fromLog(K::Precision, lineOf("fp16"));
        } else if (m_args.count("bf16") || m_args.count("fp16")) {
            m_notes.push_back("the log trains in fp32, which the engine does not model; the "
                              "scenario's precision is kept");
        }
    }

    // An enum argument as Python prints it, "AttnBackend.flash", without its class.
    std::string enumValue(const Arg &a) const
    {
        const auto dot = a.value.rfind('.');
        return dot == std::string::npos ? a.value : a.value.substr(dot + 1);
    }

    // Sets `member` from the True or False of argument `name` and records where it came from.
    void stateFlag(const std::string &name, ScenarioKey field, bool engine::Software::*member,
                   StatedSoftware &s) const
    {
        if (const auto v = flag(name)) {
            s.values.*member = *v;
            s.lines[field] = lineOf(name);
        }
    }

    // Megatron-Core's switches, printed in every arguments block since 2024, over the
    // megatron-core-2025 stack; older logs leave the scenario's stack.
    void applySoftware()
    {
        StatedSoftware s;
        stateTpOverlap(s);
        stateDataParallelOverlap(s);
        stateGradReduce(s);
        stateFp8(s);
        stateAttention(s);
        statePipelineSplit(s);
        stateFlag("defer_embedding_wgrad_compute", K::DeferEmbeddingWgrad,
                  &engine::Software::deferEmbeddingWgrad, s);
        stateFlag("overlap_p2p_comm", K::OverlapP2pComm, &engine::Software::overlapP2pComm, s);
        stateCudaGraphs(s);
        stateMoe(s);
        m_run.applySoftware(s, m_presets.software(kSoftwarePreset));
    }

    // The MoE switches, which a dense model's arguments print too and which say nothing then.
    void stateMoe(StatedSoftware &s)
    {
        if (!m_shapeFromLog || !m_run.scenario.model.moe.enabled())
            return;
        if (const Arg *dispatcher = arg("moe_token_dispatcher_type")) {
            const std::string &v = dispatcher->value;
            if (v == "alltoall" || v == "alltoall_seq") {
                s.values.moeDispatcher = engine::MoeDispatcher::AllToAll;
            } else if (v == "flex") {
                s.values.moeDispatcher = engine::MoeDispatcher::Flex;
            } else if (v == "allgather") {
                s.values.moeDispatcher = engine::MoeDispatcher::AllToAll;
                m_notes.push_back("moe_token_dispatcher_type is allgather, which the engine does "
                                  "not model: software.moe_token_dispatcher counts the expert "
                                  "exchange as alltoall");
            } else {
                failAt(dispatcher->line, "moe_token_dispatcher_type: expected alltoall, flex or "
                                         "allgather, found " +
                                             shown(v));
            }
            s.lines[K::MoeTokenDispatcher] = dispatcher->line;
        }
        stateFlag("overlap_moe_expert_parallel_comm", K::MoeA2aOverlap,
                  &engine::Software::moeA2aOverlap, s);
        stateFlag("moe_router_force_load_balancing", K::MoeForceBalance,
                  &engine::Software::moeForceBalance, s);
    }

    // Megatron-LM's printed TFLOP/s counts an MoE or MLA model as Megatron-Core's
    // num_floating_point_operations does (top-k and shared experts, MLA, MTP, causal attention
    // halved): the measured MFU counts the same, so that it recounts the log's own figure.
    // A dense model keeps the scenario's convention.
    void applyConventions()
    {
        const engine::ModelShape &m = m_run.scenario.model;
        if (!m_shapeFromLog || (!m.moe.enabled() && !m.mla.enabled()))
            return;
        m_run.scenario.conventions.flops = engine::FlopsConvention::MegatronCore;
        m_run.fromLog(K::FlopsConvention);
        m_notes.push_back("conventions.flops is megatron_core, as Megatron-LM counts the "
                          "TFLOP/s it prints for an MoE or MLA model");
    }

    // tp_comm_overlap: Transformer Engine's userbuffers split each collective into chunks that
    // run beside the GEMM. Without tensor parallelism the switch says nothing about the stack.
    void stateTpOverlap(StatedSoftware &s) const
    {
        const auto overlap = flag("tp_comm_overlap");
        if (!overlap || m_run.scenario.parallel.tp <= 1)
            return;
        s.values.tpOverlap = *overlap ? engine::TpOverlap::Pipelined : engine::TpOverlap::None;
        s.lines[K::TpCommOverlap] = lineOf("tp_comm_overlap");
    }

    // The engine has one switch for both data-parallel collectives: the gradient reduce-scatter
    // in the backward and the parameter all-gather in the forward. overlap_grad_reduce decides
    // (Megatron refuses overlap_param_gather without it, and the gradients are the larger of
    // the two); a gather it leaves exposed is noted.
    void stateDataParallelOverlap(StatedSoftware &s)
    {
        const auto grads = flag("overlap_grad_reduce");
        const auto params = flag("overlap_param_gather");
        if (grads) {
            s.values.overlapGradReduce = *grads;
            s.lines[K::OverlapGradReduce] = lineOf("overlap_grad_reduce");
        } else if (params.value_or(false)) {
            s.values.overlapGradReduce = true;
            s.lines[K::OverlapGradReduce] = lineOf("overlap_param_gather");
        }
        if (grads.value_or(false) && params && !*params && m_run.scenario.parallel.zero >= 1)
            m_notes.push_back("overlap_param_gather is False: the distributed optimizer's "
                              "parameter all-gather runs before the forward, which "
                              "software.overlap_grad_reduce counts as overlapped");
    }

    // The printed arguments are the validated ones: grad_reduce_in_bf16 has already turned
    // accumulate_allreduce_grads_in_fp32 off. grad_reduce_in_fp32 is Megatron-Core's own name
    // (DistributedDataParallelConfig), as NeMo prints it.
    void stateGradReduce(StatedSoftware &s) const
    {
        if (flag("grad_reduce_in_bf16").value_or(false)) {
            s.values.gradReduce = engine::GradReduce::Bf16;
            s.lines[K::GradReduce] = lineOf("grad_reduce_in_bf16");
            return;
        }
        for (const char *name : {"accumulate_allreduce_grads_in_fp32", "grad_reduce_in_fp32"}) {
            if (const auto fp32 = flag(name)) {
                s.values.gradReduce = *fp32 ? engine::GradReduce::Fp32 : engine::GradReduce::Bf16;
                s.lines[K::GradReduce] = lineOf(name);
                return;
            }
        }
    }

    // fp8_recipe is printed whatever the precision (Megatron's default is delayed). MXFP8
    // scales blocks of 32 in the tensor cores: a precision of its own, not a way of finding
    // per-tensor scales.
    void stateFp8(StatedSoftware &s)
    {
        if (const Arg *recipe = arg("fp8_recipe")) {
            const std::string v = enumValue(*recipe);
            if (v == "mxfp8") {
                if (arg("fp8")) {
                    m_run.scenario.precision = engine::Precision::Mxfp8;
                    m_run.fromLog(K::Precision, recipe->line);
                }
            } else {
                s.values.fp8Recipe = fp8Recipe(*recipe, v);
                s.lines[K::Fp8Recipe] = recipe->line;
            }
        }
        stateFlag("fp8_param_gather", K::Fp8ParamGather, &engine::Software::fp8ParamGather, s);
    }

    engine::Fp8Recipe fp8Recipe(const Arg &recipe, const std::string &v) const
    {
        if (v == "delayed")
            return engine::Fp8Recipe::Delayed;
        if (v == "tensorwise")
            return engine::Fp8Recipe::Tensorwise;
        if (v == "blockwise")
            return engine::Fp8Recipe::Blockwise;
        failAt(recipe.line, "fp8_recipe: expected delayed, tensorwise, mxfp8 or blockwise, found " +
                                shown(recipe.value));
    }

    // Megatron-Core's AttnBackend. flash is the flash-attn package (FlashAttention-2 in NVIDIA's
    // containers); fused is cuDNN's; auto lets Transformer Engine choose, which takes cuDNN on
    // Hopper and later. The engine's FlashAttention-3 class falls back to the FlashAttention-2
    // figure on a device without such a kernel, as auto does. local is Megatron's own
    // batched-GEMM attention. use_flash_attn, which logs before attention_backend print,
    // reaches only the legacy models and is left alone.
    void stateAttention(StatedSoftware &s) const
    {
        const Arg *backend = arg("attention_backend");
        if (!backend)
            return;
        const std::string v = enumValue(*backend);
        if (v == "flash")
            s.values.attention = engine::AttentionKernel::Flash2;
        else if (v == "fused" || v == "auto")
            s.values.attention = engine::AttentionKernel::Flash3;
        else if (v == "unfused" || v == "local")
            s.values.attention = engine::AttentionKernel::Unfused;
        else
            failAt(backend->line, "attention_backend: expected flash, fused, unfused, local or "
                                  "auto, found " +
                                      shown(backend->value));
        s.lines[K::Attention] = backend->line;
    }

    // cuda_graph_impl (2025: none, local or transformer_engine) replaced enable_cuda_graph
    // (Megatron's own per-layer graphs) and external_cuda_graph (Transformer Engine's); any of
    // them on means the layers' kernels replay from graphs.
    void stateCudaGraphs(StatedSoftware &s) const
    {
        if (const Arg *impl = arg("cuda_graph_impl")) {
            s.values.cudaGraphs = enumValue(*impl) != "none";
            s.lines[K::CudaGraphs] = impl->line;
            return;
        }
        const auto local = flag("enable_cuda_graph");
        const auto external = flag("external_cuda_graph");
        if (!local && !external)
            return;
        const bool on = local.value_or(false) || external.value_or(false);
        s.values.cudaGraphs = on;
        s.lines[K::CudaGraphs] =
            lineOf(local && (*local || !on) ? "enable_cuda_graph" : "external_cuda_graph");
    }

    // The engine counts the embedding and the loss as stage layers together; either argument
    // already moves a layer off its end stage.
    void statePipelineSplit(StatedSoftware &s)
    {
        const char *embeddingName = "account_for_embedding_in_pipeline_split";
        const char *lossName = "account_for_loss_in_pipeline_split";
        const auto embedding = flag(embeddingName);
        const auto loss = flag(lossName);
        if (!embedding && !loss)
            return;
        const bool on = embedding.value_or(false) || loss.value_or(false);
        s.values.embeddingInPipelineSplit = on;
        s.lines[K::EmbeddingInPipelineSplit] =
            lineOf(embedding && (*embedding || !on) ? embeddingName : lossName);
        if (embedding.value_or(false) != loss.value_or(false))
            m_notes.push_back("only one of account_for_embedding_in_pipeline_split and "
                              "account_for_loss_in_pipeline_split is True: "
                              "software.embedding_in_pipeline_split counts both");
    }

    ImportResult finish()
    {
        // A batch-size ramp-up changes the step's work: only the intervals at the final global
        // batch size describe one scenario.
        std::vector<TimedStep> steps;
        std::vector<double> tflops;
        const std::optional<double> finalBatch = m_iterations.back().batch;
        std::size_t rampUp = 0;
        for (const Iteration &it : m_iterations) {
            if (finalBatch && it.batch && *it.batch != *finalBatch) {
                ++rampUp;
                continue;
            }
            steps.push_back(it.step);
        }
        if (finalBatch) {
            if (*finalBatch > 1e9 || *finalBatch != std::floor(*finalBatch))
                failAt(m_iterations.back().step.line,
                       "expected a whole global batch size, found " + std::to_string(*finalBatch));
            m_run.scenario.batch.globalBatch = std::int64_t(*finalBatch);
            m_run.fromLog(K::GlobalBatch, m_iterations.back().step.line);
        }
        const auto summary = summarizeSteps(steps);
        if (!summary)
            failAt(m_iterations.back().step.line, "no timed interval left after warm-up");
        // Throughput medians over the same intervals the step time uses.
        const std::size_t warmup = defaultWarmupSteps(steps.size());
        for (const Iteration &it : m_iterations)
            if (it.tflops && (!finalBatch || !it.batch || *it.batch == *finalBatch))
                tflops.push_back(*it.tflops);
        ImportResult result;
        result.format = "megatron-lm";
        result.notes = m_notes;
        if (rampUp > 0)
            result.notes.push_back(std::to_string(rampUp) + " intervals before the batch-size "
                                                            "ramp-up ended were left out");
        result.notes.push_back("warm-up: the first " + std::to_string(summary->warmupSkipped) +
                               " of " + std::to_string(steps.size()) +
                               " logged intervals left out (10 %, at least one)");
        if (m_args.empty())
            result.notes.push_back("no arguments block: the model and the layout come from the "
                                   "current scenario");
        ImportedRun run = m_run.finish(baseName(m_fileName), *summary);
        if (tflops.size() == steps.size() && tflops.size() > warmup)
            run.reportedTflopsPerGpu =
                medianOf({tflops.begin() + std::ptrdiff_t(warmup), tflops.end()});
        result.runs.push_back(std::move(run));
        return result;
    }

    std::string m_fileName;
    RunBuilder m_run;
    const PresetLibrary &m_presets;
    std::map<std::string, Arg> m_args;
    std::vector<Iteration> m_iterations;
    std::optional<Line> m_worldLine;
    std::optional<Line> m_paddedVocabLine;
    std::vector<std::string> m_notes;
    bool m_shapeFromLog = false; // the arguments give the model's shape, not the scenario
};

} // namespace

Result<ImportResult> parseMegatronLog(std::string_view text, std::string_view fileName,
                                      const engine::Scenario &current, const PresetLibrary &presets)
{
    return catchInputError<ImportResult>([&]() -> Result<ImportResult> {
        return MegatronParser(fileName, current, presets).parse(text);
    });
}

} // namespace mfu::io
