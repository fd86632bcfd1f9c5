// Engine benchmarks: one full evaluation (FLOPs, memory, time) of the default scenario, and the
// whole layout search for Megatron-Turing NLG 530B on 5,120 A100-80GB (Calculon, the reference
// analytic tool, needs 34 s for its 8,112-layout search of that model).
#include "bench_util.h"

#include "engine/evaluate.h"
#include "engine/search.h"
#include "io/preset_library.h"
#include "io/scenario_io.h"

#include <cstdio>
#include <cstdlib>

namespace {

// Turing-530B as trained (s 2048, b 2560) on 5,120 A100-80GB: 640 DGX nodes.
mfu::engine::Scenario turing530bOnA100()
{
    const mfu::io::PresetLibrary &lib = mfu::io::PresetLibrary::builtin();
    const mfu::io::ModelPreset *model = lib.model("turing-530b");
    const mfu::io::HardwarePreset *hardware = lib.hardware("a100-80gb");
    if (!model || !hardware) {
        std::fprintf(stderr, "bench_engine: presets turing-530b or a100-80gb missing\n");
        std::exit(1);
    }
    mfu::engine::Scenario sc = mfu::io::defaultScenario();
    sc.name = "Turing-530B on 5,120 A100-80GB";
    sc.modelPreset = model->id;
    sc.model = model->shape;
    sc.hardwarePreset = hardware->id;
    sc.hardware = hardware->hardware;
    sc.batch.globalBatch = 2560;
    sc.batch.seqLen = 2048;
    sc.batch.microBatch = 1;
    sc.parallel = {};
    sc.parallel.tp = 8;
    sc.parallel.pp = 5;
    sc.parallel.dp = 128; // 8·5·128 = 5,120 GPUs; the search keeps only the count
    sc.recompute = mfu::engine::Recompute::None;
    return sc;
}

void benchSearch()
{
    const mfu::engine::Scenario sc = turing530bOnA100();
    mfu::engine::SearchOptions options; // default top 20, all cores
    const auto first = mfu::engine::searchLayouts(sc, options);
    if (!first) {
        std::fprintf(stderr, "bench_engine: %s\n", first.error().toString().c_str());
        std::exit(1);
    }
    volatile double sink = 0;
    const double seconds = bench::medianSecondsPerCall(
        [&] {
            const auto result = mfu::engine::searchLayouts(sc, options);
            sink = sink + (result.ok() ? double(result->feasible) : 0);
        },
        21, 1);
    bench::report("search_turing530b_5120_a100", seconds * 1e3, "ms");
    bench::report("search_turing530b_5120_a100_layouts", double(first->evaluated), "layouts");
    bench::report("search_turing530b_5120_a100_feasible", double(first->feasible), "layouts");
}

} // namespace

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
    benchSearch();
    return sink < 0;
}
