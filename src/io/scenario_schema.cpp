#include "scenario_schema.h"

#include <cmath>
#include <cstdlib>
#include <type_traits>
#include <vector>

namespace mfu::io {

using engine::Scenario;
using K = ScenarioKey;
using T = ValueType;
using S = Storage;

namespace {

// ---- Accessors: a member of the scenario (or of one of its parts) as a double ----

template <typename V> double toDouble(V v)
{
    if constexpr (std::is_enum_v<V>)
        return double(int(v));
    else if constexpr (std::is_same_v<V, bool>)
        return v ? 1.0 : 0.0;
    else
        return double(v);
}

template <typename V> V fromDouble(double v)
{
    if constexpr (std::is_enum_v<V>)
        return V(int(v));
    else if constexpr (std::is_same_v<V, bool>)
        return v != 0;
    else if constexpr (std::is_integral_v<V>)
        return V(std::llround(v));
    else
        return v;
}

struct Accessor
{
    double (*get)(const Scenario &);
    void (*set)(Scenario &, double);
};

// A member of a part of the scenario: in<&Scenario::model, &ModelShape::layers>().
template <auto Part, auto Member> Accessor in()
{
    return {[](const Scenario &s) { return toDouble((s.*Part).*Member); },
            [](Scenario &s, double v) {
                auto &m = (s.*Part).*Member;
                m = fromDouble<std::remove_reference_t<decltype(m)>>(v);
            }};
}

// A member of a block inside a part: in<&Scenario::model, &ModelShape::moe, &MoeShape::topK>().
template <auto Part, auto Block, auto Member> Accessor in()
{
    return {[](const Scenario &s) { return toDouble(((s.*Part).*Block).*Member); },
            [](Scenario &s, double v) {
                auto &m = ((s.*Part).*Block).*Member;
                m = fromDouble<std::remove_reference_t<decltype(m)>>(v);
            }};
}

// A member of the scenario itself (recompute, precision).
template <auto Member> Accessor top()
{
    return {[](const Scenario &s) { return toDouble(s.*Member); },
            [](Scenario &s, double v) {
                auto &m = s.*Member;
                m = fromDouble<std::remove_reference_t<decltype(m)>>(v);
            }};
}

template <typename E> std::span<const ChoiceItem> choiceItems()
{
    static const std::vector<ChoiceItem> items = [] {
        std::vector<ChoiceItem> out;
        for (const engine::NamedValue<E> &row : engine::namedValues<E>())
            out.push_back({int(row.value), row.name, row.label});
        return out;
    }();
    return items;
}

// ---- Row builders ----

KeyInfo row(K key, const char *path, T type, S storage, double min = 0, double max = 0,
            Accessor a = {nullptr, nullptr})
{
    KeyInfo info{};
    info.key = key;
    info.path = path;
    info.type = type;
    info.storage = storage;
    info.min = min;
    info.max = max;
    info.get = a.get;
    info.set = a.set;
    return info;
}

KeyInfo integer(K key, const char *path, double min, double max, Accessor a, S storage = S::Plain)
{
    return row(key, path, T::Integer, storage, min, max, a);
}

KeyInfo number(K key, const char *path, double min, double max, Accessor a, S storage = S::Plain)
{
    return row(key, path, T::Number, storage, min, max, a);
}

KeyInfo boolean(K key, const char *path, Accessor a)
{
    return row(key, path, T::Boolean, S::Plain, 0, 1, a);
}

template <typename E> KeyInfo choice(K key, const char *path, Accessor a, S storage = S::Plain)
{
    KeyInfo info = row(key, path, T::Choice, storage, 0, 0, a);
    info.choices = &choiceItems<E>;
    return info;
}

KeyInfo text(K key, const char *path, const std::string &(*get)(const Scenario &),
             void (*set)(Scenario &, const std::string &), S storage = S::Plain)
{
    KeyInfo info = row(key, path, T::Text, storage);
    info.text = get;
    info.setText = set;
    return info;
}

// Shown as a slider with a spin box.
KeyInfo slider(KeyInfo info, PanelGroup group, const char *symbol, const char *label,
               const char *tooltip, SliderRange range)
{
    info.group = group;
    info.control = Control::Slider;
    info.symbol = symbol;
    info.label = label;
    info.tooltip = tooltip;
    info.slider = range;
    return info;
}

// Shown as a check box or a choice.
KeyInfo shown(KeyInfo info, PanelGroup group, const char *label, const char *tooltip)
{
    info.group = group;
    info.control = info.type == T::Boolean ? Control::Check : Control::Choice;
    info.label = label;
    info.tooltip = tooltip;
    return info;
}

// Shown only for a mixture of experts, or only with latent attention.
KeyInfo forExperts(KeyInfo info)
{
    info.shownWhen = PanelCondition::Experts;
    return info;
}

KeyInfo forLatentAttention(KeyInfo info)
{
    info.shownWhen = PanelCondition::LatentAttention;
    return info;
}

constexpr double kMaxSize = 1'000'000'000; // larger sizes are rejected by the engine's limits
constexpr double kMaxDegree = 10'000'000;
constexpr double kMaxMeasured = 1e300;
constexpr double kMinMeasured = 1e-300;

using engine::Batch;
using engine::Conventions;
using engine::Hardware;
using engine::MlaShape;
using engine::ModelShape;
using engine::MoeShape;
using engine::Parallel;
using engine::Planning;
using engine::SlidingWindow;
using engine::Software;
using P = PanelGroup;

// The peak the window shows: the scenario's precision's, or FP16's where it has none.
double shownPeak(const Scenario &sc)
{
    const double peak = sc.hardware.peakTflops(sc.precision);
    return peak > 0 ? peak : sc.hardware.peakTflopsFp16;
}

void setShownPeak(Scenario &sc, double v)
{
    switch (sc.precision) {
    case engine::Precision::Bf16: sc.hardware.peakTflopsBf16 = v; break;
    case engine::Precision::Fp16: sc.hardware.peakTflopsFp16 = v; break;
    case engine::Precision::Fp8: sc.hardware.peakTflopsFp8 = v; break;
    case engine::Precision::Mxfp8: sc.hardware.peakTflopsMxfp8 = v; break;
    case engine::Precision::Nvfp4: sc.hardware.peakTflopsNvfp4 = v; break;
    }
}

// The measured figure of one kind; 0 when the scenario has another.
template <engine::Measured::Kind Kind> Accessor measured()
{
    return {[](const Scenario &s) { return s.measured.kind == Kind ? s.measured.value : 0.0; },
            [](Scenario &s, double v) {
                s.measured.kind = Kind;
                s.measured.value = v;
            }};
}

// QT_TRANSLATE_NOOP (engine/names.h) marks the labels for lupdate; the window translates them
// where it shows them.

std::vector<KeyInfo> buildSchema()
{
    return {
        text(
            K::Name, "name", [](const Scenario &s) -> const std::string & { return s.name; },
            [](Scenario &s, const std::string &v) { s.name = v; }),

        text(
            K::ModelPreset, "model.preset",
            [](const Scenario &s) -> const std::string & { return s.modelPreset; },
            [](Scenario &s, const std::string &v) { s.modelPreset = v; }, S::ByHand),
        text(
            K::Family, "model.family",
            [](const Scenario &s) -> const std::string & { return s.model.family; },
            [](Scenario &s, const std::string &v) { s.model.family = v; }, S::ByHand),
        slider(integer(K::Layers, "model.layers", 1, 100'000,
                       in<&Scenario::model, &ModelShape::layers>()),
               P::Model, "L", QT_TRANSLATE_NOOP("ScenarioFields", "Layers"),
               QT_TRANSLATE_NOOP(
                   "ScenarioFields",
                   "L: transformer layers; every module but lm_head runs once per layer"),
               {1, 1024, true, Snap::Integer}),
        slider(integer(K::Hidden, "model.hidden", 1, 1'000'000,
                       in<&Scenario::model, &ModelShape::hidden>(), S::ByHand),
               P::Model, "h", QT_TRANSLATE_NOOP("ScenarioFields", "Hidden size"),
               QT_TRANSLATE_NOOP("ScenarioFields",
                                 "h: width of the residual stream; projections cost 2·b·s·h² each"),
               {64, 65536, true, Snap::Multiple64}),
        slider(integer(K::Heads, "model.heads", 1, 1'000'000,
                       in<&Scenario::model, &ModelShape::heads>(), S::ByHand),
               P::Model, "n", QT_TRANSLATE_NOOP("ScenarioFields", "Attention heads"),
               QT_TRANSLATE_NOOP("ScenarioFields", "n: query heads; n·d is the attention width"),
               {1, 1024, true, Snap::Integer}),
        slider(
            integer(K::KvHeads, "model.kv_heads", 1, 1'000'000,
                    in<&Scenario::model, &ModelShape::kvHeads>(), S::ByHand),
            P::Model, "n_kv", QT_TRANSLATE_NOOP("ScenarioFields", "KV heads"),
            QT_TRANSLATE_NOOP(
                "ScenarioFields",
                "n_kv: key/value heads; r = n/n_kv is the GQA group size, K and V cost 1/r of Q"),
            {1, 1024, true, Snap::Integer}),
        slider(integer(K::HeadDim, "model.head_dim", 1, 1'000'000,
                       in<&Scenario::model, &ModelShape::headDim>(), S::ByHand),
               P::Model, "d", QT_TRANSLATE_NOOP("ScenarioFields", "Head dim"),
               QT_TRANSLATE_NOOP("ScenarioFields", "d: width of one head, usually h/n"),
               {8, 1024, true, Snap::Integer}),
        slider(integer(K::FfnHidden, "model.ffn_hidden", 1, kMaxSize,
                       in<&Scenario::model, &ModelShape::ffnHidden>()),
               P::Model, "ĥ", QT_TRANSLATE_NOOP("ScenarioFields", "FFN hidden"),
               QT_TRANSLATE_NOOP("ScenarioFields",
                                 "ĥ: MLP inner width; 4h for GPT, about 8h/3 rounded for SwiGLU"),
               {128, 262144, true, Snap::Multiple128}),
        slider(
            integer(K::Vocab, "model.vocab", 1, kMaxSize,
                    in<&Scenario::model, &ModelShape::vocab>()),
            P::Model, "V", QT_TRANSLATE_NOOP("ScenarioFields", "Vocabulary"),
            QT_TRANSLATE_NOOP("ScenarioFields", "V: vocabulary size; lm_head costs 2·b·s·h·V once"),
            {256, 1048576, true, Snap::Integer}),
        shown(
            boolean(K::GatedMlp, "model.gated_mlp", in<&Scenario::model, &ModelShape::gatedMlp>()),
            P::Model, QT_TRANSLATE_NOOP("ScenarioFields", "Gated MLP (SwiGLU)"),
            QT_TRANSLATE_NOOP("ScenarioFields",
                              "Three MLP matrices (up, gate, down) instead of two")),
        shown(boolean(K::TiedEmbeddings, "model.tied_embeddings",
                      in<&Scenario::model, &ModelShape::tiedEmbeddings>()),
              P::Model, QT_TRANSLATE_NOOP("ScenarioFields", "Tied embeddings"),
              QT_TRANSLATE_NOOP("ScenarioFields",
                                "lm_head shares the token table: fewer parameters, same FLOPs")),
        boolean(K::Bias, "model.bias", in<&Scenario::model, &ModelShape::bias>()),
        choice<engine::NormKind>(K::Norm, "model.norm", in<&Scenario::model, &ModelShape::norm>()),
        integer(K::MaxPositions, "model.max_positions", 0, kMaxSize,
                in<&Scenario::model, &ModelShape::maxPositions>()),
        boolean(K::Dropout, "model.dropout", in<&Scenario::model, &ModelShape::dropout>()),

        // The experts slider starts at 1: 0 is a dense model, which typing 0 makes
        // (gui/scenario_fields.h).
        forExperts(slider(
            integer(K::MoeExperts, "model.moe.experts", 0, kMaxSize,
                    in<&Scenario::model, &ModelShape::moe, &MoeShape::experts>()),
            P::Model, "E", QT_TRANSLATE_NOOP("ScenarioFields", "Experts"),
            QT_TRANSLATE_NOOP(
                "ScenarioFields",
                "E: routed experts per MoE layer, each an MLP of its own; parameters grow with E, expert FLOPs do not (0: a dense model)"),
            {1, 1024, true, Snap::Integer})),
        forExperts(slider(
            integer(K::MoeTopK, "model.moe.top_k", 0, kMaxSize,
                    in<&Scenario::model, &ModelShape::moe, &MoeShape::topK>()),
            P::Model, "k", QT_TRANSLATE_NOOP("ScenarioFields", "Experts per token"),
            QT_TRANSLATE_NOOP(
                "ScenarioFields",
                "k: routed experts the router sends each token to, at most E; expert FLOPs grow with k"),
            {1, 64, true, Snap::Integer})),
        forExperts(
            slider(integer(K::MoeExpertFfnHidden, "model.moe.expert_ffn_hidden", 0, kMaxSize,
                           in<&Scenario::model, &ModelShape::moe, &MoeShape::expertFfnHidden>()),
                   P::Model, "F_e", QT_TRANSLATE_NOOP("ScenarioFields", "Expert FFN hidden"),
                   QT_TRANSLATE_NOOP(
                       "ScenarioFields",
                       "F_e: inner width of one routed expert; a token costs k MLPs this wide"),
                   {64, 65536, true, Snap::Multiple64})),
        forExperts(slider(
            integer(K::MoeSharedExperts, "model.moe.shared_experts", 0, kMaxSize,
                    in<&Scenario::model, &ModelShape::moe, &MoeShape::sharedExperts>()),
            P::Model, "E_s", QT_TRANSLATE_NOOP("ScenarioFields", "Shared experts"),
            QT_TRANSLATE_NOOP(
                "ScenarioFields",
                "E_s: experts every token runs through besides its k routed ones; a new count keeps each one's width (F_e for the first)"),
            {0, 8, false, Snap::Integer})),
        integer(K::MoeSharedExpertFfnHidden, "model.moe.shared_expert_ffn_hidden", 0, kMaxSize,
                in<&Scenario::model, &ModelShape::moe, &MoeShape::sharedExpertFfnHidden>()),
        forExperts(
            slider(integer(K::MoeDenseLayers, "model.moe.dense_layers", 0, kMaxSize,
                           in<&Scenario::model, &ModelShape::moe, &MoeShape::denseLayers>()),
                   P::Model, "L_d", QT_TRANSLATE_NOOP("ScenarioFields", "Dense layers"),
                   QT_TRANSLATE_NOOP(
                       "ScenarioFields",
                       "L_d: the first layers keep a dense MLP of width ĥ instead of the experts"),
                   {0, 16, false, Snap::Integer})),
        integer(K::MoeMtpLayers, "model.moe.mtp_layers", 0, kMaxSize,
                in<&Scenario::model, &ModelShape::moe, &MoeShape::mtpLayers>()),
        // null (or absent) is dropless, which the engine holds as 0.
        number(K::MoeCapacityFactor, "model.moe.capacity_factor", 0.01, 1e5,
               in<&Scenario::model, &ModelShape::moe, &MoeShape::capacityFactor>(), S::ByHand),
        forLatentAttention(slider(
            integer(K::MlaQLoraRank, "model.mla.q_lora_rank", 0, kMaxSize,
                    in<&Scenario::model, &ModelShape::mla, &MlaShape::qLoraRank>()),
            P::Model, "r_q", QT_TRANSLATE_NOOP("ScenarioFields", "Query latent rank"),
            QT_TRANSLATE_NOOP(
                "ScenarioFields",
                "r_q: queries are compressed to a latent this wide before the heads (0: projected directly)"),
            {64, 8192, true, Snap::Multiple64, 1, QT_TRANSLATE_NOOP("ScenarioFields", "none")})),
        forLatentAttention(slider(
            integer(K::MlaKvLoraRank, "model.mla.kv_lora_rank", 0, kMaxSize,
                    in<&Scenario::model, &ModelShape::mla, &MlaShape::kvLoraRank>()),
            P::Model, "r_kv", QT_TRANSLATE_NOOP("ScenarioFields", "KV latent rank"),
            QT_TRANSLATE_NOOP(
                "ScenarioFields",
                "r_kv: keys and values come up from one shared latent this wide (multi-head latent attention; 0: ordinary attention)"),
            {64, 8192, true, Snap::Multiple64})),
        integer(K::MlaQkNopeHeadDim, "model.mla.qk_nope_head_dim", 0, kMaxSize,
                in<&Scenario::model, &ModelShape::mla, &MlaShape::qkNopeHeadDim>()),
        integer(K::MlaQkRopeHeadDim, "model.mla.qk_rope_head_dim", 0, kMaxSize,
                in<&Scenario::model, &ModelShape::mla, &MlaShape::qkRopeHeadDim>()),
        integer(K::MlaVHeadDim, "model.mla.v_head_dim", 0, kMaxSize,
                in<&Scenario::model, &ModelShape::mla, &MlaShape::vHeadDim>()),
        integer(K::SlidingWindowTokens, "model.sliding_window.tokens", 0, kMaxSize,
                in<&Scenario::model, &ModelShape::slidingWindow, &SlidingWindow::tokens>()),
        integer(K::SlidingWindowFullAttentionInterval,
                "model.sliding_window.full_attention_interval", 0, kMaxSize,
                in<&Scenario::model, &ModelShape::slidingWindow,
                   &SlidingWindow::fullAttentionInterval>()),

        slider(
            integer(K::GlobalBatch, "batch.global_batch", 1, 1'000'000'000,
                    in<&Scenario::batch, &Batch::globalBatch>()),
            P::Batch, "b", QT_TRANSLATE_NOOP("ScenarioFields", "Global batch"),
            QT_TRANSLATE_NOOP("ScenarioFields",
                              "b: sequences per optimizer step, over all data-parallel replicas"),
            {1, 1 << 20, true, Snap::Integer}),
        slider(integer(K::SeqLen, "batch.seq_len", 1, 100'000'000,
                       in<&Scenario::batch, &Batch::seqLen>()),
               P::Batch, "s", QT_TRANSLATE_NOOP("ScenarioFields", "Sequence length"),
               QT_TRANSLATE_NOOP("ScenarioFields",
                                 "s: tokens per sequence; attention FLOPs grow with s²"),
               {128, 1 << 20, true, Snap::PowerOfTwo}),
        slider(
            integer(K::MicroBatch, "batch.micro_batch", 1, 1'000'000'000,
                    in<&Scenario::batch, &Batch::microBatch>()),
            P::Batch, "m", QT_TRANSLATE_NOOP("ScenarioFields", "Micro-batch"),
            QT_TRANSLATE_NOOP(
                "ScenarioFields",
                "m: sequences per forward/backward pass on one replica; b/(dp·m) micro-batches fill the pipeline"),
            {1, 1024, true, Snap::PowerOfTwo}),

        slider(
            integer(K::Tp, "parallel.tp", 1, kMaxDegree, in<&Scenario::parallel, &Parallel::tp>()),
            P::Parallel, "TP", QT_TRANSLATE_NOOP("ScenarioFields", "Tensor parallel"),
            QT_TRANSLATE_NOOP(
                "ScenarioFields",
                "TP: each layer's matrices split over TP GPUs; must divide the heads"),
            {1, 64, true, Snap::PowerOfTwo}),
        slider(
            integer(K::Pp, "parallel.pp", 1, kMaxDegree, in<&Scenario::parallel, &Parallel::pp>()),
            P::Parallel, "PP", QT_TRANSLATE_NOOP("ScenarioFields", "Pipeline parallel"),
            QT_TRANSLATE_NOOP(
                "ScenarioFields",
                "PP: layers split into PP stages; the bubble costs (PP−1)/(micro-batches·VPP)"),
            {1, 128, true, Snap::Integer}),
        slider(integer(K::Dp, "parallel.dp", 1, kMaxDegree,
                       in<&Scenario::parallel, &Parallel::dp>(), S::ByHand),
               P::Parallel, "DP", QT_TRANSLATE_NOOP("ScenarioFields", "Data parallel"),
               QT_TRANSLATE_NOOP("ScenarioFields",
                                 "DP: model replicas; each takes b/DP sequences per step"),
               {1, 65536, true, Snap::Integer}),
        slider(
            integer(K::Cp, "parallel.cp", 1, kMaxDegree, in<&Scenario::parallel, &Parallel::cp>()),
            P::Parallel, "CP", QT_TRANSLATE_NOOP("ScenarioFields", "Context parallel"),
            QT_TRANSLATE_NOOP("ScenarioFields",
                              "CP: each sequence split over CP GPUs (ring attention)"),
            {1, 64, true, Snap::PowerOfTwo}),
        slider(integer(K::Vpp, "parallel.vpp", 1, kMaxDegree,
                       in<&Scenario::parallel, &Parallel::vpp>()),
               P::Parallel, "VPP", QT_TRANSLATE_NOOP("ScenarioFields", "Virtual stages"),
               QT_TRANSLATE_NOOP(
                   "ScenarioFields",
                   "VPP: interleaved pipeline chunks per GPU; shrinks the bubble by VPP"),
               {1, 32, true, Snap::Integer}),
        shown(
            boolean(K::SequenceParallel, "parallel.sequence_parallel",
                    in<&Scenario::parallel, &Parallel::sequenceParallel>()),
            P::Parallel, QT_TRANSLATE_NOOP("ScenarioFields", "Sequence parallel"),
            QT_TRANSLATE_NOOP(
                "ScenarioFields",
                "Shard norms and dropout over TP: all-reduce becomes reduce-scatter + all-gather")),
        shown(integer(K::Zero, "parallel.zero", 0, 3, in<&Scenario::parallel, &Parallel::zero>()),
              P::Parallel, QT_TRANSLATE_NOOP("ScenarioFields", "ZeRO stage"),
              QT_TRANSLATE_NOOP(
                  "ScenarioFields",
                  "0: replicate; 1: shard optimizer; 2: + gradients; 3: + weights (FSDP)")),
        integer(K::FirstStageLayers, "parallel.first_stage_layers", 0, kMaxSize,
                in<&Scenario::parallel, &Parallel::firstStageLayers>()),
        integer(K::LastStageLayers, "parallel.last_stage_layers", 0, kMaxSize,
                in<&Scenario::parallel, &Parallel::lastStageLayers>()),
        forExperts(slider(
            integer(K::Ep, "parallel.ep", 1, kMaxDegree, in<&Scenario::parallel, &Parallel::ep>()),
            P::Parallel, "EP", QT_TRANSLATE_NOOP("ScenarioFields", "Expert parallel"),
            QT_TRANSLATE_NOOP(
                "ScenarioFields",
                "EP: the experts shared out over EP GPUs, tokens sent to them by all-to-all; must divide E and TP·CP·DP"),
            {1, 1024, true, Snap::PowerOfTwo})),
        // 0: as tp (Megatron-Core's default), which is what a file leaves out.
        forExperts(slider(
            integer(K::Etp, "parallel.etp", 0, kMaxDegree,
                    in<&Scenario::parallel, &Parallel::etp>()),
            P::Parallel, "ETP", QT_TRANSLATE_NOOP("ScenarioFields", "Expert tensor parallel"),
            QT_TRANSLATE_NOOP(
                "ScenarioFields",
                "ETP: each expert's matrices split over ETP GPUs, apart from the TP of attention (0: as TP)"),
            {1, 64, true, Snap::PowerOfTwo, 1, QT_TRANSLATE_NOOP("ScenarioFields", "as TP")})),
        slider(integer(K::Gpus, "parallel.gpus", 1, kMaxDegree,
                       {[](const Scenario &s) { return s.parallel.gpus(); },
                        [](Scenario &s, double v) {
                            // DP follows the GPU count; the reader checks that it divides.
                            const std::int64_t modelParallel =
                                s.parallel.tp * s.parallel.pp * s.parallel.cp;
                            s.parallel.dp = std::max<std::int64_t>(
                                1, std::llround(v) / std::max<std::int64_t>(1, modelParallel));
                        }},
                       S::ByHand),
               P::Hardware, "G", QT_TRANSLATE_NOOP("ScenarioFields", "GPU count"),
               QT_TRANSLATE_NOOP("ScenarioFields", "G = TP·PP·DP·CP; changing it changes DP"),
               {1, 1 << 20, true, Snap::Integer}),
        shown(
            choice<engine::Recompute>(K::Recompute, "recompute", top<&Scenario::recompute>()),
            P::Parallel, QT_TRANSLATE_NOOP("ScenarioFields", "Recompute"),
            QT_TRANSLATE_NOOP(
                "ScenarioFields",
                "none; selective: recompute the attention core; full: recompute every layer's forward")),
        shown(choice<engine::Precision>(K::Precision, "precision", top<&Scenario::precision>()),
              P::Hardware, QT_TRANSLATE_NOOP("ScenarioFields", "Precision"),
              QT_TRANSLATE_NOOP(
                  "ScenarioFields",
                  "GEMM precision; FP8 runs GEMMs at the FP8 peak and divides MFU by it")),

        text(
            K::HardwarePreset, "hardware.preset",
            [](const Scenario &s) -> const std::string & { return s.hardwarePreset; },
            [](Scenario &s, const std::string &v) { s.hardwarePreset = v; }, S::ByHand),
        text(
            K::HardwareName, "hardware.name",
            [](const Scenario &s) -> const std::string & { return s.hardware.name; },
            [](Scenario &s, const std::string &v) { s.hardware.name = v; }),
        text(
            K::Vendor, "hardware.vendor",
            [](const Scenario &s) -> const std::string & { return s.hardware.vendor; },
            [](Scenario &s, const std::string &v) { s.hardware.vendor = v; }),
        slider(number(K::PeakTflops, "hardware.peak_tflops", 0, 1e6, {&shownPeak, &setShownPeak},
                      S::View),
               P::Hardware, "peak", QT_TRANSLATE_NOOP("ScenarioFields", "Peak TFLOP/s"),
               QT_TRANSLATE_NOOP(
                   "ScenarioFields",
                   "Dense peak of the chosen precision, TFLOP/s per GPU; MFU divides by it"),
               {10, 20000, true, Snap::Continuous}),
        number(K::PeakTflopsBf16, "hardware.peak_tflops.bf16", 0, 1e6,
               in<&Scenario::hardware, &Hardware::peakTflopsBf16>()),
        number(K::PeakTflopsFp16, "hardware.peak_tflops.fp16", 0, 1e6,
               in<&Scenario::hardware, &Hardware::peakTflopsFp16>()),
        number(K::PeakTflopsFp8, "hardware.peak_tflops.fp8", 0, 1e6,
               in<&Scenario::hardware, &Hardware::peakTflopsFp8>()),
        number(K::PeakTflopsMxfp8, "hardware.peak_tflops.mxfp8", 0, 1e6,
               in<&Scenario::hardware, &Hardware::peakTflopsMxfp8>()),
        number(K::PeakTflopsNvfp4, "hardware.peak_tflops.nvfp4", 0, 1e6,
               in<&Scenario::hardware, &Hardware::peakTflopsNvfp4>()),
        slider(number(K::MemoryGib, "hardware.memory_gib", 1e-3, 1e5,
                      in<&Scenario::hardware, &Hardware::memoryGib>()),
               P::Hardware, "HBM", QT_TRANSLATE_NOOP("ScenarioFields", "HBM capacity (GiB)"),
               QT_TRANSLATE_NOOP("ScenarioFields", "Memory per GPU, GiB"),
               {8, 1024, true, Snap::Continuous}),
        slider(number(K::MemoryBwGbs, "hardware.memory_bw_gbs", 1e-3, 1e6,
                      in<&Scenario::hardware, &Hardware::memoryBwGbs>()),
               P::Hardware, "BW", QT_TRANSLATE_NOOP("ScenarioFields", "HBM bandwidth (GB/s)"),
               QT_TRANSLATE_NOOP(
                   "ScenarioFields",
                   "Memory bandwidth per GPU, GB/s; bounds element-wise work and skinny GEMMs"),
               {100, 50000, true, Snap::Continuous}),
        slider(number(K::IntraNodeGbs, "hardware.intra_node_gbs", 1e-3, 1e6,
                      in<&Scenario::hardware, &Hardware::intraNodeGbs>()),
               P::Hardware, "NVLink", QT_TRANSLATE_NOOP("ScenarioFields", "NVLink (GB/s)"),
               QT_TRANSLATE_NOOP(
                   "ScenarioFields",
                   "Scale-up link per GPU, one direction, GB/s; carries TP inside a node"),
               {1, 10000, true, Snap::Continuous}),
        slider(number(K::InterNodeGbs, "hardware.inter_node_gbs", 1e-3, 1e6,
                      in<&Scenario::hardware, &Hardware::interNodeGbs>()),
               P::Hardware, "NIC", QT_TRANSLATE_NOOP("ScenarioFields", "Network (GB/s)"),
               QT_TRANSLATE_NOOP(
                   "ScenarioFields",
                   "Network share per GPU, one direction, GB/s; carries DP and PP across nodes"),
               {0.5, 1000, true, Snap::Continuous}),
        integer(K::GpusPerNode, "hardware.gpus_per_node", 1, 100'000,
                in<&Scenario::hardware, &Hardware::gpusPerNode>()),
        row(K::Efficiency, "hardware.efficiency", T::Group, S::ByHand),

        text(
            K::SoftwarePreset, "software.preset",
            [](const Scenario &s) -> const std::string & { return s.softwarePreset; },
            [](Scenario &s, const std::string &v) { s.softwarePreset = v; }, S::ByHand),
        text(
            K::SoftwareName, "software.name",
            [](const Scenario &s) -> const std::string & { return s.software.name; },
            [](Scenario &s, const std::string &v) { s.software.name = v; }),
        shown(
            choice<engine::AttentionKernel>(K::Attention, "software.attention",
                                            in<&Scenario::software, &Software::attention>()),
            P::Software, QT_TRANSLATE_NOOP("ScenarioFields", "Attention kernel"),
            QT_TRANSLATE_NOOP(
                "ScenarioFields",
                "The kernel of the attention core; fused ones skip the masked half and keep the scores on chip")),
        shown(
            choice<engine::ElementwiseKernels>(K::Elementwise, "software.elementwise",
                                               in<&Scenario::software, &Software::elementwise>()),
            P::Software, QT_TRANSLATE_NOOP("ScenarioFields", "Elementwise kernels"),
            QT_TRANSLATE_NOOP(
                "ScenarioFields",
                "fused: one kernel per norm, activation or rotary; eager: one per operator, norms in FP32 (PyTorch without compile)")),
        shown(
            choice<engine::TpOverlap>(K::TpCommOverlap, "software.tp_comm_overlap",
                                      in<&Scenario::software, &Software::tpOverlap>()),
            P::Software, QT_TRANSLATE_NOOP("ScenarioFields", "TP overlap"),
            QT_TRANSLATE_NOOP(
                "ScenarioFields",
                "How tensor-parallel collectives hide behind GEMMs (needs sequence parallelism): bulk in the backward, or pipelined in chunks with one exposed")),
        number(K::TpOverlapSmFraction, "software.tp_overlap_sm_fraction", 0, 0.5,
               in<&Scenario::software, &Software::tpOverlapSmFraction>()),
        shown(
            boolean(K::OverlapGradReduce, "software.overlap_grad_reduce",
                    in<&Scenario::software, &Software::overlapGradReduce>()),
            P::Software, QT_TRANSLATE_NOOP("ScenarioFields", "Overlap DP communication"),
            QT_TRANSLATE_NOOP(
                "ScenarioFields",
                "Gradient reduce-scatter during the backward and parameter all-gather during the forward")),
        shown(choice<engine::GradReduce>(K::GradReduce, "software.grad_reduce",
                                         in<&Scenario::software, &Software::gradReduce>()),
              P::Software, QT_TRANSLATE_NOOP("ScenarioFields", "Gradient reduction"),
              QT_TRANSLATE_NOOP(
                  "ScenarioFields",
                  "Type data-parallel gradients are reduced in: BF16 moves half the bytes")),
        boolean(K::Fp8ParamGather, "software.fp8_param_gather",
                in<&Scenario::software, &Software::fp8ParamGather>()),
        shown(
            choice<engine::Fp8Recipe>(K::Fp8Recipe, "software.fp8_recipe",
                                      in<&Scenario::software, &Software::fp8Recipe>()),
            P::Software, QT_TRANSLATE_NOOP("ScenarioFields", "FP8 recipe"),
            QT_TRANSLATE_NOOP(
                "ScenarioFields",
                "How FP8 scales are found; current and row scales cost extra passes over the tensors")),
        shown(
            boolean(K::EmbeddingInPipelineSplit, "software.embedding_in_pipeline_split",
                    in<&Scenario::software, &Software::embeddingInPipelineSplit>()),
            P::Software, QT_TRANSLATE_NOOP("ScenarioFields", "Embedding and loss as stage layers"),
            QT_TRANSLATE_NOOP(
                "ScenarioFields",
                "The first and last pipeline stages hold one layer fewer, for the embedding and the loss")),
        boolean(K::DeferEmbeddingWgrad, "software.defer_embedding_wgrad",
                in<&Scenario::software, &Software::deferEmbeddingWgrad>()),
        boolean(K::OverlapP2pComm, "software.overlap_p2p_comm",
                in<&Scenario::software, &Software::overlapP2pComm>()),
        shown(
            boolean(K::CudaGraphs, "software.cuda_graphs",
                    in<&Scenario::software, &Software::cudaGraphs>()),
            P::Software, QT_TRANSLATE_NOOP("ScenarioFields", "CUDA graphs"),
            QT_TRANSLATE_NOOP(
                "ScenarioFields",
                "Kernels replayed from captured graphs: the host no longer issues each one, which matters when per-GPU work is small")),
        number(K::HostUsPerKernel, "software.host_us_per_kernel", 0, 1000,
               in<&Scenario::software, &Software::hostUsPerKernel>()),
        forExperts(shown(
            choice<engine::MoeDispatcher>(K::MoeTokenDispatcher, "software.moe_token_dispatcher",
                                          in<&Scenario::software, &Software::moeDispatcher>()),
            P::Software, QT_TRANSLATE_NOOP("ScenarioFields", "Token dispatcher"),
            QT_TRANSLATE_NOOP(
                "ScenarioFields",
                "How routed tokens reach their experts' GPUs: NCCL all-to-all, or DeepEP-style kernels that cross to each node once"))),
        forExperts(shown(
            boolean(K::MoeA2aOverlap, "software.moe_a2a_overlap",
                    in<&Scenario::software, &Software::moeA2aOverlap>()),
            P::Software,
            QT_TRANSLATE_NOOP("ScenarioFields", "Overlap expert all-to-all"),
            QT_TRANSLATE_NOOP(
                "ScenarioFields",
                "Hide the dispatch and combine all-to-alls behind another micro-batch's compute (DualPipe, Megatron's EP overlap)"))),
        forExperts(shown(
            boolean(K::MoeForceBalance, "software.moe_force_balance",
                    in<&Scenario::software, &Software::moeForceBalance>()),
            P::Software,
            QT_TRANSLATE_NOOP("ScenarioFields", "Force balanced routing"),
            QT_TRANSLATE_NOOP(
                "ScenarioFields",
                "Every expert gets the same number of tokens, as benchmarks force it; off, the busiest EP rank sets the pace"))),
        number(K::MoeImbalance, "software.moe_imbalance", 1, 64,
               in<&Scenario::software, &Software::moeImbalance>()),

        shown(
            choice<engine::FlopsConvention>(K::FlopsConvention, "conventions.flops",
                                            in<&Scenario::conventions, &Conventions::flops>()),
            P::Conventions, QT_TRANSLATE_NOOP("ScenarioFields", "FLOPs convention"),
            QT_TRANSLATE_NOOP(
                "ScenarioFields",
                "How model FLOPs are counted: exact sum, 6N, PaLM (6N + 12·L·n·d·s) or Megatron's closed form")),
        shown(boolean(K::Causal, "conventions.causal",
                      in<&Scenario::conventions, &Conventions::causal>()),
              P::Conventions, QT_TRANSLATE_NOOP("ScenarioFields", "Causal counting"),
              QT_TRANSLATE_NOOP(
                  "ScenarioFields",
                  "Count only the unmasked half of QKᵀ and scores·V, as FlashAttention runs it")),
        choice<engine::PeakBasis>(K::PeakBasis, "conventions.peak",
                                  in<&Scenario::conventions, &Conventions::peak>()),
        choice<engine::ParamBasis>(K::ParamBasis, "conventions.params",
                                   in<&Scenario::conventions, &Conventions::params>()),

        slider(number(K::TokenBudget, "planning.token_budget", 1, 1e18,
                      in<&Scenario::planning, &Planning::tokenBudget>()),
               P::Planning, "D", QT_TRANSLATE_NOOP("ScenarioFields", "Token budget"),
               QT_TRANSLATE_NOOP("ScenarioFields",
                                 "Tokens to train on; sets days and GPU-hours to train"),
               {1e9, 1e15, true, Snap::Continuous, 1e9}),
        slider(number(K::PricePerGpuHour, "planning.price_per_gpu_hour", 0, 1e6,
                      in<&Scenario::planning, &Planning::pricePerGpuHour>()),
               P::Planning, "$", QT_TRANSLATE_NOOP("ScenarioFields", "Price per GPU-hour"),
               QT_TRANSLATE_NOOP("ScenarioFields", "Cost of one GPU for one hour"),
               {0, 100, false, Snap::Continuous}),

        number(K::MeasuredStepTime, "measured.step_time_s", kMinMeasured, kMaxMeasured,
               measured<engine::Measured::Kind::StepTime>(), S::ByHand),
        number(K::MeasuredTokensPerS, "measured.tokens_per_s", kMinMeasured, kMaxMeasured,
               measured<engine::Measured::Kind::TokensPerS>(), S::ByHand),
        number(K::MeasuredTokensPerSPerGpu, "measured.tokens_per_s_per_gpu", kMinMeasured,
               kMaxMeasured, measured<engine::Measured::Kind::TokensPerSPerGpu>(), S::ByHand),
        number(K::MeasuredSamplesPerS, "measured.samples_per_s", kMinMeasured, kMaxMeasured,
               measured<engine::Measured::Kind::SamplesPerS>(), S::ByHand),
        number(K::MeasuredTflopsPerGpu, "measured.tflops_per_gpu", kMinMeasured, kMaxMeasured,
               measured<engine::Measured::Kind::TflopsPerGpu>(), S::ByHand),
        choice<engine::Measured::TflopsKind>(
            K::MeasuredTflopsKind, "measured.tflops_kind",
            in<&Scenario::measured, &engine::Measured::tflopsKind>(), S::ByHand),

        row(K::ModelArchitecture, "model.architecture", T::Group, S::View),
        row(K::Hardware, "hardware", T::Group, S::View),
    };
}

const std::vector<KeyInfo> &schema()
{
    static const std::vector<KeyInfo> rows = [] {
        std::vector<KeyInfo> out = buildSchema();
        // keyInfo() indexes by the enum: a row out of place is a programming error that every
        // test would trip over at once.
        if (out.size() != std::size_t(K::Count))
            std::abort();
        for (std::size_t i = 0; i < out.size(); ++i)
            if (out[i].key != K(i))
                std::abort();
        return out;
    }();
    return rows;
}

} // namespace

std::string_view KeyInfo::member() const
{
    const std::string_view p = path;
    const std::size_t dot = p.rfind('.');
    return dot == std::string_view::npos ? p : p.substr(dot + 1);
}

std::string_view KeyInfo::section() const
{
    const std::string_view p = path;
    const std::size_t dot = p.rfind('.');
    return dot == std::string_view::npos ? std::string_view() : p.substr(0, dot);
}

std::span<const KeyInfo> scenarioSchema()
{
    return schema();
}

const KeyInfo &keyInfo(ScenarioKey key)
{
    return schema()[std::size_t(key)];
}

const KeyInfo *keyForPath(std::string_view path)
{
    for (const KeyInfo &info : schema())
        if (path == info.path)
            return &info;
    return nullptr;
}

std::string measuredFigureList(std::string_view prefix, std::string_view lastSeparator)
{
    const auto forms = engine::namedValues<engine::Measured::Kind>();
    std::string out;
    for (std::size_t i = 0; i < forms.size(); ++i) {
        if (i > 0)
            out += i + 1 == forms.size() ? lastSeparator : std::string_view(", ");
        out += prefix;
        out += forms[i].name;
    }
    return out;
}

std::string choiceName(const KeyInfo &info, const engine::Scenario &sc)
{
    if (info.type != T::Choice)
        return {};
    const int value = int(info.get(sc));
    for (const ChoiceItem &item : info.choices())
        if (item.value == value)
            return item.name;
    return {};
}

} // namespace mfu::io
