#pragma once

#include "model.h"

namespace mfu::engine {

// Parameter counts (number of scalars, not bytes).
struct ParamCounts
{
    // Every parameter of the model as its authors count it: multi-token-prediction modules
    // are trained beside it but left out (DeepSeek-V3: 671B, and 14B of MTP on top).
    double total = 0;
    // What one token runs through: routed experts at top-k of E, everything else in full.
    // Equal to total for a dense model.
    double active = 0;
    double embedding = 0;    // token table + learned position table: lookups, no matmul FLOPs
    double nonEmbedding = 0; // everything else, an untied lm_head included
    double activeNonEmbedding = 0;
    double perLayer = 0;      // one layer with a dense MLP (attention, MLP, its two norms)
    double perMoeLayer = 0;   // one MoE layer (attention, router, every expert, norms); 0 if dense
    double routedExperts = 0; // the routed experts of one MoE layer, all E of them
    double mtp = 0;           // the multi-token-prediction modules together
    double lmHead = 0;        // 0 when tied to the token table
};

ParamCounts countParams(const ModelShape &model);

// Parts of one layer, for the memory model's sharding. Biases are included where the model
// has them; norms of the attention block's latents (MLA) count with attention.
double attentionParams(const ModelShape &model);    // projections of one layer
double layerNormParams(const ModelShape &model);    // the two norms around attention and MLP
double denseMlpParams(const ModelShape &model);     // one dense MLP of ffn_hidden
double sharedExpertParams(const ModelShape &model); // the shared experts of one MoE layer
double routedExpertParams(const ModelShape &model); // one routed expert
double routerParams(const ModelShape &model);       // h·E (+E with biases)

} // namespace mfu::engine
