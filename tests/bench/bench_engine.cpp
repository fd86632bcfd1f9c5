// Engine benchmarks: one full evaluation (FLOPs, memory, time) of the default scenario, and the
// whole layout search for Megatron-Turing NLG 530B on 5,120 A100-80GB (Calculon, the reference
// analytic tool, needs 34 s for its 8,112-layout search of that model).
#include "bench_util.h"

#include "engine/evaluate.h"
#include "engine/search.h"

#include <string>
#include "io/preset_library.h"
#include "io/scenario_io.h"

#include <cstdio>
#include <cstdlib>

namespace {

// A built-in model on a built-in device, the rest from the default scenario.
mfu::engine::Scenario onPresets(const char *modelId, const char *hardwareId, const char *name)
{
    const mfu::io::PresetLibrary &lib = mfu::io::PresetLibrary::builtin();
    const mfu::io::ModelPreset *model = lib.model(modelId);
    const mfu::io::HardwarePreset *hardware = lib.hardware(hardwareId);
    if (!model || !hardware) {
        std::fprintf(stderr, "bench_engine: presets %s or %s missing\n", modelId, hardwareId);
        std::exit(1);
    }
    mfu::engine::Scenario sc = mfu::io::defaultScenario();
    sc.name = name;
    sc.modelPreset = model->id;
    sc.model = model->shape;
    sc.hardwarePreset = hardware->id;
    sc.hardware = hardware->hardware;
    sc.parallel = {};
    return sc;
}

// Turing-530B as trained (s 2048, b 2560) on 5,120 A100-80GB: 640 DGX nodes.
mfu::engine::Scenario turing530bOnA100()
{
    mfu::engine::Scenario sc =
        onPresets("turing-530b", "a100-80gb", "Turing-530B on 5,120 A100-80GB");
    sc.batch.globalBatch = 2560;
    sc.batch.seqLen = 2048;
    sc.batch.microBatch = 1;
    sc.parallel.tp = 8;
    sc.parallel.pp = 5;
    sc.parallel.dp = 128; // 8·5·128 = 5,120 GPUs; the search keeps only the count
    sc.recompute = mfu::engine::Recompute::None;
    return sc;
}

// DeepSeek-V3 as its report trained it: s 4096, b 15360 on 2,048 H800, PP 16, EP 64, FP8.
mfu::engine::Scenario deepseekV3OnH800()
{
    mfu::engine::Scenario sc = onPresets("deepseek-v3", "h800", "DeepSeek-V3 on 2,048 H800");
    sc.batch.globalBatch = 15360;
    sc.batch.seqLen = 4096;
    sc.batch.microBatch = 1;
    sc.parallel.pp = 16;
    sc.parallel.dp = 128; // 16·128 = 2,048 GPUs
    sc.parallel.ep = 64;
    sc.parallel.etp = 1;
    sc.parallel.zero = 1;
    sc.precision = mfu::engine::Precision::Fp8;
    sc.recompute = mfu::engine::Recompute::Selective;
    return sc;
}

void benchSearch(const char *name, const mfu::engine::Scenario &sc)
{
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
    const std::string prefix = std::string("search_") + name;
    bench::report(prefix.c_str(), seconds * 1e3, "ms");
    bench::report((prefix + "_layouts").c_str(), double(first->evaluated), "layouts");
    bench::report((prefix + "_feasible").c_str(), double(first->feasible), "layouts");
}

double evalMicroseconds(const mfu::engine::Scenario &sc)
{
    volatile double sink = 0;
    const double seconds = bench::medianSecondsPerCall(
        [&] {
            const auto ev = mfu::engine::evaluate(sc);
            sink = sink + (ev.ok() && ev->predicted ? ev->predicted->mfu : 0);
        },
        51, 20000);
    return seconds * 1e6;
}

} // namespace

int main()
{
    bench::report("eval", evalMicroseconds(mfu::io::defaultScenario()), "us");
    bench::report("eval_deepseek_v3", evalMicroseconds(deepseekV3OnH800()), "us");
    benchSearch("turing530b_5120_a100", turing530bOnA100());
    benchSearch("deepseek_v3_2048_h800", deepseekV3OnH800());
    return 0;
}
