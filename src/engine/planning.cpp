#include "planning.h"

namespace mfu::engine {

TrainingCost trainingCost(const Scenario &sc, double stepTimeS)
{
    TrainingCost c;
    c.steps = sc.planning.tokenBudget / sc.batch.tokensPerStep();
    c.wallSeconds = c.steps * stepTimeS;
    c.gpuHours = c.wallSeconds / 3600 * sc.parallel.gpus();
    c.cost = c.gpuHours * sc.planning.pricePerGpuHour;
    return c;
}

} // namespace mfu::engine
