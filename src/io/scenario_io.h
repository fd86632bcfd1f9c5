#pragma once

#include "engine/result.h"
#include "engine/scenario.h"
#include "preset_library.h"

#include <nlohmann/json.hpp>

#include <string_view>

namespace mfu::io {

// The software preset a scenario without a software block runs on: the stack every scenario
// assumed before stacks had a block of their own.
inline constexpr const char *kStacklessSoftwarePreset = "pytorch-2023";

inline constexpr std::string_view kScenarioSchema = "mfu-explorer/scenario@1";

// The embedded default scenario (presets/scenarios/default.json), fully resolved.
const engine::Scenario &defaultScenario();

// Reads a scenario@1 document: presets first, then the explicit fields over them, then the
// default scenario for whatever is still missing; validated by the engine. The Error names
// the field ("parallel.tp") or the line of a syntax error.
engine::Result<engine::Scenario>
parseScenario(std::string_view text, const PresetLibrary &presets = PresetLibrary::instance());
engine::Result<engine::Scenario>
parseScenarioJson(const nlohmann::json &doc,
                  const PresetLibrary &presets = PresetLibrary::instance());

// Applies a scenario@1 document on top of `base` without validating the result (the window
// edits in steps, and the benchmark importer fills partial scenarios).
engine::Result<engine::Scenario> applyScenarioJson(const nlohmann::json &doc,
                                                   const engine::Scenario &base,
                                                   const PresetLibrary &presets);

// Every field written out, so the file reads back to the same scenario without presets.
nlohmann::ordered_json scenarioToJson(const engine::Scenario &sc);

} // namespace mfu::io
