#include "validate.h"

#include <cmath>
#include <string>

namespace mfu::engine {
namespace {

std::string num(double v)
{
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15)
        return std::to_string(static_cast<long long>(v));
    return std::to_string(v);
}

// Out of line and cold: building the message costs more than all the checks that pass, and
// evaluate() runs these checks on every call (sweeps and searches make millions of them).
[[gnu::cold, gnu::noinline]] Error rangeError(const char *field, double v, double lo, double hi)
{
    return Error{field,
                 "expected a number from " + num(lo) + " to " + num(hi) + ", found " + num(v)};
}

inline std::optional<Error> checkRange(const char *field, double v, double lo, double hi)
{
    if (std::isfinite(v) && v >= lo && v <= hi) [[likely]]
        return std::nullopt;
    return rangeError(field, v, lo, hi);
}

[[gnu::cold, gnu::noinline]] Error onlyWith(const char *field, const char *condition, double v)
{
    return Error{field, std::string("only applies with ") + condition + ", found " + num(v)};
}

// A mixture of experts: k of E routed experts, shared experts given by count and width
// together, dense layers that leave at least one MoE layer. Without experts no other field of
// the block may be set, so that a half-written block is never silently dense.
std::optional<Error> checkMoe(const ModelShape &m)
{
    const MoeShape &e = m.moe;
    if (auto err = checkRange("model.moe.experts", double(e.experts), 0, limits::kMaxExperts))
        return err;
    if (!e.enabled()) {
        for (auto [field, v] :
             {std::pair{"model.moe.top_k", double(e.topK)},
              {"model.moe.expert_ffn_hidden", double(e.expertFfnHidden)},
              {"model.moe.shared_experts", double(e.sharedExperts)},
              {"model.moe.shared_expert_ffn_hidden", double(e.sharedExpertFfnHidden)},
              {"model.moe.dense_layers", double(e.denseLayers)},
              {"model.moe.mtp_layers", double(e.mtpLayers)},
              {"model.moe.capacity_factor", e.capacityFactor}})
            if (v != 0)
                return onlyWith(field, "model.moe.experts > 0", v);
        return std::nullopt;
    }
    if (auto err = checkRange("model.moe.top_k", double(e.topK), 1, double(e.experts)))
        return err;
    if (auto err = checkRange("model.moe.expert_ffn_hidden", double(e.expertFfnHidden), 1,
                              64 * limits::kMaxHidden))
        return err;
    if (auto err =
            checkRange("model.moe.shared_experts", double(e.sharedExperts), 0, limits::kMaxExperts))
        return err;
    if (auto err = checkRange("model.moe.shared_expert_ffn_hidden", double(e.sharedExpertFfnHidden),
                              0, 64 * limits::kMaxHidden))
        return err;
    if ((e.sharedExperts > 0) != (e.sharedExpertFfnHidden > 0))
        return Error{"model.moe.shared_expert_ffn_hidden",
                     "expected a width when shared_experts > 0 and 0 without shared experts, "
                     "found " +
                         num(double(e.sharedExpertFfnHidden)) + " with " +
                         num(double(e.sharedExperts)) + " shared experts"};
    if (auto err =
            checkRange("model.moe.dense_layers", double(e.denseLayers), 0, double(m.layers - 1)))
        return err;
    if (auto err =
            checkRange("model.moe.mtp_layers", double(e.mtpLayers), 0, limits::kMaxMtpLayers))
        return err;
    if (e.capacityFactor != 0)
        return checkRange("model.moe.capacity_factor", e.capacityFactor, 0.01,
                          double(e.experts) / double(e.topK));
    return std::nullopt;
}

// Multi-head latent attention: every head width but the query latent's is required, and the
// heads are not grouped (MLA has no separate key/value heads).
std::optional<Error> checkMla(const ModelShape &m)
{
    const MlaShape &a = m.mla;
    if (auto err =
            checkRange("model.mla.kv_lora_rank", double(a.kvLoraRank), 0, limits::kMaxHidden))
        return err;
    if (!a.enabled()) {
        for (auto [field, v] : {std::pair{"model.mla.q_lora_rank", a.qLoraRank},
                                {"model.mla.qk_nope_head_dim", a.qkNopeHeadDim},
                                {"model.mla.qk_rope_head_dim", a.qkRopeHeadDim},
                                {"model.mla.v_head_dim", a.vHeadDim}})
            if (v != 0)
                return onlyWith(field, "model.mla.kv_lora_rank > 0", double(v));
        return std::nullopt;
    }
    if (auto err = checkRange("model.mla.q_lora_rank", double(a.qLoraRank), 0, limits::kMaxHidden))
        return err;
    for (auto [field, v] : {std::pair{"model.mla.qk_nope_head_dim", a.qkNopeHeadDim},
                            {"model.mla.qk_rope_head_dim", a.qkRopeHeadDim},
                            {"model.mla.v_head_dim", a.vHeadDim}})
        if (auto err = checkRange(field, double(v), 1, limits::kMaxHidden))
            return err;
    if (m.kvHeads != m.heads)
        return Error{"model.kv_heads", "expected heads (" + num(double(m.heads)) +
                                           ") with MLA, which has no grouped key/value heads, "
                                           "found " +
                                           num(double(m.kvHeads))};
    return std::nullopt;
}

std::optional<Error> checkSlidingWindow(const ModelShape &m)
{
    const SlidingWindow &w = m.slidingWindow;
    if (auto err =
            checkRange("model.sliding_window.tokens", double(w.tokens), 0, limits::kMaxSeqLen))
        return err;
    if (!w.enabled() && w.fullAttentionInterval != 0)
        return onlyWith("model.sliding_window.full_attention_interval",
                        "model.sliding_window.tokens > 0", double(w.fullAttentionInterval));
    return checkRange("model.sliding_window.full_attention_interval",
                      double(w.fullAttentionInterval), 0, double(m.layers));
}

// Expert parallelism: ep GPUs share out the experts, each expert's matrices split over etp,
// and ep·etp GPUs of the tp·cp·dp that hold one pipeline stage form an expert group
// (Megatron-Core's parallel folding). A dense model has neither.
std::optional<Error> checkExpertLayout(const Scenario &sc)
{
    const Parallel &p = sc.parallel;
    const MoeShape &e = sc.model.moe;
    if (auto err = checkRange("parallel.ep", double(p.ep), 1, limits::kMaxParallel))
        return err;
    if (auto err = checkRange("parallel.etp", double(p.etp), 0, limits::kMaxParallel))
        return err;
    if (!e.enabled()) {
        if (p.ep != 1)
            return onlyWith("parallel.ep", "model.moe.experts > 0", double(p.ep));
        if (p.etp != 0)
            return onlyWith("parallel.etp", "model.moe.experts > 0", double(p.etp));
        return std::nullopt;
    }
    if (e.experts % p.ep != 0)
        return Error{"parallel.ep", "expected a divisor of model.moe.experts (" +
                                        num(double(e.experts)) + "), found " + num(double(p.ep))};
    const double stageGpus = double(p.tp) * double(p.cp) * double(p.dp);
    const double expertGroup = double(p.ep) * double(p.expertTp());
    if (std::fmod(stageGpus, expertGroup) != 0)
        return Error{p.etp > 0 && std::fmod(stageGpus, double(p.ep)) == 0 ? "parallel.etp"
                                                                          : "parallel.ep",
                     "expected ep × etp (" + num(expertGroup) + ") to divide tp·cp·dp (" +
                         num(stageGpus) + ")"};
    return std::nullopt;
}

std::optional<Error> checkShape(const ModelShape &m)
{
    if (auto e = checkRange("model.layers", double(m.layers), 1, limits::kMaxLayers))
        return e;
    if (auto e = checkRange("model.hidden", double(m.hidden), 1, limits::kMaxHidden))
        return e;
    if (auto e = checkRange("model.heads", double(m.heads), 1, double(m.hidden)))
        return e;
    if (auto e = checkRange("model.kv_heads", double(m.kvHeads), 1, double(m.heads)))
        return e;
    if (auto e = checkRange("model.head_dim", double(m.headDim), 1, limits::kMaxHidden))
        return e;
    if (auto e = checkRange("model.ffn_hidden", double(m.ffnHidden), 1, 64 * limits::kMaxHidden))
        return e;
    if (auto e = checkRange("model.vocab", double(m.vocab), 1, limits::kMaxVocab))
        return e;
    if (auto e = checkRange("model.max_positions", double(m.maxPositions), 0, limits::kMaxSeqLen))
        return e;
    if (m.heads % m.kvHeads != 0)
        return Error{"model.kv_heads", "expected a divisor of heads (" + num(double(m.heads)) +
                                           "), found " + num(double(m.kvHeads))};
    if (auto e = checkMoe(m))
        return e;
    if (auto e = checkMla(m))
        return e;
    return checkSlidingWindow(m);
}

// Explicit end stages: whole layers, only with a pipeline, not together with the split that
// already lightens the ends, and leaving every other stage a layer per chunk (or nothing at all
// when the two ends are the whole pipeline).
std::optional<Error> checkEndStages(const Scenario &sc)
{
    const Parallel &p = sc.parallel;
    const std::int64_t layers = sc.model.layers;
    const std::int64_t first = p.firstStageLayers, last = p.lastStageLayers;
    for (auto [field, v] :
         {std::pair{"parallel.first_stage_layers", first}, {"parallel.last_stage_layers", last}}) {
        if (auto e = checkRange(field, double(v), 0, double(layers)))
            return e;
        if (v == 0)
            continue;
        if (p.pp == 1)
            return Error{field, "expected 0 without pipeline parallelism (pp = 1), found " +
                                    num(double(v))};
        if (sc.software.embeddingInPipelineSplit)
            return Error{field, "expected 0 with software.embedding_in_pipeline_split, which "
                                "already sets the end stages, found " +
                                    num(double(v))};
    }
    if (first == 0 && last == 0)
        return std::nullopt;
    const std::int64_t others = p.pp - (first > 0) - (last > 0);
    const std::int64_t rest = layers - first - last;
    const char *field = last > 0 ? "parallel.last_stage_layers" : "parallel.first_stage_layers";
    if (others == 0 && rest != 0)
        return Error{field, "expected first_stage_layers + last_stage_layers = layers (" +
                                num(double(layers)) + ") with pp 2, found " +
                                num(double(first + last))};
    if (rest < others * p.vpp)
        return Error{field, "expected to leave each other stage at least vpp layers (" +
                                num(double(others * p.vpp)) + " of " + num(double(layers)) +
                                "), found " + num(double(rest)) + " left"};
    return std::nullopt;
}

std::optional<Error> checkLayout(const Scenario &sc)
{
    const Parallel &p = sc.parallel;
    const Batch &b = sc.batch;
    if (auto e =
            checkRange("batch.global_batch", double(b.globalBatch), 1, limits::kMaxGlobalBatch))
        return e;
    if (auto e = checkRange("batch.seq_len", double(b.seqLen), 1, limits::kMaxSeqLen))
        return e;
    if (b.tokensPerStep() > limits::kMaxTokensPerStep)
        return Error{"batch", "expected global_batch × seq_len ≤ 1e12 tokens, found " +
                                  num(b.tokensPerStep())};
    if (auto e = checkRange("batch.micro_batch", double(b.microBatch), 1, double(b.globalBatch)))
        return e;
    for (auto [field, v] : {std::pair{"parallel.tp", p.tp},
                            {"parallel.pp", p.pp},
                            {"parallel.dp", p.dp},
                            {"parallel.cp", p.cp},
                            {"parallel.vpp", p.vpp}})
        if (auto e = checkRange(field, double(v), 1, limits::kMaxParallel))
            return e;
    if (p.gpus() > limits::kMaxParallel)
        return Error{"parallel", "expected at most 1e7 GPUs (tp·pp·dp·cp), found " + num(p.gpus())};
    if (p.zero < 0 || p.zero > 3)
        return Error{"parallel.zero", "expected 0, 1, 2 or 3, found " + num(p.zero)};

    const ModelShape &m = sc.model;
    if (m.heads % p.tp != 0)
        return Error{"parallel.tp", "expected a divisor of heads (" + num(double(m.heads)) +
                                        "), found " + num(double(p.tp))};
    if (p.tp > m.kvHeads ? p.tp % m.kvHeads != 0 : m.kvHeads % p.tp != 0)
        return Error{"parallel.tp", "expected tp to divide kv_heads (" + num(double(m.kvHeads)) +
                                        ") or be a multiple of it, found " + num(double(p.tp))};
    // Every chunk needs a layer; a split that counts the embedding and the loss as layers has
    // two more to give out.
    if (sc.software.embeddingInPipelineSplit) {
        if (p.pp * p.vpp > m.layers + 2)
            return Error{"parallel.pp", "expected pp × vpp ≤ layers + 2 (" +
                                            num(double(m.layers + 2)) + "), found " +
                                            num(double(p.pp * p.vpp))};
    } else if (p.pp * p.vpp > m.layers) {
        return Error{"parallel.pp", "expected pp × vpp ≤ layers (" + num(double(m.layers)) +
                                        "), found " + num(double(p.pp * p.vpp))};
    }
    if (p.vpp > 1 && p.pp == 1)
        return Error{"parallel.vpp", "expected 1 without pipeline parallelism (pp = 1)"};
    if (auto e = checkEndStages(sc))
        return e;
    if (auto e = checkExpertLayout(sc))
        return e;
    if (b.seqLen % p.cp != 0)
        return Error{"parallel.cp", "expected a divisor of seq_len (" + num(double(b.seqLen)) +
                                        "), found " + num(double(p.cp))};
    if (b.globalBatch % p.dp != 0)
        return Error{"parallel.dp", "expected a divisor of global_batch (" +
                                        num(double(b.globalBatch)) + "), found " +
                                        num(double(p.dp))};
    const std::int64_t perReplica = b.globalBatch / p.dp;
    if (perReplica % b.microBatch != 0)
        return Error{"batch.micro_batch", "expected a divisor of global_batch / dp (" +
                                              num(double(perReplica)) + "), found " +
                                              num(double(b.microBatch))};
    return std::nullopt;
}

std::optional<Error> checkHardware(const Hardware &hw)
{
    for (auto [field, v] : {std::pair{"hardware.peak_tflops.bf16", hw.peakTflopsBf16},
                            {"hardware.peak_tflops.fp16", hw.peakTflopsFp16},
                            {"hardware.peak_tflops.fp8", hw.peakTflopsFp8},
                            {"hardware.peak_tflops.mxfp8", hw.peakTflopsMxfp8},
                            {"hardware.peak_tflops.nvfp4", hw.peakTflopsNvfp4}})
        if (auto e = checkRange(field, v, 0, limits::kMaxTflops))
            return e;
    if (hw.peakTflopsBf16 <= 0 && hw.peakTflopsFp16 <= 0)
        return Error{"hardware.peak_tflops", "expected a positive bf16 or fp16 peak"};
    if (auto e = checkRange("hardware.memory_gib", hw.memoryGib, 1e-3, limits::kMaxMemoryGib))
        return e;
    for (auto [field, v] : {std::pair{"hardware.memory_bw_gbs", hw.memoryBwGbs},
                            {"hardware.intra_node_gbs", hw.intraNodeGbs},
                            {"hardware.inter_node_gbs", hw.interNodeGbs}})
        if (auto e = checkRange(field, v, 1e-3, limits::kMaxBandwidthGbs))
            return e;
    if (auto e = checkRange("hardware.gpus_per_node", hw.gpusPerNode, 1, 1e5))
        return e;
    return std::nullopt;
}

} // namespace

std::optional<Error> checkSoftware(const Software &sw)
{
    if (auto e = checkRange("software.tp_overlap_sm_fraction", sw.tpOverlapSmFraction, 0, 0.5))
        return e;
    return checkRange("software.moe_imbalance", sw.moeImbalance, 1, 64);
}

std::optional<Error> validateScenario(const Scenario &sc)
{
    if (auto e = checkShape(sc.model))
        return e;
    if (auto e = checkLayout(sc))
        return e;
    if (auto e = checkSoftware(sc.software))
        return e;
    if (auto e = checkHardware(sc.hardware))
        return e;
    if (sc.measured.kind != Measured::Kind::None &&
        (!std::isfinite(sc.measured.value) || sc.measured.value <= 0))
        return Error{"measured",
                     "expected a positive finite figure, found " + num(sc.measured.value)};
    return std::nullopt;
}

} // namespace mfu::engine
