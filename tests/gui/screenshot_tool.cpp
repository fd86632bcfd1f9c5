// Renders the main window (or one tab) to a PNG without a display, for README screenshots
// and for looking at a change: screenshot_tool OUT.png [SCENARIO.json] [WxH] [tab-index]
#include "gui/mainwindow.h"

#include <QApplication>
#include <QLocale>
#include <QTranslator>
#include <QTabWidget>

#include <cstdio>

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("mfu-explorer-screenshot"));
    if (argc < 2) {
        std::fprintf(stderr, "usage: screenshot_tool OUT.png [SCENARIO.json] [WxH] [tab]\n");
        return 2;
    }
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("mfu-explorer"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);
    mfu::gui::MainWindow window;
    if (argc > 2 && argv[2][0] != '\0' && !window.openFile(QString::fromLocal8Bit(argv[2])))
        return 2;
    int w = 1600, h = 1000;
    if (argc > 3)
        std::sscanf(argv[3], "%dx%d", &w, &h);
    window.resize(w, h);
    window.show();
    if (argc > 4)
        if (auto *tabs = window.findChild<QTabWidget *>())
            tabs->setCurrentIndex(std::atoi(argv[4]));
    for (int i = 0; i < 5; ++i)
        QApplication::processEvents();
    const QPixmap pixmap = window.grab();
    return pixmap.save(QString::fromLocal8Bit(argv[1])) ? 0 : 1;
}
