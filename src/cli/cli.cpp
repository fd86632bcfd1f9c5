#include "cli.h"

#include "input_file.h"
#include "engine/calibration.h"
#include "engine/evaluate.h"
#include "engine/search.h"
#include "gui/dashboard_widget.h"
#include "gui/exporter.h"
#include "gui/scenario_document.h"
#include "io/benchmark_import.h"
#include "io/eval_output.h"
#include "io/field_readers.h"
#include "io/hardware_preset_writer.h"
#include "io/import_output.h"
#include "io/preset_library.h"
#include "io/scenario_io.h"
#include "io/search_output.h"

#include <QApplication>
#include <QUndoStack>

#include <charconv>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <sstream>

#ifndef MFU_VERSION
#define MFU_VERSION "0.0.0"
#endif

namespace mfu::cli {
namespace {

constexpr const char *kUsage = R"(Usage:
  mfu-explorer [SCENARIO.json]                   open the explorer window
  mfu-explorer --eval SCENARIO.json|-            evaluation JSON (mfu-explorer/eval@1) on stdout
  mfu-explorer --search SCENARIO.json|- [--top N]
                                                 every legal layout of the scenario's GPUs that
                                                 fits, fastest first (mfu-explorer/search@1;
                                                 the best N, default 20)
  mfu-explorer --report SCENARIO.json|- -o OUT.png|.svg|.pdf [--size WxH]
                                                 the dashboard with a caption, rendered headless
                                                 (PNG at twice WxH pixels; default 1600x1000)
  mfu-explorer --import FILE [--scenario SCENARIO.json]
                                                 imported benchmark timings with measured and
                                                 predicted MFU (mfu-explorer/import@1): the native
                                                 benchmarks@1 JSON or CSV, a Megatron-LM,
                                                 torchtitan or nanoGPT log, or a Hugging Face
                                                 trainer_state.json; what the file lacks comes
                                                 from the scenario (default: the embedded one)
  mfu-explorer --import FILE [--scenario SCENARIO.json] --fit [--knobs K1,K2,...]
               [--save-preset ID]
                                                 the hardware's efficiency knobs fitted to the
                                                 runs' step times (mfu-explorer/fit@1: knobs and
                                                 error before and after, knobs pinned at a limit);
                                                 default knobs gemm_max_efficiency,
                                                 attention_efficiency, dp_overlap (those the runs
                                                 depend on, no more knobs than runs);
                                                 --save-preset saves the fitted device as user
                                                 preset ID
  mfu-explorer --list-presets                    the model, hardware and scenario presets
  mfu-explorer --version                         print the version
  mfu-explorer --help                            this text

Exit status: 0 success, 2 bad input (one line on stderr names the file and field),
1 internal error. "-" reads the scenario from standard input.
User presets are read from )";

// One line on stderr: "mfu-explorer: FILE: FIELD: MESSAGE".
int badInput(std::ostream &err, const std::string &file, const engine::Error &error)
{
    std::string line = "mfu-explorer: ";
    if (!file.empty())
        line += (file == "-" ? std::string("<stdin>") : file) + ": ";
    line += error.toString();
    err << printable(line) << '\n';
    return kExitBadInput;
}

int usageError(std::ostream &err, const std::string &message)
{
    err << "mfu-explorer: " << printable(message) << " (see --help)\n";
    return kExitBadInput;
}

int evalCommand(const std::string &file, std::istream &in, std::ostream &out, std::ostream &err)
{
    const auto text = readInputFile(file, in);
    if (!text)
        return badInput(err, file, text.error());
    const auto scenario = io::parseScenario(*text);
    if (!scenario)
        return badInput(err, file, scenario.error());
    const auto evaluation = engine::evaluate(*scenario);
    if (!evaluation)
        return badInput(err, file, evaluation.error());
    out << io::evaluationToJson(*scenario, *evaluation).dump(2) << '\n';
    return kExitOk;
}

