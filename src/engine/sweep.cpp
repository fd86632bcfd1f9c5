#include "sweep.h"

#include "evaluate.h"

#include <algorithm>
#include <cmath>

namespace mfu::engine {

double axisValue(const Scenario &sc, SweepAxis axis)
{
    switch (axis) {
    case SweepAxis::GlobalBatch: return double(sc.batch.globalBatch);
    case SweepAxis::SeqLen: return double(sc.batch.seqLen);
    case SweepAxis::Gpus: return sc.parallel.gpus();
    case SweepAxis::Tp: return double(sc.parallel.tp);
    case SweepAxis::MicroBatch: return double(sc.batch.microBatch);
    case SweepAxis::Hidden: return double(sc.model.hidden);
    }
    return 0;
}

Scenario withAxisValue(const Scenario &sc, SweepAxis axis, double x)
{
    Scenario out = sc;
    const auto v = static_cast<std::int64_t>(std::llround(x));
    switch (axis) {
    case SweepAxis::GlobalBatch: out.batch.globalBatch = v; break;
    case SweepAxis::SeqLen: out.batch.seqLen = v; break;
    case SweepAxis::Gpus: {
        const std::int64_t modelParallel = sc.parallel.tp * sc.parallel.pp * sc.parallel.cp;
        out.parallel.dp = v % modelParallel == 0 ? v / modelParallel : 0; // 0 fails validation
        break;
    }
    case SweepAxis::Tp: out.parallel.tp = v; break;
    case SweepAxis::MicroBatch: out.batch.microBatch = v; break;
    case SweepAxis::Hidden:
        if (sc.model.headDim * sc.model.heads == sc.model.hidden && v % sc.model.heads == 0)
            out.model.headDim = v / sc.model.heads;
        // Keep the FFN ratio: sweeping h is sweeping the model's width.
        out.model.ffnHidden = std::max<std::int64_t>(
            1, std::llround(double(sc.model.ffnHidden) * double(v) / double(sc.model.hidden)));
        out.model.hidden = v;
        break;
    }
    return out;
}

namespace {

// Where an axis is swept and which values it may take there.
struct AxisGrid
{
    double lo = 1, hi = 1;
    double grain = 1; // values are multiples of this
    bool powersOfTwo = false;
};

// Power-of-two axes are what people try; the others get a dense log grid.
AxisGrid axisGrid(const Scenario &sc, SweepAxis axis, double current)
{
    AxisGrid g;
    switch (axis) {
    case SweepAxis::GlobalBatch:
        g.grain = double(sc.parallel.dp * sc.batch.microBatch);
        g.lo = g.grain;
        g.hi = std::max(current * 16, g.grain * 64);
        break;
    case SweepAxis::SeqLen:
        g.grain = double(sc.parallel.cp);
        g.lo = std::max(128.0, g.grain);
        g.hi = std::max(current * 32, 1024.0);
        g.powersOfTwo = true;
        break;
    case SweepAxis::Gpus:
        g.grain = double(sc.parallel.tp * sc.parallel.pp * sc.parallel.cp);
        g.lo = g.grain;
        g.hi = std::max(current * 16, g.grain * 64);
        g.powersOfTwo = true;
        break;
    case SweepAxis::Tp:
        g.lo = 1;
        g.hi = std::max(64.0, current);
        g.powersOfTwo = true;
        break;
    case SweepAxis::MicroBatch:
        g.lo = 1;
        g.hi =
            std::max(double(sc.batch.globalBatch / std::max<std::int64_t>(1, sc.parallel.dp)), 1.0);
        g.powersOfTwo = true;
        break;
    case SweepAxis::Hidden:
        g.grain = double(sc.model.heads);
        g.lo = std::max(g.grain, current / 16);
        g.hi = current * 4;
        break;
    }
    return g;
}

std::vector<double> powersOfTwo(const AxisGrid &g, int maxPoints)
{
    std::vector<double> xs;
    for (double v = 1; v <= g.hi && int(xs.size()) < maxPoints; v *= 2)
        if (v >= g.lo && std::fmod(v, g.grain) == 0)
            xs.push_back(v);
    return xs;
}

// A log grid of distinct multiples of the grain: where rounding would repeat a value (the low
// end of a batch axis), the step is one grain and the remaining points spread geometrically
// over what is left, so the curve gets its full point count.
std::vector<double> logGrid(const AxisGrid &g, int maxPoints)
{
    std::vector<double> xs;
    const int n = std::max(2, maxPoints);
    double v = std::max(g.grain, std::ceil(g.lo / g.grain) * g.grain);
    xs.push_back(v);
    for (int i = 1; i < n && v < g.hi; ++i) {
        const double ratio = std::pow(g.hi / v, 1.0 / (n - i));
        const double next = std::max(v + g.grain, std::round(v * ratio / g.grain) * g.grain);
        if (next > g.hi)
            break;
        v = next;
        xs.push_back(v);
    }
    return xs;
}

// At most maxPoints of the sorted `xs`, evenly spread, keeping the current value: the chart
// marks it.
std::vector<double> thinned(const std::vector<double> &xs, double current, int maxPoints)
{
    std::vector<double> out;
    const double stride = double(xs.size()) / maxPoints;
    for (int i = 0; i < maxPoints; ++i)
        out.push_back(xs[std::size_t(i * stride)]);
    if (!std::binary_search(out.begin(), out.end(), current)) {
        out.push_back(current);
        std::sort(out.begin(), out.end());
    }
    return out;
}

} // namespace

std::vector<double> sweepValues(const Scenario &sc, SweepAxis axis, int maxPoints)
{
    const double current = axisValue(sc, axis);
    const AxisGrid grid = axisGrid(sc, axis, current);
    std::vector<double> xs =
        grid.powersOfTwo ? powersOfTwo(grid, maxPoints) : logGrid(grid, maxPoints);
    xs.push_back(current);
    std::sort(xs.begin(), xs.end());
    xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
    if (int(xs.size()) > maxPoints)
        xs = thinned(xs, current, maxPoints);
    return xs;
}

std::vector<SweepPoint> sweep(const Scenario &sc, SweepAxis axis, const std::vector<double> &xs)
{
    std::vector<SweepPoint> out;
    out.reserve(xs.size());
    for (double x : xs) {
        SweepPoint p;
        p.x = x;
        Scenario point = withAxisValue(sc, axis, x);
        // The measured figure is the run's, at its own point of the axis: carried along, a step
        // time measured at one batch would claim an impossible MFU at a larger one and cost the
        // curve points that the prediction can draw.
        point.measured = {};
        const auto ev = evaluate(point);
        if (ev.ok() && ev->predicted) {
            p.valid = true;
            p.mfu = ev->predicted->mfu;
            p.hfu = ev->predicted->hfu;
            p.stepTimeS = ev->predicted->stepTimeS;
            p.fits = !ev->memory || ev->memory->fits;
        }
        out.push_back(p);
    }
    return out;
}

} // namespace mfu::engine
