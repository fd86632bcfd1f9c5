#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace mfu::cli {

// Exit codes of every headless command.
enum ExitCode { kExitOk = 0, kExitInternal = 1, kExitBadInput = 2 };

// True when the arguments ask for a headless command (--eval, --help, ...), so that main()
// can answer before any QApplication exists and without a display.
bool isHeadless(const std::vector<std::string> &args);

// Runs a headless command. Output goes to `out` only on success, in one piece; every error is
// one line on `err` naming the file and field. `in` serves "-" arguments.
int runHeadless(const std::vector<std::string> &args, std::istream &in, std::ostream &out,
                std::ostream &err);

} // namespace mfu::cli
