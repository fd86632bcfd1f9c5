#pragma once

#include "engine/hardware.h"
#include "engine/model.h"
#include "json_fields.h"

namespace mfu::io {

// Applies the model keys present in `fields` on top of `model`. Keeps head_dim = hidden/heads
// unless head_dim is given, and kv_heads = heads for a multi-head base when heads changes.
// Throws InputError.
void readModelFields(JsonFields &fields, engine::ModelShape &model);

// Applies the hardware keys present in `fields` (peaks, memory, links, `efficiency`) on top
// of `hw`. Throws InputError.
void readHardwareFields(JsonFields &fields, engine::Hardware &hw);

// Throws InputError unless `fields` has "schema" equal to `expected`.
void requireSchema(JsonFields &fields, std::string_view expected);

// The efficiency knobs, table-driven so that reading, writing and documenting stay in step.
struct KnobInfo
{
    const char *key;
    double engine::EfficiencyKnobs::*member;
    double min;
    double max;
    const char *doc;
};
const std::vector<KnobInfo> &efficiencyKnobs();

} // namespace mfu::io
