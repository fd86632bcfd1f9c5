#include "benchmarks_view.h"

#include "benchmark_store.h"
#include "benchmarks_model.h"
#include "format.h"
#include "scenario_document.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace mfu::gui {

BenchmarksView::BenchmarksView(ScenarioDocument *document, BenchmarkStore *store, QWidget *parent)
    : QWidget(parent), m_document(document), m_store(store),
      m_model(new BenchmarksModel(store, this)), m_sorted(new QSortFilterProxyModel(this)),
      m_table(new QTableView), m_reference(new QCheckBox(tr("Show the published reference runs"))),
      m_fit(new QPushButton(tr("Fit the hardware knobs…"))), m_summary(new QLabel)
{
    auto *importButton = new QPushButton(tr("Import timings…"));
    importButton->setToolTip(tr(
        "Megatron-LM, torchtitan or nanoGPT logs, trainer_state.json, or benchmarks@1 JSON/CSV"));
    auto *clearButton = new QPushButton(tr("Clear imported"));
    m_fit->setToolTip(tr("Least-squares fit of the efficiency knobs to the imported step times"));
    m_reference->setToolTip(tr(
        "Public training runs (Megatron-LM, Llama 3, MosaicML, torchtitan, …) with their sources"));
    connect(importButton, &QPushButton::clicked, this, &BenchmarksView::importRequested);
    connect(m_fit, &QPushButton::clicked, this, &BenchmarksView::fitRequested);
    connect(clearButton, &QPushButton::clicked, m_store, &BenchmarkStore::clearImported);
    connect(m_reference, &QCheckBox::toggled, m_store, &BenchmarkStore::setShowReference);

    auto *bar = new QHBoxLayout;
    bar->addWidget(importButton);
    bar->addWidget(clearButton);
    bar->addWidget(m_fit);
    bar->addSpacing(16);
    bar->addWidget(m_reference);
    bar->addStretch();

    // Sorted by the numbers behind the texts: as text "850 ms" would follow "1.20 s". Text
    // columns sort as the user's language orders words.
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(BenchmarksModel::SortRole);
    m_sorted->setSortLocaleAware(true);
    m_table->setModel(m_sorted);
    m_table->setSortingEnabled(true);
    // Imported runs first, in the order they came, until a header is clicked: enabling sorting
    // sorts at once by the header's default indicator (the first column, descending).
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(BenchmarksModel::Label, QHeaderView::Stretch);
    m_table->setToolTip(tr("Double-click a run to load its scenario"));
    connect(m_table, &QTableView::activated, this, &BenchmarksView::load);

    m_summary->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_summary);

    connect(m_store, &BenchmarkStore::changed, this, &BenchmarksView::refresh);
    refresh();
}

void BenchmarksView::refresh()
{
    m_fit->setEnabled(!m_store->importedRuns().empty());
    const int rows = m_model->rowCount();
    const std::optional<double> error = m_model->medianAbsoluteError();
    if (!error) {
        m_summary->setText(
            rows == 0
                ? tr("No runs yet: import a training log or a benchmarks file (File ▸ Import Timings, or drop it on the window).")
                : QString());
        return;
    }
    m_summary->setText(tr("%n run(s); median |error| of the predicted step time %1", nullptr, rows)
                           .arg(format::percent(*error)));
}

void BenchmarksView::load(const QModelIndex &index)
{
    const BenchmarkRun *run = m_model->run(m_sorted->mapToSource(index).row());
    if (!run)
        return;
    engine::Scenario sc = run->run.scenario;
    DocumentState state = m_document->state();
    state.scenario = sc;
    m_document->replaceState(state, tr("Load run %1").arg(QString::fromStdString(sc.name)));
}

} // namespace mfu::gui
