#include "benchmarks_view.h"

#include "benchmark_store.h"
#include "format.h"
#include "scenario_document.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace mfu::gui {

namespace {

enum Column { Label, Set, Layout, Gpus, MeasuredStep, MeasuredMfu, PredictedStep, PredictedMfu, Error, ColumnCount };

QString layoutText(const engine::Scenario &sc)
{
    const engine::Parallel &p = sc.parallel;
    QString text = QStringLiteral("TP %1 · PP %2 · DP %3").arg(p.tp).arg(p.pp).arg(p.dp);
    if (p.cp > 1)
        text += QStringLiteral(" · CP %1").arg(p.cp);
    text += QStringLiteral(" · m %1").arg(sc.batch.microBatch);
    return text;
}

} // namespace

BenchmarksView::BenchmarksView(ScenarioDocument *document, BenchmarkStore *store, QWidget *parent)
    : QWidget(parent), m_document(document), m_store(store), m_table(new QTableWidget),
      m_reference(new QCheckBox(tr("Show the published reference runs"))),
      m_fit(new QPushButton(tr("Fit the hardware knobs…"))), m_summary(new QLabel)
{
    auto *importButton = new QPushButton(tr("Import timings…"));
    importButton->setToolTip(tr("Megatron-LM, torchtitan or nanoGPT logs, trainer_state.json, or benchmarks@1 JSON/CSV"));
    auto *clearButton = new QPushButton(tr("Clear imported"));
    m_fit->setToolTip(tr("Least-squares fit of the efficiency knobs to the imported step times"));
    m_reference->setToolTip(tr("Public training runs (Megatron-LM, Llama 3, MosaicML, torchtitan, …) with their sources"));
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

    m_table->setColumnCount(ColumnCount);
    m_table->setHorizontalHeaderLabels({tr("Run"), tr("Set"), tr("Layout"), tr("GPUs"),
                                        tr("Measured step"), tr("Measured MFU"),
                                        tr("Predicted step"), tr("Predicted MFU"), tr("Error")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(Label, QHeaderView::Stretch);
    m_table->setToolTip(tr("Double-click a run to load its scenario"));
    connect(m_table, &QTableWidget::cellActivated, this, [this](int row, int) { loadRow(row); });

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
    m_rows = m_store->visibleRuns();
    m_table->setSortingEnabled(false);
    m_table->setRowCount(int(m_rows.size()));
    std::vector<double> errors;
    auto cell = [](const QString &text, bool number) {
        auto *item = new QTableWidgetItem(text);
        if (number)
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        return item;
    };
    for (int r = 0; r < int(m_rows.size()); ++r) {
        const BenchmarkRun &b = *m_rows[std::size_t(r)];
        const engine::Scenario &sc = b.run.scenario;
        auto *label = cell(QString::fromStdString(b.run.label), false);
        label->setData(Qt::UserRole, r);
        m_table->setItem(r, Label, label);
        m_table->setItem(r, Set, cell(b.set, false));
        m_table->setItem(r, Layout, cell(layoutText(sc), false));
        m_table->setItem(r, Gpus, cell(format::count(sc.parallel.gpus()), true));
        QString measuredStep = format::seconds(b.run.stepTimeS);
        if (b.run.stepTimeSpreadS > 0)
            measuredStep += QStringLiteral(" ± %1").arg(format::seconds(b.run.stepTimeSpreadS / 2));
        m_table->setItem(r, MeasuredStep, cell(measuredStep, true));
        const auto &cmp = b.comparison;
        const bool hasMeasured = cmp && cmp->measured;
        const bool hasPredicted = cmp && cmp->predicted;
        m_table->setItem(r, MeasuredMfu, cell(hasMeasured ? format::percent(cmp->measured->mfu) : QStringLiteral("—"), true));
        m_table->setItem(r, PredictedStep, cell(hasPredicted ? format::seconds(cmp->predicted->stepTimeS) : QStringLiteral("—"), true));
        m_table->setItem(r, PredictedMfu, cell(hasPredicted ? format::percent(cmp->predicted->mfu) : QStringLiteral("—"), true));
        QString errorText = QStringLiteral("—");
        if (cmp && cmp->error) {
            errors.push_back(std::fabs(*cmp->error));
            errorText = format::signedPercent(*cmp->error);
        }
        m_table->setItem(r, Error, cell(errorText, true));
    }
    m_table->setSortingEnabled(true);
    m_fit->setEnabled(!m_store->importedRuns().empty());

    if (errors.empty()) {
        m_summary->setText(m_rows.empty() ? tr("No runs yet: import a training log or a benchmarks file (File ▸ Import Timings, or drop it on the window).")
                                          : QString());
        return;
    }
    std::nth_element(errors.begin(), errors.begin() + errors.size() / 2, errors.end());
    m_summary->setText(tr("%n run(s); median |error| of the predicted step time %1", nullptr, int(m_rows.size()))
                           .arg(format::percent(errors[errors.size() / 2])));
}

void BenchmarksView::loadRow(int row)
{
    const QTableWidgetItem *item = m_table->item(row, Label);
    if (!item)
        return;
    const int index = item->data(Qt::UserRole).toInt();
    if (index < 0 || index >= int(m_rows.size()))
        return;
    engine::Scenario sc = m_rows[std::size_t(index)]->run.scenario;
    DocumentState state = m_document->state();
    state.scenario = sc;
    m_document->replaceState(state, tr("Load run %1").arg(QString::fromStdString(sc.name)));
}

} // namespace mfu::gui
