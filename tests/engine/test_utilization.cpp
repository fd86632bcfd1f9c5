// Measured MFU and HFU from each form of the measured figure.
#include "engine_check.h"
#include "shapes.h"

#include "engine/evaluate.h"

using namespace mfu::engine;

namespace {

Scenario measuredScenario(Measured::Kind kind, double value)
{
    Scenario sc = shapes::scenario(shapes::llama2_70b(), 1024, 4096);
    sc.parallel.tp = 8;
    sc.parallel.pp = 4;
    sc.parallel.dp = 32;
    sc.measured.kind = kind;
    sc.measured.value = value;
    return sc;
}

} // namespace

TEST(every_measured_form_gives_the_same_utilization)
{
    const double step = 20.0;
    const double tokens = 1024.0 * 4096;
    const double gpus = 1024;
    const Scenario base = measuredScenario(Measured::Kind::StepTime, step);
    const auto ref = evaluate(base);
    CHECK(ref.ok());
    const double model = ref->modelFlopsPerStep;

    const std::pair<Measured::Kind, double> forms[] = {
        {Measured::Kind::TokensPerS, tokens / step},
        {Measured::Kind::TokensPerSPerGpu, tokens / step / gpus},
        {Measured::Kind::SamplesPerS, 1024 / step},
        {Measured::Kind::TflopsPerGpu, model / step / gpus / 1e12},
    };
    for (const auto &[kind, value] : forms) {
        const auto ev = evaluate(measuredScenario(kind, value));
        CHECK(ev.ok() && ev->measured.has_value());
        CHECK_NEAR(ev->measured->stepTimeS, step, 1e-12);
        CHECK_NEAR(ev->measured->mfu, ref->measured->mfu, 1e-12);
    }
    // MFU = model FLOPs / (step × GPUs × peak), peak 1000 TFLOP/s.
    CHECK_NEAR(ref->measured->mfu, model / (step * gpus * 1000e12), 1e-15);
    CHECK_NEAR(ref->measured->tokensPerS, tokens / step, 1e-15);
    CHECK_NEAR(ref->measured->tflopsPerGpu, model / step / gpus / 1e12, 1e-15);
}

TEST(hardware_tflops_are_converted_with_hardware_flops)
{
    Scenario sc = measuredScenario(Measured::Kind::TflopsPerGpu, 400);
    sc.recompute = Recompute::Full;
    sc.measured.tflopsKind = Measured::TflopsKind::Hardware;
    const auto ev = evaluate(sc);
    CHECK(ev.ok());
    CHECK_NEAR(ev->measured->hfu, 0.4, 1e-12);
    CHECK_NEAR(ev->measured->mfu, 0.4 * ev->modelFlopsPerStep / ev->hardwareFlopsPerStep, 1e-12);
    CHECK(ev->measured->mfu < ev->measured->hfu);
}

TEST(peak_follows_precision_and_convention)
{
    Scenario sc = measuredScenario(Measured::Kind::StepTime, 10);
    sc.precision = Precision::Fp8;
    auto ev = evaluate(sc);
    CHECK(ev.ok() && ev->peakTflopsPerGpu == 2000);
    sc.conventions.peak = PeakBasis::Bf16;
    ev = evaluate(sc);
    CHECK(ev.ok() && ev->peakTflopsPerGpu == 1000);
    // No FP8 on this device: an error naming the precision, not a division by zero.
    sc.conventions.peak = PeakBasis::Precision;
    sc.hardware.peakTflopsFp8 = 0;
    ev = evaluate(sc);
    CHECK(!ev.ok() && ev.error().field == "precision");
    // FP16-only devices (V100) report BF16-convention MFU against the FP16 peak.
    sc.precision = Precision::Bf16;
    sc.hardware.peakTflopsBf16 = 0;
    sc.hardware.peakTflopsFp16 = 125;
    ev = evaluate(sc);
    CHECK(ev.ok() && ev->peakTflopsPerGpu == 125);
}

TEST(no_measured_block_means_no_measured_figures)
{
    Scenario sc = measuredScenario(Measured::Kind::None, 0);
    const auto ev = evaluate(sc);
    CHECK(ev.ok() && !ev->measured.has_value());
}
