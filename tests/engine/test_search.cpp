// The layout search: what it enumerates (against a brute force written out here), what it
// returns (valid, fitting, using every GPU, ranked), that threads do not change it, and one
// small case whose answer can be argued from first principles.

#include "engine_check.h"
#include "shapes.h"

#include "engine/evaluate.h"
#include "engine/memory.h"
#include "engine/search.h"
#include "engine/validate.h"

#include <cstdint>
#include <cstdio>
#include <string>

using namespace mfu::engine;

namespace {

// A made-up GQA model small enough to brute-force: 12 query heads over 4 KV heads, so that
// tp 3 and 6 divide the heads but are refused for the KV heads, while tp 12 (a multiple of 4)
// is legal once TP may leave the node.
ModelShape smallGqa()
{
    return shapes::llama(6, 768, 12, 4, 2048, 32000);
}

Scenario smallGqaOn24Gpus()
{
    Scenario sc = shapes::scenario(smallGqa(), 24, 512);
    sc.parallel.dp = 24; // the search keeps only the GPU count
    // Small enough that some layouts do not fit, so that "feasible" is a real filter.
    sc.hardware.memoryGib = 1;
    return sc;
}

struct BruteForce
{
    std::size_t legal = 0; // layouts the search's rules allow
    std::size_t fits = 0;  // of those, the ones the memory model fits
};

// Every combination of every degree up to its obvious bound, kept when validateScenario accepts
// it and the search's own rules (SearchOptions, search.h) allow it. Deliberately naive: it
// shares no code with the search but the engine's validation and memory model.
BruteForce bruteForce(const Scenario &base, bool tpWithinNode)
{
    const std::int64_t gpus = std::int64_t(base.parallel.gpus());
    // The embedding and the loss count as a layer each when the stack says so.
    const std::int64_t layers =
        base.model.layers + (base.software.embeddingInPipelineSplit ? 2 : 0);
    BruteForce out;
    for (std::int64_t tp = 1; tp <= gpus; ++tp)
        for (std::int64_t pp = 1; pp <= gpus; ++pp)
            for (std::int64_t cp = 1; cp <= gpus; ++cp)
                for (std::int64_t dp = 1; dp <= gpus; ++dp) {
                    if (tp * pp * cp * dp != gpus)
                        continue;
                    for (std::int64_t m = 1; m <= base.batch.globalBatch; ++m)
                        for (std::int64_t vpp = 1; vpp <= layers; ++vpp)
                            for (Recompute r :
                                 {Recompute::None, Recompute::Selective, Recompute::Full})
                                for (bool sp : {false, true})
                                    for (int zero = 0; zero <= 3; ++zero) {
                                        Scenario sc = base;
                                        sc.parallel = {tp, pp, dp, cp, vpp, sp, zero};
                                        sc.batch.microBatch = m;
                                        sc.recompute = r;
                                        if (validateScenario(sc))
                                            continue;
                                        // The search's rules beyond validity:
                                        if (tpWithinNode && tp > base.hardware.gpusPerNode)
                                            continue;
                                        if (layers % pp != 0) // whole layers per stage
                                            continue;
                                        if (vpp > 1 && (layers / pp) % vpp != 0)
                                            continue;      // whole layers per virtual chunk
                                        if (sp && tp == 1) // SP changes nothing without TP
                                            continue;
                                        if (zero > 0 && dp * cp == 1) // nothing to shard
                                            continue;
                                        ++out.legal;
                                        if (memoryPerGpu(sc).fits)
                                            ++out.fits;
                                    }
                }
    return out;
}

bool sameLayouts(const SearchResult &a, const SearchResult &b)
{
    if (a.evaluated != b.evaluated || a.feasible != b.feasible ||
        a.layouts.size() != b.layouts.size())
        return false;
    for (std::size_t i = 0; i < a.layouts.size(); ++i) {
        const LayoutResult &x = a.layouts[i], &y = b.layouts[i];
        const Parallel &p = x.parallel, &q = y.parallel;
        if (p.tp != q.tp || p.pp != q.pp || p.dp != q.dp || p.cp != q.cp || p.vpp != q.vpp ||
            p.sequenceParallel != q.sequenceParallel || p.zero != q.zero ||
            x.microBatch != y.microBatch || x.recompute != y.recompute ||
            x.stepTimeS != y.stepTimeS || x.mfu != y.mfu ||
            x.memoryPerGpuBytes != y.memoryPerGpuBytes || x.fits != y.fits)
            return false;
    }
    return true;
}

SearchResult searchOrFail(const Scenario &sc, const SearchOptions &options)
{
    const Result<SearchResult> r = searchLayouts(sc, options);
    if (!r) {
        engine_check::fail(__FILE__, __LINE__, "search failed: " + r.error().toString());
        return {};
    }
    return *r;
}

} // namespace

