// The MFU curve's x values and points: how many, on what grid, and that each point is the
// engine's own evaluation of the scenario moved along the axis.

#include "engine_check.h"
#include "shapes.h"

#include "engine/evaluate.h"
#include "engine/sweep.h"

#include <algorithm>
#include <cmath>
#include <string>

using namespace mfu::engine;

namespace {

bool strictlyIncreasing(const std::vector<double> &xs)
{
    return std::adjacent_find(xs.begin(), xs.end(), std::greater_equal<double>()) == xs.end();
}

} // namespace

// A batch axis has hundreds of multiples of DP·m in range: the curve gets all 200 points,
// distinct even at the low end where a log grid would round several onto one multiple.
TEST(batchAxisHasTwoHundredDistinctMultiplesOfTheReplicas)
{
    const Scenario sc = shapes::llama2_70bOn1024();
    const std::vector<double> xs = sweepValues(sc, SweepAxis::GlobalBatch);
    CHECK_EQ(double(xs.size()), 200.0);
    CHECK(strictlyIncreasing(xs));
    CHECK(std::binary_search(xs.begin(), xs.end(), 1024.0));
    CHECK_EQ(xs.front(), 32.0);
    CHECK(xs.back() >= 16 * 1024.0 * 0.95);
    for (double x : xs)
        CHECK_EQ(std::fmod(x, 32.0), 0.0);
    // The low end steps one multiple at a time, the high end spreads out.
    CHECK_EQ(xs[1] - xs[0], 32.0);
    CHECK(xs[199] - xs[198] > 32.0);
}

// Fewer multiples than points: every one of them, once.
TEST(narrowAxisTakesEveryMultiple)
{
    Scenario sc = shapes::llama2_70bOn1024();
    sc.parallel.dp = 1024; // grain 1024, range 1024 … 65536: 64 multiples
    sc.parallel.tp = 1;
    sc.parallel.pp = 1;
    sc.batch.globalBatch = 4096;
    const std::vector<double> xs = sweepValues(sc, SweepAxis::GlobalBatch);
    CHECK_EQ(double(xs.size()), 64.0);
    CHECK(strictlyIncreasing(xs));
    CHECK_EQ(xs.front(), 1024.0);
    CHECK_EQ(xs.back(), 65536.0);
}

TEST(powerOfTwoAxesStayPowersOfTwoAndKeepTheCurrentValue)
{
    Scenario sc = shapes::llama2_70bOn1024();
    sc.batch.seqLen = 3000; // not a power of two: still on its own curve
    const std::vector<double> xs = sweepValues(sc, SweepAxis::SeqLen);
    CHECK(strictlyIncreasing(xs));
    CHECK(std::binary_search(xs.begin(), xs.end(), 3000.0));
    for (double x : xs)
        CHECK(x == 3000.0 || std::exp2(std::round(std::log2(x))) == x);
    CHECK(xs.size() <= 200);
}

TEST(sweepPointsAreTheEnginesEvaluations)
{
    const Scenario sc = shapes::llama2_70bOn1024();
    for (SweepAxis axis : {SweepAxis::GlobalBatch, SweepAxis::SeqLen, SweepAxis::Gpus,
                           SweepAxis::Tp, SweepAxis::MicroBatch, SweepAxis::Hidden}) {
        const std::vector<double> xs = sweepValues(sc, axis);
        const std::vector<SweepPoint> points = sweep(sc, axis, xs);
        CHECK_EQ(double(points.size()), double(xs.size()));
        for (std::size_t i = 0; i < points.size(); i += 17) {
            const auto ev = evaluate(withAxisValue(sc, axis, xs[i]));
            CHECK(points[i].valid == (ev.ok() && ev->predicted.has_value()));
            if (points[i].valid) {
                CHECK_EQ(points[i].mfu, ev->predicted->mfu);
                CHECK(points[i].fits == (!ev->memory || ev->memory->fits));
            }
        }
    }
}

// A GPU count the model-parallel group does not divide is a gap in the curve, not an error.
TEST(gpuAxisMarksIndivisibleCountsInvalid)
{
    const Scenario sc = shapes::llama2_70bOn1024();
    const std::vector<SweepPoint> points = sweep(sc, SweepAxis::Gpus, {1000, 1024});
    CHECK(!points[0].valid);
    CHECK(points[1].valid);
}

// The measured figure belongs to the scenario's own point: a step time measured at b 1024 would
// imply an impossible MFU at b 16384, yet the curve predicts that point like any other.
TEST(sweepLeavesTheMeasuredFigureAtItsOwnPoint)
{
    Scenario sc = shapes::llama2_70bOn1024();
    const auto predicted = evaluate(sc);
    CHECK(predicted.ok());
    sc.measured.kind = Measured::Kind::StepTime;
    sc.measured.value = predicted->predicted->stepTimeS; // MFU well above 10%
    CHECK(evaluate(sc).ok());
    const std::vector<SweepPoint> points = sweep(sc, SweepAxis::GlobalBatch, {1024, 16384});
    CHECK(points[0].valid && points[1].valid);
}
