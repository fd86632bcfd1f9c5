#pragma once

#include "knob_fit.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace mfu::io {

inline constexpr std::string_view kFitSchema = "mfu-explorer/fit@1";

// The fit@1 document: {schema, file, hardware, knobs: {NAME: {before, after}}, error:
// {median_abs_rel_before, median_abs_rel_after, rms_log_before, rms_log_after}, converged,
// iterations, at_bound, unidentified, runs: [{label, measured_step_time_s, predicted_before_s,
// predicted_after_s}], saved_preset}. `file` is `label`; saved_preset is the path of the preset
// written from the fit, or null.
nlohmann::ordered_json fitToJson(const KnobFit &fit, const std::string &label,
                                 const std::optional<std::string> &savedPreset);

} // namespace mfu::io
