#include "knob_fit.h"

#include <cstdio>
#include <cstdlib>
#include <utility>

namespace mfu::io {

using engine::Error;
using engine::KnobSpec;
using engine::Result;

namespace {

// A switch between two attention kernels: a fit has no slope to follow from one to the other.
constexpr std::string_view kSwitchKnob = "fused_attention";

// An engine error about "runs[i]" told with the run's label, as the import output tells it.
Error aboutRun(const Error &e, const std::vector<std::string> &labels)
{
    if (e.field.rfind("runs[", 0) != 0)
        return e;
    const std::size_t close = e.field.find(']');
    const std::size_t index = std::size_t(std::atoll(e.field.c_str() + 5));
    if (close == std::string::npos || index >= labels.size())
        return e;
    std::string rest = e.field.substr(close + 1);
    if (!rest.empty() && rest.front() == '.')
        rest.erase(0, 1);
    return {rest, "run \"" + labels[index] + "\": " + e.message};
}

} // namespace

Result<std::vector<KnobSpec>> parseKnobList(std::string_view list)
{
    std::vector<KnobSpec> knobs;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = list.find(',', start);
        const std::string_view name = list.substr(
            start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        if (name == kSwitchKnob)
            return Error{"knobs", "fused_attention is a switch of the stack (software.attention), "
                                  "not a knob a fit can move; set it in the scenario"};
        const KnobSpec *k = engine::findKnob(name);
        if (!k) {
            std::string known;
            for (const KnobSpec &info : engine::efficiencyKnobs())
                known += (known.empty() ? "" : ", ") + std::string(info.name);
            return Error{"knobs", "unknown knob \"" + std::string(name) + "\"; known: " + known};
        }
        knobs.push_back(*k);
        if (comma == std::string_view::npos)
            return knobs;
        start = comma + 1;
    }
}

Result<KnobFitPlan> planKnobFit(const std::vector<ImportedRun> &runs, std::vector<KnobSpec> knobs)
{
    if (runs.empty())
        return Error{"", "no runs to fit the knobs to"};
    const engine::Scenario &first = runs.front().scenario;
    for (const ImportedRun &run : runs)
        if (run.scenario.hardwarePreset != first.hardwarePreset ||
            run.scenario.hardware.name != first.hardware.name)
            return Error{"hardware", "run \"" + run.label + "\" is on " +
                                         run.scenario.hardware.name + ", run \"" +
                                         runs.front().label + "\" on " + first.hardware.name +
                                         ": fit one device at a time"};
    KnobFitPlan plan;
    for (const ImportedRun &run : runs) {
        plan.samples.push_back({run.scenario, run.stepTimeS});
        plan.labels.push_back(run.label);
    }
    plan.hardwareId = first.hardwarePreset.empty() ? first.hardware.name : first.hardwarePreset;
    if (knobs.empty()) {
        std::vector<KnobSpec> defaults;
        for (std::string_view name : kDefaultFitKnobs)
            defaults.push_back(*engine::findKnob(name));
        knobs = engine::identifiableKnobs(plan.samples, defaults);
        if (knobs.size() > plan.samples.size())
            knobs.resize(plan.samples.size());
        if (knobs.empty()) {
            std::string names;
            for (std::string_view name : kDefaultFitKnobs) {
                if (!names.empty())
                    names += name == std::end(kDefaultFitKnobs)[-1] ? " or " : ", ";
                names += name;
            }
            return Error{"knobs", "no run depends on " + names};
        }
    }
    plan.knobs = std::move(knobs);
    return plan;
}

Result<KnobFit> runKnobFit(KnobFitPlan plan)
{
    auto result = engine::calibrate(plan.samples, plan.knobs);
    if (!result)
        return aboutRun(result.error(), plan.labels);
    return KnobFit{std::move(plan), std::move(result).value()};
}

FittedHardware fittedHardware(const KnobFit &fit, const std::string &label,
                              const PresetLibrary &presets)
{
    const KnobFitPlan &plan = fit.plan;
    const engine::CalibrationResult &r = fit.result;
    FittedHardware out;
    out.hardware = plan.samples.front().scenario.hardware;
    for (std::size_t j = 0; j < plan.knobs.size(); ++j)
        out.hardware.knobs.*plan.knobs[j].member = r.after[j];
    out.hardware.name += kFittedNameSuffix;
    if (const HardwarePreset *preset = presets.hardware(plan.hardwareId))
        out.sources = preset->sources;
    char summary[160];
    std::snprintf(summary, sizeof summary,
                  "median |error| of the step time %.1f%% before, %.1f%% after.",
                  100 * r.medianAbsRelErrorBefore, 100 * r.medianAbsRelErrorAfter);
    std::string names;
    for (const KnobSpec &k : plan.knobs)
        names += (names.empty() ? "" : ", ") + std::string(k.name);
    const std::string previous = out.sources["efficiency"];
    out.sources["efficiency"] =
        "Fitted by mfu-explorer --fit (" + names + ") to " + std::to_string(plan.samples.size()) +
        " runs of " + label + ": " + summary +
        (previous.empty() ? "" : " Other knobs as in " + plan.hardwareId + ": " + previous);
    return out;
}

} // namespace mfu::io
