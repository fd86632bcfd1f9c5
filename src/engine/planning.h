#pragma once

#include "scenario.h"

namespace mfu::engine {

// What training the whole token budget takes at a given step time.
struct TrainingCost
{
    double steps = 0;       // optimizer steps to consume the token budget
    double wallSeconds = 0; // wall-clock seconds
    double gpuHours = 0;    // GPU count × wall hours
    double cost = 0;        // gpuHours × price per GPU-hour
};

TrainingCost trainingCost(const Scenario &sc, double stepTimeS);

} // namespace mfu::engine
