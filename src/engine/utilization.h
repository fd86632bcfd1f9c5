#pragma once

#include "result.h"
#include "scenario.h"

#include <optional>

namespace mfu::engine {

// What a run achieves, from one step time: the row both `measured` and `predicted` fill.
struct Utilization
{
    double stepTimeS = 0;    // seconds per optimizer step
    double tokensPerS = 0;   // whole job, tokens/s
    double tflopsPerGpu = 0; // model TFLOP/s per device (convention's count)
    double mfu = 0;          // model FLOPs / (step time × GPUs × peak), a fraction
    double hfu = 0;          // hardware FLOPs / (step time × GPUs × peak), a fraction
};

// Dense peak MFU divides by, TFLOP/s, per the scenario's precision and peak convention;
// an Error when the hardware lacks that precision.
Result<double> peakTflops(const Scenario &sc);

// Step time implied by the scenario's `measured` figure, seconds.
double measuredStepTimeS(const Scenario &sc, double modelFlops, double hardwareFlops);

// The Error for a measured figure that implies MFU above 100%, naming the figure's field
// ("measured.tokens_per_s"): no device outruns its peak, so the figure, the GPU count or the
// hardware is wrong, and any number derived from it would mislead. Judged against the peak the
// GEMMs run at (gemmPeakTflops), not the one the conventions divide by: an FP8 run may pass 100%
// of the BF16 peak, never of the FP8 one. nullopt when the figure is possible, when there is
// none, or when the device lacks the precision (evaluate() reports that itself).
std::optional<Error> impossibleMeasuredMfu(const Scenario &sc, double modelFlops,
                                           double hardwareFlops);

Utilization utilizationFor(const Scenario &sc, double stepTimeS, double modelFlops,
                           double hardwareFlops, double peakTflopsPerGpu);

} // namespace mfu::engine
