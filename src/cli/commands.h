#pragma once

// The headless commands, one file each, behind runHeadless(). Each prints its output only on
// success, in one piece, and every error as one line on `err` naming the file and field.

#include "cli.h"
#include "engine/evaluate.h"
#include "engine/result.h"
#include "engine/scenario.h"

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace mfu::cli {

// "mfu-explorer: FILE: FIELD: MESSAGE" on one line; returns the bad-input exit code.
int badInput(std::ostream &err, const std::string &file, const engine::Error &error);
// "mfu-explorer: MESSAGE (see --help)"; returns the bad-input exit code.
int usageError(std::ostream &err, const std::string &message);

// A scenario file read, parsed and evaluated, as every command that takes one needs it.
struct LoadedScenario
{
    engine::Scenario scenario;
    engine::Evaluation evaluation;
};
// Prints the error line and returns nullopt when the file cannot be read, parsed or evaluated.
std::optional<LoadedScenario> loadScenario(const std::string &file, std::istream &in,
                                           std::ostream &err);

int searchCommand(const std::vector<std::string> &args, std::istream &in, std::ostream &out,
                  std::ostream &err);
int importCommand(const std::vector<std::string> &args, std::istream &in, std::ostream &out,
                  std::ostream &err);
// --report with `renderer` drawing the dashboard; nullptr: a build without a window.
int reportCommand(const std::vector<std::string> &args, std::istream &in, std::ostream &err,
                  const ReportRenderer *renderer);

// Why --report and the window are refused where main() has no window to give.
inline constexpr const char *kNoWindow =
    "this build has no window (configured with MFU_BUILD_GUI=OFF)";

} // namespace mfu::cli
