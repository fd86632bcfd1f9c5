#pragma once

#include "engine/scenario.h"

namespace mfu::gui {

// Everything one undo step restores. The scenario carries the planning figures too; the
// wrapper leaves room for view settings that should undo with it.
struct DocumentState
{
    engine::Scenario scenario;

    bool operator==(const DocumentState &) const = default;
};

} // namespace mfu::gui
