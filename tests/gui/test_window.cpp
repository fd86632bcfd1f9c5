// The explorer window, driven as a user would: sliders, spin boxes, presets, undo, files.
#include "gui/benchmark_store.h"
#include "gui/breakdown_view.h"
#include "gui/dashboard_widget.h"
#include "gui/headline_strip.h"
#include "gui/mainwindow.h"
#include "gui/parameter_panel.h"
#include "gui/exporter.h"
#include "gui/help_dialogs.h"
#include "gui/scenario_document.h"
#include "gui/scenario_title.h"
#include "gui/settings_keys.h"

#include "io/scenario_io.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QToolButton>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QScreen>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <sys/stat.h>

using namespace mfu::gui;

Q_DECLARE_METATYPE(mfu::gui::Field)

class TestWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // A user preset folder with one broken model, read when the library is first used.
        QVERIFY(QDir().mkpath(m_userPresets.filePath(QStringLiteral("models"))));
        QFile broken(m_userPresets.filePath(QStringLiteral("models/broken.json")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write(R"({"schema": "mfu-explorer/model@1", "hidden": 1024})");
        broken.close();
        qputenv("MFU_EXPLORER_PRESETS", QFile::encodeName(m_userPresets.path()));
    }

    // A user preset that fails to load does not vanish without a word: the status bar says how
    // many, and its tooltip and dialog why.
    void brokenUserPresetsAreSaid()
    {
        QToolButton *warnings = m_window->presetWarnings();
        QVERIFY(warnings);
        QVERIFY2(warnings->text().endsWith(QLatin1String(": 1")), qPrintable(warnings->text()));
        QVERIFY2(warnings->toolTip().contains(QLatin1String("broken.json")) &&
                     warnings->toolTip().contains(QLatin1String("heads")),
                 qPrintable(warnings->toolTip()));
        QCOMPARE(m_window->parameterPanel()->modelPresetBox()->findData(QStringLiteral("broken")),
                 -1);
    }

    void init()
    {
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1600, 1000);
        m_window->show();
    }

    void cleanup()
    {
        // Leave nothing modified so closing does not ask.
        m_window->document()->undoStack()->setClean();
        m_window.reset();
    }

    void everySliderMovesTheDocument_data()
    {
        QTest::addColumn<Field>("field");
        for (const FieldInfo &info : scenarioFields())
            QTest::newRow(info.path) << info.key;
    }

    void everySliderMovesTheDocument()
    {
        QFETCH(Field, field);
        loadModelFor(field);
        if (QTest::currentTestFailed())
            return;
        ScenarioDocument *doc = m_window->document();
        QSlider *slider = m_window->parameterPanel()->slider(field);
        QVERIFY(slider);
        const double before = fieldValue(doc->state(), field);
        QSignalSpy changed(doc, &ScenarioDocument::changed);
        // Move far enough that snapping cannot land on the same value; downwards where there is
        // room, since upwards a layout can run out of sound values (DP past the batch).
        const int target = slider->value() >= 300 ? slider->value() - 300 : slider->value() + 300;
        slider->setValue(target);
        QVERIFY(changed.count() >= 1);
        QVERIFY(fieldValue(doc->state(), field) != before);
        // The spin box follows the document.
        QDoubleSpinBox *spin = m_window->parameterPanel()->spinBox(field);
        const double shown = spin->value() * (field == Field::TokenBudget ? 1e9 : 1.0);
        QCOMPARE(shown, fieldValue(doc->state(), field));
    }

    void slidersLandOnSoundScenarios_data()
    {
        QTest::addColumn<Field>("field");
        for (const FieldInfo &info : scenarioFields())
            if (info.slider.snap != Snap::Continuous)
                QTest::newRow(info.path) << info.key;
    }

    // From a sound scenario, a slider lands only where the scenario stays sound: no position
    // of its whole range makes a divisibility error flash up while dragging.
    void slidersLandOnSoundScenarios()
    {
        QFETCH(Field, field);
        loadModelFor(field);
        if (QTest::currentTestFailed())
            return;
        ScenarioDocument *doc = m_window->document();
        QSlider *slider = m_window->parameterPanel()->slider(field);
        QVERIFY(doc->evaluation().ok());
        const DocumentState start = doc->state();
        for (int position = 0; position <= ParameterPanel::kSliderSteps; position += 25) {
            doc->replaceState(start, QStringLiteral("reset"));
            slider->setSliderDown(true);
            emit slider->sliderPressed();
            slider->setValue(position);
            slider->setSliderDown(false);
            emit slider->sliderReleased();
            // Let go, the slider shows where the value landed.
            QCOMPARE(slider->value(), ParameterPanel::sliderPosition(
                                          fieldInfo(field), fieldValue(doc->state(), field)));
            const auto &ev = doc->evaluation();
            QVERIFY2(ev.ok(),
                     qPrintable(QStringLiteral("position %1 → %2: %3")
                                    .arg(position)
                                    .arg(fieldValue(doc->state(), field))
                                    .arg(ev.ok() ? QString()
                                                 : QString::fromStdString(ev.error().toString()))));
        }
    }

    // The slider covers the usual range; the spin box shows every value a scenario may hold, and
    // a typed value is taken as it is (not snapped to the slider's grid).
    void spinBoxesShowTheValuesComputedWith()
    {
        ScenarioDocument *doc = m_window->document();
        ParameterPanel *panel = m_window->parameterPanel();
        doc->setField(Field::Layers, 100000);
        QCOMPARE(panel->spinBox(Field::Layers)->value(), 100000.0);
        QCOMPARE(panel->slider(Field::Layers)->value(), ParameterPanel::kSliderSteps);
        panel->spinBox(Field::SeqLen)->setValue(5000);
        QCOMPARE(doc->scenario().batch.seqLen, std::int64_t(5000));
        panel->spinBox(Field::Hidden)->setValue(8000);
        QCOMPARE(doc->scenario().model.hidden, std::int64_t(8000));
        panel->spinBox(Field::MemoryGib)->setValue(2000);
        QCOMPARE(doc->scenario().hardware.memoryGib, 2000.0);
    }

    // Every switch and choice of the panel is built from a schema row and edits that key, one
    // undo step each.
    void everySwitchMovesTheDocument()
    {
        ScenarioDocument *doc = m_window->document();
        ParameterPanel *panel = m_window->parameterPanel();
        QStringList seen;
        for (const FieldInfo &info : mfu::io::scenarioSchema()) {
            if (info.control != mfu::io::Control::Check && info.control != mfu::io::Control::Choice)
                continue;
            QWidget *control = panel->control(info.key);
            QVERIFY2(control, info.path);
            seen << QString::fromLatin1(info.path);
            const double before = fieldValue(doc->state(), info.key);
            if (auto *box = qobject_cast<QCheckBox *>(control)) {
                QCOMPARE(box->isChecked(), before != 0);
                box->click();
                QCOMPARE(fieldValue(doc->state(), info.key), before != 0 ? 0.0 : 1.0);
            } else {
                auto *combo = qobject_cast<QComboBox *>(control);
                QVERIFY2(combo, info.path);
                QCOMPARE(combo->currentData().toDouble(), before);
                const int other = (combo->currentIndex() + 1) % combo->count();
                combo->setCurrentIndex(other);
                emit combo->activated(other);
                QCOMPARE(fieldValue(doc->state(), info.key), combo->itemData(other).toDouble());
                QVERIFY(fieldValue(doc->state(), info.key) != before);
            }
            doc->undoStack()->undo();
            QCOMPARE(fieldValue(doc->state(), info.key), before);
        }
        QCOMPARE(seen.join(QLatin1Char(' ')),
                 QStringLiteral(
                     "model.gated_mlp model.tied_embeddings parallel.sequence_parallel "
                     "parallel.zero recompute precision software.attention software.elementwise "
                     "software.tp_comm_overlap "
                     "software.overlap_grad_reduce software.grad_reduce software.fp8_recipe "
                     "software.embedding_in_pipeline_split software.cuda_graphs "
                     "software.moe_token_dispatcher software.moe_a2a_overlap "
                     "software.moe_force_balance conventions.flops conventions.causal"));
    }

    // A dense model is not cluttered with expert and latent-attention rows: they show for the
    // models that have them, and the headline counts a mixture of experts' active parameters.
    void moeAndMlaRowsFollowTheModel()
    {
        ParameterPanel *panel = m_window->parameterPanel();
        const HeadlineStrip *headline = m_window->dashboard()->headline();
        const QList<Field> moeRows = {Field::MoeExperts,
                                      Field::MoeTopK,
                                      Field::MoeExpertFfnHidden,
                                      Field::MoeSharedExperts,
                                      Field::MoeDenseLayers,
                                      Field::Ep,
                                      Field::Etp,
                                      Field::MoeTokenDispatcher,
                                      Field::MoeA2aOverlap,
                                      Field::MoeForceBalance};
        const QList<Field> mlaRows = {Field::MlaKvLoraRank, Field::MlaQLoraRank};
        auto shown = [&](Field f) {
            QWidget *w = panel->control(f) ? panel->control(f) : panel->slider(f);
            return panel->isFieldShown(f) && w->isVisibleTo(panel);
        };
        auto rowsShown = [&](const QList<Field> &rows, bool expected) {
            for (Field f : rows)
                if (shown(f) != expected)
                    return false;
            return true;
        };
        // The window's default model is dense.
        QVERIFY(rowsShown(moeRows, false));
        QVERIFY(rowsShown(mlaRows, false));
        QVERIFY(shown(Field::FfnHidden) && shown(Field::Tp));
        const QString denseParams = headline->value(HeadlineStrip::Params);
        QVERIFY2(!denseParams.contains(QStringLiteral("active")), qPrintable(denseParams));

        loadModel(QStringLiteral("deepseek-v3"));
        QVERIFY(rowsShown(moeRows, true));
        QVERIFY(rowsShown(mlaRows, true));
        QCOMPARE(panel->spinBox(Field::MoeExperts)->value(), 256.0);
        QCOMPARE(panel->spinBox(Field::MoeTopK)->value(), 8.0);
        QCOMPARE(panel->spinBox(Field::MlaKvLoraRank)->value(), 512.0);
        // ETP 0 is "as TP", not a degree of 0.
        QCOMPARE(panel->spinBox(Field::Etp)->text(), QStringLiteral("as TP"));
        const QString params = headline->value(HeadlineStrip::Params);
        QCOMPARE(params, QStringLiteral("671 B (37.6 B active)"));
        // Wider than a dense total, and still not elided in its tile.
        for (QLabel *label : headline->findChildren<QLabel *>())
            if (label->text().contains(QStringLiteral("active")))
                QCOMPARE(label->text(), params);
        QVERIFY(scenarioTitle(m_window->document()->scenario()).contains(QStringLiteral(" EP1")));

        loadModel(QStringLiteral("mixtral-8x7b")); // experts, grouped-query attention
        QVERIFY(rowsShown(moeRows, true));
        QVERIFY(rowsShown(mlaRows, false));

        loadModel(QStringLiteral("llama3-8b"));
        QVERIFY(rowsShown(moeRows, false));
        QVERIFY(rowsShown(mlaRows, false));
        QVERIFY(!headline->value(HeadlineStrip::Params).contains(QStringLiteral("active")));
        QVERIFY(!scenarioTitle(m_window->document()->scenario()).contains(QStringLiteral("EP")));
    }

    // The expert layout in the title, EP for every mixture of experts and ETP where it is not
    // TP's; a dense preset leaves EP behind, since only experts use it.
    void expertLayoutInTheTitle()
    {
        ScenarioDocument *doc = m_window->document();
        ParameterPanel *panel = m_window->parameterPanel();
        loadModel(QStringLiteral("deepseek-v3"));
        panel->spinBox(Field::Ep)->setValue(32);
        QVERIFY(doc->evaluation().ok());
        QVERIFY2(scenarioTitle(doc->scenario()).contains(QStringLiteral("TP8 PP4 DP32 EP32 ·")),
                 qPrintable(scenarioTitle(doc->scenario())));
        panel->spinBox(Field::Etp)->setValue(1);
        QVERIFY(doc->evaluation().ok());
        QVERIFY(scenarioTitle(doc->scenario()).contains(QStringLiteral("DP32 EP32 ETP1 ·")));
        panel->spinBox(Field::Etp)->setValue(8); // as TP
        QVERIFY(scenarioTitle(doc->scenario()).contains(QStringLiteral("DP32 EP32 ·")));
        loadModel(QStringLiteral("llama3-8b"));
        QCOMPARE(doc->scenario().parallel.ep, std::int64_t(1));
        QCOMPARE(doc->scenario().parallel.etp, std::int64_t(0));
        QVERIFY2(doc->evaluation().ok(), qPrintable(evaluationError(doc)));
    }

    // Typing 0 experts makes the model dense, in one undoable step; 0 for the key/value rank
    // makes its attention ordinary. Shared experts keep their width each.
    void zeroExpertsMakesTheModelDense()
    {
        ScenarioDocument *doc = m_window->document();
        ParameterPanel *panel = m_window->parameterPanel();
        loadModel(QStringLiteral("deepseek-v2-lite"));
        const auto &moe = doc->scenario().model.moe;
        QCOMPARE(moe.sharedExpertFfnHidden, std::int64_t(2816)); // 2 × 1408
        panel->spinBox(Field::MoeSharedExperts)->setValue(3);
        QCOMPARE(moe.sharedExpertFfnHidden, std::int64_t(3 * 1408));
        panel->spinBox(Field::MoeSharedExperts)->setValue(0);
        QCOMPARE(moe.sharedExpertFfnHidden, std::int64_t(0));
        QVERIFY(doc->evaluation().ok());
        panel->spinBox(Field::MoeSharedExperts)->setValue(1);
        QCOMPARE(moe.sharedExpertFfnHidden, std::int64_t(1408)); // F_e
        QVERIFY(doc->evaluation().ok());

        panel->spinBox(Field::Ep)->setValue(8);
        QVERIFY(doc->evaluation().ok());
        panel->spinBox(Field::MoeExperts)->setValue(0);
        QVERIFY2(doc->evaluation().ok(), qPrintable(evaluationError(doc)));
        QVERIFY(moe == mfu::engine::MoeShape{});
        QCOMPARE(doc->scenario().parallel.ep, std::int64_t(1));
        QVERIFY(!panel->isFieldShown(Field::MoeTopK) && !panel->isFieldShown(Field::Ep));
        doc->undoStack()->undo();
        QCOMPARE(moe.experts, std::int64_t(64));
        QCOMPARE(doc->scenario().parallel.ep, std::int64_t(8));
        QVERIFY(panel->isFieldShown(Field::MoeTopK));

        QVERIFY(panel->isFieldShown(Field::MlaKvLoraRank));
        QCOMPARE(panel->spinBox(Field::MlaQLoraRank)->text(), QStringLiteral("none"));
        panel->spinBox(Field::MlaKvLoraRank)->setValue(0);
        QVERIFY2(doc->evaluation().ok(), qPrintable(evaluationError(doc)));
        QVERIFY(doc->scenario().model.mla == mfu::engine::MlaShape{});
        QVERIFY(!panel->isFieldShown(Field::MlaKvLoraRank));
    }

    // A file may set what its model has no use for; the error names the field, and the rows of
    // its kind stay in view to fix it.
    void anErrorKeepsItsRowsInView()
    {
        ScenarioDocument *doc = m_window->document();
        ParameterPanel *panel = m_window->parameterPanel();
        doc->modify(QStringLiteral("ep"), 0, [](DocumentState &s) { s.scenario.parallel.ep = 8; });
        QVERIFY(!doc->evaluation().ok());
        QVERIFY(panel->markedField() == Field::Ep);
        QVERIFY(panel->isFieldShown(Field::Ep) && panel->isFieldShown(Field::MoeExperts));
        QVERIFY(!panel->isFieldShown(Field::MlaKvLoraRank));
        panel->spinBox(Field::Ep)->setValue(1);
        QVERIFY(doc->evaluation().ok());
        QVERIFY(!panel->isFieldShown(Field::Ep) && !panel->isFieldShown(Field::MoeExperts));
    }

    // Arrow keys on the batch slider walk through the batches the layout accepts, upwards,
    // without sticking at a value whose neighbours are all unsound.
    void batchSliderStepsThroughMultiplesOfTheReplicas()
    {
        ScenarioDocument *doc = m_window->document();
        QSlider *slider = m_window->parameterPanel()->slider(Field::GlobalBatch);
        const mfu::engine::Scenario &sc = doc->scenario();
        const std::int64_t granule = sc.parallel.dp * sc.batch.microBatch;
        std::int64_t previous = sc.batch.globalBatch;
        for (int i = 0; i < 20; ++i) {
            slider->triggerAction(QAbstractSlider::SliderSingleStepAdd);
            const std::int64_t b = doc->scenario().batch.globalBatch;
            QVERIFY2(b > previous, qPrintable(QStringLiteral("step %1 stuck at %2").arg(i).arg(b)));
            QCOMPARE(b % granule, std::int64_t(0));
            previous = b;
        }
        // Typing is never corrected: an unsound batch is kept and shown as an error.
        m_window->parameterPanel()->spinBox(Field::GlobalBatch)->setValue(double(granule + 1));
        QCOMPARE(doc->scenario().batch.globalBatch, granule + 1);
        QVERIFY(!doc->evaluation().ok());
    }

    void modelSlidersChangeHeadlineAndBreakdown_data()
    {
        QTest::addColumn<Field>("field");
        for (Field f : {Field::GlobalBatch, Field::SeqLen, Field::Hidden, Field::Layers,
                        Field::KvHeads, Field::FfnHidden, Field::Vocab})
            QTest::newRow(fieldInfo(f).path) << f;
    }

    void modelSlidersChangeHeadlineAndBreakdown()
    {
        QFETCH(Field, field);
        const HeadlineStrip *headline = m_window->dashboard()->headline();
        const QTableWidget *table = m_window->dashboard()->breakdown()->table();
        const QString flopsBefore = headline->value(HeadlineStrip::ModelFlops);
        const QString totalBefore = table->item(table->rowCount() - 1, 1)->text();
        ScenarioDocument *doc = m_window->document();
        // Double the value through the spin box, as typing would.
        QDoubleSpinBox *spin = m_window->parameterPanel()->spinBox(field);
        const double value = fieldValue(doc->state(), field);
        spin->setValue(field == Field::KvHeads ? value / 2 : value * 2);
        QVERIFY2(doc->evaluation().ok(),
                 doc->evaluation().ok() ? "" : doc->evaluation().error().toString().c_str());
        QVERIFY(headline->value(HeadlineStrip::ModelFlops) != flopsBefore);
        QVERIFY(table->item(table->rowCount() - 1, 1)->text() != totalBefore);
    }

    // Two totals on one dashboard explain themselves: under the PaLM convention the headline
    // counts more than the exact sum, and the breakdown says so under its total.
    void breakdownNamesTheHeadlinesConvention()
    {
        ScenarioDocument *doc = m_window->document();
        const BreakdownView *breakdown = m_window->dashboard()->breakdown();
        auto note = [&] {
            return breakdown->findChild<QLabel *>(QStringLiteral("conventionNote"));
        };
        QVERIFY(note());
        QVERIFY(note()->isHidden()); // exact: one total
        doc->modify(QStringLiteral("palm"), 0, [](DocumentState &s) {
            s.scenario.conventions.flops = mfu::engine::FlopsConvention::Palm;
        });
        QVERIFY(!note()->isHidden());
        QVERIFY(note()->text().contains(QStringLiteral("palm")));
        QVERIFY(note()->text().contains(
            m_window->dashboard()->headline()->value(HeadlineStrip::ModelFlops)));
        doc->undoStack()->undo();
        QVERIFY(note()->isHidden());
    }

    void predictionFollowsTheLayout()
    {
        const HeadlineStrip *headline = m_window->dashboard()->headline();
        const QString before = headline->value(HeadlineStrip::StepTime);
        QVERIFY(before != QStringLiteral("—"));
        m_window->parameterPanel()->spinBox(Field::Dp)->setValue(16); // half the GPUs
        QVERIFY(m_window->document()->evaluation().ok());
        QVERIFY(headline->value(HeadlineStrip::StepTime) != before);
        QCOMPARE(m_window->document()->scenario().parallel.gpus(), 512.0);
    }

    // The planner owns the GPUs: TP, PP and CP move DP, a degree that cannot divide the count
    // is marked at its field, a DP edit is a new count, and releasing the hold lets the count
    // follow the layout again (Edit ▸ Hold GPU Count, undoable).
    void gpuCountHeldWhileTheLayoutChanges()
    {
        ScenarioDocument *doc = m_window->document();
        ParameterPanel *panel = m_window->parameterPanel();
        QAction *hold = m_window->findChild<QAction *>(QStringLiteral("actionHoldGpus"));
        QVERIFY(hold && hold->isChecked() && doc->holdsGpus());
        const mfu::engine::Parallel &p = doc->scenario().parallel;
        QCOMPARE(p.gpus(), 1024.0);
        panel->spinBox(Field::Tp)->setValue(4);
        QCOMPARE(p.dp, std::int64_t(64));
        QCOMPARE(p.gpus(), 1024.0);
        panel->spinBox(Field::Pp)->setValue(3); // 4·3 = 12 does not divide 1,024
        QVERIFY(!doc->evaluation().ok());
        QCOMPARE(QString::fromStdString(doc->evaluation().error().field),
                 QStringLiteral("parallel.pp"));
        QVERIFY(QString::fromStdString(doc->evaluation().error().message)
                    .contains(QStringLiteral("GPUs held fixed")));
        QCOMPARE(panel->markedField(), std::optional<Field>(Field::Pp));
        panel->spinBox(Field::Pp)->setValue(8);
        QVERIFY(doc->evaluation().ok());
        QCOMPARE(p.dp, std::int64_t(32));
        panel->spinBox(Field::Dp)->setValue(16); // the planner's new count: 512
        QCOMPARE(p.gpus(), 512.0);
        panel->spinBox(Field::Tp)->setValue(8);
        QCOMPARE(p.dp, std::int64_t(8));
        QCOMPARE(p.gpus(), 512.0);
        // A slider lands only on degrees that divide the count: PP dragged down from 8 skips
        // nothing here (4, 2, 1 divide 512), and up from 8 to 10 it stops at 16.
        QCOMPARE(sliderLandingValue(doc->state(), Field::Pp, 10), 16.0);

        hold->setChecked(false);
        QVERIFY(!doc->holdsGpus());
        panel->spinBox(Field::Tp)->setValue(4);
        QCOMPARE(p.dp, std::int64_t(8));
        QCOMPARE(p.gpus(), 256.0);
        doc->undoStack()->undo(); // TP back to 8
        doc->undoStack()->undo(); // the hold back on
        QVERIFY(doc->holdsGpus());
        QVERIFY(hold->isChecked());
        panel->spinBox(Field::Tp)->setValue(2);
        QCOMPARE(p.gpus(), 512.0);
    }

    // A new scenario is named from its contents, and the name follows every edit into the
    // title, the Derivation, exports and the Markdown copy, until the user names it.
    void scenarioNameFollowsTheContentsUntilGiven()
    {
        ScenarioDocument *doc = m_window->document();
        QLineEdit *name = m_window->parameterPanel()->nameEdit();
        QVERIFY(doc->scenario().name.empty());
        QVERIFY(name->text().isEmpty());
        const QString before = scenarioTitle(doc->scenario());
        QVERIFY2(before.startsWith(QStringLiteral("Llama 2 70B · ")), qPrintable(before));
        QVERIFY(before.contains(QStringLiteral("TP8 PP4 DP32")));
        QCOMPARE(name->placeholderText(), before);
        QVERIFY(m_window->windowTitle().contains(before));

        m_window->parameterPanel()->modelPresetBox()->setCurrentIndex(
            m_window->parameterPanel()->modelPresetBox()->findData(QStringLiteral("gpt3-175b")));
        emit m_window->parameterPanel()->modelPresetBox()->activated(
            m_window->parameterPanel()->modelPresetBox()->currentIndex());
        const QString gpt = scenarioTitle(doc->scenario());
        QVERIFY2(gpt.startsWith(QStringLiteral("GPT-3 175B · ")), qPrintable(gpt));
        QVERIFY(m_window->windowTitle().contains(gpt));
        QVERIFY(captionFor(doc->scenario()).startsWith(gpt + QLatin1Char('\n')));
        m_window->parameterPanel()->spinBox(Field::Layers)->setValue(48);
        QVERIFY(scenarioTitle(doc->scenario()).startsWith(QStringLiteral("GPT-3 175B, modified")));

        name->setText(QStringLiteral("Review: 48-layer GPT-3"));
        emit name->editingFinished();
        QCOMPARE(doc->scenario().name, std::string("Review: 48-layer GPT-3"));
        QVERIFY(m_window->windowTitle().contains(QStringLiteral("Review: 48-layer GPT-3")));
        m_window->parameterPanel()->spinBox(Field::Tp)->setValue(4);
        QCOMPARE(scenarioTitle(doc->scenario()), QStringLiteral("Review: 48-layer GPT-3"));
        doc->undoStack()->undo(); // TP
        doc->undoStack()->undo(); // the name: from the contents again
        QVERIFY(doc->scenario().name.empty());
        QVERIFY(name->text().isEmpty());
    }

    // A measured step time belongs to the run it was measured on: sliding the batch far past it
    // leaves the figure out (it would imply more than 100% MFU), says why, and keeps predicting.
    void measuredFigurePastItsRunIsLeftOutNotFatal()
    {
        ScenarioDocument *doc = m_window->document();
        DocumentState state = doc->state();
        state.scenario.measured = {mfu::engine::Measured::Kind::StepTime, 4.0, {}};
        doc->replaceState(state, QStringLiteral("measured"));
        QVERIFY(doc->evaluation().ok() && doc->evaluation()->measured);
        QVERIFY(doc->measuredNote().isEmpty());
        m_window->parameterPanel()->spinBox(Field::GlobalBatch)->setValue(16384);
        QVERIFY(doc->evaluation().ok());
        QVERIFY(!doc->evaluation()->measured);
        QVERIFY(doc->evaluation()->predicted);
        QVERIFY2(doc->measuredNote().contains(QStringLiteral("measured.step_time_s")),
                 qPrintable(doc->measuredNote()));
        QCOMPARE(m_window->statusBar()->currentMessage(), doc->measuredNote());
        doc->undoStack()->undo();
        QVERIFY(doc->evaluation()->measured);
        QVERIFY(doc->measuredNote().isEmpty());
        QVERIFY(m_window->statusBar()->currentMessage().isEmpty());
    }

    // A figure too wide for its tile is elided, never cut, and shown whole in its tooltip and
    // wherever the figure is copied.
    void headlineFiguresElideInsteadOfClipping()
    {
        m_window->parameterPanel()->spinBox(Field::TokenBudget)->setValue(1e9); // 1e18 tokens
        const HeadlineStrip *headline = m_window->dashboard()->headline();
        const QString full = headline->value(HeadlineStrip::TimeToTrain);
        QVERIFY2(full.size() > 8, qPrintable(full));
        QLabel *shown = nullptr;
        for (QLabel *label : headline->findChildren<QLabel *>())
            if (label->toolTip() == full)
                shown = label;
        QVERIFY2(shown, qPrintable(full));
        QVERIFY(shown->text().endsWith(QChar(0x2026)));
        QVERIFY(shown->fontMetrics().horizontalAdvance(shown->text()) <= shown->width());
        m_window->parameterPanel()->spinBox(Field::TokenBudget)->setValue(2000);
        QCOMPARE(shown->toolTip(), QString());
        QCOMPARE(shown->text(), headline->value(HeadlineStrip::TimeToTrain));
    }

    // Help ▸ About names the version, license and libraries; Keyboard Shortcuts lists every
    // menu action that has one, as the menus say it.
    void helpMenuSaysWhatAndHow()
    {
        const QString about = aboutText();
        QVERIFY(about.contains(QStringLiteral("GNU General Public License")));
        QVERIFY(about.contains(QString::fromLatin1(qVersion())));
        QVERIFY(about.contains(QStringLiteral("QCustomPlot")));
        const auto rows = shortcutRows(m_window->menuBar());
        QStringList actions;
        for (const auto &[action, keys] : rows) {
            QVERIFY2(!keys.isEmpty(), qPrintable(action));
            actions << action;
        }
        for (const char *expected : {"Open", "Save", "Undo", "Pin as Baseline", "Copy Chart"})
            QVERIFY2(actions.contains(QString::fromLatin1(expected)),
                     qPrintable(actions.join(QStringLiteral(", "))));
        QAction *aboutAction = m_window->findChild<QAction *>(QStringLiteral("actionAbout"));
        QAction *keys = m_window->findChild<QAction *>(QStringLiteral("actionShortcuts"));
        QVERIFY(aboutAction && keys);
    }

    // For a projector: the parameter panel hides and comes back from the View menu.
    void parameterPanelHidesFromTheViewMenu()
    {
        QAction *toggle = m_window->findChild<QAction *>(QStringLiteral("actionShowParameters"));
        QVERIFY(toggle && !toggle->shortcut().isEmpty());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->parameterPanel()->isVisibleTo(m_window.get()));
        toggle->trigger();
        QVERIFY(!m_window->parameterPanel()->isVisibleTo(m_window.get()));
        toggle->trigger();
        QVERIFY(m_window->parameterPanel()->isVisibleTo(m_window.get()));
        QVERIFY(m_window->findChild<QAction *>(QStringLiteral("actionFullScreen")));
    }

    // The token budget, shown in billions, takes amounts as people write them.
    void tokenBudgetTakesScaleWords_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<double>("tokens");
        QTest::newRow("letter") << "15T" << 15e12;
        QTest::newRow("word") << "15 trillion" << 15e12;
        QTest::newRow("millions") << "500M" << 500e6;
        QTest::newRow("the box's unit") << "2,000 B" << 2000e9;
        QTest::newRow("bare, in billions") << "15" << 15e9;
        QTest::newRow("a plain count") << "1.5e13" << 1.5e13;
    }

    void tokenBudgetTakesScaleWords()
    {
        QFETCH(QString, typed);
        QFETCH(double, tokens);
        QDoubleSpinBox *spin = m_window->parameterPanel()->spinBox(Field::TokenBudget);
        spin->setFocus();
        spin->selectAll();
        QTest::keyClicks(spin, typed);
        QTest::keyClick(spin, Qt::Key_Return);
        QCOMPARE(m_window->document()->scenario().planning.tokenBudget, tokens);
        // What the box refuses never reaches the document.
        spin->selectAll();
        QTest::keyClicks(spin, QStringLiteral("15 parsecs"));
        QTest::keyClick(spin, Qt::Key_Return);
        QCOMPARE(m_window->document()->scenario().planning.tokenBudget, tokens);
    }

    void presetSwitchingReplacesTheShape()
    {
        ScenarioDocument *doc = m_window->document();
        QComboBox *presets = m_window->parameterPanel()->modelPresetBox();
        const int index = presets->findData(QStringLiteral("llama3-8b"));
        QVERIFY(index >= 0);
        presets->setCurrentIndex(index);
        emit presets->activated(index);
        QCOMPARE(doc->scenario().model.hidden, std::int64_t(4096));
        QCOMPARE(doc->scenario().model.vocab, std::int64_t(128256));
        QVERIFY(!doc->modelPresetModified());
        // Editing a field marks the preset as modified, in the picker too.
        m_window->parameterPanel()->spinBox(Field::Layers)->setValue(40);
        QVERIFY(doc->modelPresetModified());
        QVERIFY(presets->currentText().contains(QStringLiteral("modified")));
        QCOMPARE(m_window->dashboard()->headline()->value(HeadlineStrip::Params),
                 QStringLiteral("9.78 B")); // 8.03 B + 8 × 218.1 M per layer
    }

    void hardwarePresetSwitching()
    {
        ScenarioDocument *doc = m_window->document();
        QComboBox *presets = m_window->parameterPanel()->hardwarePresetBox();
        const int index = presets->findData(QStringLiteral("a100-80gb"));
        QVERIFY(index >= 0);
        emit presets->activated(index);
        QCOMPARE(doc->scenario().hardware.peakTflopsBf16, 312.0);
        QCOMPARE(m_window->parameterPanel()->spinBox(Field::PeakTflops)->value(), 312.0);
    }

    void invalidInputIsShownNotFatal()
    {
        ScenarioDocument *doc = m_window->document();
        QDoubleSpinBox *kv = m_window->parameterPanel()->spinBox(Field::KvHeads);
        kv->setValue(3); // does not divide 64 heads
        QVERIFY(!doc->evaluation().ok());
        QCOMPARE(QString::fromStdString(doc->evaluation().error().field),
                 QStringLiteral("model.kv_heads"));
        // The field is marked, the value kept (typing is never blocked), the views show dashes.
        QCOMPARE(kv->value(), 3.0);
        QCOMPARE(m_window->parameterPanel()->markedField(), std::optional<Field>(Field::KvHeads));
        QVERIFY(kv->palette().color(QPalette::Base) !=
                kv->style()->standardPalette().color(QPalette::Base));
        QCOMPARE(m_window->dashboard()->headline()->value(HeadlineStrip::Mfu), QStringLiteral("—"));
        // TP past the KV heads' divisors is shown the same way.
        kv->setValue(8);
        QVERIFY(doc->evaluation().ok());
        QCOMPARE(m_window->parameterPanel()->markedField(), std::nullopt);
        QCOMPARE(kv->palette().color(QPalette::Base),
                 kv->style()->standardPalette().color(QPalette::Base));
        m_window->parameterPanel()->spinBox(Field::Tp)->setValue(128); // clamps to 64: 64 % 8 kv ok
        m_window->parameterPanel()->spinBox(Field::Heads)->setValue(48); // 48 % 64 tp fails
        QVERIFY(!doc->evaluation().ok());
        const std::optional<Field> marked = m_window->parameterPanel()->markedField();
        QVERIFY(marked == Field::Tp || marked == Field::Heads);
    }

    void undoMergesADrag()
    {
        ScenarioDocument *doc = m_window->document();
        QSlider *slider = m_window->parameterPanel()->slider(Field::GlobalBatch);
        const double before = fieldValue(doc->state(), Field::GlobalBatch);
        const int start = slider->value();
        QUndoStack *stack = doc->undoStack();
        const int steps = stack->count();
        slider->setSliderDown(true);
        emit slider->sliderPressed();
        for (int i = 1; i <= 40; ++i)
            slider->setValue(start + i * 5);
        slider->setSliderDown(false);
        emit slider->sliderReleased();
        QVERIFY(fieldValue(doc->state(), Field::GlobalBatch) != before);
        QCOMPARE(stack->count(), steps + 1); // one drag, one step
        stack->undo();
        QCOMPARE(fieldValue(doc->state(), Field::GlobalBatch), before);
        QVERIFY(!doc->isModified());
        // Two separate edits stay two steps.
        m_window->parameterPanel()->spinBox(Field::SeqLen)->setValue(8192);
        m_window->parameterPanel()->spinBox(Field::SeqLen)->setValue(2048);
        QCOMPARE(stack->count(), steps + 2);
    }

    // A drag that ends where it started changed nothing, so it leaves no step to undo and the
    // document unmodified.
    void dragBackToTheStartLeavesNoStep()
    {
        ScenarioDocument *doc = m_window->document();
        QSlider *slider = m_window->parameterPanel()->slider(Field::GlobalBatch);
        const DocumentState before = doc->state();
        const int start = slider->value();
        QUndoStack *stack = doc->undoStack();
        const int steps = stack->count();
        const int index = stack->index();
        slider->setSliderDown(true);
        emit slider->sliderPressed();
        for (int i = 1; i <= 20; ++i)
            slider->setValue(start + i * 5);
        QVERIFY(doc->state() != before);
        QVERIFY(doc->isModified());
        for (int i = 19; i >= 0; --i)
            slider->setValue(start + i * 5);
        slider->setSliderDown(false);
        emit slider->sliderReleased();
        QVERIFY(doc->state() == before);
        QCOMPARE(stack->count(), steps);
        QCOMPARE(stack->index(), index);
        QVERIFY(!doc->isModified());
        // The next drag is a step of its own again.
        slider->setSliderDown(true);
        emit slider->sliderPressed();
        slider->setValue(start + 50);
        slider->setSliderDown(false);
        emit slider->sliderReleased();
        QCOMPARE(stack->count(), steps + 1);
        stack->undo();
        QVERIFY(doc->state() == before);
    }

    // Replacing the state without an undo step (New, Open): nothing to undo, nothing modified,
    // and the views see the new state.
    void resetLeavesNoUndoStep()
    {
        ScenarioDocument *doc = m_window->document();
        m_window->parameterPanel()->spinBox(Field::Layers)->setValue(40);
        m_window->parameterPanel()->spinBox(Field::SeqLen)->setValue(8192);
        QVERIFY(doc->undoStack()->count() >= 2);
        QVERIFY(doc->isModified());
        DocumentState state = doc->state();
        state.scenario.model.layers = 48;
        QSignalSpy changed(doc, &ScenarioDocument::changed);
        doc->reset(state);
        QCOMPARE(changed.count(), 1);
        QVERIFY(doc->state() == state);
        QCOMPARE(doc->undoStack()->count(), 0);
        QVERIFY(!doc->undoStack()->canUndo());
        QVERIFY(!doc->isModified());
        QCOMPARE(m_window->parameterPanel()->spinBox(Field::Layers)->value(), 48.0);
    }

    // The preset marker ignores labels and what a fit changes: the family of a model, the
    // name, vendor and efficiency knobs of a device.
    void presetMarkerIgnoresLabelsAndKnobs()
    {
        ScenarioDocument *doc = m_window->document();
        doc->applyModelPreset(QStringLiteral("llama3-8b"));
        doc->applyHardwarePreset(QStringLiteral("a100-80gb"));
        QVERIFY(!doc->modelPresetModified());
        QVERIFY(!doc->hardwarePresetModified());
        doc->modify(QStringLiteral("relabel"), 0, [](DocumentState &s) {
            s.scenario.model.family = "gpt";
            s.scenario.hardware.name = "renamed";
            s.scenario.hardware.vendor = "other";
            s.scenario.hardware.knobs.gemmMaxEfficiency = 0.5;
        });
        QVERIFY(!doc->modelPresetModified());
        QVERIFY(!doc->hardwarePresetModified());
        doc->modify(QStringLiteral("edit"), 0, [](DocumentState &s) {
            s.scenario.model.dropout = !s.scenario.model.dropout;
            s.scenario.hardware.gpusPerNode = 4;
        });
        QVERIFY(doc->modelPresetModified());
        QVERIFY(doc->hardwarePresetModified());
    }

    void openSaveRoundTrip()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ScenarioDocument *doc = m_window->document();
        m_window->parameterPanel()->spinBox(Field::Layers)->setValue(64);
        m_window->parameterPanel()->spinBox(Field::TokenBudget)->setValue(15000); // 15 T tokens
        QVERIFY(doc->isModified());
        const QString path = dir.filePath(QStringLiteral("round.json"));
        QVERIFY(doc->save(path).ok());
        QVERIFY(!doc->isModified());
        const QByteArray saved = doc->toJson();

        MainWindow other;
        QVERIFY(other.openFile(path));
        QCOMPARE(other.document()->toJson(), saved);
        QCOMPARE(other.document()->scenario().model.layers, std::int64_t(64));
        QCOMPARE(other.document()->scenario().planning.tokenBudget, 15e12);
        // The saved file is what --eval reads.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(mfu::io::parseScenario(file.readAll().toStdString()).ok());
    }

    // A save onto a link to a FIFO is refused with the reason and loses nothing: the document
    // stays modified and the FIFO a FIFO. A link to a regular file is saved through.
    void saveThroughASymbolicLink()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ScenarioDocument *doc = m_window->document();
        m_window->parameterPanel()->spinBox(Field::Layers)->setValue(48);
        QVERIFY(doc->isModified());
        const QString fifo = dir.filePath(QStringLiteral("fifo"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        const QString toFifo = dir.filePath(QStringLiteral("to-fifo.json"));
        QVERIFY(QFile::link(fifo, toFifo));
        const auto refused = doc->save(toFifo);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.find("is a symbolic link to") == 0 &&
                     refused.error().message.find("a FIFO") != std::string::npos,
                 refused.error().message.c_str());
        QVERIFY(doc->isModified());
        QVERIFY(QFileInfo(toFifo).isSymLink());
        struct stat st;
        QVERIFY(::stat(QFile::encodeName(fifo).constData(), &st) == 0 && S_ISFIFO(st.st_mode));

        const QString real = dir.filePath(QStringLiteral("real.json"));
        QFile(real).open(QIODevice::WriteOnly);
        const QString toReal = dir.filePath(QStringLiteral("to-real.json"));
        QVERIFY(QFile::link(real, toReal));
        QVERIFY(doc->save(toReal).ok());
        QVERIFY(!doc->isModified());
        QCOMPARE(doc->filePath(), toReal);
        QVERIFY(QFileInfo(toReal).isSymLink());
        QFile file(real);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), doc->toJson());
    }

    void openingABadFileKeepsTheScenario()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"schema\": \"mfu-explorer/scenario@1\", \"model\": {\"hiden\": 5}}");
        file.close();
        const QByteArray before = m_window->document()->toJson();
        // The error dialog would block; the document API says what the window shows.
        const auto loaded = m_window->document()->load(path);
        QVERIFY(!loaded.ok());
        QCOMPARE(QString::fromStdString(loaded.error().field), QStringLiteral("model.hiden"));
        QCOMPARE(m_window->document()->toJson(), before);
    }

    // A saved session that no longer loads (its preset is gone) is said in the status bar and
    // left as it was while the scenario shown is untouched; once the user changes the scenario,
    // closing saves the new one.
    void unreadableSessionIsKeptAndSaid()
    {
        const QByteArray stale =
            R"({"schema": "mfu-explorer/scenario@1", "model": {"preset": "no-such-model"}})";
        QSettings().setValue(mfu::gui::settings::kLastScenario, stale);
        {
            MainWindow window;
            window.restoreLastState();
            QVERIFY2(window.statusBar()->currentMessage().contains(QLatin1String("model.preset")),
                     qPrintable(window.statusBar()->currentMessage()));
            window.close();
        }
        QCOMPARE(QSettings().value(mfu::gui::settings::kLastScenario).toByteArray(), stale);
        {
            MainWindow window;
            window.restoreLastState();
            window.document()->setField(Field::Layers, 40);
            window.document()->undoStack()->setClean();
            window.close();
        }
        const QByteArray saved = QSettings().value(mfu::gui::settings::kLastScenario).toByteArray();
        QVERIFY(saved != stale);
        QVERIFY(saved.contains("\"layers\": 40"));
    }

    // A saved geometry from a larger set of screens, or a damaged one, still opens the window on
    // a screen it fits (down to its minimum size).
    void restoredGeometryKeepsTheWindowOnScreen()
    {
        QWidget huge;
        huge.setGeometry(30000, 30000, 32767, 32767);
        QSettings().setValue(mfu::gui::settings::kGeometry, huge.saveGeometry());
        MainWindow window;
        const QRect available = window.screen()->availableGeometry();
        const QRect g = window.geometry();
        QVERIFY2(g.width() <= std::max(available.width(), window.minimumWidth()) &&
                     g.height() <= std::max(available.height(), window.minimumHeight()),
                 qPrintable(QStringLiteral("%1×%2").arg(g.width()).arg(g.height())));
        QVERIFY(available.contains(g.topLeft()));
        QSettings().remove(mfu::gui::settings::kGeometry);
    }

    // A FIFO would make the window wait for a writer and /dev/zero would fill memory: both are
    // refused before they are opened, and the scenario and the imported runs stay as they were.
    void openingAFifoOrADeviceIsRefused()
    {
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("pipe.json"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        const QByteArray before = m_window->document()->toJson();
        for (const QString &path : {fifo, QStringLiteral("/dev/zero")}) {
            const auto loaded = m_window->document()->load(path);
            QVERIFY(!loaded.ok());
            QVERIFY2(QString::fromStdString(loaded.error().message)
                         .contains(QLatin1String("not a regular file")),
                     loaded.error().message.c_str());
            const auto imported =
                m_window->benchmarks()->importFile(path, m_window->document()->scenario());
            QVERIFY(!imported.ok());
        }
        QCOMPARE(m_window->document()->toJson(), before);
        QVERIFY(m_window->benchmarks()->importedRuns().empty());
    }

    // A laptop at 200% scaling gives the window 1280 × 720 logical pixels (1920 × 1080 at 125%
    // gives 1536 × 864): the window must fit, wrapping the headline and dropping the breakdown
    // table rather than running off the screen.
    void windowFitsALaptopScreenAtHighScaling()
    {
        const QSize minimum = m_window->minimumSizeHint().expandedTo(m_window->minimumSize());
        QVERIFY2(minimum.width() <= 1280 && minimum.height() <= 720,
                 qPrintable(
                     QStringLiteral("minimum %1 × %2").arg(minimum.width()).arg(minimum.height())));
        QApplication::processEvents();
        const HeadlineStrip *headline = m_window->dashboard()->headline();
        const int oneRow = headline->height();
        QVERIFY(m_window->dashboard()->breakdown()->table()->isVisible());
        m_window->resize(1280, 720);
        QApplication::processEvents();
        QCOMPARE(m_window->size(), QSize(1280, 720));
        QVERIFY(headline->width() <= m_window->width());
        QVERIFY(headline->height() > 3 * oneRow / 2); // wrapped
        QVERIFY(!m_window->dashboard()->breakdown()->table()->isVisible());
        // Wide again: one row of tiles, the table back.
        m_window->resize(1600, 1000);
        QApplication::processEvents();
        QVERIFY(m_window->dashboard()->breakdown()->table()->isVisible());
    }

    void baselineShowsDeltas()
    {
        ScenarioDocument *doc = m_window->document();
        doc->pinBaseline();
        m_window->parameterPanel()->spinBox(Field::Dp)->setValue(64);
        m_window->parameterPanel()->spinBox(Field::GlobalBatch)->setValue(2048);
        const QString detail =
            m_window->dashboard()->headline()->detail(HeadlineStrip::TokensPerStep);
        QVERIFY2(detail.contains(QStringLiteral("+100.0%")), qPrintable(detail));
        doc->clearBaseline();
        QVERIFY(!m_window->dashboard()
                     ->headline()
                     ->detail(HeadlineStrip::TokensPerStep)
                     .contains(QStringLiteral("%")));
    }

private:
    static QString evaluationError(const ScenarioDocument *doc)
    {
        const auto &ev = doc->evaluation();
        return ev.ok() ? QString() : QString::fromStdString(ev.error().toString());
    }

    void loadModel(const QString &id)
    {
        QComboBox *presets = m_window->parameterPanel()->modelPresetBox();
        const int index = presets->findData(id);
        QVERIFY2(index >= 0, qPrintable(id));
        presets->setCurrentIndex(index);
        emit presets->activated(index);
        QCOMPARE(m_window->document()->scenario().modelPreset, id.toStdString());
    }

    // A field only some models show is moved on one of those models (experts and latent
    // attention both: DeepSeek-V2-Lite), in the window's default layout.
    void loadModelFor(Field f)
    {
        if (fieldInfo(f).shownWhen == mfu::io::PanelCondition::Always)
            return;
        loadModel(QStringLiteral("deepseek-v2-lite"));
        QVERIFY(m_window->document()->evaluation().ok());
        QVERIFY(m_window->parameterPanel()->isFieldShown(f));
    }

    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_userPresets;
};

QTEST_MAIN(TestWindow)
#include "test_window.moc"
