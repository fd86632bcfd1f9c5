#include "step_stats.h"

#include <algorithm>
#include <cmath>

namespace mfu::io {

std::size_t defaultWarmupSteps(std::size_t timedSteps)
{
    if (timedSteps <= 1)
        return 0;
    return std::max<std::size_t>(1, timedSteps / 10);
}

double sortedQuantile(const std::vector<double> &sorted, double q)
{
    if (sorted.empty())
        return 0;
    const double position = q * double(sorted.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const std::size_t above = std::min(below + 1, sorted.size() - 1);
    const double fraction = position - double(below);
    return sorted[below] + fraction * (sorted[above] - sorted[below]);
}

double medianOf(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return sortedQuantile(values, 0.5);
}

std::optional<StepSummary> summarizeSteps(const std::vector<TimedStep> &steps)
{
    const bool marked =
        std::any_of(steps.begin(), steps.end(), [](const TimedStep &s) { return s.warmup; });
    const std::size_t leading = marked ? 0 : defaultWarmupSteps(steps.size());
    StepSummary summary;
    std::vector<double> used;
    used.reserve(steps.size());
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (steps[i].warmup || i < leading)
            ++summary.warmupSkipped;
        else if (steps[i].disturbed)
            ++summary.disturbedSkipped;
        else
            used.push_back(steps[i].seconds);
    }
    if (used.empty())
        return std::nullopt;
    std::sort(used.begin(), used.end());
    summary.used = int(used.size());
    summary.medianS = sortedQuantile(used, 0.5);
    summary.iqrS = sortedQuantile(used, 0.75) - sortedQuantile(used, 0.25);
    return summary;
}

} // namespace mfu::io
