// Fitting the knobs to timed runs: timings made by the model itself with known knobs must give
// those knobs back, noise must cost little, a demand beyond the physics must end on the bound
// (and say so), and bad input must be an error that names it.
#include "engine/calibration.h"
#include "engine/evaluate.h"
#include "engine_check.h"
#include "shapes.h"

#include <cmath>
#include <string>
#include <tuple>
#include <vector>

using namespace mfu::engine;

namespace {

const KnobSpec kGemm{&EfficiencyKnobs::gemmMaxEfficiency, 0.01, 1, "gemm_max_efficiency"};
const KnobSpec kAttention{&EfficiencyKnobs::attentionEfficiency, 0.01, 1, "attention_efficiency"};
const KnobSpec kDpOverlap{&EfficiencyKnobs::dpOverlap, 0, 1, "dp_overlap"};
const KnobSpec kTpOverlap{&EfficiencyKnobs::tpOverlap, 0, 1, "tp_overlap"};

// Runs that lean on the three knobs differently: short and long sequences (attention's share),
// small and large models, data-parallel traffic over NVLink and over the network, pipelines,
// tensor parallelism, FSDP.
std::vector<Scenario> varied()
{
    std::vector<Scenario> out;
    {
        Scenario sc = shapes::scenario(shapes::llama3_8b(), 64, 8192);
        sc.parallel.tp = 2;
        sc.parallel.dp = 4;
        sc.parallel.zero = 1;
        out.push_back(sc);
    }
    {
        Scenario sc = shapes::scenario(shapes::llama2_70b(), 256, 4096);
        sc.parallel.tp = 8;
        sc.parallel.pp = 4;
        sc.parallel.dp = 4;
        sc.parallel.sequenceParallel = true;
        sc.parallel.zero = 1;
        out.push_back(sc);
    }
    {
        Scenario sc = shapes::scenario(shapes::gpt2Small(), 128, 1024);
        sc.parallel.dp = 16;
        sc.batch.microBatch = 8;
        out.push_back(sc);
    }
    {
        Scenario sc = shapes::scenario(shapes::llama3_8b(), 32, 2048);
        sc.parallel.dp = 16;
        sc.parallel.zero = 3;
        out.push_back(sc);
    }
    {
        Scenario sc = shapes::scenario(shapes::llama3_8b(), 64, 2048);
        sc.parallel.dp = 32;
        sc.parallel.zero = 1;
        out.push_back(sc);
    }
    {
        Scenario sc = shapes::scenario(shapes::llama(40, 5120, 40, 40, 13824, 32000), 512, 4096);
        sc.parallel.tp = 4;
        sc.parallel.pp = 2;
        sc.parallel.dp = 8;
        sc.parallel.sequenceParallel = true;
        sc.parallel.zero = 1;
        sc.recompute = Recompute::Selective;
        out.push_back(sc);
    }
    {
        Scenario sc = shapes::scenario(shapes::llama3_8b(), 32, 16384);
        sc.parallel.tp = 4;
        sc.parallel.cp = 2;
        sc.parallel.dp = 2;
        sc.parallel.sequenceParallel = true;
        out.push_back(sc);
    }
    {
        Scenario sc = shapes::scenario(shapes::llama3_8b(), 64, 2048);
        sc.parallel.dp = 64;
        sc.parallel.zero = 3;
        out.push_back(sc);
    }
    {
        // A small model on long sequences: the attention core is most of the step.
        Scenario sc = shapes::scenario(shapes::llama(16, 2048, 16, 8, 8192, 32000), 16, 32768);
        sc.parallel.tp = 2;
        sc.parallel.cp = 2;
        sc.parallel.dp = 2;
        sc.parallel.sequenceParallel = true;
        out.push_back(sc);
    }
    return out;
}

EfficiencyKnobs truth()
{
    EfficiencyKnobs k;
    k.gemmMaxEfficiency = 0.55;
    k.attentionEfficiency = 0.22;
    k.dpOverlap = 0.5;
    return k;
}

double stepTime(const Scenario &sc)
{
    const auto ev = evaluate(sc);
    return ev ? ev->time->step : NAN;
}

// Each run "measured" as the model predicts it with `knobs`, times `factor(i)`, and handed to the
// fit with the default knobs.
template <typename Factor>
std::vector<CalibrationSample> samplesFrom(const EfficiencyKnobs &knobs, Factor factor)
{
    std::vector<CalibrationSample> out;
    int i = 0;
    for (Scenario sc : varied()) {
        sc.hardware.knobs = knobs;
        const double measured = stepTime(sc) * factor(i++);
        sc.hardware.knobs = EfficiencyKnobs{};
        out.push_back({sc, measured});
    }
    return out;
}

bool allFinite(const CalibrationResult &r)
{
    for (const auto *v : {&r.before, &r.after, &r.stepTimeBeforeS, &r.stepTimeAfterS})
        for (double x : *v)
            if (!std::isfinite(x))
                return false;
    return std::isfinite(r.rmsLogErrorBefore) && std::isfinite(r.rmsLogErrorAfter) &&
           std::isfinite(r.medianAbsRelErrorBefore) && std::isfinite(r.medianAbsRelErrorAfter);
}

bool contains(const std::vector<std::string> &v, const std::string &s)
{
    for (const std::string &x : v)
        if (x == s)
            return true;
    return false;
}

} // namespace

