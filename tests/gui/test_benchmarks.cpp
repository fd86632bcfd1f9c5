// Imported timings in the window: the Benchmarks table, the overlay on the MFU curve, the
// reference runs, loading a run, keeping earlier imports after a bad file, and the fit.
#include "gui/benchmark_store.h"
#include "gui/benchmarks_view.h"
#include "gui/curves_view.h"
#include "gui/dashboard_widget.h"
#include "gui/fit_dialog.h"
#include "gui/mainwindow.h"
#include "gui/parameter_panel.h"
#include "gui/scenario_document.h"

#include "io/preset_library.h"

#include <QCheckBox>
#include <QHeaderView>
#include <QComboBox>
#include <QFile>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace mfu::gui;

namespace {
QString fixture(const char *name)
{
    return QStringLiteral(MFU_TEST_DATA_DIR "/import/") + QString::fromLatin1(name);
}
} // namespace

class TestBenchmarks : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1600, 1000);
        m_window->show();
        // The native fixture trains Llama 3 8B: put the curve on the same model.
        m_window->document()->applyModelPreset(QStringLiteral("llama3-8b"));
    }

    void cleanup()
    {
        m_window->document()->undoStack()->setClean();
        m_window.reset();
    }

    void importFillsTableAndCurve()
    {
        QVERIFY(m_window->importTimings(fixture("native.json")));
        const QAbstractItemModel *table = m_window->benchmarksView()->table()->model();
        const int runs = int(m_window->benchmarks()->importedRuns().size());
        QVERIFY(runs >= 2);
        QCOMPARE(table->rowCount(), runs);
        // Every run has a measured and a predicted step time and an error.
        for (int r = 0; r < table->rowCount(); ++r)
            QVERIFY(table->index(r, 8).data().toString() != QStringLiteral("—"));
        // The runs train the curve's model, so they are drawn on it.
        QCOMPARE(m_window->dashboard()->curves()->measuredPointCount(), runs);
        // A different model leaves the curve alone.
        m_window->document()->applyModelPreset(QStringLiteral("gpt2"));
        QCOMPARE(m_window->dashboard()->curves()->measuredPointCount(), 0);
    }

    // Until a header is clicked the table keeps the order runs came in: imported ones first, in
    // file order, then the reference set.
    void tableStartsInImportOrder()
    {
        QVERIFY(m_window->importTimings(fixture("native.json")));
        m_window->benchmarksView()->referenceToggle()->setChecked(true);
        const QTableView *view = m_window->benchmarksView()->table();
        QCOMPARE(view->horizontalHeader()->sortIndicatorSection(), -1);
        const auto &imported = m_window->benchmarks()->importedRuns();
        for (int r = 0; r < int(imported.size()); ++r)
            QCOMPARE(view->model()->index(r, 0).data().toString(),
                     QString::fromStdString(imported[std::size_t(r)].run.label));
        QCOMPARE(view->model()->index(int(imported.size()), 1).data().toString(),
                 QStringLiteral("published runs"));
    }

    void badFileKeepsEarlierImports()
    {
        QVERIFY(m_window->benchmarks()
                    ->importFile(fixture("native.json"), m_window->document()->scenario())
                    .ok());
        const auto before = m_window->benchmarks()->importedRuns().size();
        const QByteArray scenario = m_window->document()->toJson();
        for (const char *bad :
             {"truncated.json", "empty.log", "csv_not_a_number.csv", "megatron_no_timing.log"}) {
            const auto result =
                m_window->benchmarks()->importFile(fixture(bad), m_window->document()->scenario());
            QVERIFY2(!result.ok(), bad);
            QVERIFY(!result.error().toString().empty());
        }
        QCOMPARE(m_window->benchmarks()->importedRuns().size(), before);
        QCOMPARE(m_window->document()->toJson(), scenario);
    }

    void referenceRunsCanBeShown()
    {
        QCheckBox *toggle = m_window->benchmarksView()->referenceToggle();
        toggle->setChecked(true);
        const QAbstractItemModel *table = m_window->benchmarksView()->table()->model();
        QVERIFY2(table->rowCount() > 200, qPrintable(QString::number(table->rowCount())));
        // "Where does Llama 3 405B sit?": its published runs land on the 405B curve.
        m_window->document()->applyModelPreset(QStringLiteral("llama3-405b"));
        QVERIFY(m_window->dashboard()->curves()->measuredPointCount() >= 3);
        toggle->setChecked(false);
        QCOMPARE(table->rowCount(), 0);
    }

    void activatingARunLoadsItsScenario()
    {
        QVERIFY(m_window->importTimings(fixture("native.json")));
        QTableView *table = m_window->benchmarksView()->table();
        const auto &run = m_window->benchmarks()->importedRuns().front().run;
        int row = -1;
        for (int r = 0; r < table->model()->rowCount(); ++r)
            if (table->model()->index(r, 0).data().toString() == QString::fromStdString(run.label))
                row = r;
        QVERIFY(row >= 0);
        emit table->activated(table->model()->index(row, 0));
        QCOMPARE(m_window->document()->scenario().batch.globalBatch,
                 run.scenario.batch.globalBatch);
        QCOMPARE(m_window->document()->scenario().parallel.dp, run.scenario.parallel.dp);
        // It is one undoable step.
        m_window->document()->undoStack()->undo();
        QVERIFY(m_window->document()->scenario().batch.globalBatch !=
                    run.scenario.batch.globalBatch ||
                m_window->document()->scenario().parallel.dp != run.scenario.parallel.dp);
    }

    void fitImprovesOrKeepsTheError()
    {
        QVERIFY(m_window->importTimings(fixture("native.json")));
        FitDialog dialog(m_window->document(), m_window->benchmarks());
        QVERIFY2(dialog.result().has_value(), qPrintable(dialog.message()));
        const auto &r = *dialog.result();
        // Least squares on log(step time): the RMS error can only go down.
        QVERIFY(r.rmsLogErrorAfter <= r.rmsLogErrorBefore + 1e-12);
        dialog.apply();
        QVERIFY(m_window->document()->isModified());
        // Saving writes a user preset the library reads back.
        QTemporaryDir dir;
        qputenv("MFU_EXPLORER_PRESETS", dir.path().toLocal8Bit());
        const auto saved = dialog.saveAsPreset(QStringLiteral("h100-fitted"));
        qunsetenv("MFU_EXPLORER_PRESETS");
        QVERIFY2(saved.ok(), saved.ok() ? "" : saved.error().toString().c_str());
        QFile file(QString::fromStdString(saved.value()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto preset =
            mfu::io::parseHardwarePreset("h100-fitted", file.readAll().toStdString());
        QVERIFY(preset.ok());
        QCOMPARE(preset->hardware.knobs.gemmMaxEfficiency,
                 m_window->document()->scenario().hardware.knobs.gemmMaxEfficiency);
        // The running program offers it at once, without a restart.
        const mfu::io::HardwarePreset *known =
            mfu::io::PresetLibrary::instance().hardware("h100-fitted");
        QVERIFY(known);
        QCOMPARE(known->hardware.knobs.gemmMaxEfficiency, preset->hardware.knobs.gemmMaxEfficiency);
        QComboBox *picker = m_window->parameterPanel()->hardwarePresetBox();
        QCOMPARE(picker->findData(QStringLiteral("h100-fitted")), -1);
        const QString before = picker->currentText();
        m_window->parameterPanel()->reloadPresets();
        QVERIFY(picker->findData(QStringLiteral("h100-fitted")) >= 0);
        QCOMPARE(picker->currentText(), before); // the scenario's preset stays selected
    }

    void fitDialogSavesWhatTheCommandLineSaves()
    {
        // The dialog and --fit share one fit: the runs' device, named "… (fitted)", with the
        // sources of its preset and one text saying what was fitted to which file.
        QVERIFY(m_window->importTimings(fixture("native.csv")));
        FitDialog dialog(m_window->document(), m_window->benchmarks());
        QVERIFY2(dialog.result().has_value(), qPrintable(dialog.message()));
        QTemporaryDir dir;
        qputenv("MFU_EXPLORER_PRESETS", dir.path().toLocal8Bit());
        const auto saved = dialog.saveAsPreset(QStringLiteral("cluster-a"));
        qunsetenv("MFU_EXPLORER_PRESETS");
        QVERIFY2(saved.ok(), saved.ok() ? "" : saved.error().toString().c_str());
        QFile file(QString::fromStdString(saved.value()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto preset = mfu::io::parseHardwarePreset("cluster-a", file.readAll().toStdString());
        QVERIFY(preset.ok());
        const mfu::io::HardwarePreset *base =
            mfu::io::PresetLibrary::instance().hardware("h100-sxm");
        QVERIFY(base);
        QCOMPARE(QString::fromStdString(preset->hardware.name),
                 QString::fromStdString(base->hardware.name) + QStringLiteral(" (fitted)"));
        QCOMPARE(preset->sources.at("peak_tflops"), base->sources.at("peak_tflops"));
        const QString efficiency = QString::fromStdString(preset->sources.at("efficiency"));
        QVERIFY2(efficiency.startsWith(QStringLiteral("Fitted by mfu-explorer --fit (")),
                 qPrintable(efficiency));
        QVERIFY2(efficiency.contains(
                     QStringLiteral(") to 3 runs of native.csv: median |error| of the step time ")),
                 qPrintable(efficiency));
        QVERIFY2(efficiency.contains(QStringLiteral("Other knobs as in h100-sxm: ")),
                 qPrintable(efficiency));
    }

private:
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestBenchmarks)
#include "test_benchmarks.moc"
