#include "cli.h"
#include "commands.h"
#include "input_file.h"
#include "io/scenario_io.h"

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

std::optional<LoadedScenario> loadScenario(const std::string &file, std::istream &in,
                                           std::ostream &err)
{
    const auto text = readInputFile(file, in);
    if (!text) {
        badInput(err, file, text.error());
        return std::nullopt;
    }
    auto scenario = io::parseScenario(*text);
    if (!scenario) {
        badInput(err, file, scenario.error());
        return std::nullopt;
    }
    auto evaluation = engine::evaluate(*scenario);
    if (!evaluation) {
        badInput(err, file, evaluation.error());
        return std::nullopt;
    }
    return LoadedScenario{std::move(scenario).value(), std::move(evaluation).value()};
}

} // namespace mfu::cli
