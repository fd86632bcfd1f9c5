#include "time_model.h"

#include "flops.h"
#include "memory.h"
#include "params.h"

#include <algorithm>
#include <cmath>

namespace mfu::engine {
namespace {

// Bytes per element of the tensors that stay in 16-bit (activations, gathered weights,
// activation gradients); FP8 training keeps them there too.
constexpr double kHalfBytes = 2;
// Megatron accumulates and reduces gradients in FP32 main-grad buffers for BF16 (and FP8)
// training; FP16 training (loss-scaled) reduces its FP16 gradients.
constexpr double kFp32Bytes = 4;
// FlashAttention's backward recomputes P = softmax(QKᵀ) and runs five matmuls against the
// forward's two: 2.5× the forward FLOPs, not the 2× that model FLOPs count.
constexpr double kAttentionBackwardFactor = 2.5;
// Unfused attention: the fused scale-mask-softmax reads and writes each 16-bit score (4 bytes);
// dropout on the probabilities reads and writes them and writes a one-byte mask (5 bytes).
constexpr double kSoftmaxBytesPerScore = 4;
constexpr double kDropoutBytesPerScore = 5;
// Elementwise backward kernels read the saved input and the incoming gradient and write the
// outgoing one: about twice the forward's traffic.
constexpr double kElementwiseBackwardFactor = 2;
// Vocabulary-parallel cross-entropy: the BF16 logits are read and upcast, exp and the FP32
// softmax are written and read back, and the BF16 logit gradient is written: ≈16 bytes a logit.
constexpr double kCrossEntropyBytesPerLogit = 16;
// Embedding lookup (read the row, write the output: 4 bytes an element) and its backward
// (read the 16-bit gradient, read-modify-write the FP32 table gradient: 10 bytes an element).
constexpr double kEmbeddingBytesPerElement = 14;
// Adam step per parameter, bytes through HBM: read the FP32 gradient, master weight, m and v
// (16), write master, m and v (12) and the 16-bit weight (2), read the gradient again for
// the norm used in clipping (4), zero the gradient buffer (4).
constexpr double kAdamBytesPerParam = 38;
// The backward casts the incoming gradient and writes the transposed low-precision copy the
// weight gradient GEMM needs: twice the forward's cast traffic.
constexpr double kCastBackwardFactor = 2;
// With the all-to-alls of one micro-batch beside the other's compute (Megatron's
// overlap_moe_expert_parallel_comm), Nsight showed 36.55% of the communication hidden
// (Qwen3-30B-A3B on 16 H100, HybridEP: Megatron MoE Model Zoo, MOE.md section 3.6); the rest
// waits on dependencies the schedule cannot break.
constexpr double kMoeA2aHiddenShare = 0.37;
// Pipelined TP overlap splits each collective into this many chunks, and one of them has no
// GEMM beside it (Megatron-Bridge performance guide: num_splits 4, "a 1× ReduceScatter chunk
// remains exposed").
constexpr double kTpOverlapChunks = 4;

// Bytes per GEMM input element, the block scales included: MXFP8 keeps one byte of scale per
// 32 elements, NVFP4 one per 16 (the one per-tensor scale is nothing).
double gemmInputBytes(Precision p)
{
    switch (p) {
    case Precision::Bf16:
    case Precision::Fp16: return kHalfBytes;
    case Precision::Fp8: return 1;
    case Precision::Mxfp8: return 1 + 1.0 / 32;
    case Precision::Nvfp4: return 0.5 + 1.0 / 16;
    }
    return kHalfBytes;
}

// Bytes moved to cast one 16-bit element for a low-precision GEMM (0 in 16 bit): read it and
// write it once, plus what the scaling recipe adds. Finding a current per-tensor or per-row
// scale reads the tensor once more; row (and block) scales differ between a tensor and its
// transpose, so the transposed copy is cast on its own; block-scaled formats write both
// orientations in the one pass.
double castBytesPerElement(Precision p, Fp8Recipe recipe)
{
    const double out = gemmInputBytes(p);
    switch (p) {
    case Precision::Bf16:
    case Precision::Fp16: return 0;
    // MXFP8's power-of-two block scales come from each block as it is cast; NVFP4 also scales
    // the whole tensor by its current amax (amax / (6·448), above the E4M3 block scales), one
    // more read, which also finds the amax of the Hadamard-transformed copy the weight
    // gradient's inputs are cast from.
    case Precision::Mxfp8: return kHalfBytes + 2 * out;
    case Precision::Nvfp4: return 2 * kHalfBytes + 2 * out;
    case Precision::Fp8: break;
    }
    switch (recipe) {
    case Fp8Recipe::Delayed: return kHalfBytes + out;
    case Fp8Recipe::Tensorwise: return 2 * kHalfBytes + out;
    case Fp8Recipe::Rowwise:
    case Fp8Recipe::Blockwise: return 2 * kHalfBytes + 2 * out;
    }
    return kHalfBytes + out;
}

struct Rates
{
    double gemmFlopsPerS = 0;   // large-GEMM rate at the precision, FLOP/s
    double gemm16FlopsPerS = 0; // the same in 16 bit (lm_head stays 16-bit under FP8), FLOP/s
    double halfFlops = 0;       // GEMM size at which the rate halves, FLOPs
    double attnFlopsPerS = 0;   // fused attention, FLOP/s
    double hbmBytesPerS = 0;    // achievable HBM bandwidth, bytes/s
    double gemmInBytes = 2;     // bytes per GEMM input element, scales included (1 under FP8)
    double castBytes = 0;       // bytes moved to cast one 16-bit element to it (0 in 16 bit)
    double latencyS = 0;        // per collective or send, seconds
};

// HBM traffic of the layer's elementwise kernels, in 16-bit elements moved per element of the
// tensor they work on (an FP32 element counts twice).
struct ElementwisePasses
{
    double norm, residualAdd, swiglu, gelu, rope;
};
// Fused kernels read their inputs and write their output once: a norm reads x and writes y, a
// residual add reads two and writes one, SwiGLU reads gate and up and writes one, rotary reads
// and writes q and k.
constexpr ElementwisePasses kFusedPasses{2, 3, 3, 2, 2};
// Eager PyTorch runs every operator of a module as a kernel of its own. RMSNorm in FP32:
// x.float() (r 1, w 2), pow (r 2, w 2), mean (r 2), x·rsqrt (r 2, w 2), .to(bf16) (r 2, w 1),
// ·weight (r 1, w 1): 18. SwiGLU: silu(gate) (r 1, w 1) then ·up (r 2, w 1): 5; GeLU's tanh
// form: about 4 passes over one read and one write. Rotary: rotate_half (slice, negate, cat:
// r 1, w 2, r 1, w 1), two products and a sum (r 4, w 3): 12.
constexpr ElementwisePasses kEagerPasses{18, 3, 5, 8, 12};

// One GEMM [M,K]·[K,N], seconds. η(F) = ηmax·F/(F + F½) makes the time (F + F½)/(peak·ηmax):
// a fixed cost per GEMM (launch, prologue, the tail wave) that only small GEMMs notice. It is
// never faster than moving its operands and result through HBM once.
double gemmSeconds(double flopsPerS, double halfFlops, double hbmBytesPerS, double inBytes,
                   double M, double N, double K)
{
    const double flops = 2 * M * N * K;
    const double compute = (flops + halfFlops) / flopsPerS;
    const double memory = (inBytes * (M * K + K * N) + kHalfBytes * M * N) / hbmBytesPerS;
    return std::max(compute, memory);
}

// Achievable bandwidth of a collective, bytes/s per GPU. A group inside one node runs on NVLink
// (the scale-up fabric). A group spanning nodes is limited by the NICs it crosses: its rings
// pass every member of a node over NVLink and leave the node once per ring, one ring per NIC,
// so `membersPerNode` members of the group bring that many NICs (never more than NVLink gives).
double linkBytesPerS(const Hardware &hw, double groupSpanGpus, double membersPerNode)
{
    const EfficiencyKnobs &k = hw.knobs;
    const double intra = hw.intraNodeGbs * 1e9 * k.intraNodeEfficiency;
    if (groupSpanGpus <= hw.gpusPerNode)
        return intra;
    return std::min(intra,
                    std::max(membersPerNode, 1.0) * hw.interNodeGbs * 1e9 * k.interNodeEfficiency);
}

// Communication of `c` seconds that may hide behind `window` seconds of compute: at least the
// un-overlappable share (1 − overlap) stays exposed, and whatever exceeds the window.
double exposed(double c, double window, double overlap)
{
    return std::max(c * (1 - overlap), c - window);
}

// Seconds of one stage's work per micro-batch, by kind.
struct StageTime
{
    double compute = 0;
    double memoryBound = 0;
    double casts = 0; // of memoryBound
    double recompute = 0;
    double tpComm = 0;
    double cpComm = 0;
    double host = 0;   // the device idle while the host issues kernels slower than they run
    double epComm = 0; // exposed expert-parallel all-to-alls (and expert-TP collectives)

