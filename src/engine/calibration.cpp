#include "calibration.h"

#include "evaluate.h"
#include "time_model.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <unsupported/Eigen/NonLinearOptimization>

namespace mfu::engine {
namespace {

// Why a bound transform. Minpack's Levenberg–Marquardt (Eigen's port) knows no bounds. Clamping
// the knobs inside the residuals would give flat stretches where the Jacobian is zero and the
// iterate wanders outside the range unseen; a penalty would bend the least-squares problem and
// still evaluate knobs the time model was not written for (an efficiency above 1, a negative
// overlap). Mapping an unconstrained u through k = min + (max − min)·σ(u) instead is smooth and
// one-to-one: the Jacobian exists everywhere, every iterate is physical, and a knob the runs
// push past its limit saturates at the bound, where it can be reported instead of hidden. Near
// the lower end of a wide range (a latency, the GEMM half-efficiency size) σ is close to e^u, a
// log scale, which suits quantities that span decades. The price: σ flattens at the bounds, so
// the start must lie strictly inside, and a knob at a bound stays there.
double sigmoid(double u)
{
    return 1 / (1 + std::exp(-u));
}

double toKnob(const KnobSpec &k, double u)
{
    return k.min + (k.max - k.min) * sigmoid(u);
}

// Where the fit starts for a knob at `value`: its logit, kept a little inside the range so that
// a default on a bound (an overlap of 0) still has a slope to move along.
constexpr double kStartMargin = 1e-3; // fraction of the range
double toFree(const KnobSpec &k, double value)
{
    const double f = std::clamp((value - k.min) / (k.max - k.min), kStartMargin, 1 - kStartMargin);
    return std::log(f / (1 - f));
}

// A residual for a prediction that is not a positive finite number, which no knob inside its
// range should produce: large enough that the fit turns away, finite so that it never sees NaN.
constexpr double kBadResidual = 50;

double logRatio(double predictedS, double measuredS)
{
    const double r = std::log(predictedS / measuredS);
    return std::isfinite(r) ? r : kBadResidual;
}

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

struct Errors
{
    double rmsLog = 0;
    double medianAbsRel = 0;
};

Errors errorsOf(const std::vector<double> &predictedS, const std::vector<CalibrationSample> &s)
{
    double sumSq = 0;
    std::vector<double> absRel;
    absRel.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const double r = logRatio(predictedS[i], s[i].measuredStepTimeS);
        sumSq += r * r;
        absRel.push_back(std::fabs(predictedS[i] / s[i].measuredStepTimeS - 1));
    }
    return {std::sqrt(sumSq / double(s.size())), median(std::move(absRel))};
}

// The residuals log(predicted / measured) of every sample for free variables u. Relative
// residuals make a 10 ms step and a 10 s step count alike, and a factor too slow as much as a
// factor too fast. Eigen's NumericalDiff adds the forward-difference Jacobian on top.
struct StepTimeResiduals
{
    using Scalar = double;
    using InputType = Eigen::VectorXd;
    using ValueType = Eigen::VectorXd;
    using JacobianType = Eigen::MatrixXd;
    enum
    {
        InputsAtCompileTime = Eigen::Dynamic,
        ValuesAtCompileTime = Eigen::Dynamic
    };

    // The scenarios are scratch copies the knobs are written into; the samples give the
    // measured times. Both outlive the fit.
    std::vector<Scenario> *work = nullptr;
    const std::vector<CalibrationSample> *samples = nullptr;
    const std::vector<KnobSpec> *knobs = nullptr;

    int inputs() const { return int(knobs->size()); }
    int values() const { return int(samples->size()); }

