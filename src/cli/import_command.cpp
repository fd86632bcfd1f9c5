#include "cli.h"
#include "commands.h"
#include "input_file.h"
#include "engine/evaluate.h"
#include "io/benchmark_import.h"
#include "io/fit_output.h"
#include "io/hardware_preset_writer.h"
#include "io/import_output.h"
#include "io/knob_fit.h"
#include "io/preset_library.h"
#include "io/scenario_io.h"

#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mfu::cli {

// What --fit was asked for.
struct FitRequest
{
    bool fit = false;
    std::string knobs;  // comma-separated knob names; empty: the default set
    std::string saveAs; // user hardware preset id; empty: nothing saved
};

// --fit: the hardware knobs that make the model's step times match the imported ones, printed
// as mfu-explorer/fit@1 and, with --save-preset, saved as a user hardware preset.
int fitImported(const io::ImportResult &imported, const std::string &file, const std::string &label,
                const FitRequest &request, std::ostream &out, std::ostream &err)
{
    std::vector<engine::KnobSpec> knobs;
    if (!request.knobs.empty()) {
        auto named = io::parseKnobList(request.knobs);
        if (!named)
            return usageError(err, "--knobs: " + named.error().message);
        knobs = std::move(named).value();
    }
    auto plan = io::planKnobFit(imported.runs, std::move(knobs));
    if (!plan) {
        engine::Error error = plan.error();
        // Only the default knobs can leave nothing to fit; other knobs may still be named.
        if (error.field == "knobs")
            error.message += "; name the knobs with --knobs";
        return badInput(err, file, error);
    }
    const auto fit = io::runKnobFit(std::move(plan).value());
    if (!fit)
        return badInput(err, file, fit.error());

    std::optional<std::string> saved;
    if (!request.saveAs.empty()) {
        const io::FittedHardware fitted = io::fittedHardware(*fit, label);
        const auto path =
            io::saveUserHardwarePreset(request.saveAs, fitted.hardware, fitted.sources);
        if (!path)
            return badInput(err, request.saveAs, path.error());
        saved = *path;
    }
    // Labels come from the file and may hold invalid UTF-8 (a CSV from a legacy encoding).
    out << io::fitToJson(*fit, label, saved)
               .dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
        << '\n';
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
