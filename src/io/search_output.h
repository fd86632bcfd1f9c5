#pragma once

#include "engine/search.h"

#include <nlohmann/json.hpp>
#include <string_view>

namespace mfu::io {

inline constexpr std::string_view kSearchSchema = "mfu-explorer/search@1";

// The search@1 document: {schema, evaluated, feasible, layouts: [{tp, pp, dp, cp, vpp,
// micro_batch, recompute, sequence_parallel, zero, step_time_s, mfu, memory_per_gpu_bytes,
// fits}]}, layouts fastest first; MFU a fraction, memory of the busiest GPU in bytes.
nlohmann::ordered_json searchToJson(const engine::SearchResult &result);

} // namespace mfu::io
