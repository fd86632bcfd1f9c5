#include "cli.h"
#include "commands.h"
#include "io/save_target.h"

#include <optional>
#include <ostream>
#include <regex>
#include <string>
#include <utility>
#include <vector>

namespace mfu::cli {

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
// Every check that can fail on the input runs before the renderer starts the application, so
// bad input costs no platform start-up and never leaves a file behind.
int reportCommand(const std::vector<std::string> &args, std::istream &in, std::ostream &err,
                  const ReportRenderer *renderer)
{
    if (!renderer) {
        err << "mfu-explorer: --report draws the window's dashboard, and " << kNoWindow << '\n';
        return kExitBadInput;
    }
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
    if (const auto format = renderer->checkFormat(output); !format)
        return badInput(err, output, format.error());
    if (const auto target = io::saveTarget(output); !target)
        return badInput(err, output, target.error());

    const auto loaded = loadScenario(file, in, err);
    if (!loaded)
        return kExitBadInput;
    const auto written = renderer->render(loaded->scenario, output, size.first, size.second, err);
    if (!written)
        return badInput(err, output, written.error());
    return kExitOk;
}

} // namespace mfu::cli
