#pragma once

#include "model.h"

namespace mfu::engine {

// Parameter counts (number of scalars, not bytes).
struct ParamCounts
{
    double total = 0;
    double embedding = 0;    // token table + learned position table: lookups, no matmul FLOPs
    double nonEmbedding = 0; // everything else, an untied lm_head included
    double perLayer = 0;     // one transformer layer (attention, MLP, its two norms)
    double lmHead = 0;       // 0 when tied to the token table
};

ParamCounts countParams(const ModelShape &model);

} // namespace mfu::engine