    double total() const
    {
        return compute + memoryBound + recompute + tpComm + cpComm + host + epComm;
    }
    void addScaled(const StageTime &o, double f)
    {
        compute += f * o.compute;
        memoryBound += f * o.memoryBound;
        casts += f * o.casts;
        recompute += f * o.recompute;
        tpComm += f * o.tpComm;
        cpComm += f * o.cpComm;
        host += f * o.host;
        epComm += f * o.epComm;
    }
};

// The scenario as the step's terms read it: shapes on one rank, counts, and the rates its
// kernels and links run at, worked out once and handed to every term by const reference.
struct StepContext
{
    const ModelShape &model;
    const Hardware &hw;
    const EfficiencyKnobs &k;
    const Parallel &par;
    const Software &sw;
    Recompute recompute = Recompute::None;
    Precision precision = Precision::Bf16;
    bool lowPrecision = false;                // linear layers in FP8 or FP4 (isLowPrecision)
    double t = 0, p = 0, d = 0, c = 0, v = 0; // tp, pp, dp, cp, vpp
    double m = 0, s = 0, h = 0, L = 0, V = 0;
    double dqk = 0, dv = 0;  // width of a query/key head and of a value head
    double headsPerRank = 0; // query heads on this rank
    double qWidth = 0;       // this rank's query heads × d_qk
    double kvWidth = 0;      // this rank's key heads × d_qk
    double vWidth = 0;       // this rank's value heads × d_v
    double ffn = 0;          // this rank's share of ĥ
    // Keys a query meets, as a share of a full causal row, averaged over the layers: 1 unless
    // some layers attend through a sliding window.
    double attentionScale = 1;
    // Mixture of experts, per rank and micro-batch.
    double moeTokens = 0;        // tokens entering the MoE block: T/t (sequence-parallel)
    double localExperts = 0;     // E/ep
    double expertRows = 0;       // rows of one local expert's GEMMs: (T/t)·k·ep·etp/E
    double expertFfn = 0;        // F_e/etp
    double sharedFfn = 0;        // F_s/t
    double imbalance = 1;        // the busiest expert-parallel rank's load over the mean
    double T = 0;                // tokens of one micro-batch on one rank
    double gpn = 0;              // GPUs per node
    double microBatches = 0;     // per optimizer step and data-parallel rank
    double stageLayers = 0;      // layers of a stage between the first and the last
    double firstStageLayers = 0; // layers of the first stage, beside the embedding
    double lastStageLayers = 0;  // layers of the last stage, beside the head
    double hSeq = 0; // hidden width of the norms, residual adds and dropouts on one rank
    Rates r{};
};

StepContext stepContext(const Scenario &sc)
{
    const ModelShape &model = sc.model;
    const Hardware &hw = sc.hardware;
    const EfficiencyKnobs &k = hw.knobs;
    const Parallel &par = sc.parallel;
    StepContext x{
        model, hw, k, par, sc.software, sc.recompute, sc.precision, isLowPrecision(sc.precision)};

    x.t = double(par.tp);
    x.p = double(par.pp);
    x.d = double(par.dp);
    x.c = double(par.cp);
    x.v = double(par.vpp);
    x.m = double(sc.batch.microBatch);
    x.s = double(sc.batch.seqLen);
    x.h = double(model.hidden);
    x.L = double(model.layers);
    x.V = double(model.vocab);
    x.dqk = double(model.qkHeadDim());
    x.dv = double(model.vHeadDim());
    x.headsPerRank = double(model.heads) / x.t;
    x.qWidth = x.headsPerRank * x.dqk;
    // Key/value heads are replicated when tp exceeds them: each rank still computes one.
    const double kvHeads = std::max(double(model.kvHeads) / x.t, 1.0);
    x.kvWidth = kvHeads * x.dqk;
    x.vWidth = kvHeads * x.dv;
    x.ffn = double(model.ffnHidden) / x.t;
    if (model.slidingWindow.enabled()) {
        const double windowed = double(model.windowedLayers()) / x.L;
        x.attentionScale =
            1 - windowed +
            windowed * keysPerQuery(x.s, double(model.slidingWindow.tokens), true) / (x.s / 2);
    }
    x.T = x.m * x.s / x.c;
    if (model.moe.enabled()) {
        const MoeShape &e = model.moe;
        const double ep = double(par.ep), etp = double(par.expertTp());
        x.moeTokens = x.T / x.t;
        x.localExperts = double(e.experts) / ep;
        x.expertRows = x.moeTokens * double(e.topK) * ep * etp / double(e.experts);
        x.expertFfn = double(e.expertFfnHidden) / etp;
        x.sharedFfn = double(e.sharedExpertFfnHidden) / x.t;
        // Padded to capacity, every expert runs its full capacity; dropless and unforced, the
        // busiest rank's share sets the pace.
        if (e.capacityFactor > 0)
            x.imbalance = e.capacityFactor;
        else if (!sc.software.moeForceBalance)
            x.imbalance = sc.software.moeImbalance;
    }
    x.gpn = double(hw.gpusPerNode);
    x.microBatches = double(sc.batch.globalBatch) / (x.d * x.m);
    // The busiest stage holds the rounded-up share; uneven splits are set by it.
    x.stageLayers = layersOnStage(model, par, sc.software, PipelineStage::Middle);
    x.firstStageLayers = layersOnStage(model, par, sc.software, PipelineStage::First);
    x.lastStageLayers = layersOnStage(model, par, sc.software, PipelineStage::Last);
    // Without sequence parallelism every TP rank runs the norms, residual adds and dropouts on
    // the full hidden width.
    x.hSeq = par.sequenceParallel ? x.h / x.t : x.h;

    const double peak16 = (hw.peakTflopsBf16 > 0 ? hw.peakTflopsBf16 : hw.peakTflopsFp16) * 1e12;
    Rates &r = x.r;
    double lowPrecisionCeiling =
        k.gemmMaxEfficiencyLowPrecision > 0 ? k.gemmMaxEfficiencyLowPrecision : k.gemmMaxEfficiency;
    if (sc.precision == Precision::Nvfp4 && k.gemmMaxEfficiencyFp4 > 0)
        lowPrecisionCeiling = k.gemmMaxEfficiencyFp4;
    r.gemmFlopsPerS =
        gemmPeakTflops(sc) * 1e12 * (x.lowPrecision ? lowPrecisionCeiling : k.gemmMaxEfficiency);
    r.gemm16FlopsPerS = peak16 * k.gemmMaxEfficiency;
    r.halfFlops = k.gemmHalfEfficiencyGflop * 1e9;
    const bool flash3 =
        sc.software.attention == AttentionKernel::Flash3 && k.attentionEfficiencyFlash3 > 0;
    r.attnFlopsPerS = peak16 * (flash3 ? k.attentionEfficiencyFlash3 : k.attentionEfficiency);
    r.hbmBytesPerS = hw.memoryBwGbs * 1e9 * k.memoryEfficiency;
    r.gemmInBytes = gemmInputBytes(sc.precision);
    r.castBytes = castBytesPerElement(sc.precision, sc.software.fp8Recipe);
    r.latencyS = k.collectiveLatencyUs * 1e-6;
    return x;
}

// One GEMM of a layer at the scenario's precision, seconds.
double layerGemm(const StepContext &x, double M, double N, double K)
{
    const Rates &r = x.r;
    return gemmSeconds(r.gemmFlopsPerS, r.halfFlops, r.hbmBytesPerS, r.gemmInBytes, M, N, K);
}

// The feed-forward block of a layer: a dense MLP, or the mixture of experts.
enum class FeedForward
{
    Dense,
    Moe
};

// The attention block's projections of one layer and one micro-batch, forward, seconds. MLA's
// down-projections to the latents are replicated on every TP rank; the up-projections to the
// heads split like Q, K and V.
double attentionGemmForward(const StepContext &x)
{
    const double T = x.T, h = x.h;
    const double out = layerGemm(x, T, h, x.headsPerRank * x.dv);
    if (!x.model.mla.enabled())
        return layerGemm(x, T, x.qWidth, h) + layerGemm(x, T, x.kvWidth, h) +
               layerGemm(x, T, x.vWidth, h) + out;
    const MlaShape &a = x.model.mla;
    const double rq = double(a.qLoraRank), rkv = double(a.kvLoraRank);
    double q = layerGemm(x, T, x.qWidth, rq > 0 ? rq : h);
    if (rq > 0)
        q += layerGemm(x, T, rq, h);
    const double kv = layerGemm(x, T, rkv + double(a.qkRopeHeadDim), h) +
                      layerGemm(x, T, x.headsPerRank * double(a.qkNopeHeadDim + a.vHeadDim), rkv);
    return q + kv + out;
}

// An MLP of inner width `f` on this rank over `rows` tokens, forward, seconds.
double mlpGemmForward(const StepContext &x, double rows, double f)
{
    const double inner = x.model.gatedMlp ? 2 : 1; // up (and gate)
    return inner * layerGemm(x, rows, f, x.h) + layerGemm(x, rows, x.h, f);
}

// The MoE block of one layer and one micro-batch, forward, seconds: the router (16-bit), the
// grouped GEMM of the local experts at their real row counts, the busiest rank's share, and
// the shared experts.
double moeGemmForward(const StepContext &x)
{
    const Rates &r = x.r;
    const double router = gemmSeconds(r.gemm16FlopsPerS, r.halfFlops, r.hbmBytesPerS, kHalfBytes,
                                      x.moeTokens, double(x.model.moe.experts), x.h);
    const double experts =
        x.imbalance * x.localExperts * mlpGemmForward(x, x.expertRows, x.expertFfn);
    const double shared = x.sharedFfn > 0 ? mlpGemmForward(x, x.T, x.sharedFfn) : 0.0;
    return router + experts + shared;
}

// The GEMMs of one layer and one micro-batch, forward, seconds.
double layerGemmForward(const StepContext &x, FeedForward ffn)
{
    return attentionGemmForward(x) +
           (ffn == FeedForward::Moe ? moeGemmForward(x) : mlpGemmForward(x, x.T, x.ffn));
}

// The attention core of one layer and one micro-batch, seconds. The memory-bound parts are
// also counted in forward and backward, and reported apart as memory-bound time.
struct AttentionTime
{
    double forward = 0, backward = 0;
    double memoryForward = 0, memoryBackward = 0; // elementwise passes over the scores
};

AttentionTime attentionCore(const StepContext &x)
{
    const Rates &r = x.r;
    const double m = x.m, s = x.s, c = x.c;
    // The attention core of this rank: m·n/t heads, each scoring its s/c queries against all s
    // keys (context-parallel chunks are load-balanced); windowed layers meet fewer keys.
    const double scores = m * x.headsPerRank * (s / c) * s * x.attentionScale;
    AttentionTime a;
    if (x.sw.attention != AttentionKernel::Unfused) {
        // Fused kernels skip the masked half of a causal score matrix whatever the FLOPs
        // convention counts, and decoder training is causal.
        // Each call runs its queries against s/c keys (a context-parallel rank's ring step).
        const double keys = s / c;
        const double blockEfficiency = keys / (keys + x.k.attentionHalfEfficiencyTokens);
        // QKᵀ over d_qk and scores·V over d_v, the masked half skipped.
        a.forward = 2 * scores * (x.dqk + x.dv) * 0.5 / (r.attnFlopsPerS * blockEfficiency);
        a.backward = kAttentionBackwardFactor * a.forward;
        return a;
    }
    // QKᵀ and scores·V as batched 16-bit GEMMs over the full s×s matrix, each writing or
    // reading the scores through HBM; softmax (with scale and mask) and dropout as separate
    // passes over them.
    const double qkv = m * x.qWidth * s * kHalfBytes; // one of Q, K, V (or out)
    const double gemmFlops = scores * (x.dqk + x.dv);
    const double qk = std::max((gemmFlops + r.halfFlops) / r.gemm16FlopsPerS,
                               (2 * qkv / c + qkv + kHalfBytes * scores) / r.hbmBytesPerS);
    const double pv = std::max((gemmFlops + r.halfFlops) / r.gemm16FlopsPerS,
                               (kHalfBytes * scores + qkv + qkv / c) / r.hbmBytesPerS);
    const double perScore = kSoftmaxBytesPerScore + (x.model.dropout ? kDropoutBytesPerScore : 0);
    const double elementwise = perScore * scores / r.hbmBytesPerS;
    a.memoryForward = elementwise;
    a.memoryBackward = kElementwiseBackwardFactor * elementwise;
    a.forward = qk + pv + a.memoryForward;
    a.backward = 2 * (qk + pv) + a.memoryBackward;
    return a;
}

// Seconds of one kind of work of one layer and one micro-batch, forward and backward.
struct PassTime
{
    double forward = 0, backward = 0;
    double casts = 0; // of forward and backward together, the low-precision casts
};

// The layer's memory-bound kernels outside attention: norms, residual adds, activation, RoPE,
// dropout masks and FP8 casts.
PassTime elementwiseKernels(const StepContext &x, FeedForward ffnKind)
{
    const double T = x.T, hSeq = x.hSeq, h = x.h, qWidth = x.qWidth;
    // Elementwise traffic, in 16-bit elements per element of the tensor each kernel works on.
    const ElementwisePasses &passes =
        x.sw.elementwise == ElementwiseKernels::Eager ? kEagerPasses : kFusedPasses;
    const double activation = x.model.gatedMlp ? passes.swiglu : passes.gelu;
    double elems = T * hSeq * (2 * passes.norm + 2 * passes.residualAdd);
    // Elements of the feed-forward block's activation, and of its GEMMs' inputs.
    double ffnActivated = T * x.ffn;
    double ffnGemmInputs = T * (h + x.ffn);
    if (ffnKind == FeedForward::Moe) {
        // The busiest rank's routed rows, the shared experts on every token; permuting the
        // k copies out and back reads and writes each (k·h, twice), and the router's scores,
        // top-k and probabilities pass over T·E a few times (about 4).
        const double rows = x.imbalance * x.localExperts * x.expertRows;
        const double k = double(x.model.moe.topK);
        ffnActivated = rows * x.expertFfn + T * x.sharedFfn;
        ffnGemmInputs = rows * (h + x.expertFfn) + (x.sharedFfn > 0 ? T * (h + x.sharedFfn) : 0);
        elems += 2 * 2 * x.moeTokens * k * h + 4 * x.moeTokens * double(x.model.moe.experts);
    }
    elems += ffnActivated * activation;
    if (x.model.maxPositions == 0) // rotary embedding of q and k
        elems += passes.rope * T * (qWidth + x.kvWidth);
    double memBytesF = kHalfBytes * elems;
    if (x.model.dropout) // the two hidden dropouts write a one-byte mask each
        memBytesF += 2 * T * hSeq;
    // Inputs of the QKV, output and feed-forward GEMMs cast to the GEMMs' format.
    const double castBytes = x.r.castBytes * (T * (h + x.headsPerRank * x.dv) + ffnGemmInputs);
    memBytesF += castBytes;
    PassTime out;
    out.forward = memBytesF / x.r.hbmBytesPerS;
    out.backward =
        kElementwiseBackwardFactor * out.forward +
        (kCastBackwardFactor - kElementwiseBackwardFactor) * castBytes / x.r.hbmBytesPerS;
    out.casts = (1 + kCastBackwardFactor) * castBytes / x.r.hbmBytesPerS;
    return out;
}

// Exposed tensor-parallel collectives of one layer and one micro-batch, seconds; `one` is a
// single all-reduce-equivalent, for the embedding and the head.
struct TensorParallelTime
{
    double forward = 0, backward = 0, one = 0;
    double moeShare = 1; // of forward and backward, what an MoE layer runs
};

// Two collectives forward and two backward on the m·s/c·h activations; with sequence
// parallelism all-gather + reduce-scatter instead of all-reduce, and the backward gathers the
// column-parallel inputs again for the weight gradients (two more).
TensorParallelTime tensorParallelComm(const StepContext &x)
{
    TensorParallelTime out;
    if (x.par.tp <= 1)
        return out;
    const double t = x.t;
    const double bytes = x.T * x.h * kHalfBytes;
    const double bw = linkBytesPerS(x.hw, t, x.gpn);
    const double half = (t - 1) / t * bytes / bw + x.r.latencyS; // all-gather or reduce-scatter
    const double allReduce = 2 * (t - 1) / t * bytes / bw + x.r.latencyS;
    const bool sp = x.par.sequenceParallel;
    out.forward = sp ? 4 * half : 2 * allReduce;
    out.backward = sp ? 6 * half : 2 * allReduce;
    // An MoE layer's routed tokens travel by all-to-all instead: only the attention block, and
    // shared experts, gather and reduce over TP.
    out.moeShare = x.sharedFfn > 0 ? 1.0 : 0.5;
    out.one = sp ? half : allReduce;
    out.one *= 1 - x.k.tpOverlap;
    return out;
}

// What `comm` seconds of a layer's tensor-parallel collectives leave exposed beside `gemm`
// seconds of the GEMMs they feed or drain, as the stack overlaps them, and how much longer the
// GEMMs run for the SMs the overlapping collectives hold.
struct TpExposure
{
    double exposed = 0;
    double slowdown = 0;
};

TpExposure tpExposure(const StepContext &x, double comm, double gemm, bool backward)
{
    double hidden = 0;
    // Userbuffers and async TP split the sequence-parallel all-gathers and reduce-scatters;
    // without sequence parallelism the all-reduces stay whole.
    if (x.par.sequenceParallel) {
        switch (x.sw.tpOverlap) {
        case TpOverlap::None: break;
        case TpOverlap::Bulk: hidden = backward ? std::min(comm, gemm) : 0; break;
        case TpOverlap::Pipelined:
            hidden = std::min(comm * (1 - 1 / kTpOverlapChunks), gemm);
            break;
        }
    }
    TpExposure out;
    out.exposed = (comm - hidden) * (1 - x.k.tpOverlap);
    out.slowdown = hidden * x.sw.tpOverlapSmFraction;
    return out;
}

// K and V of the local chunk travel c − 1 hops of a ring, hidden behind the attention of the
// chunk already held; the backward also returns dK and dV. Each ring step waits for its
// predecessor's send to land, so the steps' fixed costs stay exposed whatever the attention
// hides. Exposed seconds.
PassTime contextParallelComm(const StepContext &x, const AttentionTime &attn)
{
    PassTime out;
    if (x.par.cp <= 1)
        return out;
    const double c = x.c;
    const double kvBytes = x.T * (x.kvWidth + x.vWidth) * kHalfBytes;
    const double hop = kvBytes / linkBytesPerS(x.hw, x.t * c, x.gpn / x.t);
    const double steps = c - 1;
    out.forward = steps * x.r.latencyS + std::max(0.0, steps * hop - attn.forward);
    out.backward = 2 * steps * x.r.latencyS + std::max(0.0, 2 * steps * hop - attn.backward);
    return out;
}

// Probability that none of k experts drawn evenly among `groups` groups falls in a given one.
double missProbability(double groups, double k)
{
    return groups <= 1 ? 0.0 : std::pow(1 - 1 / groups, k);
}

// One MoE layer's expert-parallel traffic for one micro-batch, seconds: the dispatch of each
// token's k copies to the ranks of its experts and the combine back, forward, and the same two
// in the backward; with etp > 1 the received rows are gathered and reduced over the expert-TP
// group. Ranks of an expert group sit etp apart, so gpusPerNode/etp of its ep ranks share a
// node (the scale-up domain). The busiest rank receives `imbalance` times the mean.
PassTime expertParallelComm(const StepContext &x)
{
    PassTime out;
    const double ep = double(x.par.ep), etp = double(x.par.expertTp());
    if (!x.model.moe.enabled() || (ep <= 1 && etp <= 1))
        return out;
    const double k = double(x.model.moe.topK);
    const double copies = x.imbalance * x.moeTokens * k;
    // FP8 training dispatches the cast rows (DeepSeek-V3, Megatron FP8); the combine is 16-bit.
    const double dispatchBytes = x.h * (x.lowPrecision ? x.r.gemmInBytes : kHalfBytes);
    const double combineBytes = x.h * kHalfBytes;
    const EfficiencyKnobs &kn = x.k;
    const double nvlink = x.hw.intraNodeGbs * 1e9 * kn.allToAllEfficiency;
    const double nic = x.hw.interNodeGbs * 1e9 * kn.interNodeEfficiency;
    const double inNode = std::min(ep, std::max(1.0, x.gpn / etp)); // ep ranks per node
    const double nodes = ep / inNode;
    // Share of a token's traffic that leaves the node: every remote copy with plain
    // all-to-all; once per remote node hit with a flex dispatcher, which then fans out over
    // the scale-up links of the receiving node.
    const double remoteCopies = copies * (1 - inNode / ep);
    const double remote =
        x.sw.moeDispatcher == MoeDispatcher::Flex
            ? x.imbalance * x.moeTokens * (nodes - 1) * (1 - missProbability(nodes, k))
            : remoteCopies;
    const double local =
        copies * (1 - 1 / ep) - (x.sw.moeDispatcher == MoeDispatcher::Flex ? 0.0 : remoteCopies);
    auto allToAll = [&](double bytesPerRow) {
        const double viaNic = nodes > 1 ? remote * bytesPerRow / nic : 0.0;
        return std::max(local * bytesPerRow / nvlink, viaNic) + x.r.latencyS;
    };
    double pass = allToAll(dispatchBytes) + allToAll(combineBytes);
    if (etp > 1) {
        // All-gather of the received rows before the experts, reduce-scatter after.
        const double rows = copies * etp;
        pass += 2 * ((etp - 1) / etp * rows * kHalfBytes * x.h / linkBytesPerS(x.hw, etp, x.gpn) +
                     x.r.latencyS);
    }
    out.forward = pass;
    out.backward = pass;
    return out;
}

// The terms of one transformer layer and one micro-batch, seconds.
struct LayerSeconds
{
    FeedForward ffn = FeedForward::Dense;
    double gemmForward = 0;
    AttentionTime attention;
    PassTime elementwise;
    TensorParallelTime tp;
    PassTime cp;
    PassTime ep;
};

LayerSeconds layerSeconds(const StepContext &x, FeedForward ffn)
{
    LayerSeconds l;
    l.ffn = ffn;
    l.gemmForward = layerGemmForward(x, ffn);
    l.attention = attentionCore(x);
    l.elementwise = elementwiseKernels(x, ffn);
    l.tp = tensorParallelComm(x);
    if (ffn == FeedForward::Moe) {
        l.tp.forward *= l.tp.moeShare;
        l.tp.backward *= l.tp.moeShare;
        l.ep = expertParallelComm(x);
    }
    l.cp = contextParallelComm(x, l.attention);
    return l;
}

// Kernels one layer launches per micro-batch in the forward. Fused: the QKV, output, MLP-in
// and MLP-out GEMMs, attention, two norms, two residual adds and the activation; rotary adds
// one. Eager: every operator of the kEagerPasses comment (six for each RMSNorm, two for SwiGLU
// or four for GeLU, six each for rotating q and k) and separate q, k, v, gate and up GEMMs.
// Low precision casts each GEMM input; tensor parallelism adds its collectives.
double layerForwardKernels(const StepContext &x, FeedForward ffn)
{
    const bool eager = x.sw.elementwise == ElementwiseKernels::Eager;
    const bool gated = x.model.gatedMlp;
    const bool rotary = x.model.maxPositions == 0;
    double n = eager ? 2 * 6 + 2 + (gated ? 2 : 4) + (rotary ? 12 : 0) + 3 + 1 + 1 + (gated ? 3 : 2)
                     : 4 + 1 + 2 + 2 + 1 + (rotary ? 1 : 0);
    if (x.lowPrecision)
        n += 4;
    if (x.par.tp > 1)
        n += x.par.sequenceParallel ? 4 : 2;
    // An MoE block: router GEMM, score, top-k, probabilities, permute, two all-to-alls, two
    // grouped GEMMs and the activation, un-permute and the weighted sum, and the shared experts'
    // three kernels: about fifteen where a dense MLP runs three.
    if (ffn == FeedForward::Moe)
        n += 12;
    return n;
}

// Seconds the device waits on the host in one layer and one micro-batch: without CUDA graphs
// the host issues every kernel, and when the layer's kernels run faster than it issues them
// the difference is idle time. The backward launches about twice the forward's kernels
// (dgrad and wgrad GEMMs, each elementwise kernel's backward); full recomputation repeats the
// forward's.
double hostWait(const StepContext &x, FeedForward ffn, const StageTime &layer)
{
    if (x.sw.cudaGraphs)
        return 0;
    const double passes = 3 + (x.recompute == Recompute::Full ? 1 : 0);
    const double host = passes * layerForwardKernels(x, ffn) * x.sw.hostUsPerKernel * 1e-6;
    return std::max(0.0, host - layer.total());
}

// The layer's terms by kind, recomputation included.
StageTime layerTime(const StepContext &x, const LayerSeconds &l)
{
    const AttentionTime &a = l.attention;
    StageTime layer;
    layer.compute =
        3 * l.gemmForward + (a.forward - a.memoryForward) + (a.backward - a.memoryBackward);
    layer.memoryBound =
        l.elementwise.forward + l.elementwise.backward + a.memoryForward + a.memoryBackward;
    layer.casts = l.elementwise.casts;
    const TpExposure tpForward = tpExposure(x, l.tp.forward, l.gemmForward, false);
    const TpExposure tpBackward = tpExposure(x, l.tp.backward, 2 * l.gemmForward, true);
    layer.tpComm = tpForward.exposed + tpBackward.exposed;
    layer.compute += tpForward.slowdown + tpBackward.slowdown;
    layer.cpComm = l.cp.forward + l.cp.backward;
    switch (x.recompute) {
    case Recompute::None: break;
    case Recompute::Selective: // the attention core's forward again
        layer.recompute = a.forward;
        break;
    case Recompute::Full: // the whole layer forward again, its collectives included
        layer.recompute = l.gemmForward + a.forward + l.elementwise.forward;
        layer.tpComm += tpForward.exposed;
        layer.recompute += tpForward.slowdown;
        layer.cpComm += l.cp.forward;
        layer.epComm += x.sw.moeA2aOverlap ? 0.0 : l.ep.forward;
        break;
    }
    // The all-to-alls hide behind the other micro-batch's compute when the stack overlaps them.
    const double window = 3 * l.gemmForward + a.forward + a.backward;
    layer.epComm = exposed(l.ep.forward + l.ep.backward, window,
                           x.sw.moeA2aOverlap ? kMoeA2aHiddenShare : 0.0);
    layer.host = hostWait(x, l.ffn, layer);
    return layer;
}

// The first stage's extra work: the embedding lookup, and with a vocabulary-parallel table one
// reduction of its output.
StageTime embeddingTime(const StepContext &x, const TensorParallelTime &tp)
{
    StageTime first;
    first.memoryBound = kEmbeddingBytesPerElement * x.T * x.hSeq / x.r.hbmBytesPerS;
    first.tpComm = tp.one;
    return first;
}

// lm_head's forward GEMM, seconds; it stays 16-bit under FP8 (the most precision-sensitive GEMM).
double headForward(const StepContext &x)
{
    const Rates &r = x.r;
    return gemmSeconds(r.gemm16FlopsPerS, r.halfFlops, r.hbmBytesPerS, kHalfBytes, x.T, x.V / x.t,
                       x.h);
}

// The last stage's extra work: the final norm, the logits and the cross-entropy.
StageTime headTime(const StepContext &x, const TensorParallelTime &tp)
{
    const Rates &r = x.r;
    const double T = x.T;
    StageTime last;
    last.compute = 3 * headForward(x);
    last.memoryBound =
        (kCrossEntropyBytesPerLogit * T * x.V / x.t +
         (1 + kElementwiseBackwardFactor) * 2 * kHalfBytes * T * x.hSeq /* final norm */) /
        r.hbmBytesPerS;
    last.tpComm = (x.par.sequenceParallel ? 2 : 1) * tp.one; // gather its input, reduce its dgrad
    return last;
}

// The busiest stage, which sets the step, and every stage together, which the pipeline fills
// and drains through.
struct Stages
{
    StageTime busiest;
    StageTime all;
};

// A stage's layers by kind: the dense first layers of an MoE model sit on the first stage
// (and spill onto the next ones), the rest are MoE layers.
struct LayerMix
{
    const StageTime &dense;
    const StageTime &moe;
    double denseLayers = 0; // of the model: L for a dense model

