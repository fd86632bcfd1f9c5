// Renders the main window to a PNG without a display, for README screenshots and for looking
// at a change:
//   screenshot_tool OUT.png [--scenario FILE] [--size WxH] [--tab N] [--model PRESET]
//                   [--import FILE] [--reference] [--axis N] [--baseline-dp N]
//                   [--field KEY=VALUE]   (a scenario field as the panel sets it,
//                   "model.kv_heads=3") [--scroll-end]
#include "gui/benchmark_store.h"
#include "gui/benchmarks_view.h"
#include "gui/curves_view.h"
#include "gui/dashboard_widget.h"
#include "gui/mainwindow.h"
#include "gui/scenario_document.h"
#include "gui/scenario_fields.h"

#include <QApplication>
#include <QCheckBox>
#include <QLocale>
#include <QScrollBar>
#include <QTextBrowser>
#include <QTabWidget>
#include <QTranslator>
#include <QUndoStack>

#include <cstdio>

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("mfu-explorer-screenshot"));
    const QStringList args = QApplication::arguments().mid(1);
    if (args.isEmpty()) {
        std::fprintf(stderr,
                     "usage: screenshot_tool OUT.png [--scenario FILE] [--size WxH] [--tab N] "
                     "[--model PRESET] [--import FILE] [--reference] [--axis N] [--baseline-dp N] "
                     "[--field KEY=VALUE]\n");
        return 2;
    }
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("mfu-explorer"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    mfu::gui::MainWindow window;
    int w = 1600, h = 1000;
    auto value = [&](int &i) { return i + 1 < args.size() ? args[++i] : QString(); };
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == QLatin1String("--scenario") && !window.openFile(value(i)))
            return 2;
        if (a == QLatin1String("--size"))
            std::sscanf(value(i).toLatin1().constData(), "%dx%d", &w, &h);
        if (a == QLatin1String("--tab"))
            window.findChild<QTabWidget *>()->setCurrentIndex(value(i).toInt());
        if (a == QLatin1String("--model"))
            window.document()->applyModelPreset(value(i));
        if (a == QLatin1String("--import") && !window.importTimings(value(i)))
            return 2;
        if (a == QLatin1String("--reference"))
            window.benchmarksView()->referenceToggle()->setChecked(true);
        if (a == QLatin1String("--axis"))
            window.dashboard()->curves()->setAxis(mfu::engine::SweepAxis(value(i).toInt()));
        if (a == QLatin1String("--field")) {
            const QStringList kv = value(i).split(QLatin1Char('='));
            bool known = false;
            for (const mfu::gui::FieldInfo &info : mfu::gui::scenarioFields())
                if (kv.size() == 2 && kv[0] == QLatin1String(info.path)) {
                    window.document()->setField(info.key, kv[1].toDouble());
                    known = true;
                }
            if (!known) {
                std::fprintf(stderr, "screenshot_tool: unknown field in --field %s\n",
                             qPrintable(kv.join(QLatin1Char('='))));
                return 2;
            }
        }
        if (a == QLatin1String("--baseline-dp")) {
            window.document()->pinBaseline();
            window.document()->setField(mfu::gui::Field::Dp, value(i).toDouble());
        }
    }
    window.resize(w, h);
    window.show();
    for (int i = 0; i < 5; ++i)
        QApplication::processEvents();
    // --scroll-end: every text view shown at its end (the Derivation tab's last sections).
    if (args.contains(QLatin1String("--scroll-end"))) {
        for (QTextBrowser *browser : window.findChildren<QTextBrowser *>())
            browser->verticalScrollBar()->setValue(browser->verticalScrollBar()->maximum());
        QApplication::processEvents();
    }
    const QPixmap pixmap = window.grab();
    window.document()->undoStack()->setClean();
    return pixmap.save(args.first()) ? 0 : 1;
}
