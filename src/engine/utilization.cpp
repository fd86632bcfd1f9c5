#include "utilization.h"

#include "names.h"

namespace mfu::engine {

Result<double> peakTflops(const Scenario &sc)
{
    const Precision p = sc.conventions.peak == PeakBasis::Bf16 ? Precision::Bf16 : sc.precision;
    double peak = sc.hardware.peakTflops(p);
    // Devices without BF16 (V100) are quoted against their FP16 peak.
    if (peak <= 0 && p == Precision::Bf16)
        peak = sc.hardware.peakTflopsFp16;
    if (peak <= 0)
        return Error{"precision", std::string("hardware '") + sc.hardware.name + "' has no " +
                                      nameOf(p) + " peak"};
    return peak;
}

double measuredStepTimeS(const Scenario &sc, double modelFlops, double hardwareFlops)
{
    const Measured &m = sc.measured;
    const double gpus = sc.parallel.gpus();
    switch (m.kind) {
    case Measured::Kind::None: return 0;
    case Measured::Kind::StepTime: return m.value;
    case Measured::Kind::TokensPerS: return sc.batch.tokensPerStep() / m.value;
    case Measured::Kind::TokensPerSPerGpu: return sc.batch.tokensPerStep() / (m.value * gpus);
    case Measured::Kind::SamplesPerS: return double(sc.batch.globalBatch) / m.value;
    case Measured::Kind::TflopsPerGpu: {
        const double flops =
            m.tflopsKind == Measured::TflopsKind::Model ? modelFlops : hardwareFlops;
        return flops / (m.value * 1e12 * gpus);
    }
    }
    return 0;
}

Utilization utilizationFor(const Scenario &sc, double stepTimeS, double modelFlops,
                           double hardwareFlops, double peakTflopsPerGpu)
{
    const double gpus = sc.parallel.gpus();
    const double peakFlopsPerS = peakTflopsPerGpu * 1e12 * gpus;
    Utilization u;
    u.stepTimeS = stepTimeS;
    u.tokensPerS = sc.batch.tokensPerStep() / stepTimeS;
    u.tflopsPerGpu = modelFlops / stepTimeS / gpus / 1e12;
    u.mfu = modelFlops / (stepTimeS * peakFlopsPerS);
    u.hfu = hardwareFlops / (stepTimeS * peakFlopsPerS);
    return u;
}

} // namespace mfu::engine
