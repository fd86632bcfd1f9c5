#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace mfu::io {

// One timed step (or logging interval) of a training log, in log order.
struct TimedStep
{
    double seconds = 0;
    std::size_t line = 0;   // where the log reports it, for messages
    bool warmup = false;    // the log itself marks it as warm-up (nanoGPT's "mfu -100.00%")
    bool disturbed = false; // the log shows an evaluation or a checkpoint inside its time
};

// What is left of a log's step times once warm-up and disturbed steps are dropped.
struct StepSummary
{
    double medianS = 0; // median of the steps used, seconds
    double iqrS =
        0; // interquartile range p75 − p25 of the steps used (linear interpolation), seconds
    int used = 0;
    int warmupSkipped = 0;    // dropped as warm-up
    int disturbedSkipped = 0; // dropped because an evaluation or checkpoint ran inside them
};

// Leading steps dropped as warm-up when the log marks none: max(1, 10 %) of them, none when
// there is only one (a single timed interval is all there is to go on).
std::size_t defaultWarmupSteps(std::size_t timedSteps);

// Drops warm-up — the steps the log marks when it marks any, else the first
// defaultWarmupSteps() — and the disturbed steps, then takes the median and the IQR of the
// rest. Medians, not means: one slow step (a straggler, a data-loader stall) moves a mean but
// not a median. nullopt when nothing is left.
std::optional<StepSummary> summarizeSteps(const std::vector<TimedStep> &steps);

// Quantile q in [0, 1] of sorted values, interpolating linearly between order statistics
// (the "type 7" rule of R and NumPy, so that numbers can be checked by hand there).
double sortedQuantile(const std::vector<double> &sorted, double q);

// Median of values in any order.
double medianOf(std::vector<double> values);

} // namespace mfu::io
