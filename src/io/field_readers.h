#pragma once

#include "engine/efficiency_knobs.h"
#include "engine/hardware.h"
#include "engine/model.h"
#include "json_fields.h"
#include "scenario_schema.h"

#include <functional>
#include <string_view>

namespace mfu::io {

// Reads a key the schema marks Storage::ByHand from `fields`, the object that holds it.
using ByHandReader = std::function<void(const KeyInfo &, JsonFields &, engine::Scenario &)>;

// Reads every key of the schema under `section` ("" for a whole scenario, "model", …) from
// `fields`, the object at that section, in schema order, onto `sc`. Plain keys are read by
// their row (type, range, accessor); nested objects are opened and finished (unknown keys are
// errors) as their rows come; ByHand keys go to `byHand`. Throws InputError.
void readSection(JsonFields &fields, std::string_view section, engine::Scenario &sc,
                 const ByHandReader &byHand);

// The ByHand keys that scenario and preset files share: the model's family label, its head
// geometry (head_dim follows hidden/heads unless given, kv_heads follows heads for a
// multi-head base), and the efficiency knobs. Ignores other keys.
void readSharedByHand(const KeyInfo &info, JsonFields &fields, engine::Scenario &sc);

// Applies the model keys present in `fields` on top of `model`. Keeps head_dim = hidden/heads
// unless head_dim is given, and kv_heads = heads for a multi-head base when heads changes.
// Throws InputError.
void readModelFields(JsonFields &fields, engine::ModelShape &model);

// Applies the hardware keys present in `fields` (peaks, memory, links, `efficiency` with the
// knobs of engine::efficiencyKnobs()) on top of `hw`. Throws InputError.
void readHardwareFields(JsonFields &fields, engine::Hardware &hw);
// The same for a software preset's stack.
void readSoftwareFields(JsonFields &fields, engine::Software &software);

// Throws InputError unless `fields` has "schema" equal to `expected`.
void requireSchema(JsonFields &fields, std::string_view expected);

} // namespace mfu::io
