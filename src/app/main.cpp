// mfu-explorer: headless commands are answered before any QApplication exists, so they need
// no display (--report starts its own, off screen); otherwise the explorer window opens.
#include "cli/cli.h"
#include "gui/dashboard_report.h"
#include "gui/mainwindow.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char *argv[])
{
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (mfu::cli::isHeadless(args)) {
        const mfu::cli::ReportRenderer report{&mfu::gui::checkReportFormat,
                                              &mfu::gui::renderDashboardReport};
        return mfu::cli::runHeadless(args, std::cin, std::cout, std::cerr, &report);
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("mfu-explorer"));
    QApplication::setOrganizationName(QStringLiteral("mfu-explorer"));
    // Qt's own strings (dialog buttons) and ours, in the system language when we have it.
    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("mfu-explorer"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);
    mfu::gui::MainWindow window;
    const QStringList files = QApplication::arguments().mid(1);
    if (!files.isEmpty())
        window.openFile(files.first());
    else
        window.restoreLastState();
    window.show();
    // For the start-up benchmark: quit once the window has painted for the first time.
    if (qEnvironmentVariableIsSet("MFU_EXPLORER_EXIT_AFTER_FIRST_PAINT"))
        QTimer::singleShot(0, &app, [&window] {
            window.repaint();
            QApplication::quit();
        });
    return app.exec();
}
