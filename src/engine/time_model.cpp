#include "time_model.h"

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
// FP8 cast of a 16-bit tensor: read 2 bytes, write 1.
constexpr double kFp8CastBytes = 3;
// The backward casts the incoming gradient and writes the transposed FP8 copy the weight
// gradient GEMM needs: twice the forward's cast traffic.
constexpr double kFp8BackwardCastFactor = 2;

struct Rates
{
    double gemmFlopsPerS = 0;   // large-GEMM rate at the precision, FLOP/s
    double gemm16FlopsPerS = 0; // the same in 16 bit (lm_head stays 16-bit under FP8), FLOP/s
    double halfFlops = 0;       // GEMM size at which the rate halves, FLOPs
    double attnFlopsPerS = 0;   // fused attention, FLOP/s
    double hbmBytesPerS = 0;    // achievable HBM bandwidth, bytes/s
    double gemmInBytes = 2;     // bytes per GEMM input element (1 under FP8)
    double latencyS = 0;        // per collective or send, seconds
};

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
    double recompute = 0;
    double tpComm = 0;
    double cpComm = 0;

    double total() const { return compute + memoryBound + recompute + tpComm + cpComm; }
    void addScaled(const StageTime &o, double f)
    {
        compute += f * o.compute;
        memoryBound += f * o.memoryBound;
        recompute += f * o.recompute;
        tpComm += f * o.tpComm;
        cpComm += f * o.cpComm;
    }
};

} // namespace

double gemmPeakTflops(const Scenario &sc)
{
    const Hardware &hw = sc.hardware;
    switch (sc.precision) {
    case Precision::Fp8:
        return hw.peakTflopsFp8;
    case Precision::Bf16:
        return hw.peakTflopsBf16 > 0 ? hw.peakTflopsBf16 : hw.peakTflopsFp16;
    case Precision::Fp16:
        return hw.peakTflopsFp16 > 0 ? hw.peakTflopsFp16 : hw.peakTflopsBf16;
    }
    return 0;
}