// --search FILE|- [--top N]: the scenario's model, batch, hardware and GPU count, every layout.
int searchCommand(const std::vector<std::string> &args, std::istream &in, std::ostream &out,
                  std::ostream &err)
{
    if (args.size() < 2 || (args[1].size() > 1 && args[1][0] == '-'))
        return usageError(err, "--search expects one scenario file or -");
    const std::string &file = args[1];
    engine::SearchOptions options;
    bool topGiven = false;
    for (std::size_t i = 2; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (a == "--top" && !topGiven && i + 1 < args.size()) {
            const std::string &value = args[++i];
            // Digits only: from_chars alone would take "3x" as 3 and "+3" as an error of its
            // own. Past INT_MAX every layout is kept anyway, so a larger count is clamped.
            const bool digits =
                !value.empty() && value.find_first_not_of("0123456789") == std::string::npos;
            long long top = 0;
            const std::errc ec =
                std::from_chars(value.data(), value.data() + value.size(), top).ec;
            if (!digits || (ec == std::errc() && top < 1))
                return usageError(err, "--top: expected a positive integer, found \"" + value +
                                           "\"");
            options.top = ec == std::errc() && top <= INT_MAX ? int(top) : INT_MAX;
            topGiven = true;
        } else if (a == "--top") {
            return usageError(err, a + (i + 1 < args.size() ? " given twice" : " expects a value"));
        } else {
            return usageError(err, "--search: unexpected argument " + a);
        }
    }

    const auto text = readInputFile(file, in);
    if (!text)
        return badInput(err, file, text.error());
    const auto scenario = io::parseScenario(*text);
    if (!scenario)
        return badInput(err, file, scenario.error());
    const auto result = engine::searchLayouts(*scenario, options);
    if (!result)
        return badInput(err, file, result.error());
    out << io::searchToJson(*result).dump(2) << '\n';
    return kExitOk;
}

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

