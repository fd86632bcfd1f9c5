#include "evaluate.h"

#include "names.h"
#include "validate.h"

#include <cstdio>

namespace mfu::engine {

Result<Evaluation> evaluate(const Scenario &sc)
{
    if (auto error = validateScenario(sc))
        return *error;
    const Result<double> peak = peakTflops(sc);
    if (!peak)
        return peak.error();

    Evaluation ev;
    ev.params = countParams(sc.model);
    ev.tokensPerStep = sc.batch.tokensPerStep();
    ev.forward = forwardFlops(sc.model, sc.batch, sc.conventions.causal);
    // From the counts above: deriving them again per figure ran forwardFlops four times a call.
    ev.modelFlopsPerStep = modelFlopsPerStep(sc, ev.forward, ev.params);
    ev.hardwareFlopsPerStep = hardwareFlopsPerStep(sc, ev.forward, ev.params);
    ev.exactModelFlopsPerStep = exactModelFlopsPerStep(ev.forward);
    ev.approximations = closedForms(sc.model, sc.batch, sc.conventions.params, ev.params);
    ev.peakTflopsPerGpu = *peak;

    ev.memory = memoryPerGpu(sc);
    if (!ev.memory->fits) {
        constexpr double kGib = 1024.0 * 1024.0 * 1024.0;
        char text[160];
        std::snprintf(text, sizeof text,
                      "does not fit in memory: %.1f GiB needed per GPU, %.1f GiB usable",
                      ev.memory->total / kGib, ev.memory->capacity / kGib);
        ev.warnings.emplace_back(text);
    }

    // The GEMMs need the precision itself, even when MFU divides by the BF16 peak.
    if (gemmPeakTflops(sc) <= 0)
        return Error{"precision", std::string("hardware '") + sc.hardware.name + "' has no " +
                                      nameOf(sc.precision) + " peak"};
    if (auto error = impossibleMeasuredMfu(sc, ev.modelFlopsPerStep, ev.hardwareFlopsPerStep))
        return *error;
    ev.time = predictStepTime(sc);
    ev.predicted =
        utilizationFor(sc, ev.time->step, ev.modelFlopsPerStep, ev.hardwareFlopsPerStep, *peak);
    if (ev.predicted->mfu > sc.hardware.knobs.gemmMaxEfficiency)
        ev.warnings.push_back("predicted MFU exceeds the GEMM efficiency cap: the FLOPs "
                              "convention counts attention work that causal kernels skip");

    if (sc.measured.kind != Measured::Kind::None) {
        const double step = measuredStepTimeS(sc, ev.modelFlopsPerStep, ev.hardwareFlopsPerStep);
        // Above 100% of the BF16 peak is possible here (an FP8 run counted against BF16);
        // above 100% of the precision's own peak was rejected above.
        ev.measured =
            utilizationFor(sc, step, ev.modelFlopsPerStep, ev.hardwareFlopsPerStep, *peak);
    }
    if (sc.conventions.causal && sc.conventions.flops != FlopsConvention::Exact)
        ev.warnings.push_back("conventions.causal only changes the exact count");
    return ev;
}

} // namespace mfu::engine
