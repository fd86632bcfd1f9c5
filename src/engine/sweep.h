#pragma once

#include "scenario.h"

#include <vector>

namespace mfu::engine {

// The x axes an MFU curve can be drawn against.
enum class SweepAxis
{
    GlobalBatch,
    SeqLen,
    Gpus,
    Tp,
    MicroBatch,
    Hidden
};

struct SweepPoint
{
    double x = 0;
    bool valid = false; // the layout runs (divisibility holds); otherwise only x is set
    bool fits = false;  // the memory model says it fits
    double mfu = 0;     // predicted, fraction
    double hfu = 0;
    double stepTimeS = 0;
};

// The current value of the axis in `sc`.
double axisValue(const Scenario &sc, SweepAxis axis);

// `sc` with the axis set to `x` (GPU count changes dp; hidden keeps h/n per head when it was).
Scenario withAxisValue(const Scenario &sc, SweepAxis axis, double x);

// Up to `maxPoints` axis values around the current one (a range of decades on a log grid,
// snapped to what the axis can take), always including the current value.
std::vector<double> sweepValues(const Scenario &sc, SweepAxis axis, int maxPoints = 200);

// Evaluates the scenario at each x; invalid layouts come back as !valid, not as errors.
std::vector<SweepPoint> sweep(const Scenario &sc, SweepAxis axis, const std::vector<double> &xs);

} // namespace mfu::engine
