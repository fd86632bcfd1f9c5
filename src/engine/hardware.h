#pragma once

#include <string>

namespace mfu::engine {

enum class Precision { Bf16, Fp16, Fp8 };

// Knobs of the time and memory model. Each is physical (efficiencies ≤ 1, bandwidths in
// GB/s, latencies in µs) so that a fit which wants an impossible value exposes a missing term
// instead of hiding it. Defaults are calibrated once on the public runs; presets may override.
struct EfficiencyKnobs
{
    double gemmMaxEfficiency = 0.80;      // fraction of peak a large, square GEMM reaches
    double gemmHalfEfficiencyGflop = 2.0; // GEMM size (GFLOP) at which half the max is reached
    double attentionEfficiency = 0.60;    // fused attention kernel, fraction of peak
    double memoryEfficiency = 0.80;       // fraction of HBM bandwidth memory-bound ops reach
    double intraNodeEfficiency = 0.80;    // fraction of NVLink bandwidth collectives reach
    double interNodeEfficiency = 0.80;    // fraction of NIC bandwidth collectives reach
    double collectiveLatencyUs = 10.0;    // per collective launch/sync latency, µs
    double tpOverlap = 0.0;               // fraction of TP communication hidden behind compute
    double dpOverlap = 0.8;               // fraction of DP gradient sync hidden behind backward
    double usableMemoryFraction = 0.90;   // HBM left after the framework, allocator, CUDA context
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
        case Precision::Bf16:
            return peakTflopsBf16;
        case Precision::Fp16:
            return peakTflopsFp16;
        case Precision::Fp8:
            return peakTflopsFp8;
        }
        return 0;
    }
};

const char *precisionName(Precision p);

} // namespace mfu::engine
