#pragma once

#include <QAbstractTableModel>

#include <optional>
#include <vector>

namespace mfu::gui {

class BenchmarkStore;
struct BenchmarkRun;

// The Benchmarks table: one row per visible run with its layout, measured and predicted step
// time and MFU, and the error. The display role is the formatted text; SortRole gives the
// number behind it, so that 850 ms sorts before 1.20 s and 512 GPUs before 8,192.
class BenchmarksModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Label,
        Set,
        Layout,
        Gpus,
        MeasuredStep,
        MeasuredMfu,
        PredictedStep,
        PredictedMfu,
        Error,
        ColumnCount
    };
    // The value a column sorts by: a double for figures, the text otherwise; none where the
    // figure is missing, which sorts after every value.
    static constexpr int SortRole = Qt::UserRole;

    explicit BenchmarksModel(BenchmarkStore *store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // The run of a row of this model (not of a proxy over it); null outside.
    const BenchmarkRun *run(int row) const;
    // Median |predicted / measured step time − 1| over the rows that have both; absent when
    // none has.
    std::optional<double> medianAbsoluteError() const;

private:
    void reload();
    QVariant display(const BenchmarkRun &b, int column) const;
    QVariant sortValue(const BenchmarkRun &b, int column) const;

    BenchmarkStore *m_store;
    std::vector<const BenchmarkRun *> m_rows;
};

} // namespace mfu::gui