TEST(calibration_the_runs_lean_on_each_knob)
{
    // Otherwise the recovery below would prove nothing: each knob must move some step time.
    const auto samples = samplesFrom(truth(), [](int) { return 1.0; });
    CHECK(identifiableKnobs(samples, {kGemm, kAttention, kDpOverlap}).size() == 3);
    for (const CalibrationSample &s : samples)
        CHECK(evaluate(s.scenario).ok());
}

TEST(calibration_recovers_known_knobs_from_their_own_timings)
{
    const auto samples = samplesFrom(truth(), [](int) { return 1.0; });
    const auto fit = calibrate(samples, {kGemm, kAttention, kDpOverlap});
    CHECK(fit.ok());
    if (!fit)
        return;
    const EfficiencyKnobs defaults;
    CHECK_EQ(fit->before[0], defaults.gemmMaxEfficiency);
    CHECK_EQ(fit->before[1], defaults.attentionEfficiency);
    CHECK_EQ(fit->before[2], defaults.dpOverlap);
    CHECK_NEAR(fit->after[0], 0.55, 0.01);
    CHECK_NEAR(fit->after[1], 0.22, 0.01);
    CHECK_NEAR(fit->after[2], 0.5, 0.01);
    std::printf("  recovered %.6f %.6f %.6f in %d iterations, rms log error %.2e -> %.2e\n",
                fit->after[0], fit->after[1], fit->after[2], fit->iterations,
                fit->rmsLogErrorBefore, fit->rmsLogErrorAfter);
    CHECK(fit->converged);
    CHECK(fit->rmsLogErrorBefore > 0.05);
    CHECK(fit->rmsLogErrorAfter < 1e-6);
    CHECK(fit->medianAbsRelErrorAfter < 1e-6);
    CHECK(fit->medianAbsRelErrorAfter < fit->medianAbsRelErrorBefore);
    CHECK(fit->atBound.empty());
    CHECK(fit->unidentified.empty());
    CHECK(fit->stepTimeBeforeS.size() == samples.size());
    CHECK(fit->stepTimeAfterS.size() == samples.size());
    for (std::size_t i = 0; i < samples.size(); ++i) {
        CHECK_NEAR(fit->stepTimeAfterS[i], samples[i].measuredStepTimeS, 1e-6);
        CHECK_NEAR(fit->stepTimeBeforeS[i], stepTime(samples[i].scenario), 1e-12);
    }
}

TEST(calibration_with_three_percent_noise_stays_within_a_few_percent)
{
    // ±3% in a fixed pattern, so the test is deterministic.
    const double pattern[] = {1.03, 0.97, 1.02, 0.98, 1.01, 0.99, 1.03, 0.97, 1.02};
    const auto samples = samplesFrom(truth(), [&](int i) { return pattern[i % 9]; });
    const auto fit = calibrate(samples, {kGemm, kAttention, kDpOverlap});
    CHECK(fit.ok());
    if (!fit)
        return;
    std::printf("  with noise %.4f %.4f %.4f, rms log error %.4f -> %.4f\n", fit->after[0],
                fit->after[1], fit->after[2], fit->rmsLogErrorBefore, fit->rmsLogErrorAfter);
    CHECK(fit->converged);
    // A knob moves by the noise over its leverage on the step: GEMMs are most of every step,
    // attention two thirds of one and a quarter to a third of two, data-parallel traffic a
    // third of two (FSDP) and less elsewhere, so 3% of noise moves the overlap by a few points.
    CHECK_NEAR(fit->after[0], 0.55, 0.03);
    CHECK_NEAR(fit->after[1], 0.22, 0.05);
    CHECK(std::fabs(fit->after[2] - 0.5) < 0.05);
    // The noise itself is what remains: at most its own size.
    CHECK(fit->rmsLogErrorAfter < 0.03);
    CHECK(fit->rmsLogErrorAfter < fit->rmsLogErrorBefore);
    CHECK(fit->medianAbsRelErrorAfter <= 0.03);
}

