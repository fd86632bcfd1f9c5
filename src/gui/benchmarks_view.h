#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace mfu::gui {

class BenchmarkStore;
class ScenarioDocument;
struct BenchmarkRun;

// Imported benchmark timings beside the model: one row per run with its layout, measured
// and predicted step time and MFU, and the error. Activating a row loads its scenario.
class BenchmarksView : public QWidget
{
    Q_OBJECT

public:
    BenchmarksView(ScenarioDocument *document, BenchmarkStore *store, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QCheckBox *referenceToggle() const { return m_reference; }

signals:
    void importRequested();
    void fitRequested();

private:
    void refresh();
    void loadRow(int row);

    ScenarioDocument *m_document;
    BenchmarkStore *m_store;
    QTableWidget *m_table;
    QCheckBox *m_reference;
    QPushButton *m_fit;
    QLabel *m_summary;
    std::vector<const BenchmarkRun *> m_rows;
};

} // namespace mfu::gui
