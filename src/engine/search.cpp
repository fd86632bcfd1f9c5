#include "search.h"

#include "evaluate.h"
#include "flops.h"
#include "memory.h"
#include "params.h"
#include "time_model.h"
#include "utilization.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <exception>
#include <thread>
#include <tuple>

namespace mfu::engine {
namespace {

// Ascending divisors of n ≥ 1 by trial division up to √n: n is at most 1e9 (global batch),
// so this stays far below the cost of evaluating the layouts it generates.
std::vector<std::int64_t> divisors(std::int64_t n)
{
    std::vector<std::int64_t> low, high;
    for (std::int64_t d = 1; d * d <= n; ++d) {
        if (n % d != 0)
            continue;
        low.push_back(d);
        if (d != n / d)
            high.push_back(n / d);
    }
    low.insert(low.end(), high.rbegin(), high.rend());
    return low;
}

// The degrees that fix dp and the number of micro-batches; the rest of a layout (micro-batch,
// recompute, SP, ZeRO) varies inside one group. Groups are the unit handed to a worker.
struct Group
{
    std::int64_t tp, pp, cp, dp, vpp;
    std::int64_t ep = 1, etp = 0; // experts: expert parallel and expert tensor parallel
};

// Expert layouts of one tp·cp·dp group: ep divides the experts, and ep·etp GPUs of the
// tp·cp·dp that hold a stage form an expert group (Megatron-Core's folding); etp 1 (what
// Megatron-Core recommends for fine-grained experts) or as tp. A dense model has one: none.
std::vector<std::pair<std::int64_t, std::int64_t>>
expertLayouts(const ModelShape &m, std::int64_t tp, std::int64_t stageGpus)
{
    if (!m.moe.enabled())
        return {{1, 0}};
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    for (const std::int64_t etp : {std::int64_t(1), tp}) {
        if (etp == tp && etp == 1 && !out.empty())
            break;
        for (const std::int64_t ep : divisors(m.moe.experts))
            if (stageGpus % (ep * etp) == 0)
                out.push_back({ep, etp});
    }
    return out;
}

std::vector<Group> enumerateGroups(const Scenario &base, std::int64_t gpus, bool tpWithinNode)
{
    const ModelShape &m = base.model;
    const std::int64_t tpMax =
        tpWithinNode ? std::min<std::int64_t>(gpus, base.hardware.gpusPerNode) : gpus;
    // Pipelines split the layers evenly; with the embedding and the loss counted as layers
    // (Llama 3's 126 layers on pp 16 × vpp 8), the slots are layers + 2.
    const std::int64_t slots = m.layers + (base.software.embeddingInPipelineSplit ? 2 : 0);
    const std::vector<std::int64_t> ppChoices = divisors(slots);
    const std::vector<std::int64_t> cpChoices = divisors(base.batch.seqLen);

    std::vector<Group> groups;
    for (const std::int64_t tp : divisors(m.heads)) {
        if (tp > tpMax || gpus % tp != 0)
            continue;
        // As validateScenario: each rank holds whole KV heads, replicated when tp exceeds them.
        if (tp > m.kvHeads ? tp % m.kvHeads != 0 : m.kvHeads % tp != 0)
            continue;
        for (const std::int64_t pp : ppChoices) {
            if ((gpus / tp) % pp != 0)
                continue;
            std::vector<std::int64_t> vppChoices{1};
            if (pp > 1)
                for (const std::int64_t v : divisors(slots / pp))
                    if (v > 1)
                        vppChoices.push_back(v);
            for (const std::int64_t cp : cpChoices) {
                if ((gpus / tp / pp) % cp != 0)
                    continue;
                const std::int64_t dp = gpus / tp / pp / cp;
                if (base.batch.globalBatch % dp != 0)
                    continue;
                for (const std::int64_t vpp : vppChoices)
                    for (const auto &[ep, etp] : expertLayouts(m, tp, tp * cp * dp))
                        groups.push_back({tp, pp, cp, dp, vpp, ep, etp});
            }
        }
    }
    return groups;
}

// What does not change from one layout to the next: computed once for the whole search.
struct Shared
{
    const std::vector<Group> *groups = nullptr;
    std::vector<std::int64_t> batchDivisors; // of global_batch: micro-batches come from these
    double modelFlops = 0;                   // per step; the layout does not change it
    std::array<double, 3> hardwareFlops{};   // per step, by recompute mode
    double peakTflops = 0;
    std::size_t keep = 0; // layouts each worker keeps; 0: all
};

constexpr std::array<Recompute, 3> kRecomputeModes{Recompute::None, Recompute::Selective,
                                                   Recompute::Full};

// alignas: each worker's counters and scenario on their own cache lines, not its neighbour's.
class alignas(64) Worker
{
public:
    Worker(const Scenario &base, const Shared &shared) : m_sc(base), m_shared(shared) {}

