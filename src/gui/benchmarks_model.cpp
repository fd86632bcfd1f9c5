#include "benchmarks_model.h"

#include "benchmark_store.h"
#include "format.h"

#include <algorithm>
#include <cmath>

namespace mfu::gui {

namespace {

QString layoutText(const engine::Scenario &sc)
{
    const engine::Parallel &p = sc.parallel;
    QString text = QStringLiteral("TP %1 · PP %2 · DP %3").arg(p.tp).arg(p.pp).arg(p.dp);
    if (p.cp > 1)
        text += QStringLiteral(" · CP %1").arg(p.cp);
    text += QStringLiteral(" · m %1").arg(sc.batch.microBatch);
    return text;
}

const engine::Utilization *measured(const BenchmarkRun &b)
{
    return b.comparison && b.comparison->measured ? &*b.comparison->measured : nullptr;
}

const engine::Utilization *predicted(const BenchmarkRun &b)
{
    return b.comparison && b.comparison->predicted ? &*b.comparison->predicted : nullptr;
}

std::optional<double> error(const BenchmarkRun &b)
{
    return b.comparison ? b.comparison->error : std::nullopt;
}

bool isText(int column)
{
    return column == BenchmarksModel::Label || column == BenchmarksModel::Set ||
           column == BenchmarksModel::Layout;
}

} // namespace

BenchmarksModel::BenchmarksModel(BenchmarkStore *store, QObject *parent)
    : QAbstractTableModel(parent), m_store(store)
{
    connect(m_store, &BenchmarkStore::changed, this, &BenchmarksModel::reload);
    m_rows = m_store->visibleRuns();
}

void BenchmarksModel::reload()
{
    beginResetModel();
    m_rows = m_store->visibleRuns();
    endResetModel();
}

int BenchmarksModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BenchmarksModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const BenchmarkRun *BenchmarksModel::run(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[std::size_t(row)] : nullptr;
}

QVariant BenchmarksModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const BenchmarkRun &b = *m_rows[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole: return display(b, index.column());
    case Qt::TextAlignmentRole:
        if (isText(index.column()))
            return {};
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    case SortRole: return sortValue(b, index.column());
    default: return {};
    }
}

QVariant BenchmarksModel::display(const BenchmarkRun &b, int column) const
{
    const QString none = QStringLiteral("—");
    const engine::Utilization *m = measured(b);
    const engine::Utilization *p = predicted(b);
    switch (column) {
    case Label: return QString::fromStdString(b.run.label);
    case Set: return b.set;
    case Layout: return layoutText(b.run.scenario);
    case Gpus: return format::count(b.run.scenario.parallel.gpus());
    case MeasuredStep: {
        QString text = format::seconds(b.run.stepTimeS);
        if (b.run.stepTimeSpreadS > 0)
            text += QStringLiteral(" ± %1").arg(format::seconds(b.run.stepTimeSpreadS / 2));
        return text;
    }
    case MeasuredMfu: return m ? format::percent(m->mfu) : none;
    case PredictedStep: return p ? format::seconds(p->stepTimeS) : none;
    case PredictedMfu: return p ? format::percent(p->mfu) : none;
    case Error: {
        const auto e = error(b);
        return e ? format::signedPercent(*e) : none;
    }
    }
    return {};
}

QVariant BenchmarksModel::sortValue(const BenchmarkRun &b, int column) const
{
    const engine::Utilization *m = measured(b);
    const engine::Utilization *p = predicted(b);
    switch (column) {
    case Label:
    case Set:
    case Layout: return display(b, column);
    case Gpus: return b.run.scenario.parallel.gpus();
    case MeasuredStep: return b.run.stepTimeS;
    case MeasuredMfu: return m ? QVariant(m->mfu) : QVariant();
    case PredictedStep: return p ? QVariant(p->stepTimeS) : QVariant();
    case PredictedMfu: return p ? QVariant(p->mfu) : QVariant();
    case Error: {
        const auto e = error(b);
        return e ? QVariant(*e) : QVariant();
    }
    }
    return {};
}

QVariant BenchmarksModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
        section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Label: return tr("Run");
    case Set: return tr("Set");
    case Layout: return tr("Layout");
    case Gpus: return tr("GPUs");
    case MeasuredStep: return tr("Measured step");
    case MeasuredMfu: return tr("Measured MFU");
    case PredictedStep: return tr("Predicted step");
    case PredictedMfu: return tr("Predicted MFU");
    case Error: return tr("Error");
    }
    return {};
}

std::optional<double> BenchmarksModel::medianAbsoluteError() const
{
    std::vector<double> errors;
    for (const BenchmarkRun *b : m_rows)
        if (const auto e = error(*b))
            errors.push_back(std::fabs(*e));
    if (errors.empty())
        return std::nullopt;
    std::nth_element(errors.begin(), errors.begin() + errors.size() / 2, errors.end());
    return errors[errors.size() / 2];
}

} // namespace mfu::gui
