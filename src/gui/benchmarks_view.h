#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QModelIndex;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace mfu::gui {

class BenchmarkStore;
class BenchmarksModel;
class ScenarioDocument;

// Imported benchmark timings beside the model: one row per run with its layout, measured
// and predicted step time and MFU, and the error. Activating a row loads its scenario.
class BenchmarksView : public QWidget
{
    Q_OBJECT

public:
    BenchmarksView(ScenarioDocument *document, BenchmarkStore *store, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    BenchmarksModel *model() const { return m_model; }
    QCheckBox *referenceToggle() const { return m_reference; }

signals:
    void importRequested();
    void fitRequested();

private:
    void refresh();
    void load(const QModelIndex &index);

    ScenarioDocument *m_document;
    BenchmarkStore *m_store;
    BenchmarksModel *m_model;
    QSortFilterProxyModel *m_sorted;
    QTableView *m_table;
    QCheckBox *m_reference;
    QPushButton *m_fit;
    QLabel *m_summary;
};

} // namespace mfu::gui
