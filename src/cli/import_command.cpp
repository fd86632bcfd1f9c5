#include "cli.h"
#include "commands.h"
#include "input_file.h"
#include "engine/calibration.h"
#include "engine/evaluate.h"
#include "io/benchmark_import.h"
#include "io/hardware_preset_writer.h"
#include "io/import_output.h"
#include "io/preset_library.h"
#include "io/scenario_io.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace mfu::cli {

// What --fit was asked for.
struct FitRequest
{
    bool fit = false;
    std::string knobs;  // comma-separated knob names; empty: the default set
    std::string saveAs; // user hardware preset id; empty: nothing saved
};

// The knobs a fit starts from when none are named: the two compute efficiencies that set most
// of every step, then the overlap that decides what data-parallel traffic costs.
constexpr const char *kDefaultFitKnobs[] = {"gemm_max_efficiency", "attention_efficiency",
                                            "dp_overlap"};

// An engine error about "runs[i]" told with the run's label, as the import output tells it.
engine::Error aboutRun(const engine::Error &e, const std::vector<io::ImportedRun> &runs)
{
    if (e.field.rfind("runs[", 0) != 0)
        return e;
    const std::size_t close = e.field.find(']');
    const std::size_t index = std::size_t(std::atoll(e.field.c_str() + 5));
    if (close == std::string::npos || index >= runs.size())
        return e;
    std::string rest = e.field.substr(close + 1);
    if (!rest.empty() && rest.front() == '.')
        rest.erase(0, 1);
    return {rest, "run \"" + runs[index].label + "\": " + e.message};
}

