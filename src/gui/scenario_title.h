#pragma once

#include "engine/scenario.h"

#include <QString>

namespace mfu::gui {

// What the window, the Derivation heading, exports and saves call a scenario: its own name
// when it has one, else a name from its contents that follows every edit, e.g.
// "Llama 3 70B · 2,048 × H100 SXM5 80GB · TP8 PP4 DP64 · s 8192 · selective".
QString scenarioTitle(const engine::Scenario &sc);

// The name from the contents alone, whatever the scenario's own name.
QString contentsTitle(const engine::Scenario &sc);

} // namespace mfu::gui
