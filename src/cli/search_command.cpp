#include "cli.h"
#include "commands.h"
#include "input_file.h"
#include "engine/search.h"
#include "io/scenario_io.h"
#include "io/search_output.h"

#include <charconv>
#include <iostream>
#include <string>
#include <vector>

namespace mfu::cli {

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
            const std::errc ec = std::from_chars(value.data(), value.data() + value.size(), top).ec;
            if (!digits || (ec == std::errc() && top < 1))
                return usageError(err,
                                  "--top: expected a positive integer, found \"" + value + "\"");
            options.top = ec == std::errc() && top <= INT_MAX ? int(top) : INT_MAX;
            topGiven = true;
        } else if (a == "--top") {
            return usageError(err, a + (i + 1 < args.size() ? " given twice" : " expects a value"));
        } else {
            return usageError(err, "--search: unexpected argument " + a);
        }
    }

    const auto loaded = loadScenario(file, in, err);
    if (!loaded)
        return kExitBadInput;
    const auto result = engine::searchLayouts(loaded->scenario, options);
    if (!result)
        return badInput(err, file, result.error());
    out << io::searchToJson(*result).dump(2) << '\n';
    return kExitOk;
}

} // namespace mfu::cli
