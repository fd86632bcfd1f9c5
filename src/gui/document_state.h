#pragma once

#include "engine/scenario.h"

#include <cstdint>

namespace mfu::gui {

// Everything one undo step restores. The scenario carries the planning figures too; the
// wrapper leaves room for view settings that should undo with it.
struct DocumentState
{
    engine::Scenario scenario;
    // The GPU count a planner owns, held while TP, PP and CP change: they move DP instead
    // (Edit ▸ Hold GPU Count). 0: not held, DP stays and the count follows the layout.
    std::int64_t heldGpus = 0;

    bool operator==(const DocumentState &) const = default;
};

} // namespace mfu::gui
