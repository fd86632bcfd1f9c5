// Engine benchmarks: one full evaluation (FLOPs, memory, time) of the default scenario.
#include "bench_util.h"

#include "engine/evaluate.h"
#include "io/scenario_io.h"

#include <cstdio>

int main()
{
    const mfu::engine::Scenario sc = mfu::io::defaultScenario();
    volatile double sink = 0;
    const double seconds = bench::medianSecondsPerCall(
        [&] {
            const auto ev = mfu::engine::evaluate(sc);
            sink = sink + (ev.ok() && ev->predicted ? ev->predicted->mfu : 0);
        },
        51, 20000);
    bench::report("eval", seconds * 1e6, "us");
    return sink < 0;
}
