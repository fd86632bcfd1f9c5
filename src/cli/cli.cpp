#include "cli.h"

#include "input_file.h"
#include "engine/evaluate.h"
#include "engine/search.h"
#include "gui/dashboard_widget.h"
#include "gui/exporter.h"
#include "gui/scenario_document.h"
#include "io/benchmark_import.h"
#include "io/eval_output.h"
#include "io/import_output.h"
#include "io/preset_library.h"
#include "io/scenario_io.h"
#include "io/search_output.h"

#include <QApplication>
#include <QUndoStack>

#include <charconv>
#include <climits>
#include <iostream>
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

// --import FILE|- [--scenario SCENARIO.json|-]: benchmark timings beside the predictions. The
// scenario fills what the file does not say (model shape, GPU count, hardware).
int importCommand(const std::vector<std::string> &args, std::istream &in, std::ostream &out,
                  std::ostream &err)
{
    if (args.size() < 2 || (args[1].size() > 1 && args[1][0] == '-'))
        return usageError(err, "--import expects one benchmark file or -");
    const std::string &file = args[1];
    std::string scenarioFile;
    for (std::size_t i = 2; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (a == "--scenario" && scenarioFile.empty() && i + 1 < args.size())
            scenarioFile = args[++i];
        else if (a == "--scenario")
            return usageError(err, a + (i + 1 < args.size() ? " given twice" : " expects a value"));
        else
            return usageError(err, "--import: unexpected argument " + a);
    }
    if (file == "-" && scenarioFile == "-")
        return usageError(err, "--import and --scenario cannot both read standard input");

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
