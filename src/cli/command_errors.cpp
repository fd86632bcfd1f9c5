#include "cli.h"
#include "commands.h"
#include "input_file.h"

#include <ostream>

namespace mfu::cli {

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

} // namespace mfu::cli
