#include "dashboard_report.h"

#include "dashboard_widget.h"
#include "exporter.h"
#include "scenario_document.h"

#include <QApplication>
#include <memory>
#include <ostream>
#include <stdexcept>

namespace mfu::gui {

namespace {

// A message on one readable line: control characters (a newline inside Qt's text) become '?'.
std::string oneLine(QString text)
{
    for (QChar &c : text)
        if (c == QLatin1Char('\t'))
            c = QLatin1Char(' ');
        else if (c.category() == QChar::Other_Control)
            c = QLatin1Char('?');
    return text.toStdString();
}

} // namespace

engine::Result<bool> checkReportFormat(const std::string &path)
{
    return checkExportFormat(QString::fromLocal8Bit(path.c_str()));
}

engine::Result<bool> renderDashboardReport(const engine::Scenario &scenario,
                                           const std::string &path, int width, int height,
                                           std::ostream &err)
{
    // Qt's start-up chatter off screen (runtime folder, size hints) is no news to the user, and
    // stderr stays clean for scripts; critical messages still pass.
    static std::ostream *qtMessages = nullptr;
    qtMessages = &err;
    const QtMessageHandler previousHandler = qInstallMessageHandler(
        [](QtMsgType type, const QMessageLogContext &, const QString &message) {
            if (type == QtCriticalMsg || type == QtFatalMsg)
                *qtMessages << "mfu-explorer: " << oneLine(message) << '\n';
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
        throw std::logic_error("--report needs a widgets application");
    }

    ScenarioDocument document;
    document.reset(DocumentState{scenario});
    DashboardWidget dashboard(&document);
    return exportWidget(&dashboard, captionFor(scenario), QString::fromLocal8Bit(path.c_str()),
                        QSize(width, height));
}

} // namespace mfu::gui
