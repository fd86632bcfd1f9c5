#pragma once

#include "scenario.h"

namespace mfu::engine {

// Predicted seconds per optimizer step, by component, for the busiest GPU (the pipeline stage
// that holds the most work). Every component is the exposed (not hidden) part, so that
// step = compute + tpComm + cpComm + epComm + host + ppBubble + ppComm + dpComm + optimizer.
struct TimeBreakdown
{
    double step = 0;        // seconds per optimizer step
    double compute = 0;     // seconds of device kernels of the busiest stage's micro-batches:
                            // GEMMs, attention, elementwise work and recomputation
    double memoryBound = 0; // of compute, seconds of elementwise kernels limited by HBM bandwidth
                            // (norms, activations, residuals, RoPE, dropout, softmax when
                            // unfused, cross-entropy, FP8 casts)
    double casts = 0;       // of memoryBound, seconds casting inputs to FP8/FP4 for the GEMMs
    double recompute = 0;   // of compute, seconds running forward work again (recomputation)
    double tpComm = 0;      // seconds of exposed tensor-parallel collectives
    double ppBubble = 0;    // seconds the pipeline stage idles while it fills and drains
    double ppComm = 0;      // seconds of pipeline point-to-point activation and gradient sends
    double dpComm = 0;    // seconds of exposed data-parallel traffic (gradient sync, ZeRO gathers)
    double cpComm = 0;    // seconds of exposed context-parallel K/V ring exchange
    double epComm = 0;    // seconds of exposed expert-parallel all-to-alls (MoE layers)
    double host = 0;      // seconds the device waits for the host to issue kernels (no graphs)
    double optimizer = 0; // seconds of the optimizer step (memory-bound Adam update)
};

// Peak the GEMMs run at, TFLOP/s: the precision's own peak (FP8 GEMMs use the FP8 peak even when
// MFU divides by BF16), BF16 and FP16 standing in for each other on devices that have only one.
// 0 when the device cannot run the precision at all: such a scenario is an error, not a number.
double gemmPeakTflops(const Scenario &sc);

// The analytic step-time model (DESIGN.md, "Engine: time and MFU"). Expects a validated
// scenario whose precision the hardware supports (gemmPeakTflops > 0). Pure and allocation-free.
TimeBreakdown predictStepTime(const Scenario &sc);

} // namespace mfu::engine