    // Adds the stage holding `count` layers from layer `from` on.
    void add(StageTime &stage, double from, double count) const
    {
        const double d = std::clamp(denseLayers - from, 0.0, count);
        stage.addScaled(dense, d);
        stage.addScaled(moe, count - d);
    }
};

Stages stageTimes(const StepContext &x, const LayerMix &layers, const StageTime &first,
                  const StageTime &last)
{
    Stages out;
    layers.add(out.all, 0, x.L);
    out.all.addScaled(first, 1);
    out.all.addScaled(last, 1);
    if (x.par.pp == 1) {
        out.busiest = out.all;
        return out;
    }
    StageTime firstStage, middleStage, lastStage;
    layers.add(firstStage, 0, x.firstStageLayers);
    firstStage.addScaled(first, 1);
    layers.add(lastStage, x.L - x.lastStageLayers, x.lastStageLayers);
    lastStage.addScaled(last, 1);
    // A deferred weight gradient of lm_head runs while the pipeline drains, off the last
    // stage's critical path.
    if (x.sw.deferEmbeddingWgrad)
        lastStage.compute -= headForward(x);
    out.busiest = firstStage.total() >= lastStage.total() ? firstStage : lastStage;
    if (x.par.pp > 2) {
        layers.add(middleStage, x.firstStageLayers, x.stageLayers);
        if (middleStage.total() > out.busiest.total())
            out.busiest = middleStage;
    }
    return out;
}

// 1F1B fills and drains through p − 1 stages, interleaving cuts that by v.
void addPipeline(const StepContext &x, const StageTime &all, TimeBreakdown &out)
{
    if (x.par.pp <= 1)
        return;
    const double p = x.p, v = x.v, t = x.t;
    out.ppBubble = (p - 1) / v * all.total() / p;
    // Scatter-gather sends: each TP rank ships its 1/t of the boundary activation (and its
    // gradient back); neighbours sit tp·cp·dp ranks apart.
    const double bytes = x.T * x.h * kHalfBytes / t;
    const double send = bytes / linkBytesPerS(x.hw, t * x.c * x.d + 1, 1) + x.r.latencyS;
    // Each micro-batch crosses every chunk boundary forward and back; with p2p overlap only the
    // warm-up's and the flush's sends have no compute beside them.
    const double exposedSends = x.sw.overlapP2pComm ? p - 1 : v * x.microBatches + p - 1;
    out.ppComm = 2 * exposedSends * send;
}

// Parameters the busiest stage holds on one GPU: those every data-parallel rank shares
// (split over TP) and the routed experts' (split over EP × ETP), which reduce their gradients
// and shard their optimizer over the expert data-parallel group instead.
struct StageParams
{
    double shared = 0;
    double expert = 0;
};

StageParams stageParamsPerGpu(const StepContext &x)
{
    const ParamCounts pc = countParams(x.model);
    const double experts = x.model.moe.enabled()
                               ? pc.routedExperts / (double(x.par.ep) * double(x.par.expertTp()))
                               : 0.0;
    const double denseLayers = double(x.model.denseMlpLayers());
    auto stage = [&](double from, double count, double extra) {
        const double d = std::clamp(denseLayers - from, 0.0, count);
        const double moe = count - d;
        return StageParams{(d * pc.perLayer + moe * (pc.perMoeLayer - pc.routedExperts) + extra) /
                               x.t,
                           moe * experts};
    };
    // The MTP modules train on the last stage, beside the head.
    const double mtp = pc.mtp;
    if (x.par.pp == 1) {
        StageParams all = stage(0, x.L, pc.embedding + pc.lmHead + mtp);
        if (x.model.moe.mtpLayers > 0 && x.model.moeLayers() > 0) {
            all.shared -= double(x.model.moe.mtpLayers) * pc.routedExperts / x.t;
            all.expert += double(x.model.moe.mtpLayers) * experts;
        }
        return all;
    }
    const StageParams candidates[] = {
        stage(0, x.firstStageLayers, pc.embedding),
        stage(x.firstStageLayers, x.stageLayers, 0),
        stage(x.L - x.lastStageLayers, x.lastStageLayers, pc.lmHead + mtp),
    };
    StageParams busiest;
    for (const StageParams &c : candidates)
        if (c.shared + c.expert > busiest.shared + busiest.expert)
            busiest = c;
    return busiest;
}

// Exposed data-parallel traffic over dp·cp ranks (context-parallel ranks share the
// gradients), seconds per step.
double dataParallelComm(const StepContext &x, const LayerSeconds &l, const StageTime &busiest,
                        const StageParams &params)
{
    const double t = x.t, c = x.c, d = x.d;
    const double n = d * c;
    const double edp = x.par.expertDp();
    if (n <= 1 && edp <= 1)
        return 0;
    const Rates &r = x.r;
    // Ranks are ordered tp, cp, dp, pp: a node holds gpusPerNode/(tp·cp) members of a
    // data-parallel group (cp ranks reduce gradients together with dp ranks). An expert
    // data-parallel group's members sit ep·etp apart.
    auto ringSeconds = [&](double members, double perNode) {
        return members <= 1 ? 0.0
                            : (members - 1) / members /
                                  linkBytesPerS(x.hw, t * c * d, std::min(members, perNode));
    };
    const double expertGroup = double(x.par.ep) * double(x.par.expertTp());
    // Seconds per byte of each parameter the GPU holds: ring · params, both groups together.
    const double ringParams = ringSeconds(n, x.gpn / t) * params.shared +
                              ringSeconds(edp, x.gpn / expertGroup) * params.expert;
    // FP16 training reduces its loss-scaled FP16 gradients; BF16 and FP8 training reduce the
    // main-grad buffers in the stack's type.
    const bool halfGrads = x.precision == Precision::Fp16 || x.sw.gradReduce == GradReduce::Bf16;
    const double gradBytes = halfGrads ? kHalfBytes : kFp32Bytes;
    const double paramBytes = x.lowPrecision && x.sw.fp8ParamGather ? 1 : kHalfBytes;
    // Without overlap the collectives run after the backward and before the forward.
    const bool overlap = x.sw.overlapGradReduce;
    const double o = overlap ? x.k.dpOverlap : 0;
    const double fwdWindow =
        overlap ? x.stageLayers * (l.gemmForward + l.attention.forward + l.elementwise.forward) : 0;
    const double bwdWindow = overlap ? busiest.total() - fwdWindow : 0;
    if (x.par.zero >= 3) {
        // FSDP: gather the 16-bit weights before each forward and again before each backward,
        // reduce-scatter the gradients (FP32, as torchtitan reduces by default), every
        // micro-batch: the forward's gathers hide behind the forward, the rest behind the
        // backward.
        const double gather = ringParams * paramBytes + r.latencyS;
        const double scatter = ringParams * gradBytes + r.latencyS;
        return x.microBatches *
               (exposed(gather, fwdWindow, o) + exposed(gather + scatter, bwdWindow, o));
    }
    // Interleaved, a chunk's gradients are final while the other chunks still run the
    // backward of the flush's micro-batches (min(M, p) of them), and its weights are needed only
    // when its first forward comes round: the windows grow by that many micro-batches.
    const double windowMicroBatches = x.v > 1 ? std::min(x.microBatches, x.p) : 1;
    const double bwdLast =
        overlap ? windowMicroBatches * x.stageLayers *
                      (2 * l.gemmForward + l.attention.backward + l.elementwise.backward)
                : 0;
    if (x.par.zero == 0) {
        const double allReduce = 2 * ringParams * gradBytes + r.latencyS;
        return exposed(allReduce, bwdLast, o);
    }
    // Distributed optimizer: reduce-scatter the gradients during the last backward, all-gather
    // the updated 16-bit weights during the next step's first forward.
    const double scatter = ringParams * gradBytes + r.latencyS;
    const double gather = ringParams * paramBytes + r.latencyS;
    return exposed(scatter, bwdLast, o) + exposed(gather, windowMicroBatches * fwdWindow, o);
}

// The Adam step, memory-bound; ZeRO shards it over the data-parallel ranks (the experts' over
// the expert data-parallel ranks).
double optimizerStep(const StepContext &x, const StageParams &params)
{
    const double optimizerParams =
        x.par.zero >= 1 ? params.shared / (x.d * x.c) + params.expert / x.par.expertDp()
                        : params.shared + params.expert;
    return kAdamBytesPerParam * optimizerParams / x.r.hbmBytesPerS;
}

} // namespace

double gemmPeakTflops(const Scenario &sc)
{
    const Hardware &hw = sc.hardware;
    switch (sc.precision) {
    case Precision::Fp8: return hw.peakTflopsFp8;
    case Precision::Mxfp8: return hw.peakTflopsMxfp8;
    case Precision::Nvfp4: return hw.peakTflopsNvfp4;
    case Precision::Bf16: return hw.peakTflopsBf16 > 0 ? hw.peakTflopsBf16 : hw.peakTflopsFp16;
    case Precision::Fp16: return hw.peakTflopsFp16 > 0 ? hw.peakTflopsFp16 : hw.peakTflopsBf16;
    }
    return 0;
}

TimeBreakdown predictStepTime(const Scenario &sc)
{
    const StepContext x = stepContext(sc);
    const LayerSeconds dense = layerSeconds(x, FeedForward::Dense);
    const bool moe = sc.model.moe.enabled();
    const LayerSeconds moeLayer = moe ? layerSeconds(x, FeedForward::Moe) : dense;
    const StageTime denseTime = layerTime(x, dense);
    const StageTime moeTime = moe ? layerTime(x, moeLayer) : denseTime;
    // The multi-token-prediction modules run on the last stage: a layer of the last layer's
    // kind, the 2h → h projection and the shared head again, each.
    StageTime last = headTime(x, dense.tp);
    if (const double mtp = double(sc.model.moe.mtpLayers); mtp > 0) {
        const StageTime head = last;
        last.addScaled(sc.model.moeLayers() > 0 ? moeTime : denseTime, mtp);
        last.addScaled(head, mtp);
        last.compute += mtp * 3 * layerGemm(x, x.T, x.h, 2 * x.h);
    }
    const LayerMix mix{denseTime, moeTime, double(sc.model.denseMlpLayers())};
    const Stages st = stageTimes(x, mix, embeddingTime(x, dense.tp), last);
    const LayerSeconds &layer = moe ? moeLayer : dense;

    TimeBreakdown out;
    const StageTime &busiest = st.busiest;
    out.compute = x.microBatches * (busiest.compute + busiest.memoryBound + busiest.recompute);
    out.memoryBound = x.microBatches * busiest.memoryBound;
    out.casts = x.microBatches * busiest.casts;
    out.recompute = x.microBatches * busiest.recompute;
    out.tpComm = x.microBatches * busiest.tpComm;
    out.cpComm = x.microBatches * busiest.cpComm;
    out.host = x.microBatches * busiest.host;
    out.epComm = x.microBatches * busiest.epComm;
    addPipeline(x, st.all, out);
    const StageParams params = stageParamsPerGpu(x);
    out.dpComm = dataParallelComm(x, layer, busiest, params);
    out.optimizer = optimizerStep(x, params);

    out.step = out.compute + out.tpComm + out.cpComm + out.epComm + out.host + out.ppBubble +
               out.ppComm + out.dpComm + out.optimizer;
    return out;
}

} // namespace mfu::engine
