#pragma once

#include "engine/evaluate.h"
#include "engine/scenario.h"

#include <nlohmann/json.hpp>

#include <string_view>

namespace mfu::io {

inline constexpr std::string_view kEvalSchema = "mfu-explorer/eval@1";

// The eval@1 document: fractions (not percent), FLOPs as plain numbers, null where the model
// has no figure (no measured block, or a time/memory model not evaluated).
nlohmann::ordered_json evaluationToJson(const engine::Scenario &sc, const engine::Evaluation &ev);

} // namespace mfu::io
