#include "breakdown_view.h"
#include "engine/names.h"

#include "chart_style.h"
#include "format.h"
#include "scenario_document.h"

#include "engine/flops.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QResizeEvent>
#include <QTableWidget>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <cmath>

namespace mfu::gui {

namespace {

using engine::Module;

struct ModuleRow
{
    Module module;
    const char *gemm; // the GEMM and its FLOPs in the derivation's symbols
    QColor color;
};

const ModuleRow kRows[] = {
    {Module::QDown, "MLA [bs,h]·[h,r_q]  2bsh·r_q", chart::kAttention},
    {Module::QProj, "[bs,h]·[h,nd]  2bshnd", chart::kAttention},
    {Module::KvDown, "MLA [bs,h]·[h,r_kv+d_r]  2bsh·(r_kv+d_r)", chart::kAttention},
    {Module::KProj, "[bs,h]·[h,n_kv·d]  2bsh·n_kv·d", chart::kAttention},
    {Module::VProj, "[bs,h]·[h,n_kv·d]  2bsh·n_kv·d", chart::kAttention},
    {Module::AttnScores, "QKᵀ per head  2bns²d", chart::kAttention},
    {Module::AttnContext, "scores·V per head  2bns²d", chart::kAttention},
    {Module::OProj, "[bs,nd]·[nd,h]  2bsndh", chart::kAttention},
    {Module::MlpUp, "[bs,h]·[h,ĥ]  2bshĥ", chart::kMlp},
    {Module::MlpGate, "[bs,h]·[h,ĥ]  2bshĥ (gated)", chart::kMlp},
    {Module::MlpDown, "[bs,ĥ]·[ĥ,h]  2bsĥh", chart::kMlp},
    {Module::Router, "[bs,h]·[h,E]  2bshE", chart::kNeutral},
    {Module::ExpertUp, "k × [bs,h]·[h,F_e]  2bsh·k·F_e", chart::kExperts},
    {Module::ExpertGate, "k × [bs,h]·[h,F_e]  2bsh·k·F_e (gated)", chart::kExperts},
    {Module::ExpertDown, "k × [bs,F_e]·[F_e,h]  2bs·k·F_e·h", chart::kExperts},
    {Module::SharedUp, "[bs,h]·[h,F_s]  2bsh·F_s", chart::kMlp},
    {Module::SharedGate, "[bs,h]·[h,F_s]  2bsh·F_s (gated)", chart::kMlp},
    {Module::SharedDown, "[bs,F_s]·[F_s,h]  2bs·F_s·h", chart::kMlp},
    {Module::MtpProj, "MTP [bs,2h]·[2h,h]  4bsh²", chart::kLmHead},
    {Module::LmHead, "[bs,h]·[h,V]  2bshV, once", chart::kLmHead},
};
static_assert(std::size(kRows) == engine::kModuleCount);

} // namespace

BreakdownView::BreakdownView(ScenarioDocument *document, QWidget *parent)
    : QWidget(parent), m_document(document), m_kind(new QComboBox), m_plot(new QCustomPlot),
      m_table(new QTableWidget)
{
    m_kind->addItems(
        {tr("Forward FLOPs"), tr("Training FLOPs (×3)"), tr("Hardware FLOPs (with recompute)")});
    m_kind->setCurrentIndex(Training);
    m_kind->setToolTip(tr(
        "Forward pass only, training (forward + backward), or what the GPUs execute including recomputation"));
    connect(m_kind, &QComboBox::currentIndexChanged, this, &BreakdownView::refresh);

    auto *top = new QHBoxLayout;
    auto *title = new QLabel(tr("<b>FLOPs per module, one step</b>"));
    top->addWidget(title);
    top->addStretch();
    top->addWidget(m_kind);

    chart::applyStyle(m_plot);
    m_plot->setMinimumHeight(chart::kMinimumHeight);
    const int width = setUpTable();
    const QFontMetrics chartMetrics(m_plot->font());
    m_chartMinimumWidth = chartMetrics.horizontalAdvance(QStringLiteral("attn_context")) +
                          chartMetrics.horizontalAdvance(QStringLiteral("888 PFLOP · 88.8%")) +
                          6 * chartMetrics.horizontalAdvance(QLatin1Char('M'));

    auto *body = new QHBoxLayout;
    body->addWidget(m_plot, 1);
    // When the headline counts under another convention, say so under the exact sum, so that
    // two different totals on one dashboard explain themselves.
    m_conventionNote = new QLabel;
    m_conventionNote->setObjectName(QStringLiteral("conventionNote"));
    m_conventionNote->setWordWrap(true);
    m_conventionNote->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    // A fixed size: a label that cannot change size does not lay the dashboard out again when
    // its figure changes with a slider.
    m_conventionNote->setFixedSize(width, 4 * m_conventionNote->fontMetrics().lineSpacing());
    m_conventionNote->hide();
    m_conventionNote->setStyleSheet(QStringLiteral("color: #505050;"));
    auto *tableColumn = new QVBoxLayout;
    tableColumn->addWidget(m_table);
    tableColumn->addWidget(m_conventionNote);
    tableColumn->addStretch();
    body->addLayout(tableColumn, 0);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addLayout(body);

    setUpBars();

    connect(m_plot, &QCustomPlot::afterLayout, this, &BreakdownView::placeLabels);
    connect(m_document, &ScenarioDocument::changed, this, &BreakdownView::refresh);
    refresh();
}

// Returns the table's fixed width, which the convention note under it shares.
int BreakdownView::setUpTable()
{
    // The GEMM of each row is a tooltip here; the Derivation tab spells it out in full.
    m_table->setColumnCount(3);
    m_table->setHorizontalHeaderLabels({tr("Module"), tr("FLOPs"), tr("Share")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setRowCount(int(engine::kModuleCount) + 1);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_table->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Maximum);
    // The cells are made once and only their text changes on each update: rebuilding items
    // and re-measuring columns on every slider step cost more than the whole engine.
    QFont bold = m_table->font();
    bold.setBold(true);
    for (int r = 0; r <= int(engine::kModuleCount); ++r) {
        const bool totalRow = r == int(engine::kModuleCount);
        for (int c = 0; c < 3; ++c) {
            auto *item = new QTableWidgetItem;
            item->setTextAlignment((c == 0 ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
            if (totalRow && c < 2)
                item->setFont(bold);
            m_table->setItem(r, c, item);
        }
        if (totalRow) {
            m_table->item(r, 0)->setText(tr("total"));
            m_table->item(r, 0)->setToolTip(tr("L × layer + lm_head"));
            m_table->item(r, 2)->setText(QStringLiteral("100%"));
        } else {
            m_table->item(r, 0)->setText(QString::fromLatin1(engine::moduleKey(kRows[r].module)));
            m_table->item(r, 0)->setToolTip(QString::fromUtf8(kRows[r].gemm));
        }
    }
    // Wide enough for the longest name and a "999 PFLOP" figure in bold, measured once.
    const QFontMetrics metrics(bold);
    const int pad = 2 * metrics.horizontalAdvance(QLatin1Char('M'));
    m_table->setColumnWidth(0, metrics.horizontalAdvance(QStringLiteral("attn_context")) + pad);
    m_table->setColumnWidth(1, metrics.horizontalAdvance(QStringLiteral("999.9 EFLOP")) + pad);
    m_table->setColumnWidth(2, metrics.horizontalAdvance(QStringLiteral("100.0%")) + pad);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->resizeRowsToContents();
    int width = 2 * m_table->frameWidth();
    for (int c = 0; c < m_table->columnCount(); ++c)
        width += m_table->columnWidth(c);
    m_table->setFixedWidth(width);
    return width;
}

void BreakdownView::setUpBars()
{
    const int n = int(engine::kModuleCount);
    for (int i = 0; i < n; ++i) {
        auto *bar = new QCPBars(m_plot->yAxis, m_plot->xAxis);
        bar->setWidth(0.7);
        bar->setPen(Qt::NoPen);
        bar->setBrush(kRows[i].color);
        m_bars.push_back(bar);
        // Share labels at the bar ends read better than a legend for ten bars.
        auto *label = new QCPItemText(m_plot);
        label->position->setAxes(m_plot->xAxis, m_plot->yAxis);
        m_labels.push_back(label);
    }
    m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerText>::create());
    m_plot->yAxis->grid()->setVisible(false);
    // Values are printed at the bar ends, so the value axis needs no tick labels.
    m_plot->xAxis->setTickLabels(false);
    m_plot->xAxis->setTicks(false);
    m_plot->xAxis->grid()->setVisible(false);
}

void BreakdownView::placeLabels()
{
    // A label goes inside its bar where the bar is long enough to hold it, otherwise just past
    // the bar's end, and the value axis reaches far enough that no label runs off the chart.
    // Decided in pixels after the layout, since it depends on the chart's width.
    const double width = m_plot->axisRect()->width();
    double maxValue = 0;
    for (const QCPItemText *label : m_labels)
        if (label->visible())
            maxValue = std::max(maxValue, label->position->key());
    if (width <= 0 || maxValue <= 0)
        return;
    std::vector<int> textPixels;
    for (const QCPItemText *label : m_labels)
        textPixels.push_back(QFontMetrics(label->font()).horizontalAdvance(label->text()) + 8);
    double range = maxValue * 1.05;
    std::vector<bool> inside(m_labels.size());
    // Two rounds: widening the axis for an outside label shortens every bar, which can move
    // another label outside.
    for (int round = 0; round < 2; ++round) {
        double needed = maxValue * 1.05;
        for (std::size_t i = 0; i < m_labels.size(); ++i) {
            if (!m_labels[i]->visible())
                continue;
            const double value = m_labels[i]->position->key();
            inside[i] = value / range * width >= textPixels[i];
            // Past the bar: value/range·width + text ≤ width.
            if (!inside[i])
                needed = std::max(needed, value / std::max(0.1, 1 - textPixels[i] / width));
        }
        range = needed;
    }
    m_plot->xAxis->setRange(0, range);
    for (std::size_t i = 0; i < m_labels.size(); ++i) {
        QCPItemText *label = m_labels[i];
        label->setPositionAlignment((inside[i] ? Qt::AlignRight : Qt::AlignLeft) |
                                    Qt::AlignVCenter);
        label->setPadding(inside[i] ? QMargins(0, 0, 4, 0) : QMargins(4, 0, 0, 0));
        label->setColor(inside[i] ? Qt::white : Qt::black);
    }
}

void BreakdownView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // Where the view is too narrow for both (a laptop screen at 200%), the table gives way: the
    // chart's labels carry the same figures, and Copy as Markdown still reads the table.
    m_table->setVisible(event->size().width() >= m_table->width() + m_chartMinimumWidth);
}

// A dense model has no router or experts: only the modules the model has get a row and a bar,
// q_proj at the top like the derivation's table. Done when the set changes, not every step.
void BreakdownView::showModulesOf(const engine::ModelShape &model)
{
    std::vector<bool> shown(engine::kModuleCount);
    for (std::size_t i = 0; i < engine::kModuleCount; ++i)
        shown[i] = engine::moduleApplies(model, kRows[i].module);
    if (shown == m_shown)
        return;
    m_shown = shown;
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    const int count = int(std::count(shown.begin(), shown.end(), true));
    m_barKeys.assign(engine::kModuleCount, 0);
    int position = count;
    for (std::size_t i = 0; i < engine::kModuleCount; ++i) {
        m_table->setRowHidden(int(i), !shown[i]);
        if (!shown[i])
            continue;
        m_barKeys[i] = position;
        ticker->addTick(position--, QString::fromLatin1(engine::moduleKey(kRows[i].module)));
    }
    m_plot->yAxis->setTicker(ticker);
    m_plot->yAxis->setRange(0.3, count + 0.7);
    m_table->updateGeometry();
}

void BreakdownView::setKind(Kind kind)
{
    m_kind->setCurrentIndex(kind);
}

void BreakdownView::refresh()
{
    const auto &result = m_document->evaluation();
    const int n = int(engine::kModuleCount);
    if (!result.ok()) {
        for (int r = 0; r <= n; ++r)
            for (int c = 1; c < 3; ++c)
                m_table->item(r, c)->setText(QStringLiteral("—"));
        for (int i = 0; i < n; ++i) {
            m_bars[std::size_t(i)]->data()->clear();
            m_labels[std::size_t(i)]->setVisible(false);
        }
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const engine::Scenario &sc = m_document->scenario();
    showModulesOf(sc.model);
    engine::ForwardFlops flops;
    switch (Kind(m_kind->currentIndex())) {
    case Forward: flops = result->forward; break;
    case Training: flops = engine::trainingFlopsByModule(sc); break;
    case Hardware: flops = engine::hardwareFlopsByModule(sc); break;
    }
    const double total = flops.total();
    double maxValue = 0;
    for (int i = 0; i < n; ++i)
        maxValue = std::max(maxValue, flops[kRows[i].module]);

    for (int i = 0; i < n; ++i) {
        const double value = flops[kRows[i].module];
        const double key = m_barKeys[std::size_t(i)];
        QCPBars *bar = m_bars[std::size_t(i)];
        bar->data()->clear();
        if (!m_shown[std::size_t(i)]) {
            m_labels[std::size_t(i)]->setVisible(false);
            continue;
        }
        bar->addData(key, value);
        const QString share = format::percent(total > 0 ? value / total : 0);
        m_table->item(i, 1)->setText(format::flops(value));
        m_table->item(i, 2)->setText(share);
        QCPItemText *label = m_labels[std::size_t(i)];
        label->setVisible(true);
        label->position->setCoords(value, key);
        label->setText(QStringLiteral("%1 · %2").arg(format::flops(value), share));
    }
    m_table->item(n, 1)->setText(format::flops(total));
    const Kind kind = Kind(m_kind->currentIndex());
    const double headline =
        kind == Hardware ? result->hardwareFlopsPerStep : result->modelFlopsPerStep;
    const bool differs =
        kind != Forward && std::abs(headline - total) > 5e-4 * std::max(total, headline);
    const QString note =
        differs
            ? tr("Counted GEMM by GEMM. Under the scenario's convention (%1) the headline counts %2.")
                  .arg(QString::fromLatin1(engine::nameOf(sc.conventions.flops)),
                       format::flops(headline))
            : QString();
    // Set only when it changes: a new text re-lays out the column on every slider step.
    if (m_conventionNote->text() != note) {
        m_conventionNote->setText(note);
        m_conventionNote->setVisible(!note.isEmpty());
    }
    m_plot->xAxis->setRange(0, maxValue * 1.2); // refined by placeLabels() once laid out
    m_plot->xAxis->setLabel(m_kind->currentText());
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString BreakdownView::markdown() const
{
    QString md = QStringLiteral("| %1 | %2 | %3 |\n|---|---:|---:|\n")
                     .arg(tr("Module"), tr("FLOPs"), tr("Share"));
    for (int r = 0; r < m_table->rowCount(); ++r) {
        if (m_table->isRowHidden(r))
            continue;
        QStringList cells;
        for (int c = 0; c < 3; ++c)
            cells << (m_table->item(r, c) ? m_table->item(r, c)->text() : QString());
        md += QStringLiteral("| %1 |\n").arg(cells.join(QStringLiteral(" | ")));
    }
    return md;
}

} // namespace mfu::gui
