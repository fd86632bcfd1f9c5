#include "fit_output.h"

namespace mfu::io {

using nlohmann::ordered_json;

ordered_json fitToJson(const KnobFit &fit, const std::string &label,
                       const std::optional<std::string> &savedPreset)
{
    const KnobFitPlan &plan = fit.plan;
    const engine::CalibrationResult &r = fit.result;
    ordered_json doc;
    doc["schema"] = kFitSchema;
    doc["file"] = label;
    doc["hardware"] = plan.hardwareId;
    ordered_json knobValues = ordered_json::object();
    for (std::size_t j = 0; j < plan.knobs.size(); ++j)
        knobValues[plan.knobs[j].name] = {{"before", r.before[j]}, {"after", r.after[j]}};
    doc["knobs"] = std::move(knobValues);
    doc["error"] = {{"median_abs_rel_before", r.medianAbsRelErrorBefore},
                    {"median_abs_rel_after", r.medianAbsRelErrorAfter},
                    {"rms_log_before", r.rmsLogErrorBefore},
                    {"rms_log_after", r.rmsLogErrorAfter}};
    doc["converged"] = r.converged;
    doc["iterations"] = r.iterations;
    // Pinned at a limit: the runs want more than the knob can physically give, so the model
    // lacks a term for them. Unidentified: no run depends on the knob; it kept its value.
    doc["at_bound"] = r.atBound;
    doc["unidentified"] = r.unidentified;
    ordered_json runList = ordered_json::array();
    for (std::size_t i = 0; i < plan.samples.size(); ++i)
        runList.push_back({{"label", plan.labels[i]},
                           {"measured_step_time_s", plan.samples[i].measuredStepTimeS},
                           {"predicted_before_s", r.stepTimeBeforeS[i]},
                           {"predicted_after_s", r.stepTimeAfterS[i]}});
    doc["runs"] = std::move(runList);
    doc["saved_preset"] = savedPreset ? ordered_json(*savedPreset) : ordered_json(nullptr);
    return doc;
}

} // namespace mfu::io