TEST(calibration_of_impossible_timings_ends_at_the_bound_and_says_so)
{
    // Every step three times faster than the model allows with a perfect GEMM: no efficiency
    // up to 1 can get there.
    EfficiencyKnobs best;
    best.gemmMaxEfficiency = 1;
    const auto samples = samplesFrom(best, [](int) { return 1.0 / 3; });
    const auto fit = calibrate(samples, {kGemm, kDpOverlap});
    CHECK(fit.ok());
    if (!fit)
        return;
    CHECK(allFinite(*fit));
    CHECK(fit->after[0] <= 1);
    CHECK_NEAR(fit->after[0], 1, 1e-4);
    CHECK(contains(fit->atBound, "gemm_max_efficiency"));
    CHECK(fit->rmsLogErrorAfter < fit->rmsLogErrorBefore);
    std::printf("  pinned: gemm %.8f dp_overlap %.6f, at bound:", fit->after[0], fit->after[1]);
    for (const std::string &k : fit->atBound)
        std::printf(" %s", k.c_str());
    std::printf("\n");
}

TEST(calibration_keeps_a_knob_no_run_depends_on)
{
    // No run has tensor parallelism here, so tp_overlap changes nothing and keeps its value.
    std::vector<CalibrationSample> samples;
    for (const CalibrationSample &s : samplesFrom(truth(), [](int) { return 1.0; }))
        if (s.scenario.parallel.tp == 1)
            samples.push_back(s);
    CHECK(samples.size() >= 2);
    const auto fit = calibrate(samples, {kGemm, kTpOverlap});
    CHECK(fit.ok());
    if (!fit)
        return;
    CHECK(contains(fit->unidentified, "tp_overlap"));
    CHECK_EQ(fit->after[1], fit->before[1]);
    CHECK(!contains(fit->atBound, "tp_overlap"));
    CHECK(allFinite(*fit));
}

TEST(calibration_keeps_a_knob_the_runs_leave_free_where_it_starts)
{
    // Llama-2-70B pipelines: the gradient traffic outlasts the backward it could hide behind, so
    // any overlap from about 0.5 up gives the same step. The runs cannot say where in that
    // stretch the overlap lies; the fit must say so rather than report a value of its own.
    std::vector<CalibrationSample> samples;
    for (auto [pp, dp, batch] : {std::tuple{4L, 16L, 256L}, {8L, 32L, 1024L}, {4L, 32L, 1024L}}) {
        Scenario sc = shapes::scenario(shapes::llama2_70b(), batch, 4096);
        sc.parallel.tp = 8;
        sc.parallel.pp = pp;
        sc.parallel.dp = dp;
        sc.parallel.sequenceParallel = true;
        sc.parallel.zero = 1;
        sc.recompute = Recompute::Selective;
        sc.hardware.knobs.gemmMaxEfficiency = 0.55;
        const double measured = stepTime(sc);
        sc.hardware.knobs = EfficiencyKnobs{};
        samples.push_back({sc, measured});
    }
    const auto fit = calibrate(samples, {kGemm, kDpOverlap});
    CHECK(fit.ok());
    if (!fit)
        return;
    CHECK_NEAR(fit->after[0], 0.55, 0.01);
    CHECK(contains(fit->unidentified, "dp_overlap"));
    CHECK_EQ(fit->after[1], EfficiencyKnobs{}.dpOverlap);
    CHECK(fit->atBound.empty());
    CHECK(fit->rmsLogErrorAfter < 1e-6);
}

TEST(calibration_errors_name_what_is_wrong)
{
    const auto samples = samplesFrom(truth(), [](int) { return 1.0; });

    const auto none = calibrate({}, {kGemm});
    CHECK(!none.ok());

    const auto noKnobs = calibrate(samples, {});
    CHECK(!noKnobs.ok());

    std::vector<CalibrationSample> broken = samples;
    broken[1].scenario.parallel.tp = 3; // does not divide the heads
    const auto bad = calibrate(broken, {kGemm});
    CHECK(!bad.ok());
    if (!bad.ok())
        CHECK(bad.error().field.rfind("runs[1]", 0) == 0);

    std::vector<CalibrationSample> unmeasured = samples;
    unmeasured[2].measuredStepTimeS = 0;
    const auto zero = calibrate(unmeasured, {kGemm});
    CHECK(!zero.ok());
    if (!zero.ok())
        CHECK(zero.error().field.rfind("runs[2]", 0) == 0);

    const std::vector<CalibrationSample> two(samples.begin(), samples.begin() + 2);
    const auto tooMany = calibrate(two, {kGemm, kAttention, kDpOverlap});
    CHECK(!tooMany.ok());
    if (!tooMany.ok())
        CHECK(tooMany.error().message.find("3 knobs") != std::string::npos);

    const auto twice = calibrate(samples, {kGemm, kGemm});
    CHECK(!twice.ok());

    const KnobSpec empty{&EfficiencyKnobs::gemmMaxEfficiency, 1, 1, "gemm_max_efficiency"};
    CHECK(!calibrate(samples, {empty}).ok());
}
