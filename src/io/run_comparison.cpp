#include "run_comparison.h"

#include "engine/evaluate.h"

namespace mfu::io {

engine::Result<RunComparison> compareRun(const ImportedRun &run)
{
    auto ev = engine::evaluate(run.scenario);
    if (!ev)
        return ev.error();
    RunComparison out;
    out.measured = ev->measured;
    out.predicted = ev->predicted;
    if (out.measured && out.predicted)
        out.error = out.predicted->stepTimeS / out.measured->stepTimeS - 1;
    return out;
}

std::optional<double> measuredMfuUnder(const ImportedRun &run,
                                       const engine::Conventions &conventions)
{
    // The whole evaluation, not just the FLOPs: the conventions also pick the peak, and a
    // measured TFLOP/s figure turns into a step time through the FLOPs they count.
    engine::Scenario sc = run.scenario;
    sc.conventions = conventions;
    const auto ev = engine::evaluate(sc);
    if (!ev || !ev->measured)
        return std::nullopt;
    return ev->measured->mfu;
}

} // namespace mfu::io
