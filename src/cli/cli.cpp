#include "cli.h"

#include "commands.h"
#include "input_file.h"
#include "engine/evaluate.h"
#include "io/eval_output.h"
#include "io/preset_library.h"
#include "io/scenario_io.h"

#include <iostream>
#include <sstream>

#ifndef MFU_VERSION
#define MFU_VERSION "0.0.0"
#endif

namespace mfu::cli {
namespace {

// The usage text in pieces: a build without a window leaves out what needs one.
constexpr const char *kUsageWindow = R"(
  mfu-explorer [SCENARIO.json]                   open the explorer window)";
constexpr const char *kUsageEvalSearch = R"(
  mfu-explorer --eval SCENARIO.json|-            evaluation JSON (mfu-explorer/eval@1) on stdout
  mfu-explorer --search SCENARIO.json|- [--top N]
                                                 every legal layout of the scenario's GPUs that
                                                 fits, fastest first (mfu-explorer/search@1;
                                                 the best N, default 20))";
constexpr const char *kUsageReport = R"(
  mfu-explorer --report SCENARIO.json|- -o OUT.png|.svg|.pdf [--size WxH]
                                                 the dashboard with a caption, rendered off
                                                 screen whatever QT_QPA_PLATFORM says (PNG at
                                                 twice WxH pixels; default 1600x1000))";
constexpr const char *kUsageRest = R"(
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
                                                 attention_efficiency (or _flash3, the kernel
                                                 the runs' stack uses), dp_overlap (those the
                                                 runs depend on, no more knobs than runs);
                                                 --save-preset saves the fitted device as user
                                                 preset ID
  mfu-explorer --list-presets                    the model, hardware, software and scenario
                                                 presets
  mfu-explorer --version                         print the version
  mfu-explorer --help                            this text
)";
constexpr const char *kUsageNoWindow = R"(
This build has no window (configured with MFU_BUILD_GUI=OFF): no explorer window, no --report.
)";
constexpr const char *kUsageExit = R"(
Exit status: 0 success, 2 bad input (one line on stderr names the file and field),
1 internal error or output that could not be written. "-" reads the scenario from
standard input.
User presets are read from )";

int evalCommand(const std::string &file, std::istream &in, std::ostream &out, std::ostream &err)
{
    const auto loaded = loadScenario(file, in, err);
    if (!loaded)
        return kExitBadInput;
    out << io::evaluationToJson(loaded->scenario, loaded->evaluation).dump(2) << '\n';
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
    text << "software:\n";
    for (const std::string &id : lib.softwareIds())
        text << "  " << id << "  " << lib.software(id)->software.name << '\n';
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

namespace {

int dispatch(const std::vector<std::string> &args, std::istream &in, std::ostream &out,
             std::ostream &err, const ReportRenderer *report)
{
    if (args.empty())
        return usageError(err, "no command given");
    const std::string &command = args[0];
    if (command == "--help" || command == "-h") {
        out << "Usage:" << (report ? kUsageWindow : "") << kUsageEvalSearch
            << (report ? kUsageReport : "") << kUsageRest << (report ? "" : kUsageNoWindow)
            << kUsageExit << io::PresetLibrary::userFolder() << "\n";
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
        return reportCommand(args, in, err, report);
    return usageError(err, "unknown option " + command);
}

} // namespace

int runHeadless(const std::vector<std::string> &args, std::istream &in, std::ostream &out,
                std::ostream &err, const ReportRenderer *report)
{
    try {
        const int code = dispatch(args, in, out, err, report);
        // Output that never reached its file (a full disk, a closed pipe) must not pass for a
        // success: a script would go on with a truncated or empty result.
        out.flush();
        if (!out) {
            err << "mfu-explorer: cannot write the output (standard output is full or closed)\n";
            return kExitInternal;
        }
        return code;
    } catch (const std::exception &e) {
        err << "mfu-explorer: internal error: " << printable(e.what()) << '\n';
        return kExitInternal;
    }
}

int runWithoutWindow(const std::vector<std::string> &args, std::istream &in, std::ostream &out,
                     std::ostream &err)
{
    if (isHeadless(args))
        return runHeadless(args, in, out, err);
    err << "mfu-explorer: " << kNoWindow << "; --help lists the commands it has\n";
    return kExitBadInput;
}

} // namespace mfu::cli