    void run(std::atomic<std::size_t> &next)
    {
        try {
            const std::vector<Group> &groups = *m_shared.groups;
            for (std::size_t i = next++; i < groups.size(); i = next++)
                runGroup(groups[i]);
        } catch (...) {
            error = std::current_exception(); // rethrown on the calling thread
        }
    }

    std::size_t evaluated = 0;
    std::size_t feasible = 0;
    // With a limit, a max-heap under ranksBefore (the worst kept on top, first to go);
    // without one, every feasible layout in no order.
    std::vector<LayoutResult> best;
    std::exception_ptr error;

private:
    void runGroup(const Group &g)
    {
        Parallel &par = m_sc.parallel;
        par.tp = g.tp;
        par.pp = g.pp;
        par.cp = g.cp;
        par.dp = g.dp;
        par.vpp = g.vpp;
        par.ep = g.ep;
        par.etp = g.etp;
        const std::int64_t perReplica = m_sc.batch.globalBatch / g.dp;
        const bool shardable = g.dp * g.cp > 1; // ZeRO shards over the dp·cp ranks
        for (const std::int64_t micro : m_shared.batchDivisors) {
            if (micro > perReplica)
                break;
            if (perReplica % micro != 0)
                continue;
            m_sc.batch.microBatch = micro;
            for (std::size_t r = 0; r < kRecomputeModes.size(); ++r) {
                m_sc.recompute = kRecomputeModes[r];
                for (const bool sp : {false, true}) {
                    if (sp && g.tp == 1)
                        continue;
                    par.sequenceParallel = sp;
                    for (int zero = 0; zero <= (shardable ? 3 : 0); ++zero) {
                        par.zero = zero;
                        evaluateLayout(r);
                    }
                }
            }
        }
    }

    void evaluateLayout(std::size_t recomputeIndex)
    {
        ++evaluated;
        // Memory first: it is the cheaper model, and a layout that does not fit needs no time.
        const MemoryBreakdown memory = memoryPerGpu(m_sc);
        if (!memory.fits)
            return;
        ++feasible;
        const double step = predictStepTime(m_sc).step;
        // A step time that is not a positive number cannot be ranked; valid scenarios do not
        // produce one, but the order must stay a strict weak ordering whatever happens.
        if (!(std::isfinite(step) && step > 0))
            return;

        LayoutResult layout;
        layout.parallel = m_sc.parallel;
        layout.microBatch = m_sc.batch.microBatch;
        layout.recompute = m_sc.recompute;
        layout.stepTimeS = step;
        layout.mfu = utilizationFor(m_sc, step, m_shared.modelFlops,
                                    m_shared.hardwareFlops[recomputeIndex], m_shared.peakTflops)
                         .mfu;
        layout.memoryPerGpuBytes = memory.total;
        layout.fits = true;
        keep(layout);
    }