    int operator()(const Eigen::VectorXd &u, Eigen::VectorXd &residuals) const
    {
        for (std::size_t i = 0; i < work->size(); ++i) {
            Scenario &sc = (*work)[i];
            for (std::size_t j = 0; j < knobs->size(); ++j)
                sc.hardware.knobs.*((*knobs)[j].member) = toKnob((*knobs)[j], u[Eigen::Index(j)]);
            residuals[Eigen::Index(i)] =
                logRatio(predictStepTime(sc).step, (*samples)[i].measuredStepTimeS);
        }
        return 0;
    }
};

std::vector<double> predictAll(std::vector<Scenario> &work, const std::vector<KnobSpec> &knobs,
                               const std::vector<double> &values)
{
    std::vector<double> out;
    out.reserve(work.size());
    for (Scenario &sc : work) {
        for (std::size_t j = 0; j < knobs.size(); ++j)
            sc.hardware.knobs.*(knobs[j].member) = values[j];
        out.push_back(predictStepTime(sc).step);
    }
    return out;
}

// Whether no sample's step time moves when knob `k` steps a little either way from `value`, the
// other knobs as they are in `work`: the samples leave it free there.
bool locallyFree(std::vector<Scenario> &work, const KnobSpec &k, double value)
{
    const double delta = 1e-4 * std::max(std::fabs(value), 1e-3 * (k.max - k.min));
    for (Scenario &sc : work) {
        sc.hardware.knobs.*k.member = value;
        const double base = predictStepTime(sc).step;
        for (double v : {std::max(k.min, value - delta), std::min(k.max, value + delta)}) {
            sc.hardware.knobs.*k.member = v;
            if (std::fabs(predictStepTime(sc).step - base) > 1e-9 * std::fabs(base)) {
                sc.hardware.knobs.*k.member = value;
                return false;
            }
        }
        sc.hardware.knobs.*k.member = value;
    }
    return true;
}

std::string sampleField(std::size_t i)
{
    return "runs[" + std::to_string(i) + "]";
}

// A knob list the fit cannot use: one without a member, with an empty range, or listed twice.
std::optional<Error> knobsError(const std::vector<KnobSpec> &knobs)
{
    for (std::size_t j = 0; j < knobs.size(); ++j) {
        const KnobSpec &k = knobs[j];
        const std::string name = k.name && *k.name ? k.name : "knob " + std::to_string(j);
        if (!k.member)
            return Error{"knobs", name + ": names no knob"};
        if (!(k.min < k.max) || !std::isfinite(k.min) || !std::isfinite(k.max))
            return Error{"knobs", name + ": its range [min, max] is empty"};
        for (std::size_t i = 0; i < j; ++i)
            if (knobs[i].member == k.member)
                return Error{"knobs", name + ": listed twice"};
    }
    return std::nullopt;
}

// The first run the fit cannot use: a measured time that is no positive number, or a scenario
// that does not evaluate.
std::optional<Error> samplesError(const std::vector<CalibrationSample> &samples)
{
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const double t = samples[i].measuredStepTimeS;
        if (!std::isfinite(t) || t <= 0)
            return Error{sampleField(i) + ".measured_step_time_s",
                         "expected a positive number of seconds, found " + std::to_string(t)};
        const auto ev = evaluate(samples[i].scenario);
        if (!ev)
            return Error{sampleField(i) + (ev.error().field.empty() ? "" : "." + ev.error().field),
                         ev.error().message};
    }
    return std::nullopt;
}

// The errors calibrate() documents, in the order it documents them.
std::optional<Error> inputError(const std::vector<CalibrationSample> &samples,
                                const std::vector<KnobSpec> &knobs)
{
    if (samples.empty())
        return Error{"runs", "no runs to fit the knobs to"};
    if (knobs.empty())
        return Error{"knobs", "no knobs to fit"};
    if (knobs.size() > samples.size())
        return Error{"knobs", std::to_string(knobs.size()) + " knobs cannot be fitted to " +
                                  std::to_string(samples.size()) +
                                  (samples.size() == 1 ? " run" : " runs") +
                                  ": give at least as many runs as knobs, or fewer knobs"};
    if (auto error = knobsError(knobs))
        return error;
    return samplesError(samples);
}

// Where Levenberg–Marquardt ended, in the free variables u, and how it got there.
struct Minimum
{
    Eigen::VectorXd u;
    int iterations = 0;
    bool converged = false;
};

Minimum minimizeResiduals(std::vector<Scenario> &work,
                          const std::vector<CalibrationSample> &samples,
                          const std::vector<KnobSpec> &fitted, const std::vector<double> &startFree)
{
    Minimum out;
    out.u.resize(Eigen::Index(fitted.size()));
    for (std::size_t j = 0; j < fitted.size(); ++j)
        out.u[Eigen::Index(j)] = startFree[j];
    StepTimeResiduals residuals;
    residuals.work = &work;
    residuals.samples = &samples;
    residuals.knobs = &fitted;
    Eigen::NumericalDiff<StepTimeResiduals> withJacobian(residuals);
    Eigen::LevenbergMarquardt<Eigen::NumericalDiff<StepTimeResiduals>> lm(withJacobian);
    // Each evaluation is a few microseconds per run; a knob driven to its bound needs more
    // steps than minpack's default budget of 400 to flatten out.
    lm.parameters.maxfev = 2000;
    const auto status = lm.minimize(out.u);
    out.iterations = int(lm.iter);
    using namespace Eigen::LevenbergMarquardtSpace;
    // The tolerance statuses (6–8) mean no further progress is possible in double
    // precision: converged as far as it can be.
    out.converged = status == RelativeReductionTooSmall || status == RelativeErrorTooSmall ||
                    status == RelativeErrorAndReductionTooSmall || status == CosinusTooSmall ||
                    status == FtolTooSmall || status == XtolTooSmall || status == GtolTooSmall;
    return out;
}

