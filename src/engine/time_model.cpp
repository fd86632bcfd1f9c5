#include "time_model.h"

#include "memory.h"
#include "params.h"

#include <algorithm>

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
    double host = 0; // the device idle while the host issues kernels slower than they run

    double total() const { return compute + memoryBound + recompute + tpComm + cpComm + host; }
    void addScaled(const StageTime &o, double f)
    {
        compute += f * o.compute;
        memoryBound += f * o.memoryBound;
        casts += f * o.casts;
        recompute += f * o.recompute;
        tpComm += f * o.tpComm;
        cpComm += f * o.cpComm;
        host += f * o.host;
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
    double m = 0, s = 0, h = 0, L = 0, V = 0, hd = 0;
    double qWidth = 0;           // this rank's query heads × d
    double kvWidth = 0;          // this rank's key/value heads × d
    double ffn = 0;              // this rank's share of ĥ
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
    x.hd = double(model.headDim);
    x.qWidth = double(model.heads) * x.hd / x.t;
    // Key/value heads are replicated when tp exceeds them: each rank still computes one.
    x.kvWidth = std::max(double(model.kvHeads) / x.t, 1.0) * x.hd;
    x.ffn = double(model.ffnHidden) / x.t;
    x.T = x.m * x.s / x.c;
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

// The GEMMs of one layer and one micro-batch, forward, seconds.
double layerGemmForward(const StepContext &x)
{
    const double T = x.T, h = x.h;
    const double mlpMatrices = x.model.gatedMlp ? 2 : 1; // up (and gate) of width ĥ/t
    return layerGemm(x, T, x.qWidth, h) + 2 * layerGemm(x, T, x.kvWidth, h) +
           layerGemm(x, T, h, x.qWidth) + mlpMatrices * layerGemm(x, T, x.ffn, h) +
           layerGemm(x, T, h, x.ffn);
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
    const double m = x.m, s = x.s, c = x.c, hd = x.hd;
    // The attention core of this rank: m·n/t heads, each scoring its s/c queries against all s
    // keys (context-parallel chunks are load-balanced).
    const double scores = m * (x.qWidth / hd) * (s / c) * s;
    AttentionTime a;
    if (x.sw.attention != AttentionKernel::Unfused) {
        // Fused kernels skip the masked half of a causal score matrix whatever the FLOPs
        // convention counts, and decoder training is causal.
        // Each call runs its queries against s/c keys (a context-parallel rank's ring step).
        const double keys = s / c;
        const double blockEfficiency = keys / (keys + x.k.attentionHalfEfficiencyTokens);
        a.forward = 2 * 2 * scores * hd * 0.5 / (r.attnFlopsPerS * blockEfficiency);
        a.backward = kAttentionBackwardFactor * a.forward;
        return a;
    }
    // QKᵀ and scores·V as batched 16-bit GEMMs over the full s×s matrix, each writing or
    // reading the scores through HBM; softmax (with scale and mask) and dropout as separate
    // passes over them.
    const double qkv = m * (x.qWidth / hd) * s * hd * kHalfBytes; // one of Q, K, V (or out)
    const double gemmFlops = 2 * scores * hd;
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
PassTime elementwiseKernels(const StepContext &x)
{
    const double T = x.T, hSeq = x.hSeq, h = x.h, qWidth = x.qWidth, ffn = x.ffn;
    // Elementwise traffic, in 16-bit elements per element of the tensor each kernel works on.
    const ElementwisePasses &passes =
        x.sw.elementwise == ElementwiseKernels::Eager ? kEagerPasses : kFusedPasses;
    double elems = T * hSeq * (2 * passes.norm + 2 * passes.residualAdd);
    elems += T * ffn * (x.model.gatedMlp ? passes.swiglu : passes.gelu);
    if (x.model.maxPositions == 0) // rotary embedding of q and k
        elems += passes.rope * T * (qWidth + x.kvWidth);
    double memBytesF = kHalfBytes * elems;
    if (x.model.dropout) // the two hidden dropouts write a one-byte mask each
        memBytesF += 2 * T * hSeq;
    // Inputs of the QKV, output, MLP-in and MLP-out GEMMs cast to the GEMMs' format.
    const double castBytes = x.r.castBytes * T * (h + qWidth + h + ffn);
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
    const double kvBytes = 2 * x.T * x.kvWidth * kHalfBytes;
    const double hop = kvBytes / linkBytesPerS(x.hw, x.t * c, x.gpn / x.t);
    const double steps = c - 1;
    out.forward = steps * x.r.latencyS + std::max(0.0, steps * hop - attn.forward);
    out.backward = 2 * steps * x.r.latencyS + std::max(0.0, 2 * steps * hop - attn.backward);
    return out;
}

// The terms of one transformer layer and one micro-batch, seconds.
struct LayerSeconds
{
    double gemmForward = 0;
    AttentionTime attention;
    PassTime elementwise;
    TensorParallelTime tp;
    PassTime cp;
};

LayerSeconds layerSeconds(const StepContext &x)
{
    LayerSeconds l;
    l.gemmForward = layerGemmForward(x);
    l.attention = attentionCore(x);
    l.elementwise = elementwiseKernels(x);
    l.tp = tensorParallelComm(x);
    l.cp = contextParallelComm(x, l.attention);
    return l;
}

// Kernels one layer launches per micro-batch in the forward. Fused: the QKV, output, MLP-in
// and MLP-out GEMMs, attention, two norms, two residual adds and the activation; rotary adds
// one. Eager: every operator of the kEagerPasses comment (six for each RMSNorm, two for SwiGLU
// or four for GeLU, six each for rotating q and k) and separate q, k, v, gate and up GEMMs.
// Low precision casts each GEMM input; tensor parallelism adds its collectives.
double layerForwardKernels(const StepContext &x)
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
    return n;
}

// Seconds the device waits on the host in one layer and one micro-batch: without CUDA graphs
// the host issues every kernel, and when the layer's kernels run faster than it issues them
// the difference is idle time. The backward launches about twice the forward's kernels
// (dgrad and wgrad GEMMs, each elementwise kernel's backward); full recomputation repeats the
// forward's.
double hostWait(const StepContext &x, const StageTime &layer)
{
    if (x.sw.cudaGraphs)
        return 0;
    const double passes = 3 + (x.recompute == Recompute::Full ? 1 : 0);
    const double host = passes * layerForwardKernels(x) * x.sw.hostUsPerKernel * 1e-6;
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
        break;
    }
    layer.host = hostWait(x, layer);
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

Stages stageTimes(const StepContext &x, const StageTime &layer, const StageTime &first,
                  const StageTime &last)
{
    Stages out;
    out.all.addScaled(layer, x.L);
    out.all.addScaled(first, 1);
    out.all.addScaled(last, 1);
    if (x.par.pp == 1) {
        out.busiest = out.all;
        return out;
    }
    StageTime firstStage, middleStage, lastStage;
    firstStage.addScaled(layer, x.firstStageLayers);
    firstStage.addScaled(first, 1);
    lastStage.addScaled(layer, x.lastStageLayers);
    lastStage.addScaled(last, 1);
    // A deferred weight gradient of lm_head runs while the pipeline drains, off the last
    // stage's critical path.
    if (x.sw.deferEmbeddingWgrad)
        lastStage.compute -= headForward(x);
    out.busiest = firstStage.total() >= lastStage.total() ? firstStage : lastStage;
    if (x.par.pp > 2) {
        middleStage.addScaled(layer, x.stageLayers);
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

// Parameters the busiest stage holds on one GPU.
double stageParamsPerGpu(const StepContext &x)
{
    const ParamCounts pc = countParams(x.model);
    const double stageParams =
        x.par.pp == 1
            ? pc.total
            : std::max({x.firstStageLayers * pc.perLayer + pc.embedding,
                        x.lastStageLayers * pc.perLayer + pc.lmHead, x.stageLayers * pc.perLayer});
    return stageParams / x.t;
}

// Exposed data-parallel traffic over dp·cp ranks (context-parallel ranks share the
// gradients), seconds per step.
double dataParallelComm(const StepContext &x, const LayerSeconds &l, const StageTime &busiest,
                        double paramsPerGpu)
{
    const double t = x.t, c = x.c, d = x.d;
    const double n = d * c;
    if (n <= 1)
        return 0;
    const Rates &r = x.r;
    // Ranks are ordered tp, cp, dp, pp: a node holds gpusPerNode/(tp·cp) members of a
    // data-parallel group (cp ranks reduce gradients together with dp ranks).
    const double bw = linkBytesPerS(x.hw, t * c * d, std::min(n, x.gpn / t));
    const double ring = (n - 1) / n / bw;
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
        const double gather = ring * paramsPerGpu * paramBytes + r.latencyS;
        const double scatter = ring * paramsPerGpu * gradBytes + r.latencyS;
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
        const double allReduce = 2 * ring * paramsPerGpu * gradBytes + r.latencyS;
        return exposed(allReduce, bwdLast, o);
    }
    // Distributed optimizer: reduce-scatter the gradients during the last backward, all-gather
    // the updated 16-bit weights during the next step's first forward.
    const double scatter = ring * paramsPerGpu * gradBytes + r.latencyS;
    const double gather = ring * paramsPerGpu * paramBytes + r.latencyS;
    return exposed(scatter, bwdLast, o) + exposed(gather, windowMicroBatches * fwdWindow, o);
}

// The Adam step, memory-bound; ZeRO shards it over the data-parallel ranks.
double optimizerStep(const StepContext &x, double paramsPerGpu)
{
    const double optimizerParams = x.par.zero >= 1 ? paramsPerGpu / (x.d * x.c) : paramsPerGpu;
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
    const LayerSeconds layer = layerSeconds(x);
    const Stages st =
        stageTimes(x, layerTime(x, layer), embeddingTime(x, layer.tp), headTime(x, layer.tp));

    TimeBreakdown out;
    const StageTime &busiest = st.busiest;
    out.compute = x.microBatches * (busiest.compute + busiest.memoryBound + busiest.recompute);
    out.memoryBound = x.microBatches * busiest.memoryBound;
    out.casts = x.microBatches * busiest.casts;
    out.recompute = x.microBatches * busiest.recompute;
    out.tpComm = x.microBatches * busiest.tpComm;
    out.cpComm = x.microBatches * busiest.cpComm;
    out.host = x.microBatches * busiest.host;
    addPipeline(x, st.all, out);
    const double params = stageParamsPerGpu(x);
    out.dpComm = dataParallelComm(x, layer, busiest, params);
    out.optimizer = optimizerStep(x, params);

    out.step = out.compute + out.tpComm + out.cpComm + out.host + out.ppBubble + out.ppComm +
               out.dpComm + out.optimizer;
    return out;
}

} // namespace mfu::engine
