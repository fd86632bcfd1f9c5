#pragma once

#include "document_state.h"

#include "io/scenario_schema.h"

#include <QString>

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

double fieldValue(const DocumentState &state, Field f);
// Sets a field, keeping dependent fields consistent the way a user expects: head_dim follows
// h/n while it was h/n, kv_heads follows heads for multi-head models, dp follows a GPU count.
void setFieldValue(DocumentState &state, Field f, double value);

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