// --fit: the hardware knobs that make the model's step times match the imported ones, printed
// as mfu-explorer/fit@1 and, with --save-preset, saved as a user hardware preset.
int fitImported(const io::ImportResult &imported, const std::string &file, const std::string &label,
                const FitRequest &request, std::ostream &out, std::ostream &err)
{
    std::vector<engine::KnobSpec> knobs;
    if (!request.knobs.empty()) {
        std::size_t start = 0;
        while (true) {
            const std::size_t comma = request.knobs.find(',', start);
            const std::string name = request.knobs.substr(
                start, comma == std::string::npos ? std::string::npos : comma - start);
            const engine::KnobSpec *k = engine::findKnob(name);
            if (!k) {
                std::string known;
                for (const engine::KnobSpec &info : engine::efficiencyKnobs())
                    if (std::string_view(info.name) != "fused_attention")
                        known += (known.empty() ? "" : ", ") + std::string(info.name);
                return usageError(err, "--knobs: unknown knob \"" + name + "\"; known: " + known);
            }
            // A switch between two attention kernels has no slope to follow.
            if (std::string_view(k->name) == "fused_attention")
                return usageError(err, "--knobs: fused_attention is a switch (fused kernel or "
                                       "not), not a knob a fit can move; set it in the scenario");
            knobs.push_back(*k);
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
    }

    const std::vector<io::ImportedRun> &runs = imported.runs;
    if (runs.empty())
        return badInput(err, file, {"", "no runs to fit the knobs to"});
    // The fit is for one cluster: one set of knobs for every run.
    for (const io::ImportedRun &run : runs)
        if (run.scenario.hardwarePreset != runs.front().scenario.hardwarePreset ||
            run.scenario.hardware.name != runs.front().scenario.hardware.name)
            return badInput(err, file,
                            {"hardware", "run \"" + run.label + "\" is on " +
                                             run.scenario.hardware.name + ", run \"" +
                                             runs.front().label + "\" on " +
                                             runs.front().scenario.hardware.name +
                                             ": fit one device at a time"});
    std::vector<engine::CalibrationSample> samples;
    for (const io::ImportedRun &run : runs)
        samples.push_back({run.scenario, run.stepTimeS});

    if (knobs.empty()) {
        std::vector<engine::KnobSpec> defaults;
        for (const char *name : kDefaultFitKnobs)
            defaults.push_back(*engine::findKnob(name));
        // Only what the runs can tell apart: a knob no run depends on, or more knobs than runs,
        // would leave the fit free to put anything there.
        knobs = engine::identifiableKnobs(samples, defaults);
        if (knobs.size() > samples.size())
            knobs.resize(samples.size());
        if (knobs.empty())
            return badInput(err, file,
                            {"knobs", "no run depends on gemm_max_efficiency, "
                                      "attention_efficiency or dp_overlap; name the knobs "
                                      "with --knobs"});
    }

    const auto fit = engine::calibrate(samples, knobs);
    if (!fit)
        return badInput(err, file, aboutRun(fit.error(), runs));

    const engine::Scenario &first = runs.front().scenario;
    const std::string hardwareId =
        first.hardwarePreset.empty() ? first.hardware.name : first.hardwarePreset;
    nlohmann::ordered_json saved = nullptr;
    if (!request.saveAs.empty()) {
        engine::Hardware hw = first.hardware;
        for (std::size_t j = 0; j < knobs.size(); ++j)
            hw.knobs.*knobs[j].member = fit->after[j];
        hw.name += " (fitted)";
        std::map<std::string, std::string> sources;
        if (const io::HardwarePreset *preset = io::PresetLibrary::instance().hardware(hardwareId))
            sources = preset->sources;
        char summary[160];
        std::snprintf(summary, sizeof summary,
                      "median |error| of the step time %.1f%% before, %.1f%% after.",
                      100 * fit->medianAbsRelErrorBefore, 100 * fit->medianAbsRelErrorAfter);
        std::string names;
        for (const engine::KnobSpec &k : knobs)
            names += (names.empty() ? "" : ", ") + std::string(k.name);
        const std::string previous = sources["efficiency"];
        sources["efficiency"] =
            "Fitted by mfu-explorer --fit (" + names + ") to " + std::to_string(runs.size()) +
            " runs of " + label + ": " + summary +
            (previous.empty() ? "" : " Other knobs as in " + hardwareId + ": " + previous);
        const auto path = io::saveUserHardwarePreset(request.saveAs, hw, sources);
        if (!path)
            return badInput(err, request.saveAs, path.error());
        saved = *path;
    }

    using nlohmann::ordered_json;
    ordered_json doc;
    doc["schema"] = "mfu-explorer/fit@1";
    doc["file"] = label;
    doc["hardware"] = hardwareId;
    ordered_json knobValues = ordered_json::object();
    for (std::size_t j = 0; j < knobs.size(); ++j)
        knobValues[knobs[j].name] = {{"before", fit->before[j]}, {"after", fit->after[j]}};
    doc["knobs"] = std::move(knobValues);
    doc["error"] = {{"median_abs_rel_before", fit->medianAbsRelErrorBefore},
                    {"median_abs_rel_after", fit->medianAbsRelErrorAfter},
                    {"rms_log_before", fit->rmsLogErrorBefore},
                    {"rms_log_after", fit->rmsLogErrorAfter}};
    doc["converged"] = fit->converged;
    doc["iterations"] = fit->iterations;
    // Pinned at a limit: the runs want more than the knob can physically give, so the model
    // lacks a term for them. Unidentified: no run depends on the knob; it kept its value.
    doc["at_bound"] = fit->atBound;
    doc["unidentified"] = fit->unidentified;
    ordered_json runList = ordered_json::array();
    for (std::size_t i = 0; i < runs.size(); ++i)
        runList.push_back({{"label", runs[i].label},
                           {"measured_step_time_s", runs[i].stepTimeS},
                           {"predicted_before_s", fit->stepTimeBeforeS[i]},
                           {"predicted_after_s", fit->stepTimeAfterS[i]}});
    doc["runs"] = std::move(runList);
    doc["saved_preset"] = std::move(saved);
    // Labels come from the file and may hold invalid UTF-8 (a CSV from a legacy encoding).
    out << doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
    return kExitOk;
}

// --import FILE|- [--scenario SCENARIO.json|-] [--fit [--knobs K,...] [--save-preset ID]]:
// benchmark timings beside the predictions, or the knobs fitted to them. The scenario fills
// what the file does not say (model shape, GPU count, hardware).
int importCommand(const std::vector<std::string> &args, std::istream &in, std::ostream &out,
                  std::ostream &err)
{
    if (args.size() < 2 || (args[1].size() > 1 && args[1][0] == '-'))
        return usageError(err, "--import expects one benchmark file or -");
    const std::string &file = args[1];
    std::string scenarioFile;
    FitRequest fit;
    bool knobsGiven = false, saveGiven = false;
    for (std::size_t i = 2; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (a == "--scenario" && scenarioFile.empty() && i + 1 < args.size())
            scenarioFile = args[++i];
        else if (a == "--fit" && !fit.fit)
            fit.fit = true;
        else if (a == "--knobs" && !knobsGiven && i + 1 < args.size())
            fit.knobs = args[++i], knobsGiven = true;
        else if (a == "--save-preset" && !saveGiven && i + 1 < args.size())
            fit.saveAs = args[++i], saveGiven = true;
        else if (a == "--fit")
            return usageError(err, "--fit given twice");
        else if (a == "--scenario" || a == "--knobs" || a == "--save-preset")
            return usageError(err, a + (i + 1 < args.size() ? " given twice" : " expects a value"));
        else
            return usageError(err, "--import: unexpected argument " + a);
    }
    if (file == "-" && scenarioFile == "-")
        return usageError(err, "--import and --scenario cannot both read standard input");
    if ((knobsGiven || saveGiven) && !fit.fit)
        return usageError(err, std::string(knobsGiven ? "--knobs" : "--save-preset") +
                                   " goes with --fit");
    if (knobsGiven && fit.knobs.empty())
        return usageError(err, "--knobs expects knob names separated by commas");
    if (saveGiven && fit.saveAs.empty())
        return usageError(err, "--save-preset expects a preset id");

    engine::Scenario base = io::defaultScenario();
    if (!scenarioFile.empty()) {
        const auto scenarioText = readInputFile(scenarioFile, in);
        if (!scenarioText)
            return badInput(err, scenarioFile, scenarioText.error());
        const auto scenario = io::parseScenario(*scenarioText);
        if (!scenario)
            return badInput(err, scenarioFile, scenario.error());
        base = *scenario;
    }
    const auto text = readInputFile(file, in);
    if (!text)
        return badInput(err, file, text.error());
    const std::string label = file == "-" ? "<stdin>" : file;
    const auto imported = io::importBenchmarks(*text, label, base, io::PresetLibrary::instance());
    if (!imported)
        return badInput(err, file, imported.error());
    if (fit.fit)
        return fitImported(*imported, file, label, fit, out, err);
    const auto doc = io::importToJson(*imported, label);
    if (!doc)
        return badInput(err, file, doc.error());
    // Labels come from the file and may hold invalid UTF-8 (a CSV from a legacy encoding).
    out << doc->dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
    return kExitOk;
}

} // namespace mfu::cli