TimeBreakdown predictStepTime(const Scenario &sc)
{
    const ModelShape &model = sc.model;
    const Hardware &hw = sc.hardware;
    const EfficiencyKnobs &k = hw.knobs;
    const Parallel &par = sc.parallel;
    const bool fp8 = sc.precision == Precision::Fp8;

    const double t = double(par.tp);
    const double p = double(par.pp);
    const double d = double(par.dp);
    const double c = double(par.cp);
    const double v = double(par.vpp);
    const double m = double(sc.batch.microBatch);
    const double s = double(sc.batch.seqLen);
    const double h = double(model.hidden);
    const double L = double(model.layers);
    const double V = double(model.vocab);
    const double hd = double(model.headDim);
    const double qWidth = double(model.heads) * hd / t; // this rank's query heads × d
    // Key/value heads are replicated when tp exceeds them: each rank still computes one.
    const double kvWidth = std::max(double(model.kvHeads) / t, 1.0) * hd;
    const double ffn = double(model.ffnHidden) / t;
    const double T = m * s / c; // tokens of one micro-batch on one rank
    const double gpn = double(hw.gpusPerNode);
    const double microBatches = double(sc.batch.globalBatch) / (d * m);
    // The busiest stage holds ⌈L/p⌉ layers; uneven splits are set by it.
    const double stageLayers = double((model.layers + par.pp - 1) / par.pp);

    const double peak16 = (hw.peakTflopsBf16 > 0 ? hw.peakTflopsBf16 : hw.peakTflopsFp16) * 1e12;
    Rates r;
    r.gemmFlopsPerS = gemmPeakTflops(sc) * 1e12 * k.gemmMaxEfficiency;
    r.gemm16FlopsPerS = peak16 * k.gemmMaxEfficiency;
    r.halfFlops = k.gemmHalfEfficiencyGflop * 1e9;
    r.attnFlopsPerS = peak16 * k.attentionEfficiency;
    r.hbmBytesPerS = hw.memoryBwGbs * 1e9 * k.memoryEfficiency;
    r.gemmInBytes = fp8 ? 1 : kHalfBytes;
    r.latencyS = k.collectiveLatencyUs * 1e-6;
    auto gemm = [&](double M, double N, double K) {
        return gemmSeconds(r.gemmFlopsPerS, r.halfFlops, r.hbmBytesPerS, r.gemmInBytes, M, N, K);
    };

    // ---- one layer, one micro-batch, forward ------------------------------------------------
    const double mlpMatrices = model.gatedMlp ? 2 : 1; // up (and gate) of width ĥ/t
    const double gemmF = gemm(T, qWidth, h) + 2 * gemm(T, kvWidth, h) + gemm(T, h, qWidth) +
                         mlpMatrices * gemm(T, ffn, h) + gemm(T, h, ffn);
    // The attention core of this rank: m·n/t heads, each scoring its s/c queries against all s
    // keys (context-parallel chunks are load-balanced).
    const double scores = m * (qWidth / hd) * (s / c) * s;
    double attnF = 0, attnB = 0;       // attention core, forward and backward, seconds
    double attnMemF = 0, attnMemB = 0; // of which elementwise passes over the scores, seconds
    if (k.fusedAttention >= 0.5) {
        // Fused kernels skip the masked half of a causal score matrix whatever the FLOPs
        // convention counts, and decoder training is causal.
        attnF = 2 * 2 * scores * hd * 0.5 / r.attnFlopsPerS;
        attnB = kAttentionBackwardFactor * attnF;
    } else {
        // QKᵀ and scores·V as batched 16-bit GEMMs over the full s×s matrix, each writing or
        // reading the scores through HBM; softmax (with scale and mask) and dropout as
        // separate passes over them.
        const double qkv = m * (qWidth / hd) * s * hd * kHalfBytes; // one of Q, K, V (or out)
        const double gemmFlops = 2 * scores * hd;
        const double qk = std::max((gemmFlops + r.halfFlops) / r.gemm16FlopsPerS,
                                   (2 * qkv / c + qkv + kHalfBytes * scores) / r.hbmBytesPerS);
        const double pv = std::max((gemmFlops + r.halfFlops) / r.gemm16FlopsPerS,
                                   (kHalfBytes * scores + qkv + qkv / c) / r.hbmBytesPerS);
        const double perScore = kSoftmaxBytesPerScore + (model.dropout ? kDropoutBytesPerScore : 0);
        const double elementwise = perScore * scores / r.hbmBytesPerS;
        attnMemF = elementwise;
        attnMemB = kElementwiseBackwardFactor * elementwise;
        attnF = qk + pv + attnMemF;
        attnB = 2 * (qk + pv) + attnMemB;
    }

    // Elementwise traffic, 16-bit elements. Without sequence parallelism every TP rank runs the
    // norms, residual adds and dropouts on the full hidden width.
    const double hSeq = par.sequenceParallel ? h / t : h;
    double elems =
        T * hSeq *
        (2 * 2 /* two norms: read, write */ + 2 * 3 /* two residual adds: read 2, write 1 */);
    elems += T * ffn * (model.gatedMlp ? 3 /* SwiGLU: read 2, write 1 */ : 2 /* GeLU */);
    if (model.maxPositions == 0) // rotary embedding of q and k (read, write)
        elems += 2 * T * (qWidth + kvWidth);
    double memBytesF = kHalfBytes * elems;
    if (model.dropout) // the two hidden dropouts write a one-byte mask each
        memBytesF += 2 * T * hSeq;
    if (fp8) // inputs of the QKV, output, MLP-in and MLP-out GEMMs cast to FP8
        memBytesF += kFp8CastBytes * T * (h + qWidth + h + ffn);
    const double memF = memBytesF / r.hbmBytesPerS;
    const double memB = kElementwiseBackwardFactor * memF +
                        (fp8 ? (kFp8BackwardCastFactor - kElementwiseBackwardFactor) *
                                   kFp8CastBytes * T * (h + qWidth + h + ffn) / r.hbmBytesPerS
                             : 0.0);

    // Tensor parallelism: two collectives forward and two backward on the m·s/c·h activations;
    // with sequence parallelism all-gather + reduce-scatter instead of all-reduce, and the
    // backward gathers the column-parallel inputs again for the weight gradients (two more).
    double tpF = 0, tpB = 0, tpOne = 0; // tpOne: one all-reduce-equivalent (embedding, head)
    if (par.tp > 1) {
        const double bytes = T * h * kHalfBytes;
        const double bw = linkBytesPerS(hw, t, gpn);
        const double half = (t - 1) / t * bytes / bw + r.latencyS; // all-gather or reduce-scatter
        const double allReduce = 2 * (t - 1) / t * bytes / bw + r.latencyS;
        tpF = par.sequenceParallel ? 4 * half : 2 * allReduce;
        tpB = par.sequenceParallel ? 6 * half : 2 * allReduce;
        tpOne = par.sequenceParallel ? half : allReduce;
        const double hidden = 1 - k.tpOverlap;
        tpF *= hidden;
        tpB *= hidden;
        tpOne *= hidden;
    }

    // Context parallelism: K and V of the local chunk travel c − 1 hops of a ring, hidden behind
    // the attention of the chunk already held; the backward also returns dK and dV.
    double cpF = 0, cpB = 0;
    if (par.cp > 1) {
        const double kvBytes = 2 * T * kvWidth * kHalfBytes;
        const double hop = kvBytes / linkBytesPerS(hw, t * c, gpn / t) + r.latencyS;
        cpF = std::max(0.0, (c - 1) * hop - attnF);
        cpB = std::max(0.0, 2 * (c - 1) * hop - attnB);
    }

    StageTime layer;
    layer.compute = 3 * gemmF + (attnF - attnMemF) + (attnB - attnMemB);
    layer.memoryBound = memF + memB + attnMemF + attnMemB;
    layer.tpComm = tpF + tpB;
    layer.cpComm = cpF + cpB;
    switch (sc.recompute) {
    case Recompute::None:
        break;
    case Recompute::Selective: // the attention core's forward again
        layer.recompute = attnF;
        break;
    case Recompute::Full: // the whole layer forward again, its collectives included
        layer.recompute = gemmF + attnF + memF;
        layer.tpComm += tpF;
        layer.cpComm += cpF;
        break;
    }

    // ---- the ends of the model: embedding on the first stage, logits on the last ------------
    StageTime first, last;
    first.memoryBound = kEmbeddingBytesPerElement * T * hSeq / r.hbmBytesPerS;
    first.tpComm = tpOne; // vocabulary-parallel embedding: one reduction of its output
    // lm_head stays 16-bit under FP8 (it is the most precision-sensitive GEMM).
    const double headF =
        gemmSeconds(r.gemm16FlopsPerS, r.halfFlops, r.hbmBytesPerS, kHalfBytes, T, V / t, h);
    last.compute = 3 * headF;
    last.memoryBound =
        (kCrossEntropyBytesPerLogit * T * V / t +
         (1 + kElementwiseBackwardFactor) * 2 * kHalfBytes * T * hSeq /* final norm */) /
        r.hbmBytesPerS;
    last.tpComm = (par.sequenceParallel ? 2 : 1) * tpOne; // gather its input, reduce its dgrad

    StageTime busiest;
    StageTime all; // every stage together, for the pipeline fill and drain
    all.addScaled(layer, L);
    all.addScaled(first, 1);
    all.addScaled(last, 1);
    if (par.pp == 1) {
        busiest = all;
    } else {
        StageTime firstStage, lastStage;
        firstStage.addScaled(layer, stageLayers);
        firstStage.addScaled(first, 1);
        lastStage.addScaled(layer, stageLayers);
        lastStage.addScaled(last, 1);
        busiest = firstStage.total() >= lastStage.total() ? firstStage : lastStage;
    }

    TimeBreakdown out;
    out.compute = microBatches * (busiest.compute + busiest.memoryBound + busiest.recompute);
    out.memoryBound = microBatches * busiest.memoryBound;
    out.recompute = microBatches * busiest.recompute;
    out.tpComm = microBatches * busiest.tpComm;
    out.cpComm = microBatches * busiest.cpComm;

    // ---- pipeline: 1F1B fills and drains through p − 1 stages, interleaving cuts that by v ----
    if (par.pp > 1) {
        out.ppBubble = (p - 1) / v * all.total() / p;
        // Scatter-gather sends: each TP rank ships its 1/t of the boundary activation (and its
        // gradient back); neighbours sit tp·cp·dp ranks apart.
        const double bytes = T * h * kHalfBytes / t;
        const double send = bytes / linkBytesPerS(hw, t * c * d + 1, 1) + r.latencyS;
        out.ppComm = 2 * (v * microBatches + p - 1) * send;
    }

    // ---- data parallelism over dp·cp ranks (context-parallel ranks share the gradients) ------
    const ParamCounts pc = countParams(model);
    const double stageParams =
        par.pp == 1 ? pc.total : stageLayers * pc.perLayer + std::max(pc.embedding, pc.lmHead);
    const double paramsPerGpu = stageParams / t;
    const double n = d * c;
    if (n > 1) {
        // Ranks are ordered tp, cp, dp, pp: a node holds gpusPerNode/(tp·cp) members of a
        // data-parallel group (cp ranks reduce gradients together with dp ranks).
        const double bw = linkBytesPerS(hw, t * c * d, std::min(n, gpn / t));
        const double ring = (n - 1) / n / bw;
        const double gradBytes = sc.precision == Precision::Fp16 ? kHalfBytes : kFp32Bytes;
        const double o = k.dpOverlap;
        const double fwdWindow = stageLayers * (gemmF + attnF + memF);
        const double bwdWindow = busiest.total() - fwdWindow;
        if (par.zero >= 3) {
            // FSDP: gather the 16-bit weights before each forward and again before each
            // backward, reduce-scatter the gradients (FP32, as torchtitan reduces by default),
            // every micro-batch: the forward's gathers hide behind the forward, the rest
            // behind the backward.
            const double gather = ring * paramsPerGpu * kHalfBytes + r.latencyS;
            const double scatter = ring * paramsPerGpu * gradBytes + r.latencyS;
            out.dpComm = microBatches *
                         (exposed(gather, fwdWindow, o) + exposed(gather + scatter, bwdWindow, o));
        } else {
            const double bwdLast = stageLayers * (2 * gemmF + attnB + memB);
            if (par.zero == 0) {
                const double allReduce = 2 * ring * paramsPerGpu * gradBytes + r.latencyS;
                out.dpComm = exposed(allReduce, bwdLast, o);
            } else {
                // Distributed optimizer: reduce-scatter the gradients during the last backward,
                // all-gather the updated 16-bit weights during the next step's first forward.
                const double scatter = ring * paramsPerGpu * gradBytes + r.latencyS;
                const double gather = ring * paramsPerGpu * kHalfBytes + r.latencyS;
                out.dpComm = exposed(scatter, bwdLast, o) + exposed(gather, fwdWindow, o);
            }
        }
    }

    const double optimizerParams = par.zero >= 1 ? paramsPerGpu / n : paramsPerGpu;
    out.optimizer = kAdamBytesPerParam * optimizerParams / r.hbmBytesPerS;

    out.step = out.compute + out.tpComm + out.cpComm + out.ppBubble + out.ppComm + out.dpComm +
               out.optimizer;
    return out;
}

} // namespace mfu::engine
