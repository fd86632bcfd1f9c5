#include "cli.h"
#include "commands.h"
#include "input_file.h"
#include "engine/evaluate.h"
#include "gui/dashboard_widget.h"
#include "gui/exporter.h"
#include "gui/scenario_document.h"
#include "io/scenario_io.h"

#include <QApplication>
#include <QUndoStack>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <regex>
#include <string>
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

    const auto loaded = loadScenario(file, in, err);
    if (!loaded)
        return kExitBadInput;
    const engine::Scenario *scenario = &loaded->scenario;

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

} // namespace mfu::cli
