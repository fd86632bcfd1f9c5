#pragma once

#include "benchmark_import.h"
#include "engine/result.h"
#include "engine/scenario.h"
#include "engine/utilization.h"

#include <optional>

namespace mfu::io {

// One imported run against its prediction: what the import@1 document, the Benchmarks table
// and the MFU curve all show, worked out in one place so that they cannot disagree.
struct RunComparison
{
    std::optional<engine::Utilization> measured;  // from the run's measured figure
    std::optional<engine::Utilization> predicted; // from the time model
    // Predicted / measured step time − 1: positive when the model is too slow. Absent unless
    // both figures are there.
    std::optional<double> error;
};

// Evaluates the run's scenario once, under its own conventions. The Error is the engine's,
// naming the field it rejects.
engine::Result<RunComparison> compareRun(const ImportedRun &run);

// The run's measured MFU (a fraction) counted under other conventions, as a curve drawn under
// them counts it, so that run and curve compare; absent when the engine rejects the run under
// them or the run has no measured figure.
std::optional<double> measuredMfuUnder(const ImportedRun &run,
                                       const engine::Conventions &conventions);

} // namespace mfu::io
