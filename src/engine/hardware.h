#pragma once

#include <string>

namespace mfu::engine {

enum class Precision
{
    Bf16,
    Fp16,
    Fp8,   // E4M3/E5M2 with one scale per tensor or row (Hopper and later)
    Mxfp8, // FP8 with one power-of-two scale per 32 elements, scaled in the tensor cores
           // (Blackwell)
    Nvfp4, // E2M1 with one FP8 scale per 16 elements and one per tensor (Blackwell)
};

// Precisions whose GEMMs take low-precision inputs with scales: the linear layers run at their
// peak, while attention, the logits and elementwise work stay 16-bit.
constexpr bool isLowPrecision(Precision p)
{
    return p == Precision::Fp8 || p == Precision::Mxfp8 || p == Precision::Nvfp4;
}

// Knobs of the time and memory model. Each is physical (efficiencies ≤ 1, bandwidths in
// GB/s, latencies in µs) so that a fit which wants an impossible value exposes a missing term
// instead of hiding it. The defaults were calibrated once, for all runs together, on the public
// runs (validation/published_runs.json) on Ampere (A100), the best-covered device; Hopper
// presets override the two compute efficiencies with their own calibration. The efficiencies
// are sustained training figures: clocks under power limits, launch gaps and the small kernels
// the model does not list are in them, so they sit below what a lone kernel benchmark reaches.
struct EfficiencyKnobs
{
    // Fraction of the precision's dense peak a large GEMM reaches in training.
    double gemmMaxEfficiency = 0.66;
    // GEMM size, GFLOP, at which half of gemmMaxEfficiency is reached: η = ηmax·F/(F + F½),
    // i.e. a fixed cost of F½/(peak·ηmax) per GEMM (launch, prologue, the last partial wave).
    double gemmHalfEfficiencyGflop = 2.0;
    // Fraction of the 16-bit peak a FlashAttention-2-class fused kernel reaches on the FLOPs
    // it executes: the causal half only, and 2.5× the forward in the backward.
    double attentionEfficiency = 0.29;
    // The same for the device's FlashAttention-3 / cuDNN-class kernel (warp-specialised,
    // asynchronous); 0 where the device has none, and the FlashAttention-2 figure applies.
    double attentionEfficiencyFlash3 = 0;
    // Key length, tokens, at which a fused attention kernel reaches half its efficiency:
    // η(n) = η·n/(n + n½). Short blocks pay the kernel's prologue and tail: cuDNN and
    // FlashAttention-2 forward on H100 run 17% slower at 512 tokens than at 8K (Shah et al. 2024,
    // FlashAttention-3, fig. 5), n½ ≈ 110. Context parallelism runs the kernel on s/cp keys.
    double attentionHalfEfficiencyTokens = 110;
    // Fraction of the FP8 peak a large FP8 (and MXFP8, NVFP4) GEMM reaches; 0: the same as
    // gemmMaxEfficiency. Best-shape FP8 GEMMs reach a smaller share of their peak than BF16
    // ones (H100 71% against 80%, MODERN_STACKS.md §2).
    double gemmMaxEfficiencyLowPrecision = 0;
    // Fraction of the NVFP4 peak a large NVFP4 GEMM reaches; 0: gemmMaxEfficiencyLowPrecision.
    // The FP4 tensor cores double (Blackwell Ultra: triple) the FP8 rate, while the operand
    // and scale loads, the epilogue and the tail wave do not shrink with them.
    double gemmMaxEfficiencyFp4 = 0;
    double memoryEfficiency = 0.80;    // fraction of HBM bandwidth memory-bound kernels reach
    double intraNodeEfficiency = 0.80; // fraction of NVLink bandwidth collectives reach
    double interNodeEfficiency = 0.80; // fraction of NIC bandwidth collectives reach
    double collectiveLatencyUs = 10.0; // fixed cost of one collective or send, µs
    // Fraction of the scale-up link bandwidth the expert all-to-all (dispatch and combine)
    // reaches: its many small transfers and the SMs it runs on keep it below a ring's share.
    // DeepEP inside an H800 node: 153–158 of 200 GB/s.
    double allToAllEfficiency = 0.75;
    // Fraction of tensor-parallel communication hidden by means the stack's tp_comm_overlap
    // does not describe; 0 for every named stack.
    double tpOverlap = 0.0;
    // Fraction of data-parallel traffic that can hide behind compute (the last bucket cannot),
    // as far as the compute it overlaps with lasts.
    double dpOverlap = 0.8;
    double usableMemoryFraction = 0.90; // HBM left after the framework, allocator, CUDA context

    bool operator==(const EfficiencyKnobs &) const = default;
};

// An accelerator as the framework sees it (one device). Peaks are dense, never sparse;
// a peak of 0 means the precision is not supported.
struct Hardware
{
    std::string name;
    std::string vendor;
    double peakTflopsBf16 = 0;  // TFLOP/s, dense
    double peakTflopsFp16 = 0;  // TFLOP/s, dense
    double peakTflopsFp8 = 0;   // TFLOP/s, dense
    double peakTflopsMxfp8 = 0; // TFLOP/s, dense; 0 where the tensor cores cannot scale blocks
    double peakTflopsNvfp4 = 0; // TFLOP/s, dense
    double memoryGib = 0;       // HBM capacity, GiB
    double memoryBwGbs = 0;     // HBM bandwidth, GB/s
    double intraNodeGbs = 0;    // scale-up link per device, one direction, GB/s
    double interNodeGbs = 0;    // NIC share per device, one direction, GB/s
    int gpusPerNode = 8;        // size of the scale-up (NVLink) domain
    EfficiencyKnobs knobs;

    // Dense peak for a precision, TFLOP/s; 0 when unsupported.
    double peakTflops(Precision p) const
    {
        switch (p) {
        case Precision::Bf16: return peakTflopsBf16;
        case Precision::Fp16: return peakTflopsFp16;
        case Precision::Fp8: return peakTflopsFp8;
        case Precision::Mxfp8: return peakTflopsMxfp8;
        case Precision::Nvfp4: return peakTflopsNvfp4;
        }
        return 0;
    }

    bool operator==(const Hardware &) const = default;
};

} // namespace mfu::engine
