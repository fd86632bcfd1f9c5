#pragma once

#include "flops.h"
#include "memory.h"
#include "params.h"
#include "result.h"
#include "scenario.h"
#include "time_model.h"
#include "utilization.h"

#include <optional>
#include <string>
#include <vector>

namespace mfu::engine {

// Everything the engine says about one scenario.
struct Evaluation
{
    ParamCounts params;
    double tokensPerStep = 0;
    ForwardFlops forward; // per module, FLOPs of one step
    double modelFlopsPerStep = 0;
    double hardwareFlopsPerStep = 0;
    double exactModelFlopsPerStep = 0;
    ClosedForms approximations;
    double peakTflopsPerGpu = 0;           // the peak MFU divides by
    std::optional<MemoryBreakdown> memory; // filled by the memory model
    std::optional<TimeBreakdown> time;     // filled by the time model
    std::optional<Utilization> predicted;
    std::optional<Utilization> measured;
    std::vector<std::string> warnings;
};

// Validates the scenario, then computes every figure; a measured figure that implies MFU above
// 100% is an Error naming it (impossibleMeasuredMfu). Pure: no I/O, no allocation beyond the
// warnings list.
Result<Evaluation> evaluate(const Scenario &sc);

} // namespace mfu::engine