TEST(search_counts_match_brute_force)
{
    Scenario base = smallGqaOn24Gpus();
    for (const bool within : {true, false}) {
        SearchOptions options;
        options.tpWithinNode = within;
        const SearchResult r = searchOrFail(base, options);
        const BruteForce expected = bruteForce(base, within);
        CHECK(expected.legal > 0);
        CHECK_EQ(double(r.evaluated), double(expected.legal));
        CHECK_EQ(double(r.feasible), double(expected.fits));
        // The memory limit must bite, or this checks nothing about the feasibility filter.
        CHECK(expected.fits > 0 && expected.fits < expected.legal);
    }
    // With the embedding and the loss as stage layers, 6 layers fill 8 slots: pp 4 and 8
    // become even splits, pp 3 and 6 no longer are.
    const std::size_t evenLayers = searchOrFail(base, {}).evaluated;
    base.software.embeddingInPipelineSplit = true;
    SearchOptions all;
    all.top = 0;
    const SearchResult r = searchOrFail(base, all);
    const BruteForce expected = bruteForce(base, true);
    CHECK_EQ(double(r.evaluated), double(expected.legal));
    CHECK_EQ(double(r.feasible), double(expected.fits));
    CHECK(r.evaluated != evenLayers);
    bool deep = false;
    for (const LayoutResult &l : r.layouts)
        deep = deep || l.parallel.pp == 8;
    CHECK(deep);
}

TEST(search_tp_leaves_node_only_when_allowed)
{
    const Scenario base = smallGqaOn24Gpus();
    SearchOptions options;
    options.top = 0;
    bool tp12 = false;
    for (const LayoutResult &l : searchOrFail(base, options).layouts)
        CHECK(l.parallel.tp <= base.hardware.gpusPerNode);
    options.tpWithinNode = false;
    for (const LayoutResult &l : searchOrFail(base, options).layouts) {
        CHECK(l.parallel.tp != 3 && l.parallel.tp != 6); // they split a KV head
        tp12 = tp12 || l.parallel.tp == 12;
    }
    CHECK(tp12);
}

TEST(search_layouts_are_valid_fit_use_all_gpus_and_are_ranked)
{
    Scenario base = shapes::scenario(shapes::llama3_8b(), 64, 4096);
    base.parallel.dp = 16;
    SearchOptions options;
    options.top = 0; // every feasible layout
    const SearchResult r = searchOrFail(base, options);
    CHECK(r.feasible > 0);
    CHECK_EQ(double(r.layouts.size()), double(r.feasible));
    for (std::size_t i = 0; i < r.layouts.size(); ++i) {
        const LayoutResult &l = r.layouts[i];
        const Scenario sc = withLayout(base, l);
        if (const auto error = validateScenario(sc)) {
            engine_check::fail(__FILE__, __LINE__, "invalid layout: " + error->toString());
            continue;
        }
        CHECK(l.fits);
        CHECK_EQ(sc.parallel.gpus(), base.parallel.gpus());
        if (i > 0) {
            CHECK(l.stepTimeS >= r.layouts[i - 1].stepTimeS);
            CHECK(ranksBefore(r.layouts[i - 1], l));
        }
        // The search's shortcuts (memory first, shared FLOPs) must give evaluate()'s figures.
        const Result<Evaluation> ev = evaluate(sc);
        CHECK(ev.ok());
        if (ev.ok()) {
            CHECK_EQ(l.stepTimeS, ev->predicted->stepTimeS);
            CHECK_EQ(l.mfu, ev->predicted->mfu);
            CHECK_EQ(l.memoryPerGpuBytes, ev->memory->total);
            CHECK(ev->memory->fits);
        }
    }
}

