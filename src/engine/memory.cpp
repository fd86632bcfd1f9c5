#include "memory.h"

#include "params.h"

#include <algorithm>
#include <cmath>

namespace mfu::engine {
namespace {

// Mixed-precision Adam as Megatron-LM keeps it, bytes per parameter: bf16 weights for the
// GEMMs, fp32 gradients (accumulated over micro-batches in fp32 so small updates survive),
// fp32 master weights plus Adam's m and v. FP8 training (Transformer Engine) keeps the same
// three: its fp8 weight copies are cast per GEMM, and master weights and moments stay fp32.
constexpr double kWeightBytes = 2;
constexpr double kGradientBytes = 4;
constexpr double kOptimizerBytes = 12;

// Activations are kept in bf16/fp16. FP8 runs are counted the same: what a framework saves in
// fp8 differs by version, so this errs on the side of not fitting.
constexpr double kActivationBytes = 2;
constexpr double kMaskBytes = 1;  // a dropout mask stores one byte per element
constexpr double kLogitBytes = 4; // the cross-entropy works on fp32 logits

constexpr double kGib = 1024.0 * 1024.0 * 1024.0;

// Parallel degrees below 1 only reach here unvalidated; treating them as 1 keeps every
// figure finite and non-negative instead of dividing by zero.
double degree(std::int64_t v)
{
    return v >= 1 ? double(v) : 1.0;
}

double nonNegative(double v)
{
    return v > 0 ? v : 0.0; // NaN compares false and becomes 0 as well
}

// Tokens of one micro-batch that one GPU processes: context parallelism splits the sequence.
double localTokens(const Batch &batch, const Parallel &parallel)
{
    return nonNegative(double(batch.seqLen)) / degree(parallel.cp) *
           nonNegative(double(batch.microBatch));
}

// Width of K (and of V) on one TP rank, elements. When tp exceeds n_kv, Megatron replicates
// the KV heads so that every rank holds one whole head.
double kvWidthPerRank(const ModelShape &m, double tp)
{
    return nonNegative(double(m.headDim)) * std::max(nonNegative(double(m.kvHeads)) / tp, 1.0);
}

double normParams(const ModelShape &m)
{
    const double h = nonNegative(double(m.hidden));
    return m.norm == NormKind::LayerNorm ? 2 * h : h; // LayerNorm adds a shift
}

// Parameters of one transformer layer on one TP rank. Column-parallel GEMMs (Q, K, V, up,
// gate) split their output columns and biases, row-parallel ones (o_proj, down) their input
// rows; their biases and the norms are replicated on every rank.
double layerParamsPerRank(const ModelShape &m, double tp)
{
    if (m.mla.enabled()) // no grouped heads to replicate: every projection splits over TP
        return (attentionParams(m) + denseMlpParams(m)) / tp + layerNormParams(m);
    const double h = nonNegative(double(m.hidden));
    const double qWidth = nonNegative(double(m.heads)) * nonNegative(double(m.headDim)) / tp;
    const double kvWidth = kvWidthPerRank(m, tp);
    const double ffn = nonNegative(double(m.ffnHidden)) / tp;
    const double mlpMatrices = m.gatedMlp ? 3 : 2;

    double params =
        h * qWidth + 2 * h * kvWidth + qWidth * h + mlpMatrices * h * ffn + 2 * normParams(m);
    if (m.bias)
        params += qWidth + 2 * kvWidth + h + (mlpMatrices - 1) * ffn + h;
    return params;
}

// An MoE layer on one GPU: attention and the shared experts split over TP, the router on every
// rank, and the routed experts split over EP × ETP.
struct MoeLayerParams
{
    double shared = 0;
    double expert = 0;
};

MoeLayerParams moeLayerParamsPerRank(const ModelShape &m, const Parallel &p)
{
    const double tp = degree(p.tp);
    MoeLayerParams out;
    out.shared = layerParamsPerRank(m, tp) - denseMlpParams(m) / tp + sharedExpertParams(m) / tp +
                 routerParams(m);
    out.expert =
        double(m.moe.experts) * routedExpertParams(m) / (degree(p.ep) * degree(p.expertTp()));
    return out;
}

bool holdsEmbedding(const Parallel &p, PipelineStage stage)
{
    return stage == PipelineStage::First || degree(p.pp) == 1;
}

bool holdsLmHead(const Parallel &p, PipelineStage stage)
{
    return stage == PipelineStage::Last || degree(p.pp) == 1;
}

// Micro-batches per optimizer step that flow through one pipeline: M = b/(dp·m).
double microBatchesPerStep(const Parallel &p, const Batch &b)
{
    const double perReplica = nonNegative(double(b.globalBatch)) / degree(p.dp);
    return std::max(perReplica / std::max(nonNegative(double(b.microBatch)), 1.0), 1.0);
}

// Activations outside the transformer layers that one GPU keeps, bytes: the embedding's
// dropout mask on the first stage, and on the last the final norm's input, lm_head's input and
// the fp32 logits the loss needs.
double embeddingAndHeadActivations(const Scenario &sc, PipelineStage stage)
{
    const Parallel &p = sc.parallel;
    const double tp = degree(p.tp);
    const double hSplit = p.sequenceParallel ? tp : 1.0; // SP shards the h-wide tensors along s
    const double tokens = localTokens(sc.batch, p);
    const double h = nonNegative(double(sc.model.hidden));
    const double vocab = nonNegative(double(sc.model.vocab));

    double bytes = 0;
    if (holdsEmbedding(p, stage) && sc.model.dropout) {
        // The lookup itself keeps only token ids; the dropout after it keeps its mask for every
        // micro-batch in flight. With interleaving, chunk 0 runs two rounds of p micro-batches
        // before its first backward.
        const double pp = degree(p.pp);
        const double rounds = degree(p.vpp) > 1 ? 2 * pp : pp;
        const double inFlight = std::min(rounds, microBatchesPerStep(p, sc.batch));
        bytes += inFlight * kMaskBytes * tokens * h / hSplit;
    }
    if (holdsLmHead(p, stage)) {
        // The last stage runs each micro-batch's backward right after its forward, so only one
        // micro-batch's logits are alive. The vocabulary-parallel loss splits V over TP.
        bytes += 2 * kActivationBytes * tokens * h / hSplit; // final norm input, lm_head input
        bytes += kLogitBytes * tokens * vocab / tp;
    }
    return bytes;
}

// ZeRO-3 gathers each unit's full weights just before it runs and prefetches the next: two
// of the largest units the stage holds (a layer, or the embedding / lm_head table) are alive
// unsharded, bytes.
double zero3GatherBuffer(const ModelShape &m, const Parallel &p, PipelineStage stage)
{
    const double tp = degree(p.tp);
    const double table = nonNegative(double(m.vocab)) * nonNegative(double(m.hidden)) / tp;
    double largest = m.moe.enabled()
                         ? moeLayerParamsPerRank(m, p).shared + moeLayerParamsPerRank(m, p).expert
                         : layerParamsPerRank(m, tp);
    if (holdsEmbedding(p, stage) || holdsLmHead(p, stage))
        largest = std::max(largest, table);
    return 2 * kWeightBytes * largest;
}

} // namespace

double activationBytesPerLayer(const ModelShape &m, const Batch &batch, const Parallel &parallel,
                               Recompute recompute, bool fusedAttention)
{
    const double tp = degree(parallel.tp);
    // The h-wide tensors outside the TP region are replicated on every TP rank; sequence
    // parallelism splits them along s instead (Korthikanti §4.2.2), which is what moves the
    // constant 10 under the /t.
    const double hSplit = parallel.sequenceParallel ? tp : 1.0;
    const double tokens = localTokens(batch, parallel); // s/cp · m
    const double h = nonNegative(double(m.hidden));

    // Full recomputation keeps only each layer's input and reruns the forward from it.
    if (recompute == Recompute::Full)
        return kActivationBytes * tokens * h / hSplit;

    // Outside the TP region, per token: the inputs of the two norms (2h + 2h bytes) and their
    // outputs, the inputs of the QKV and the first MLP GEMM (2h + 2h); with dropout also the
    // one-byte masks of the dropouts after attention and after the MLP (h + h).
    // GPT: 8 + 2 = the constant 10 of Korthikanti's TP formula.
    double outside = 4 * kActivationBytes * tokens * h;
    if (m.dropout)
        outside += 2 * kMaskBytes * tokens * h;
    outside /= hSplit;

    // Attention inside the TP region, per token: Q and K (inputs of QKᵀ), V (input of
    // scores·V), the context (input of o_proj). Q and the context are n·d wide, K and V only
    // n_kv·d (GQA). GPT: 2h·4 = 8 of the 24/t.
    const double qWidth = nonNegative(double(m.heads)) * nonNegative(double(m.headDim)) / tp;
    const double kvWidth = kvWidthPerRank(m, tp);
    double attention = kActivationBytes * tokens * (2 * qWidth + 2 * kvWidth);
    if (m.mla.enabled()) {
        // MLA: Q and K of n·d_qk, V and the context of n·d_v, and the latents each projection
        // passes through (q down and its norm, the key/value latent with the rotary key and
        // its norm), which every TP rank holds in full.
        const MlaShape &a = m.mla;
        const double n = nonNegative(double(m.heads)) / tp;
        const double qk = double(a.qkNopeHeadDim + a.qkRopeHeadDim);
        const double latents = 2 * double(a.qLoraRank) + 2 * double(a.kvLoraRank + a.qkRopeHeadDim);
        attention = kActivationBytes * tokens * (2 * n * qk + 2 * n * double(a.vHeadDim) + latents);
    }

    // MLP inside the TP region, per token. Plain: the activation's input and its output (the
    // input of down), 2ĥ bytes each; GPT: 2·4h·2 = 16 of the 24/t. Gated (SwiGLU, unfused as
    // in PyTorch eager): the outputs of up and of gate (the SiLU's input), the SiLU output
    // (needed for the gradient of up) and the product feeding down, 2ĥ bytes each: 8ĥ.
    // (Megatron's fused SwiGLU recomputes the SiLU and keeps 6ĥ; the unfused count is safer.)
    const double ffn = nonNegative(double(m.ffnHidden)) / tp;
    const double mlp = (m.gatedMlp ? 4 : 2) * kActivationBytes * tokens * ffn;

    // The attention core, s×s per query head (n, never n_kv: GQA shares K and V, not scores):
    // the softmax output (2 bytes, input of scores·V and of the softmax backward); with dropout
    // also its mask (1) and its output (2), which then feeds scores·V: the 5·n·s/h term, or 2
    // without dropout. Each CP rank scores its s/cp queries against all s keys. Selective
    // recomputation keeps none of it, nor does a fused kernel, which recomputes the scores in
    // its backward (its per-row softmax statistics, 4 bytes per head and token, are left out:
    // under 0.5% of the rest).
    double scores = 0;
    if (recompute == Recompute::None && !fusedAttention) {
        const double seq = nonNegative(double(batch.seqLen));
        const double elements = nonNegative(double(m.heads)) / tp * tokens * seq;
        scores = kActivationBytes * elements;
        if (m.dropout)
            scores += (kMaskBytes + kActivationBytes) * elements;
    }
    return outside + attention + mlp + scores;
}

double moeLayerActivationBytes(const ModelShape &m, const Batch &batch, const Parallel &parallel,
                               Recompute recompute, bool fusedAttention)
{
    const double dense = activationBytesPerLayer(m, batch, parallel, recompute, fusedAttention);
    if (!m.moe.enabled() || recompute == Recompute::Full)
        return dense;
    const double tp = degree(parallel.tp);
    const double tokens = localTokens(batch, parallel);
    const double h = nonNegative(double(m.hidden));
    const double inner = m.gatedMlp ? 3 : 2; // up (and gate) outputs and the activation's
    const double denseMlp =
        (m.gatedMlp ? 4 : 2) * kActivationBytes * tokens * nonNegative(double(m.ffnHidden)) / tp;
    const MoeShape &e = m.moe;
    // Tokens enter the block split over TP (sequence parallel), k copies each: the permuted
    // copies (gathered over ETP), the experts' up/gate outputs and activation, the combined
    // copies before the weighted sum; the router's probabilities (2 bytes) and its int64
    // row map (8 bytes) for every expert, whatever k; the shared experts on every token.
    const double moeTokens = tokens / tp;
    const double k = double(e.topK);
    const double routed = kActivationBytes * moeTokens * k *
                          (h * degree(parallel.expertTp()) + inner * double(e.expertFfnHidden) + h);
    const double router = moeTokens * double(e.experts) * (2 + 8);
    const double shared = inner * kActivationBytes * tokens * double(e.sharedExpertFfnHidden) / tp;
    return dense - denseMlp + routed + router + shared;
}

double inFlightMicroBatches(const Parallel &parallel, const Batch &batch, PipelineStage stage)
{
    const double pp = degree(parallel.pp);
    const double vpp = degree(parallel.vpp);
    const double microBatches = microBatchesPerStep(parallel, batch);
    double peak = 0;
    if (stage == PipelineStage::First || pp == 1) {
        // 1F1B: the first stage runs p forwards before its first backward. Interleaved, its
        // warm-up is p·v + p − 1 chunk forwards of L/(p·v) layers each: p·(1 + (p−1)/(p·v))
        // micro-batches' worth of the stage's layers (Korthikanti §4.2.3).
        peak = vpp > 1 ? pp + (pp - 1) / vpp : pp;
    } else if (stage == PipelineStage::Middle && pp > 2) {
        // Rank r warms up with p − r forwards, interleaved 2·(p − r − 1) + (v − 1)·p chunk
        // forwards plus the one in flight (Megatron's schedule): for r = 1, p − 1 micro-batches,
        // or (2·(p − 2) + (v − 1)·p + 1)/v.
        peak = vpp > 1 ? (2 * (pp - 2) + (vpp - 1) * pp + 1) / vpp : pp - 1;
    } else {
        // The last stage runs each backward right after its forward. Interleaved, its
        // warm-up first runs (v−1)·p forwards of its other chunks.
        peak = vpp > 1 ? ((vpp - 1) * pp + 1) / vpp : 1.0;
    }
    // No schedule holds more micro-batches than a step has.
    return std::min(peak, microBatches);
}

double layersOnStage(const ModelShape &m, const Parallel &p, const Software &sw,
                     PipelineStage stage)
{
    const double layers = nonNegative(double(m.layers));
    const double pp = degree(p.pp);
    if (pp == 1)
        return layers;
    const double first = nonNegative(double(p.firstStageLayers));
    const double last = nonNegative(double(p.lastStageLayers));
    if (stage == PipelineStage::First && first > 0)
        return first;
    if (stage == PipelineStage::Last && last > 0)
        return last;
    // The stages without a count of their own share what the others leave.
    const double shared = pp - (first > 0 ? 1 : 0) - (last > 0 ? 1 : 0);
    const bool accounted = sw.embeddingInPipelineSplit;
    const double slots = layers - first - last + (accounted ? 2 : 0);
    if (shared <= 0 || slots <= 0)
        return 0;
    // Chunks of unequal size are dealt out so that no device holds more than its rounded-up
    // share of the slots.
    const double held = std::ceil(slots / shared);
    return accounted && stage != PipelineStage::Middle ? std::max(0.0, held - 1) : held;
}

namespace {

// A stage's layers by kind: the dense first layers of an MoE model come first in the model,
// so they sit on the first stage (and spill onto the next); the MTP modules, each a layer of
// the last layer's kind, train on the last stage.
struct StageLayers
{
    double dense = 0;
    double moe = 0;
};

StageLayers stageLayers(const ModelShape &m, const Parallel &p, const Software &sw,
                        PipelineStage stage)
{
    const double layers = nonNegative(double(m.layers));
    const double count = layersOnStage(m, p, sw, stage);
    double from = 0;
    if (degree(p.pp) > 1) {
        if (stage == PipelineStage::Middle)
            from = layersOnStage(m, p, sw, PipelineStage::First);
        else if (stage == PipelineStage::Last)
            from = layers - count;
    }
    const double denseLayers = double(m.denseMlpLayers());
    StageLayers out;
    out.dense = std::clamp(denseLayers - from, 0.0, count);
    out.moe = count - out.dense;
    if (holdsLmHead(p, stage)) {
        const double mtp = double(m.moe.mtpLayers);
        (m.moeLayers() > 0 ? out.moe : out.dense) += mtp;
    }
    return out;
}

// Parameters of one GPU of a stage: those every data-parallel rank holds a copy of, and the
// routed experts', which ZeRO shards over the expert data-parallel group instead.
struct StageParams
{
    double shared = 0;
    double expert = 0;
};

// `layers`: stageLayers() of the same stage, which the caller has at hand.
StageParams stageParams(const ModelShape &m, const Parallel &p, PipelineStage stage,
                        const StageLayers &layers)
{
    const double tp = degree(p.tp);
    const double h = nonNegative(double(m.hidden));
    const double table = nonNegative(double(m.vocab)) * h / tp; // vocabulary-parallel

    StageParams out;
    if (layers.moe > 0) {
        const MoeLayerParams moe = moeLayerParamsPerRank(m, p);
        out.shared += layers.moe * moe.shared;
        out.expert += layers.moe * moe.expert;
    }
    out.shared += layers.dense * layerParamsPerRank(m, tp);
    if (holdsEmbedding(p, stage)) {
        // Megatron's learned position table is an ordinary embedding, replicated across TP.
        out.shared += table + nonNegative(double(m.maxPositions)) * h;
    }
    if (holdsLmHead(p, stage)) {
        out.shared += normParams(m); // final norm
        // Tied embeddings share the token table only when it lives on the same GPU; with a
        // pipeline the last stage keeps its own copy (kept in sync by an all-reduce).
        if (!m.tiedEmbeddings || degree(p.pp) > 1)
            out.shared += table;
        // Each MTP module's norms and 2h → h projection beside its layer (counted above).
        out.shared += double(m.moe.mtpLayers) * (3 * normParams(m) + 2 * h * h / tp);
    }
    return out;
}

} // namespace

double paramsPerGpu(const ModelShape &m, const Parallel &p, const Software &sw, PipelineStage stage)
{
    const StageParams params = stageParams(m, p, stage, stageLayers(m, p, sw, stage));
    return params.shared + params.expert;
}

namespace {

// Activation bytes of one layer and one micro-batch, the same on every stage: computed once
// when memoryPerGpu() looks at both ends of the pipeline (the search runs it per layout).
struct LayerActivations
{
    double kept = 0;       // kept for the backward, under the scenario's recomputation
    double keptMoe = 0;    // the same for an MoE layer
    double recomputed = 0; // alive again while one layer's backward recomputes, 0 without it
};

LayerActivations layerActivations(const Scenario &sc)
{
    LayerActivations a;
    const bool fused = sc.software.attention != AttentionKernel::Unfused;
    a.kept = activationBytesPerLayer(sc.model, sc.batch, sc.parallel, sc.recompute, fused);
    a.keptMoe = moeLayerActivationBytes(sc.model, sc.batch, sc.parallel, sc.recompute, fused);
    // During a layer's backward its recomputed activations are alive too, for one micro-batch
    // and one layer: the working set recomputation cannot avoid.
    if (sc.recompute != Recompute::None)
        a.recomputed = nonNegative(
            activationBytesPerLayer(sc.model, sc.batch, sc.parallel, Recompute::None, fused) -
            a.kept);
    return a;
}

MemoryBreakdown stageMemory(const Scenario &sc, PipelineStage stage, const LayerActivations &layer)
{
    const Parallel &p = sc.parallel;
    const StageLayers layers = stageLayers(sc.model, p, sc.software, stage);
    const StageParams params = stageParams(sc.model, p, stage, layers);
    // Context-parallel ranks hold the same weights and reduce their gradients together with
    // data parallelism, so ZeRO (Megatron's distributed optimizer, FSDP) shards over dp·cp;
    // the routed experts' copies are the expert data-parallel group's.
    const double shards = degree(p.dp) * degree(p.cp);
    const double expertShards = std::max(p.expertDp(), 1.0);
    auto sharded = [&](double bytesPerParam, int fromStage) {
        return bytesPerParam * (params.shared / (p.zero >= fromStage ? shards : 1.0) +
                                params.expert / (p.zero >= fromStage ? expertShards : 1.0));
    };

    MemoryBreakdown mem;
    mem.weights = sharded(kWeightBytes, 3);
    mem.gradients = sharded(kGradientBytes, 2);
    mem.optimizer = sharded(kOptimizerBytes, 1);

    mem.activations = inFlightMicroBatches(p, sc.batch, stage) *
                      (layers.dense * layer.kept + layers.moe * layer.keptMoe);
    if (sc.recompute != Recompute::None)
        mem.activations += layer.recomputed;

    mem.other = embeddingAndHeadActivations(sc, stage);
    if (p.zero >= 3 && shards > 1)
        mem.other += zero3GatherBuffer(sc.model, p, stage);

    mem.weights = nonNegative(mem.weights);
    mem.gradients = nonNegative(mem.gradients);
    mem.optimizer = nonNegative(mem.optimizer);
    mem.activations = nonNegative(mem.activations);
    mem.other = nonNegative(mem.other);
    mem.total = mem.weights + mem.gradients + mem.optimizer + mem.activations + mem.other;
    mem.capacity =
        nonNegative(sc.hardware.memoryGib * kGib * sc.hardware.knobs.usableMemoryFraction);
    mem.fits = mem.total <= mem.capacity;
    return mem;
}

} // namespace

MemoryBreakdown stageMemory(const Scenario &sc, PipelineStage stage)
{
    return stageMemory(sc, stage, layerActivations(sc));
}

MemoryBreakdown memoryPerGpu(const Scenario &sc)
{
    const LayerActivations layer = layerActivations(sc);
    const MemoryBreakdown first = stageMemory(sc, PipelineStage::First, layer);
    if (degree(sc.parallel.pp) == 1)
        return first;
    const MemoryBreakdown last = stageMemory(sc, PipelineStage::Last, layer);
    const MemoryBreakdown &end = last.total > first.total ? last : first;
    if (degree(sc.parallel.pp) == 2)
        return end;
    const MemoryBreakdown middle = stageMemory(sc, PipelineStage::Middle, layer);
    return middle.total > end.total ? middle : end;
}

} // namespace mfu::engine
