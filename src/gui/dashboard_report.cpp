#include "dashboard_report.h"

#include "dashboard_widget.h"
#include "exporter.h"
#include "scenario_document.h"

#include <QApplication>
#include <cstdlib>
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

// Where Qt's messages go while a report is drawn, and what its platform loader said last while
// the application started: Qt ends a platform that cannot start with a fatal message, which
// aborts, and the report turns it into one line and the command line's bad-input status.
std::ostream *qtMessages = nullptr;
bool startingApplication = false;
QString platformProblem;
constexpr int kExitBadInput = 2; // cli::kExitBadInput

void reportQtMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    // "Could not find the Qt platform plugin …" names the cause; the fatal message after it
    // only says that no platform could start.
    if (startingApplication && context.category && qstrncmp(context.category, "qt.qpa", 6) == 0)
        platformProblem = message;
    if (type == QtFatalMsg && startingApplication) {
        *qtMessages << "mfu-explorer: --report draws with Qt's offscreen platform, which cannot "
                       "start: "
                    << oneLine(platformProblem.isEmpty() ? message : platformProblem) << '\n';
        qtMessages->flush();
        // Before the dashboard exists, so no file has been touched; nothing else is pending.
        std::_Exit(kExitBadInput);
    }
    // Qt's start-up chatter off screen (runtime folder, size hints) is no news to the user, and
    // stderr stays clean for scripts; critical messages still pass.
    if (type == QtCriticalMsg || type == QtFatalMsg)
        *qtMessages << "mfu-explorer: " << oneLine(message) << '\n';
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
    qtMessages = &err;
    const QtMessageHandler previousHandler = qInstallMessageHandler(reportQtMessage);
    struct RestoreHandler
    {
        QtMessageHandler handler;
        ~RestoreHandler() { qInstallMessageHandler(handler); }
    } restoreHandler{previousHandler};

    std::unique_ptr<QApplication> app;
    if (!QCoreApplication::instance()) {
        // Off screen whatever QT_QPA_PLATFORM names: the report then looks the same on every
        // machine, whatever its screen's scale, and needs no display at all. A platform the
        // session sets for its windows (xcb, wayland) would abort without its display, and one
        // that does not exist aborts anywhere.
        qputenv("QT_QPA_PLATFORM", "offscreen");
        static int argc = 1;
        static char name[] = "mfu-explorer";
        static char *argv[] = {name, nullptr};
        startingApplication = true;
        app = std::make_unique<QApplication>(argc, argv);
        startingApplication = false;
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