engine::KnobSpec knobSpec(const io::KnobInfo &k)
{
    return {k.member, k.min, k.max, k.key};
}

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
    const auto &table = io::efficiencyKnobs();
    auto find = [&](const std::string &name) -> const io::KnobInfo * {
        for (const io::KnobInfo &k : table)
            if (name == k.key)
                return &k;
        return nullptr;
    };
    std::vector<engine::KnobSpec> knobs;
    if (!request.knobs.empty()) {
        std::size_t start = 0;
        while (true) {
            const std::size_t comma = request.knobs.find(',', start);
            const std::string name = request.knobs.substr(
                start, comma == std::string::npos ? std::string::npos : comma - start);
            const io::KnobInfo *k = find(name);
            if (!k) {
                std::string known;
                for (const io::KnobInfo &info : table)
                    if (std::string_view(info.key) != "fused_attention")
                        known += (known.empty() ? "" : ", ") + std::string(info.key);
                return usageError(err, "--knobs: unknown knob \"" + name + "\"; known: " + known);
            }
            // A switch between two attention kernels has no slope to follow.
            if (std::string_view(k->key) == "fused_attention")
                return usageError(err, "--knobs: fused_attention is a switch (fused kernel or "
                                       "not), not a knob a fit can move; set it in the scenario");
            knobs.push_back(knobSpec(*k));
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
            defaults.push_back(knobSpec(*find(name)));
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

// The report's page in logical pixels: below the minimum the dashboard, scaled down to fit,
// has text too small to read; above the maximum a 2x PNG no longer fits in memory comfortably.
constexpr int kReportMinWidth = 800, kReportMinHeight = 500, kReportMaxSide = 8000;

std::optional<std::pair<int, int>> parseSize(const std::string &text)
{
    static const std::regex pattern("([0-9]{1,5})x([0-9]{1,5})");
    std::smatch m;
    if (!std::regex_match(text, m, pattern))
        return std::nullopt;
    const int w = std::stoi(m[1].str()), h = std::stoi(m[2].str());
    if (w < kReportMinWidth || h < kReportMinHeight || w > kReportMaxSide || h > kReportMaxSide)
        return std::nullopt;
    return std::pair{w, h};
}

// --report FILE|- -o OUT [--size WxH]: the dashboard the window shows, drawn without a window.
// Every check that can fail on the input runs before the application object exists, so bad
// input costs no platform start-up and never leaves a file behind.
int reportCommand(const std::vector<std::string> &args, std::istream &in, std::ostream &err)
{
    if (args.size() < 2 || (args[1].size() > 1 && args[1][0] == '-'))
        return usageError(err, "--report expects one scenario file or -");
    const std::string &file = args[1];
    std::string output;
    std::pair<int, int> size{1600, 1000};
    bool sizeGiven = false;
    for (std::size_t i = 2; i < args.size(); ++i) {
        const std::string &a = args[i];
        if ((a == "-o" || a == "--output") && output.empty() && i + 1 < args.size()) {
            output = args[++i];
        } else if (a == "--size" && !sizeGiven && i + 1 < args.size()) {
            const auto parsed = parseSize(args[++i]);
            if (!parsed)
                return usageError(err, "--size: expected WxH such as 1600x1000, from " +
                                           std::to_string(kReportMinWidth) + "x" +
                                           std::to_string(kReportMinHeight) + " to " +
                                           std::to_string(kReportMaxSide) + "x" +
                                           std::to_string(kReportMaxSide) + "; found \"" + args[i] +
                                           "\"");
            size = *parsed;
            sizeGiven = true;
        } else if (a == "-o" || a == "--output" || a == "--size") {
            return usageError(err, a + (i + 1 < args.size() ? " given twice" : " expects a value"));
        } else {
            return usageError(err, "--report: unexpected argument " + a);
        }
    }
    if (output.empty())
        return usageError(err, "--report needs -o OUT.png|.svg|.pdf");
    const QString outPath = QString::fromLocal8Bit(output.c_str());
    if (const auto format = gui::checkExportFormat(outPath); !format)
        return badInput(err, output, format.error());

    const auto text = readInputFile(file, in);
    if (!text)
        return badInput(err, file, text.error());
    const auto scenario = io::parseScenario(*text);
    if (!scenario)
        return badInput(err, file, scenario.error());
    const auto evaluation = engine::evaluate(*scenario);
    if (!evaluation)
        return badInput(err, file, evaluation.error());

    // Qt's start-up chatter off screen (runtime folder, size hints) is no news to the user, and
    // stderr stays clean for scripts; critical messages still pass.
    static std::ostream *qtMessages = nullptr;
    qtMessages = &err;
    const QtMessageHandler previousHandler = qInstallMessageHandler(
        [](QtMsgType type, const QMessageLogContext &, const QString &message) {
            if (type == QtCriticalMsg || type == QtFatalMsg)
                *qtMessages << "mfu-explorer: " << printable(message.toStdString()) << '\n';
        });
    struct RestoreHandler
    {
        QtMessageHandler handler;
        ~RestoreHandler() { qInstallMessageHandler(handler); }
    } restoreHandler{previousHandler};

    std::unique_ptr<QApplication> app;
    if (!QCoreApplication::instance()) {
        // Off screen unless the user chose a platform: the report then looks the same on
        // every machine, whatever its screen's scale, and needs no display at all.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        static int argc = 1;
        static char name[] = "mfu-explorer";
        static char *argv[] = {name, nullptr};
        app = std::make_unique<QApplication>(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("mfu-explorer"));
        QCoreApplication::setOrganizationName(QStringLiteral("mfu-explorer"));
    } else if (!qobject_cast<QApplication *>(QCoreApplication::instance())) {
        err << "mfu-explorer: internal error: --report needs a widgets application\n";
        return kExitInternal;
    }

    gui::ScenarioDocument document;
    document.replaceState(gui::DocumentState{*scenario}, QString());
    document.undoStack()->clear();
    gui::DashboardWidget dashboard(&document);
    const auto written = gui::exportWidget(&dashboard, gui::captionFor(*scenario), outPath,
                                           QSize(size.first, size.second));
    if (!written)
        return badInput(err, output, written.error());
    return kExitOk;
}

int listPresets(std::ostream &out)
{
    const io::PresetLibrary &lib = io::PresetLibrary::instance();
    std::ostringstream text;
    text << "models:\n";
    for (const std::string &id : lib.modelIds())
        text << "  " << id << "  " << lib.model(id)->name << '\n';
    text << "hardware:\n";
    for (const std::string &id : lib.hardwareIds())
        text << "  " << id << "  " << lib.hardware(id)->hardware.name << '\n';
    text << "scenarios:\n";
    for (const std::string &id : lib.scenarioIds())
        text << "  " << id << '\n';
    for (const std::string &w : lib.loadWarnings())
        text << "warning: " << w << '\n';
    out << text.str();
    return kExitOk;
}

} // namespace

bool isHeadless(const std::vector<std::string> &args)
{
    for (const std::string &a : args)
        if (a.size() > 1 && a[0] == '-')
            return true;
    return false;
}

int runHeadless(const std::vector<std::string> &args, std::istream &in, std::ostream &out,
                std::ostream &err)
{
    try {
        if (args.empty())
            return usageError(err, "no command given");
        const std::string &command = args[0];
        if (command == "--help" || command == "-h") {
            out << kUsage << io::PresetLibrary::userFolder() << "\n";
            return kExitOk;
        }
        if (command == "--version") {
            out << "mfu-explorer " << MFU_VERSION << '\n';
            return kExitOk;
        }
        if (command == "--list-presets") {
            if (args.size() != 1)
                return usageError(err, "--list-presets takes no argument");
            return listPresets(out);
        }
        if (command == "--eval") {
            if (args.size() != 2)
                return usageError(err, "--eval expects one scenario file or -");
            return evalCommand(args[1], in, out, err);
        }
        if (command == "--import")
            return importCommand(args, in, out, err);
        if (command == "--search")
            return searchCommand(args, in, out, err);
        if (command == "--report")
            return reportCommand(args, in, err);
        return usageError(err, "unknown option " + command);
    } catch (const std::exception &e) {
        err << "mfu-explorer: internal error: " << printable(e.what()) << '\n';
        return kExitInternal;
    }
}

} // namespace mfu::cli