    void keep(const LayoutResult &layout)
    {
        const std::size_t limit = m_shared.keep;
        if (limit == 0 || best.size() < limit) {
            best.push_back(layout);
            if (limit != 0)
                std::push_heap(best.begin(), best.end(), ranksBefore);
        } else if (ranksBefore(layout, best.front())) {
            std::pop_heap(best.begin(), best.end(), ranksBefore);
            best.back() = layout;
            std::push_heap(best.begin(), best.end(), ranksBefore);
        }
    }

    Scenario m_sc; // the base, its layout rewritten in place for each candidate
    const Shared &m_shared;
};

} // namespace

bool ranksBefore(const LayoutResult &a, const LayoutResult &b)
{
    if (a.stepTimeS != b.stepTimeS)
        return a.stepTimeS < b.stepTimeS;
    auto key = [](const LayoutResult &l) {
        const Parallel &p = l.parallel;
        // dp follows from tp, pp and cp at a fixed GPU count.
        return std::tuple(p.tp * p.pp * p.cp, p.tp, p.pp, p.cp, p.vpp, p.ep, p.etp, l.microBatch,
                          int(l.recompute), p.sequenceParallel, p.zero);
    };
    return key(a) < key(b);
}

Scenario withLayout(const Scenario &base, const LayoutResult &layout)
{
    Scenario sc = base;
    sc.parallel = layout.parallel;
    sc.batch.microBatch = layout.microBatch;
    sc.recompute = layout.recompute;
    return sc;
}

Result<SearchResult> searchLayouts(const Scenario &base, const SearchOptions &options)
{
    // The base must evaluate: the same checks (shape, batch, hardware, precision) and the same
    // Error as --eval, and from here on the layouts alone vary.
    const Result<Evaluation> baseEvaluation = evaluate(base);
    if (!baseEvaluation)
        return baseEvaluation.error();
    const Evaluation &ev = *baseEvaluation;

    const auto gpus = static_cast<std::int64_t>(base.parallel.gpus());
    const std::vector<Group> groups = enumerateGroups(base, gpus, options.tpWithinNode);

    Shared shared;
    shared.groups = &groups;
    shared.batchDivisors = divisors(base.batch.globalBatch);
    shared.modelFlops = ev.modelFlopsPerStep;
    for (std::size_t r = 0; r < kRecomputeModes.size(); ++r) {
        Scenario sc = base;
        sc.recompute = kRecomputeModes[r];
        shared.hardwareFlops[r] = hardwareFlopsPerStep(sc, ev.forward, ev.params);
    }
    shared.peakTflops = ev.peakTflopsPerGpu;
    shared.keep = options.top > 0 ? std::size_t(options.top) : 0;

    std::size_t threads = options.threads > 0 ? std::size_t(options.threads)
                                              : std::size_t(std::thread::hardware_concurrency());
    threads = std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(groups.size(), 1));

    std::vector<Worker> workers;
    workers.reserve(threads);
    for (std::size_t i = 0; i < threads; ++i)
        workers.emplace_back(base, shared);
    std::atomic<std::size_t> next{0};
    {
        // The calling thread is one of the workers: one thread costs no spawn at all.
        std::vector<std::jthread> pool;
        pool.reserve(threads - 1);
        for (std::size_t i = 1; i < threads; ++i)
            pool.emplace_back([&workers, &next, i] { workers[i].run(next); });
        workers[0].run(next);
    } // joins

    SearchResult out;
    for (Worker &w : workers) {
        if (w.error)
            std::rethrow_exception(w.error);
        out.evaluated += w.evaluated;
        out.feasible += w.feasible;
        out.layouts.insert(out.layouts.end(), w.best.begin(), w.best.end());
    }
    std::sort(out.layouts.begin(), out.layouts.end(), ranksBefore);
    if (shared.keep != 0 && out.layouts.size() > shared.keep)
        out.layouts.resize(shared.keep);
    return out;
}

} // namespace mfu::engine
