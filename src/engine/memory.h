#pragma once

#include "scenario.h"

namespace mfu::engine {

// Memory one GPU holds at its peak, bytes. memoryPerGpu() reports the busiest GPU.
struct MemoryBreakdown
{
    double weights = 0;     // bf16 weights, bytes
    double gradients = 0;   // fp32 gradient accumulation buffers, bytes
    double optimizer = 0;   // fp32 master weights + Adam m and v, bytes
    double activations = 0; // what the transformer layers keep for the backward pass, bytes
    double other = 0;    // embedding/lm_head activations, fp32 logits, ZeRO-3 gather buffers, bytes
    double total = 0;    // sum of the above, bytes
    double capacity = 0; // usable HBM: memory_gib · 2^30 · usable fraction, bytes
    bool fits = false;   // total ≤ capacity
};

// The pipeline stages that can be the busiest: the first holds the token embedding and the most
// in-flight micro-batches, the last holds lm_head and the logits, and a middle one may hold more
// layers than either when the ends are made lighter. With pp = 1 they are the same GPU.
enum class PipelineStage
{
    First,
    Middle, // the second stage, which holds the most micro-batches of those between the ends
    Last
};

// Bytes of activations one transformer layer keeps for its backward pass, for one micro-batch
// on one GPU (Korthikanti et al. 2022, generalised tensor by tensor to GQA, gated MLPs, dropout
// off and context parallelism). Uses s, m from `batch` and tp, cp, sequence parallel from
// `parallel`; the pipeline does not change a layer's activations. A fused attention kernel
// (FlashAttention) never stores the s×s scores, so without recomputation it keeps what
// selective recomputation keeps; Korthikanti's "no recomputation" figures are for the unfused
// kernels of 2022.
double activationBytesPerLayer(const ModelShape &model, const Batch &batch,
                               const Parallel &parallel, Recompute recompute, bool fusedAttention);

// How many micro-batches' worth of a stage's layers are alive at the peak of the 1F1B schedule
// (interleaved when vpp > 1): min(p, M) on the first stage, p − 1 on the second, 1 on the last,
// M = b/(dp·m) micro-batches per step. A factor on (layers on the stage × activationBytesPerLayer).
double inFlightMicroBatches(const Parallel &parallel, const Batch &batch, PipelineStage stage);

// Transformer layers one GPU of a stage holds (all its virtual chunks): the rounded-up share of
// L over pp, chunks of unequal size dealt out evenly. When the split counts the embedding and the
// loss as one layer each (software.embedding_in_pipeline_split), L + 2 slots are shared out and
// the first and last stages give one slot each to them. An end stage with its own count
// (parallel.first/last_stage_layers) holds that many, and the other stages share the rest.
double layersOnStage(const ModelShape &model, const Parallel &parallel, const Software &software,
                     PipelineStage stage);

// Parameters (count, not bytes) one GPU of the stage holds before ZeRO sharding: its layers'
// share under TP, plus the token embedding on the first stage and lm_head on the last.
double paramsPerGpu(const ModelShape &model, const Parallel &parallel, const Software &software,
                    PipelineStage stage);

// Memory of one GPU of the given stage.
MemoryBreakdown stageMemory(const Scenario &sc, PipelineStage stage);

// Memory of the busiest GPU: the largest of the first, the second and the last pipeline stage.
MemoryBreakdown memoryPerGpu(const Scenario &sc);

} // namespace mfu::engine
