// Window benchmarks.
//   gui_update: one slider step → the document re-evaluates and every visible view recomputes
//               and replots (the MFU curve's 200-point sweep included), median.
//   startup:    the real binary from process start to its first painted window, median.
// Usage: bench_gui [gui_update|startup]   (both when no name is given; one alone for profiling)
#include "bench_util.h"

#include "gui/curves_view.h"
#include "gui/dashboard_widget.h"
#include "gui/mainwindow.h"
#include "gui/parameter_panel.h"
#include "gui/scenario_document.h"

#include <QUndoStack>

#include <QApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QSlider>

#include <qcustomplot.h>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

double guiUpdateMs()
{
    mfu::gui::MainWindow window;
    window.resize(1600, 1000);
    window.show();
    QApplication::processEvents();
    QSlider *slider = window.parameterPanel()->slider(mfu::gui::Field::GlobalBatch);
    std::vector<double> samples;
    for (int i = 0; i < 61; ++i) {
        QElapsedTimer timer;
        timer.start();
        // Alternate between two positions so every step is a real change.
        slider->setValue(slider->value() + (i % 2 ? -40 : 40));
        // The views queue one replot each (as a drag does); the event loop runs them and
        // paints the window.
        QApplication::processEvents();
        QApplication::processEvents();
        samples.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    // The figure is only meaningful with the full curve drawn.
    const int points = window.dashboard()->curves()->pointCount();
    if (points < 200)
        std::fprintf(stderr, "bench_gui: the MFU curve had %d points, not 200\n", points);
    std::nth_element(samples.begin(), samples.begin() + samples.size() / 2, samples.end());
    window.document()->undoStack()->setClean();
    return samples[samples.size() / 2];
}

double startupMs(const QString &binary)
{
    std::vector<double> samples;
    for (int i = 0; i < 7; ++i) {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("MFU_EXPLORER_EXIT_AFTER_FIRST_PAINT"), QStringLiteral("1"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(env);
        QElapsedTimer timer;
        timer.start();
        process.start(binary, {});
        process.waitForFinished(30000);
        samples.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::nth_element(samples.begin(), samples.begin() + samples.size() / 2, samples.end());
    return samples[samples.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("mfu-explorer-bench"));
    const QString only = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (!only.isEmpty() && only != QLatin1String("gui_update") &&
        only != QLatin1String("startup")) {
        std::fprintf(stderr, "bench_gui: unknown benchmark '%s' (gui_update or startup)\n",
                     argv[1]);
        return 2;
    }
    if (only.isEmpty() || only == QLatin1String("gui_update"))
        bench::report("gui_update", guiUpdateMs(), "ms");
    if (only.isEmpty() || only == QLatin1String("startup"))
        bench::report("startup", startupMs(QStringLiteral(MFU_EXPLORER_BINARY)), "ms");
    return 0;
}
