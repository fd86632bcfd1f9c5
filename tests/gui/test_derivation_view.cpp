// The Derivation view shows the engine's numbers, formatted as the other views format them:
// per-module FLOPs, the total, the closed forms with their errors, the note's printed forms
// on request, and the error instead of the tables when the scenario is invalid.
#include "gui/derivation_view.h"
#include "gui/format.h"
#include "gui/scenario_document.h"

#include "engine/conventions_table.h"
#include "engine/flops.h"
#include "engine/names.h"

#include <QCheckBox>
#include <QStandardPaths>
#include <QTest>
#include <QTextBrowser>
#include <QUndoStack>

#include <cmath>

using namespace mfu;

class DerivationViewTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void showsThePerModuleValuesAndTheTotal()
    {
        gui::ScenarioDocument doc;
        gui::DerivationView view(&doc);
        QVERIFY(doc.evaluation().ok());
        const engine::Evaluation &ev = doc.evaluation().value();
        const QString text = view.browser()->toPlainText();
        for (std::size_t i = 0; i < engine::kModuleCount; ++i) {
            const auto m = engine::Module(i);
            if (!engine::moduleApplies(doc.scenario().model, m))
                continue;
            QVERIFY2(text.contains(QString::fromLatin1(engine::moduleKey(m))),
                     engine::moduleKey(m));
            // The breakdown's "Forward FLOPs" table formats the same value the same way.
            QVERIFY2(text.contains(gui::format::flops(ev.forward[m])), engine::moduleKey(m));
        }
        QVERIFY(text.contains(gui::format::flops(ev.forward.total())));
        QVERIFY(text.contains(gui::format::flops(ev.exactModelFlopsPerStep)));
        // The default scenario is Llama-2-70B at b 1024, s 4096: the numbers go into the shapes.
        QVERIFY(text.contains(QStringLiteral("[1024·4096, 8192]·[8192, 28672]")));
        QVERIFY(text.contains(QStringLiteral("4bsh² + 4bsh²/r + 4bs²h + 6bshĥ")));
    }

    void closedFormsCarryTheirErrors()
    {
        gui::ScenarioDocument doc;
        gui::DerivationView view(&doc);
        const engine::Evaluation &ev = doc.evaluation().value();
        const engine::ConventionsTable t = engine::conventionsTable(doc.scenario(), ev);
        // Corrected, the Llama form is the exact sum for Llama shapes; GPT's 24bsh² is not.
        QVERIFY(std::fabs(t.closedFormError.llamaClosedForm) < 1e-9);
        QVERIFY(std::fabs(t.closedFormError.gptClosedForm) > 0.01);
        const QString text = view.browser()->toPlainText();
        QVERIFY(text.contains(QStringLiteral("12·L·b·s·h²·(1 + 1/r + 3ĥ/2h + s/h + V/2Lh)")));
        QVERIFY(text.contains(gui::format::flops(t.closedForms.llamaClosedForm)));
        QVERIFY(text.contains(gui::format::signedPercent(t.closedFormError.llamaClosedForm)));
        QCOMPARE(gui::format::signedPercent(t.closedFormError.llamaClosedForm),
                 QStringLiteral("0.0%"));
        QVERIFY(text.contains(gui::format::flops(t.closedForms.gptClosedForm)));
        QVERIFY(text.contains(gui::format::signedPercent(t.closedFormError.gptClosedForm)));
        QVERIFY(gui::format::signedPercent(t.closedFormError.gptClosedForm) !=
                QStringLiteral("0.0%"));
        // Every convention with the MFU it gives at the same step time.
        for (const engine::ConventionRow &row : t.conventions) {
            QVERIFY(text.contains(QString::fromLatin1(engine::nameOf(row.flops))));
            QVERIFY(text.contains(gui::format::percent(row.mfu)));
        }
        QVERIFY(text.contains(gui::format::percent(ev.predicted->mfu)));
    }

    void printedFormulasAppearOnlyWhenAsked()
    {
        gui::ScenarioDocument doc;
        gui::DerivationView view(&doc);
        view.show();
        const QString wrong = QStringLiteral("L×(24bsh² + 4bs²hV) + 2bsh");
        QVERIFY(!view.printedFormulasCheck()->isChecked());
        QVERIFY(!view.browser()->toPlainText().contains(wrong));
        QVERIFY(!view.html().contains(QStringLiteral("class=\"printed\"")));

        view.printedFormulasCheck()->setChecked(true);
        const QString text = view.browser()->toPlainText();
        QVERIFY(text.contains(wrong));
        QVERIFY(text.contains(QStringLiteral("printed in the note §2.5 · erratum 1")));
        QVERIFY(text.contains(QStringLiteral("[b,s,ĥ]·[ĥ,ĥ]"))); // erratum 4
        QVERIFY(text.contains(QStringLiteral("1/r ≈ n/n_kv")));  // erratum 7
        QVERIFY(text.contains(QStringLiteral("errata 5, 6, 7")));
        // Marked: struck through and red in what the browser renders, not only in the source.
        QVERIFY(view.html().contains(QStringLiteral("class=\"printed\">L×(24bsh²")));
        QVERIFY(view.browser()->toHtml().contains(QStringLiteral("line-through")));
        // The corrected form stays.
        QVERIFY(text.contains(QStringLiteral("L·(4bsh² + 4bsh²/r + 4bs²h + 6bshĥ) + 2bshV")));

        view.printedFormulasCheck()->setChecked(false);
        QVERIFY(!view.browser()->toPlainText().contains(wrong));
    }

    void followsTheDocument()
    {
        gui::ScenarioDocument doc;
        gui::DerivationView view(&doc);
        view.show();
        doc.modify(QStringLiteral("seq"), 0,
                   [](gui::DocumentState &s) { s.scenario.batch.seqLen = 2048; });
        QVERIFY(doc.evaluation().ok());
        const QString text = view.browser()->toPlainText();
        QVERIFY(text.contains(QStringLiteral("[1024·2048, 8192]")));
        QVERIFY(text.contains(gui::format::flops(doc.evaluation()->forward.total())));
    }

    void aHiddenViewCatchesUpWhenShown()
    {
        gui::ScenarioDocument doc;
        gui::DerivationView view(&doc);
        doc.modify(QStringLiteral("seq"), 0,
                   [](gui::DocumentState &s) { s.scenario.batch.seqLen = 2048; });
        QVERIFY(!view.browser()->toPlainText().contains(QStringLiteral("[1024·2048, 8192]")));
        view.show();
        QVERIFY(view.browser()->toPlainText().contains(QStringLiteral("[1024·2048, 8192]")));
    }

    void invalidScenarioShowsTheError()
    {
        gui::ScenarioDocument doc;
        gui::DerivationView view(&doc);
        view.show();
        doc.modify(QStringLiteral("tp"), 0,
                   [](gui::DocumentState &s) { s.scenario.parallel.tp = 3; });
        QVERIFY(!doc.evaluation().ok());
        const QString text = view.browser()->toPlainText();
        QVERIFY(text.contains(QString::fromStdString(doc.evaluation().error().toString())));
        QVERIFY(!text.contains(QStringLiteral("q_proj")));
        view.printedFormulasCheck()->setChecked(true); // re-renders the error, no tables
        QVERIFY(!view.browser()->toPlainText().contains(QStringLiteral("q_proj")));
        doc.undoStack()->undo();
        QVERIFY(view.browser()->toPlainText().contains(QStringLiteral("q_proj")));
    }
};

QTEST_MAIN(DerivationViewTest)
#include "test_derivation_view.moc"
