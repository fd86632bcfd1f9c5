#pragma once

#include "engine/result.h"
#include "engine/scenario.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace mfu::cli {

// Exit codes of every headless command.
enum ExitCode
{
    kExitOk = 0,
    kExitInternal = 1,
    kExitBadInput = 2
};

// What --report needs from the window's library: the dashboard drawn into a file. The command
// line checks the arguments and reads the scenario itself, so that it needs no widgets; a build
// without a window has no renderer, and --report then says so.
struct ReportRenderer
{
    // Whether `path` names a format the renderer writes; the error names the suffix found and
    // those expected. Called before any work, so that a wrong name costs nothing.
    engine::Result<bool> (*checkFormat)(const std::string &path) = nullptr;
    // Draws the dashboard of `scenario` with its caption into `path`, `width`×`height` logical
    // pixels. Needs no display. The error says what went wrong without repeating the path.
    engine::Result<bool> (*render)(const engine::Scenario &scenario, const std::string &path,
                                   int width, int height, std::ostream &err) = nullptr;
};

// True when the arguments ask for a headless command (--eval, --help, ...), so that main()
// can answer before any QApplication exists and without a display.
bool isHeadless(const std::vector<std::string> &args);

// Runs a headless command. Output goes to `out` only on success, in one piece; every error is
// one line on `err` naming the file and field. `in` serves "-" arguments. Without `report`,
// --help leaves the window and --report out, and --report answers that there is no window.
int runHeadless(const std::vector<std::string> &args, std::istream &in, std::ostream &out,
                std::ostream &err, const ReportRenderer *report = nullptr);

// The whole command line of a build without a window: the headless commands, and one error
// line (exit status 2) where the window is asked for (no arguments, or a scenario to open).
int runWithoutWindow(const std::vector<std::string> &args, std::istream &in, std::ostream &out,
                     std::ostream &err);

} // namespace mfu::cli
