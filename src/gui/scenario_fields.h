#pragma once

#include "document_state.h"

#include "io/scenario_schema.h"

#include "engine/result.h"

#include <QString>

#include <optional>
#include <vector>

namespace mfu::gui {

// The window's names for the scenario schema (io/scenario_schema.h): a field is a scenario
// key, and its row says how the panel shows it.
using Field = io::ScenarioKey;
using FieldInfo = io::KeyInfo;
using FieldGroup = io::PanelGroup;
using io::Snap;

// The keys the parameter panel shows as a slider with a spin box, in schema order.
const std::vector<FieldInfo> &scenarioFields();
const FieldInfo &fieldInfo(Field f);

// The slider field named by an engine error ("parallel.tp" → Tp, "hardware.peak_tflops.bf16" →
// PeakTflops); false when none matches.
bool fieldForErrorPath(const std::string &path, Field *out);

// Whether the panel shows the field for this scenario: the MoE rows for a mixture of experts,
// the MLA rows for latent attention, the others always.
bool fieldShown(const FieldInfo &info, const engine::Scenario &sc);

double fieldValue(const DocumentState &state, Field f);
// Sets a field, keeping dependent fields consistent the way a user expects: head_dim follows
// h/n while it was h/n, kv_heads follows heads for multi-head models, dp follows a GPU count.
// With a held GPU count, TP, PP and CP move DP (rounded down where they do not divide the
// count: layoutError then names them), and a DP or GPU-count edit is the new count held.
// The shared experts keep their width each (F_e each when there were none). 0 experts makes
// the model dense: the rest of the MoE block, EP and ETP go back to their dense values, as a
// kv_lora_rank of 0 clears the MLA block.
void setFieldValue(DocumentState &state, Field f, double value);

// What the held GPU count adds to the engine's validation: the first of tp, tp·pp, tp·pp·cp
// that does not divide it, named at its field. Empty when the count is not held or divides.
std::optional<engine::Error> heldGpusError(const DocumentState &state);

// The engine's validation, then heldGpusError.
std::optional<engine::Error> layoutError(const DocumentState &state);

// Rounds to the field's snapping grid and clamps to its slider's range.
double snapFieldValue(const FieldInfo &info, double value);

// A typed value as it is: whole for an integer key, within the range a file may give.
double typedFieldValue(const FieldInfo &info, double value);

// Where a slider moved to `wanted` should land: `wanted` itself when the scenario stays sound
// with it, else the nearest value on the field's grid that keeps it sound, looked for first in
// the direction of travel (a batch slider steps through multiples of DP·m instead of flashing
// a divisibility error at every other position). With no sound value nearby the field keeps
// its value. A scenario that is already unsound takes `wanted` as it is: the slider cannot
// tell which field the user means to fix, and the error stays shown at its field.
double sliderLandingValue(const DocumentState &state, Field f, double wanted);

} // namespace mfu::gui
