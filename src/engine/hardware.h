#pragma once

#include <string>

namespace mfu::engine {

enum class Precision
{
    Bf16,
    Fp16,
    Fp8
};

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
    // Fused attention (FlashAttention-like), fraction of the 16-bit peak on the FLOPs it
    // executes: the causal half only, and 2.5× the forward in the backward.
    double attentionEfficiency = 0.29;
    double memoryEfficiency = 0.80;    // fraction of HBM bandwidth memory-bound kernels reach
    double intraNodeEfficiency = 0.80; // fraction of NVLink bandwidth collectives reach
    double interNodeEfficiency = 0.80; // fraction of NIC bandwidth collectives reach
    double collectiveLatencyUs = 10.0; // fixed cost of one collective or send, µs
    double tpOverlap = 0.0;            // fraction of TP communication hidden behind compute
    // Fraction of data-parallel traffic that can hide behind compute (the last bucket cannot),
    // as far as the compute it overlaps with lasts.
    double dpOverlap = 0.8;
    double usableMemoryFraction = 0.90; // HBM left after the framework, allocator, CUDA context
    // 1: the attention core is one fused kernel (FlashAttention and its successors) that keeps
    // the s×s scores on chip and skips the masked half; 0: the scores are written to HBM and
    // softmax, masking and dropout run as separate passes over them (Megatron-LM and DeepSpeed
    // before FlashAttention, 2022). A switch, read as fused when ≥ 0.5.
    double fusedAttention = 1.0;

    bool operator==(const EfficiencyKnobs &) const = default;
};

// An accelerator as the framework sees it (one device). Peaks are dense, never sparse;
// a peak of 0 means the precision is not supported.
struct Hardware
{
    std::string name;
    std::string vendor;
    double peakTflopsBf16 = 0; // TFLOP/s, dense
    double peakTflopsFp16 = 0; // TFLOP/s, dense
    double peakTflopsFp8 = 0;  // TFLOP/s, dense
    double memoryGib = 0;      // HBM capacity, GiB
    double memoryBwGbs = 0;    // HBM bandwidth, GB/s
    double intraNodeGbs = 0;   // scale-up link per device, one direction, GB/s
    double interNodeGbs = 0;   // NIC share per device, one direction, GB/s
    int gpusPerNode = 8;       // size of the scale-up (NVLink) domain
    EfficiencyKnobs knobs;

    // Dense peak for a precision, TFLOP/s; 0 when unsupported.
    double peakTflops(Precision p) const
    {
        switch (p) {
        case Precision::Bf16: return peakTflopsBf16;
        case Precision::Fp16: return peakTflopsFp16;
        case Precision::Fp8: return peakTflopsFp8;
        }
        return 0;
    }

    bool operator==(const Hardware &) const = default;
};

} // namespace mfu::engine
