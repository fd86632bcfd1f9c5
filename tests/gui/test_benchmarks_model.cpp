// The Benchmarks table as an item model: sound under QAbstractItemModelTester (alone and
// behind the sorting proxy), sorted by the numbers behind the texts, and a run activated
// through the proxy loads the run it shows.
#include "gui/benchmark_store.h"
#include "gui/benchmarks_model.h"
#include "gui/benchmarks_view.h"
#include "gui/format.h"
#include "gui/scenario_document.h"

#include "io/scenario_io.h"

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QStringList>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

using namespace mfu::gui;

namespace {

// Three runs whose step times and GPU counts sort one way as numbers and another as text:
// "1.20 s" < "12.0 s" < "850 ms" and "1,024" < "512" < "8,192".
const char *const kRuns = R"({
  "schema": "mfu-explorer/benchmarks@1",
  "runs": [
    {"label": "a", "model": {"preset": "llama3-8b"}, "hardware": {"preset": "h100-sxm"},
     "batch": {"global_batch": 512, "seq_len": 4096, "micro_batch": 1},
     "parallel": {"tp": 1, "pp": 1, "dp": 512}, "measured": {"step_time_s": 1.2}},
    {"label": "b", "model": {"preset": "llama3-8b"}, "hardware": {"preset": "h100-sxm"},
     "batch": {"global_batch": 1024, "seq_len": 4096, "micro_batch": 1},
     "parallel": {"tp": 2, "pp": 1, "dp": 512}, "measured": {"step_time_s": 12}},
    {"label": "c", "model": {"preset": "llama3-8b"}, "hardware": {"preset": "h100-sxm"},
     "batch": {"global_batch": 1024, "seq_len": 4096, "micro_batch": 1},
     "parallel": {"tp": 8, "pp": 1, "dp": 1024}, "measured": {"step_time_s": 0.85}}
  ]
})";

QStringList column(const QAbstractItemModel *model, int col)
{
    QStringList out;
    for (int r = 0; r < model->rowCount(); ++r)
        out << model->index(r, col).data().toString();
    return out;
}

} // namespace

class TestBenchmarksModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_store = std::make_unique<BenchmarkStore>();
        const auto added = m_store->importText(QByteArray(kRuns), QStringLiteral("runs.json"),
                                               mfu::io::defaultScenario());
        QVERIFY2(added.ok(), added.ok() ? "" : added.error().toString().c_str());
        QCOMPARE(added.value(), 3);
    }

    void cleanup() { m_store.reset(); }

    // The tester checks the model's contract on every change: imports, the reference set
    // shown and hidden (a reset to a few hundred rows), clearing.
    void modelAndProxyPassTheTester()
    {
        BenchmarksModel model(m_store.get());
        QAbstractItemModelTester modelTester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(BenchmarksModel::SortRole);
        QAbstractItemModelTester proxyTester(
            &proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(BenchmarksModel::MeasuredStep);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(BenchmarksModel::ColumnCount));
        m_store->setShowReference(true);
        QVERIFY(model.rowCount() > 200);
        QCOMPARE(proxy.rowCount(), model.rowCount());
        proxy.sort(BenchmarksModel::Error, Qt::DescendingOrder);
        m_store->setShowReference(false);
        m_store->clearImported();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(proxy.rowCount(), 0);
    }

    void showsTheFormattedFigures()
    {
        BenchmarksModel model(m_store.get());
        QCOMPARE(column(&model, BenchmarksModel::Label), (QStringList{"a", "b", "c"}));
        QCOMPARE(column(&model, BenchmarksModel::MeasuredStep),
                 (QStringList{format::seconds(1.2), format::seconds(12), format::seconds(0.85)}));
        QCOMPARE(model.index(2, BenchmarksModel::MeasuredStep).data().toString(),
                 QStringLiteral("850 ms"));
        QCOMPARE(model.index(0, BenchmarksModel::MeasuredStep).data().toString(),
                 QStringLiteral("1.20 s"));
        QCOMPARE(column(&model, BenchmarksModel::Gpus),
                 (QStringList{format::count(512), format::count(1024), format::count(8192)}));
        QCOMPARE(model.index(0, BenchmarksModel::Layout).data().toString(),
                 QStringLiteral("TP 1 · PP 1 · DP 512 · m 1"));
        // Figures are right-aligned, words are not.
        QCOMPARE(model.index(0, BenchmarksModel::Gpus)
                     .data(Qt::TextAlignmentRole)
                     .value<Qt::Alignment>(),
                 Qt::AlignRight | Qt::AlignVCenter);
        QVERIFY(!model.index(0, BenchmarksModel::Label).data(Qt::TextAlignmentRole).isValid());
        QCOMPARE(model.headerData(BenchmarksModel::Error, Qt::Horizontal).toString(),
                 QStringLiteral("Error"));
        // The error column is the comparison's, signed.
        const BenchmarkRun *run = model.run(0);
        QVERIFY(run && run->comparison && run->comparison->error);
        QCOMPARE(model.index(0, BenchmarksModel::Error).data().toString(),
                 format::signedPercent(*run->comparison->error));
        QCOMPARE(model.index(0, BenchmarksModel::Error).data(BenchmarksModel::SortRole).toDouble(),
                 *run->comparison->error);
        QVERIFY(!model.run(3));
        QVERIFY(!model.run(-1));
    }

    void sortsByNumberNotText()
    {
        BenchmarksModel model(m_store.get());
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(BenchmarksModel::SortRole);
        proxy.sort(BenchmarksModel::MeasuredStep, Qt::AscendingOrder);
        // 850 ms, 1.20 s, 12.0 s.
        QCOMPARE(column(&proxy, BenchmarksModel::Label), (QStringList{"c", "a", "b"}));
        proxy.sort(BenchmarksModel::Gpus, Qt::AscendingOrder);
        // 512, 1,024, 8,192.
        QCOMPARE(column(&proxy, BenchmarksModel::Label), (QStringList{"a", "b", "c"}));
        proxy.sort(BenchmarksModel::Gpus, Qt::DescendingOrder);
        QCOMPARE(column(&proxy, BenchmarksModel::Label), (QStringList{"c", "b", "a"}));
        // Sorted by display text instead, the same columns come out in another order.
        proxy.setSortRole(Qt::DisplayRole);
        proxy.sort(BenchmarksModel::MeasuredStep, Qt::AscendingOrder);
        QVERIFY(column(&proxy, BenchmarksModel::Label) != (QStringList{"c", "a", "b"}));
    }

    // The view sorts through its proxy and still loads the run a row shows.
    void activatingASortedRowLoadsItsRun()
    {
        ScenarioDocument document;
        BenchmarksView view(&document, m_store.get());
        QTableView *table = view.table();
        table->sortByColumn(BenchmarksModel::Gpus, Qt::DescendingOrder);
        QCOMPARE(table->model()->index(0, BenchmarksModel::Label).data().toString(),
                 QStringLiteral("c"));
        emit table->activated(table->model()->index(0, BenchmarksModel::Label));
        QCOMPARE(document.scenario().parallel.gpus(), 8192.0);
        QCOMPARE(document.scenario().parallel.tp, std::int64_t(8));
        emit table->activated(table->model()->index(2, BenchmarksModel::MeasuredMfu));
        QCOMPARE(document.scenario().parallel.gpus(), 512.0);
        QCOMPARE(document.undoStack()->count(), 2);
    }

private:
    std::unique_ptr<BenchmarkStore> m_store;
};

QTEST_MAIN(TestBenchmarksModel)
#include "test_benchmarks_model.moc"