TEST(search_top_keeps_the_best)
{
    const Scenario base = smallGqaOn24Gpus();
    SearchOptions all;
    all.top = 0;
    const SearchResult every = searchOrFail(base, all);
    SearchOptions three;
    three.top = 3;
    const SearchResult best = searchOrFail(base, three);
    CHECK_EQ(double(best.layouts.size()), 3.0);
    CHECK_EQ(double(best.evaluated), double(every.evaluated));
    CHECK_EQ(double(best.feasible), double(every.feasible));
    SearchResult prefix = every;
    prefix.layouts.resize(3);
    CHECK(sameLayouts(best, prefix));
}

TEST(search_is_the_same_on_any_thread_count)
{
    Scenario base = shapes::scenario(shapes::llama3_8b(), 256, 4096);
    base.parallel.dp = 64;
    for (const int top : {0, 1, 7}) {
        SearchOptions one;
        one.top = top;
        one.threads = 1;
        SearchOptions two = one;
        two.threads = 2;
        SearchOptions five = one;
        five.threads = 5;
        const SearchResult a = searchOrFail(base, one);
        CHECK(sameLayouts(a, searchOrFail(base, two)));
        CHECK(sameLayouts(a, searchOrFail(base, five)));
    }
}

// GPT-2 small (124M parameters) on 8 GPUs of one node, nanoGPT's 0.5M-token batch. Its weights,
// gradients and Adam state take about 2 GiB, so every GPU can hold a whole replica: the fastest
// layout splits only the batch. Anything else adds work that data parallelism does not have —
// TP collectives twice per layer in each pass, a pipeline bubble, a CP ring — while DP's single
// gradient reduction per step hides behind the backward. Recomputation only repeats forward
// work, which a model with memory to spare has no reason to pay.
TEST(search_gpt2_small_on_8_gpus_is_pure_data_parallel)
{
    Scenario base = shapes::scenario(shapes::gpt2Small(), 512, 1024);
    base.parallel.dp = 8;
    SearchOptions options;
    options.top = 1;
    const SearchResult r = searchOrFail(base, options);
    CHECK_EQ(double(r.layouts.size()), 1.0);
    if (r.layouts.empty())
        return;
    const LayoutResult &best = r.layouts.front();
    CHECK_EQ(double(best.parallel.dp), 8.0);
    CHECK_EQ(double(best.parallel.tp), 1.0);
    CHECK_EQ(double(best.parallel.pp), 1.0);
    CHECK_EQ(double(best.parallel.cp), 1.0);
    CHECK(best.recompute == Recompute::None);
}

TEST(search_with_nothing_that_fits_returns_no_layout)
{
    Scenario base = shapes::scenario(shapes::llama2_70b(), 8, 4096);
    base.parallel.dp = 1; // 70B parameters on one 80 GiB GPU: 18 bytes each cannot fit
    const SearchResult r = searchOrFail(base, {});
    CHECK(r.evaluated > 0);
    CHECK_EQ(double(r.feasible), 0.0);
    CHECK(r.layouts.empty());
}

TEST(search_of_an_invalid_scenario_gives_evaluates_error)
{
    Scenario badLayout = shapes::scenario(shapes::llama3_8b(), 64, 4096);
    badLayout.parallel.tp = 3; // does not divide 32 heads
    Scenario badShape = shapes::scenario(shapes::llama3_8b(), 64, 4096);
    badShape.model.kvHeads = 5;
    Scenario noFp8 = shapes::scenario(shapes::llama3_8b(), 64, 4096);
    noFp8.precision = Precision::Fp8;
    noFp8.hardware.peakTflopsFp8 = 0;
    for (const Scenario &sc : {badLayout, badShape, noFp8}) {
        const Result<SearchResult> r = searchLayouts(sc);
        const Result<Evaluation> ev = evaluate(sc);
        CHECK(!r.ok());
        CHECK(!ev.ok());
        if (!r.ok() && !ev.ok()) {
            CHECK(r.error().field == ev.error().field);
            CHECK(r.error().message == ev.error().message);
        }
    }
}
