#pragma once

#include "engine/model.h"

#include <QWidget>

#include <vector>

class QCPBars;
class QCPItemText;
class QComboBox;
class QLabel;
class QCustomPlot;
class QTableWidget;

namespace mfu::gui {

class ScenarioDocument;

// FLOPs per module of one step — the rows of the derivation, those the model has — as bars
// coloured by attention, MLP, experts and lm_head, and as a table with values and shares.
// Forward, training or hardware FLOPs.
class BreakdownView : public QWidget
{
    Q_OBJECT

public:
    enum Kind
    {
        Forward,
        Training,
        Hardware
    };

    explicit BreakdownView(ScenarioDocument *document, QWidget *parent = nullptr);

    QCustomPlot *plot() const { return m_plot; }
    QTableWidget *table() const { return m_table; }
    void setKind(Kind kind);
    // The table as Markdown, for the clipboard.
    QString markdown() const;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    int setUpTable();
    void setUpBars();
    void showModulesOf(const engine::ModelShape &model);
    void refresh();
    void placeLabels();

    ScenarioDocument *m_document;
    int m_chartMinimumWidth = 0; // room for a module name, a short bar and its label
    QComboBox *m_kind;
    QCustomPlot *m_plot;
    // One bar and one value label per module, made once: a slider step only moves them.
    std::vector<QCPBars *> m_bars;
    std::vector<QCPItemText *> m_labels;
    std::vector<bool> m_shown;     // per module: whether the scenario's model has it
    std::vector<double> m_barKeys; // per module: its bar's position, 0 when not shown
    QTableWidget *m_table;
    QLabel *m_conventionNote = nullptr; // when the headline's convention gives another total
};

} // namespace mfu::gui
