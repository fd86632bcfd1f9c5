#pragma once

#include "document_state.h"

#include <QString>

#include <vector>

namespace mfu::gui {

// Every numeric knob the parameter panel shows as a slider with a spin box. The table keeps
// label, symbol, range, scale and snapping of each in one place, and reads and writes the
// document state, so that panel, undo and tests agree on what a field is.
enum class Field {
    GlobalBatch,
    SeqLen,
    MicroBatch,
    Hidden,
    Layers,
    Heads,
    KvHeads,
    HeadDim,
    FfnHidden,
    Vocab,
    Tp,
    Pp,
    Dp,
    Cp,
    Vpp,
    Gpus,
    PeakTflops,
    MemoryGib,
    MemoryBwGbs,
    IntraNodeGbs,
    InterNodeGbs,
    TokenBudget,
    PricePerGpuHour,
};

enum class Snap {
    Integer,       // any whole number
    PowerOfTwo,    // 1, 2, 4, ...
    Multiple64,    // 64, 128, ... (hidden sizes)
    Multiple128,   // 128, 256, ... (FFN sizes, vocabularies)
    Continuous,    // any value (bandwidths, prices)
};

enum class FieldGroup { Batch, Model, Parallel, Hardware, Planning, Conventions };

struct FieldInfo
{
    Field id;
    FieldGroup group;
    const char *key;    // dotted scenario path used in error messages ("model.heads")
    const char *symbol; // symbol of the derivation ("h", "ĥ", "TP"), UTF-8
    const char *label;  // untranslated; shown through tr()
    const char *tooltip;
    double min;
    double max;
    bool logScale;
    Snap snap;
};

const std::vector<FieldInfo> &scenarioFields();
const FieldInfo &fieldInfo(Field f);

// The field named by an engine error ("parallel.tp" → Tp); false when none matches.
bool fieldForErrorPath(const std::string &path, Field *out);

double fieldValue(const DocumentState &state, Field f);
// Sets a field, keeping dependent fields consistent the way a user expects: head_dim follows
// h/n while it was h/n, kv_heads follows heads for multi-head models, dp follows a GPU count.
void setFieldValue(DocumentState &state, Field f, double value);

// Rounds to the field's snapping grid and clamps to its range.
double snapFieldValue(const FieldInfo &info, double value);

// Where a slider moved to `wanted` should land: `wanted` itself when the scenario stays sound
// with it, else the nearest value on the field's grid that keeps it sound, looked for first in
// the direction of travel (a batch slider steps through multiples of DP·m instead of flashing
// a divisibility error at every other position). With no sound value nearby the field keeps
// its value. A scenario that is already unsound takes `wanted` as it is: the slider cannot
// tell which field the user means to fix, and the error stays shown at its field.
double sliderLandingValue(const DocumentState &state, Field f, double wanted);

} // namespace mfu::gui
