// Measured MFU and HFU from each form of the measured figure.
#include "engine_check.h"
#include "shapes.h"

#include "engine/evaluate.h"
#include "engine/names.h"

#include <string>

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
    sc.measured.value = 40; // 10 s would be above this device's peak
    ev = evaluate(sc);
    CHECK(ev.ok() && ev->peakTflopsPerGpu == 125);
}

TEST(no_measured_block_means_no_measured_figures)
{
    Scenario sc = measuredScenario(Measured::Kind::None, 0);
    const auto ev = evaluate(sc);
    CHECK(ev.ok() && !ev->measured.has_value());
}

// No device outruns its peak: a measured figure implying more is an error that names the
// figure, whichever of the five forms it takes, and not a warning beside an absurd number.
TEST(measured_mfu_above_100_percent_is_an_error_naming_the_figure)
{
    const Scenario base = measuredScenario(Measured::Kind::StepTime, 20);
    const auto ref = evaluate(base);
    CHECK(ref.ok());
    // The step time at which MFU is exactly 100% of the 1000 TFLOP/s peak, then 1.5× faster.
    const double fullStep = ref->modelFlopsPerStep / (1024 * 1000e12);
    const double step = fullStep / 1.5;
    const double tokens = 1024.0 * 4096;
    const std::pair<Measured::Kind, double> forms[] = {
        {Measured::Kind::StepTime, step},
        {Measured::Kind::TokensPerS, tokens / step},
        {Measured::Kind::TokensPerSPerGpu, tokens / step / 1024},
        {Measured::Kind::SamplesPerS, 1024 / step},
        {Measured::Kind::TflopsPerGpu, 1500},
    };
    for (const auto &[kind, value] : forms) {
        const auto ev = evaluate(measuredScenario(kind, value));
        CHECK(!ev.ok());
        if (ev.ok())
            continue;
        CHECK(ev.error().field == std::string("measured.") + nameOf(kind));
        CHECK(ev.error().message.find("implies MFU of 150.0% of the bf16 peak") !=
              std::string::npos);
        CHECK(ev.error().message.find("above 100%") != std::string::npos);
    }
    // Just under the peak is a (remarkable) figure, not an error.
    CHECK(evaluate(measuredScenario(Measured::Kind::StepTime, fullStep * 1.001)).ok());

    // Absurd figures read as such, not as inf or a wrapped number.
    auto ev = evaluate(measuredScenario(Measured::Kind::TokensPerS, 1e300));
    CHECK(!ev.ok() && ev.error().field == "measured.tokens_per_s");
    if (!ev.ok())
        CHECK(ev.error().message.find("1e+300 implies MFU of ") == 0 &&
              ev.error().message.find("e+29") != std::string::npos);
    ev = evaluate(measuredScenario(Measured::Kind::TokensPerSPerGpu, 1e308));
    CHECK(!ev.ok() && ev.error().field == "measured.tokens_per_s_per_gpu");
    if (!ev.ok())
        CHECK(ev.error().message.find("an unbounded MFU") != std::string::npos);
}

// The bound is the precision's own peak: an FP8 run counted against the BF16 peak may pass
// 100% of it, as long as it stays under the FP8 peak it ran at.
TEST(measured_mfu_is_bounded_by_the_precisions_own_peak)
{
    Scenario sc = measuredScenario(Measured::Kind::TflopsPerGpu, 1500);
    sc.precision = Precision::Fp8;
    sc.conventions.peak = PeakBasis::Bf16;
    auto ev = evaluate(sc);
    CHECK(ev.ok());
    if (ev.ok())
        CHECK_NEAR(ev->measured->mfu, 1.5, 1e-12);
    sc.measured.value = 2100;
    ev = evaluate(sc);
    CHECK(!ev.ok() && ev.error().field == "measured.tflops_per_gpu");
    if (!ev.ok())
        CHECK(ev.error().message.find("105.0% of the fp8 peak (2000 TFLOP/s per GPU") !=
              std::string::npos);
}
