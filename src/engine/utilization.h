#pragma once

#include "result.h"
#include "scenario.h"

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

Utilization utilizationFor(const Scenario &sc, double stepTimeS, double modelFlops,
                           double hardwareFlops, double peakTflopsPerGpu);

} // namespace mfu::engine
