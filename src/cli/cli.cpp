#include "cli.h"

#include "input_file.h"
#include "engine/evaluate.h"
#include "io/benchmark_import.h"
#include "io/eval_output.h"
#include "io/import_output.h"
#include "io/preset_library.h"
#include "io/scenario_io.h"

#include <iostream>
#include <sstream>

#ifndef MFU_VERSION
#define MFU_VERSION "0.0.0"
#endif

namespace mfu::cli {
namespace {

constexpr const char *kUsage = R"(Usage:
  mfu-explorer [SCENARIO.json]                   open the explorer window
  mfu-explorer --eval SCENARIO.json|-            evaluation JSON (mfu-explorer/eval@1) on stdout
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
        return usageError(err, "unknown option " + command);
    } catch (const std::exception &e) {
        err << "mfu-explorer: internal error: " << printable(e.what()) << '\n';
        return kExitInternal;
    }
}

} // namespace mfu::cli
