#include "utilization.h"

#include "names.h"
#include "time_model.h"

#include <cmath>
#include <cstdio>

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

namespace {

// A figure as people write it: 12.5, 1024, 1e+300.
std::string num(double v)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", v);
    return text;
}

// Out of line and cold, as the range errors of validate.cpp: evaluate() makes this check on
// every call, and only a figure that fails it pays for the message.
[[gnu::cold, gnu::noinline]] Error impossibleMfuError(const Scenario &sc, double mfu,
                                                      double peakTflopsPerGpu)
{
    char text[200];
    std::string message = num(sc.measured.value) + " implies ";
    if (std::isfinite(mfu)) {
        // One decimal up to 10,000%, so that 100.4% does not print as a bare 100%.
        std::snprintf(text, sizeof text, mfu < 100 ? "MFU of %.1f%%" : "MFU of %.3g%%", mfu * 100);
        message += text;
    } else {
        message += "an unbounded MFU"; // a step time that underflowed to zero
    }
    message += std::string(" of the ") + nameOf(sc.precision) + " peak (" + num(peakTflopsPerGpu) +
               " TFLOP/s per GPU";
    if (!sc.hardware.name.empty())
        message += ", " + sc.hardware.name;
    message += ", on " + num(sc.parallel.gpus()) +
               " GPUs), above 100%: check the figure, the GPU count and the hardware";
    return Error{std::string("measured.") + nameOf(sc.measured.kind), message};
}

} // namespace

std::optional<Error> impossibleMeasuredMfu(const Scenario &sc, double modelFlops,
                                           double hardwareFlops)
{
    const double peak = gemmPeakTflops(sc);
    if (sc.measured.kind == Measured::Kind::None || peak <= 0)
        return std::nullopt;
    const double step = measuredStepTimeS(sc, modelFlops, hardwareFlops);
    const double mfu = utilizationFor(sc, step, modelFlops, hardwareFlops, peak).mfu;
    // Written so that NaN (a step time that underflowed to 0) fails too.
    if (mfu <= 1) [[likely]]
        return std::nullopt;
    return impossibleMfuError(sc, mfu, peak);
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