// One fitted knob into `out.after`, at its place among `knobs`, with what the runs say about
// it: free near where the fit ended, or asking for a value beyond a bound.
void reportFittedKnob(std::vector<Scenario> &work, const std::vector<KnobSpec> &knobs,
                      const KnobSpec &k, double u, double startFree, CalibrationResult &out)
{
    const std::size_t i =
        std::size_t(std::find_if(knobs.begin(), knobs.end(),
                                 [&](const KnobSpec &x) { return x.member == k.member; }) -
                    knobs.begin());
    double value = toKnob(k, u);
    if (locallyFree(work, k, value)) {
        out.unidentified.push_back(k.name ? k.name : "");
        // Not moved: the start's margin from a bound is no finding, the value was.
        if (u == startFree)
            value = out.before[i];
        out.after[i] = value;
        return;
    }
    out.after[i] = value;
    // At a bound: the fit went a thousand times closer to it than where it started, so the
    // runs ask for a value beyond the limit (the sigmoid only approaches it).
    const double startValue = toKnob(k, startFree);
    for (double bound : {k.min, k.max})
        if (std::fabs(value - bound) <= 1e-3 * std::fabs(startValue - bound)) {
            out.atBound.push_back(k.name ? k.name : "");
            break;
        }
}

// Fits the identifiable knobs from the start's values and reads the result into `out`.
void fitKnobs(std::vector<Scenario> &work, const std::vector<CalibrationSample> &samples,
              const std::vector<KnobSpec> &knobs, const std::vector<KnobSpec> &fitted,
              const EfficiencyKnobs &start, CalibrationResult &out)
{
    std::vector<double> startFree(fitted.size());
    for (std::size_t j = 0; j < fitted.size(); ++j)
        startFree[j] = toFree(fitted[j], start.*fitted[j].member);
    const Minimum fit = minimizeResiduals(work, samples, fitted, startFree);
    out.iterations = fit.iterations;
    out.converged = fit.converged;
    // The fitted values into the scratch scenarios, for the local checks below.
    for (Scenario &sc : work)
        for (std::size_t j = 0; j < fitted.size(); ++j)
            sc.hardware.knobs.*fitted[j].member = toKnob(fitted[j], fit.u[Eigen::Index(j)]);
    for (std::size_t j = 0; j < fitted.size(); ++j)
        reportFittedKnob(work, knobs, fitted[j], fit.u[Eigen::Index(j)], startFree[j], out);
}

} // namespace

std::vector<KnobSpec> identifiableKnobs(const std::vector<CalibrationSample> &samples,
                                        const std::vector<KnobSpec> &knobs)
{
    std::vector<KnobSpec> out;
    for (const KnobSpec &k : knobs) {
        if (!k.member || !(k.min < k.max))
            continue;
        bool moves = false;
        for (const CalibrationSample &s : samples) {
            if (!evaluate(s.scenario).ok())
                continue;
            // Several points across the range, not a local slope: piecewise terms (overlap
            // hidden up to a window, a GEMM at its HBM floor) are flat over stretches.
            Scenario sc = s.scenario;
            const double base = predictStepTime(sc).step;
            for (double f : {0.02, 0.25, 0.5, 0.75, 0.98}) {
                sc.hardware.knobs.*k.member = k.min + f * (k.max - k.min);
                const double t = predictStepTime(sc).step;
                if (std::isfinite(t) && std::fabs(t - base) > 1e-9 * std::fabs(base)) {
                    moves = true;
                    break;
                }
            }
            if (moves)
                break;
        }
        if (moves)
            out.push_back(k);
    }
    return out;
}

Result<CalibrationResult> calibrate(const std::vector<CalibrationSample> &samples,
                                    const std::vector<KnobSpec> &knobs)
{
    if (auto error = inputError(samples, knobs))
        return *error;

    CalibrationResult out;
    // One cluster, one set of knobs: the fit starts from the first run's hardware.
    const EfficiencyKnobs &start = samples.front().scenario.hardware.knobs;
    for (const KnobSpec &k : knobs)
        out.before.push_back(start.*k.member);

    std::vector<Scenario> work;
    work.reserve(samples.size());
    for (const CalibrationSample &s : samples) {
        work.push_back(s.scenario);
        out.stepTimeBeforeS.push_back(predictStepTime(s.scenario).step);
    }
    const Errors before = errorsOf(out.stepTimeBeforeS, samples);
    out.rmsLogErrorBefore = before.rmsLog;
    out.medianAbsRelErrorBefore = before.medianAbsRel;

    // Knobs no run responds to have no column in the Jacobian worth the name; they keep their
    // value and are reported, rather than drifting on rounding noise.
    const std::vector<KnobSpec> fitted = identifiableKnobs(samples, knobs);
    for (const KnobSpec &k : knobs)
        if (std::none_of(fitted.begin(), fitted.end(),
                         [&](const KnobSpec &f) { return f.member == k.member; }))
            out.unidentified.push_back(k.name ? k.name : "");

    out.after = out.before;
    if (fitted.empty())
        out.converged = true; // nothing to move
    else
        fitKnobs(work, samples, knobs, fitted, start, out);

    out.stepTimeAfterS = predictAll(work, knobs, out.after);
    const Errors after = errorsOf(out.stepTimeAfterS, samples);
    out.rmsLogErrorAfter = after.rmsLog;
    out.medianAbsRelErrorAfter = after.medianAbsRel;
    return out;
}

} // namespace mfu::engine
