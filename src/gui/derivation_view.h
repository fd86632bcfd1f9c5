#pragma once

#include <QString>
#include <QWidget>

class QCheckBox;
class QTextBrowser;

namespace mfu::gui {

class ScenarioDocument;

// The seed note's FLOPs derivation (GPT §2–3, Llama §4) with the current scenario's numbers
// in every row: symbols, per-module GEMMs, totals, ×3 for training, recomputation, the closed
// forms against the exact sum, the conventions side by side and the parameter count. It
// teaches the corrected forms; a checkbox adds the note's printed (wrong) ones beside them,
// struck through and labelled with their erratum.
class DerivationView : public QWidget
{
    Q_OBJECT

public:
    explicit DerivationView(ScenarioDocument *document, QWidget *parent = nullptr);

    QTextBrowser *browser() const { return m_browser; }
    QCheckBox *printedFormulasCheck() const { return m_printed; }
    // The HTML last handed to the browser, before Qt re-serialises it. While the view is
    // hidden it may lag the document: it renders again when shown.
    const QString &html() const { return m_html; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    void refresh(); // now if visible, else when next shown
    void render();

    ScenarioDocument *m_document;
    QCheckBox *m_printed;
    QTextBrowser *m_browser;
    QString m_html;
    bool m_stale = false;
};

} // namespace mfu::gui
