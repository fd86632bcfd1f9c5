#pragma once

#include "result.h"
#include "scenario.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace mfu::engine {

struct SearchOptions
{
    // Layouts returned, fastest first; 0 or less returns every feasible layout.
    int top = 20;
    // tp at most the GPUs of one node: tensor-parallel collectives run every layer, twice per
    // pass, and leave the node's scale-up fabric only at a large cost.
    bool tpWithinNode = true;
    // Worker threads; 0 takes std::thread::hardware_concurrency(). The result does not depend
    // on it.
    int threads = 0;
};

// One layout of the base scenario's GPUs and what the engine predicts for it.
struct LayoutResult
{
    Parallel parallel;           // tp, pp, dp, cp, vpp, sequence parallel, ZeRO stage
    std::int64_t microBatch = 1; // m, sequences per micro-batch
    Recompute recompute = Recompute::None;
    double stepTimeS = 0;         // predicted seconds per optimizer step
    double mfu = 0;               // predicted MFU, a fraction
    double memoryPerGpuBytes = 0; // the busiest GPU, bytes
    bool fits = false;            // memoryPerGpuBytes ≤ usable HBM
};

struct SearchResult
{
    std::size_t evaluated = 0;         // legal layouts enumerated (the memory model ran on each)
    std::size_t feasible = 0;          // of those, the ones that fit in memory
    std::vector<LayoutResult> layouts; // the best `top` feasible ones, fastest first
};

// Every legal layout of the base scenario's GPU count for its model, batch (global batch and
// sequence length), hardware, precision and conventions, ranked by predicted step time:
//   tp  divides heads, divides kv_heads or is a multiple of them, divides the GPU count, and is
//       at most gpus_per_node when options.tpWithinNode;
//   pp  divides layers;  cp divides seq_len;  dp = GPUs / (tp·pp·cp) divides global_batch;
//   m   (micro-batch) divides global_batch / dp;
//   vpp 1, or with pp > 1 any divisor of layers / pp (interleaving needs whole chunks);
//   recompute none, selective or full;
//   sequence parallelism off, and also on when tp > 1 (it only changes anything with TP);
//   ZeRO 0, and also 1, 2, 3 when dp·cp > 1 (with one replica there is nothing to shard).
// Layouts that do not fit in memory are counted and dropped before the time model runs. Ties
// in step time go to fewer GPUs per model replica (tp·pp·cp), then lower tp, pp, cp, vpp,
// micro-batch, recompute, sequence parallelism off, lower ZeRO stage: the order is total, so
// the output is the same for any thread count.
// An invalid base scenario gives the Error evaluate() gives for it.
Result<SearchResult> searchLayouts(const Scenario &base, const SearchOptions &options = {});

// The base scenario with the layout's parallel degrees, micro-batch and recompute mode.
Scenario withLayout(const Scenario &base, const LayoutResult &layout);

// True when `a` ranks before `b` (the order searchLayouts returns).
bool ranksBefore(const LayoutResult &a, const LayoutResult &b);

} // namespace mfu::engine
