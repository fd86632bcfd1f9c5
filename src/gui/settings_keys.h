#pragma once

#include <QLatin1StringView>

namespace mfu::gui::settings {

// Settings keys, declared where the window uses them.
inline constexpr QLatin1StringView kRecentFiles{"file/recent"};
inline constexpr QLatin1StringView kLastScenario{"session/lastScenario"};
inline constexpr QLatin1StringView kLastFile{"session/lastFile"};
inline constexpr QLatin1StringView kGeometry{"window/geometry"};
inline constexpr QLatin1StringView kWindowState{"window/state"};
inline constexpr int kMaxRecentFiles = 8;

} // namespace mfu::gui::settings
