#pragma once

#include "engine/evaluate.h"
#include "engine/scenario.h"

#include <nlohmann/json.hpp>

#include <string_view>

namespace mfu::io {

inline constexpr std::string_view kEvalSchema = "mfu-explorer/eval@1";

// The eval@1 document: fractions (not percent), FLOPs as plain numbers, null where the model
// has no figure (no measured block, or a time/memory model not evaluated).
// One utilisation row ({mfu, hfu, tokens_per_s, tflops_per_gpu, step_time_s}), or null: the
// shape of `measured` and `predicted` in every output format.
nlohmann::ordered_json utilizationToJson(const std::optional<engine::Utilization> &u);

nlohmann::ordered_json evaluationToJson(const engine::Scenario &sc, const engine::Evaluation &ev);

} // namespace mfu::io
