#include "time_memory_view.h"

#include "chart_style.h"
#include "format.h"
#include "scenario_document.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <qcustomplot.h>

namespace mfu::gui {

namespace {

struct Segment
{
    QString name;
    QColor color;
};

// One stacked bar per column (current, baseline); `values[column][segment]`.
void drawStack(QCustomPlot *plot, const QVector<QString> &columns, const QVector<Segment> &segments,
               const QVector<QVector<double>> &values, double scale)
{
    plot->clearPlottables();
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int c = 0; c < columns.size(); ++c)
        ticker->addTick(c + 1, columns[c]);
    plot->xAxis->setTicker(ticker);
    plot->xAxis->setRange(0.3, columns.size() + 0.7);
    plot->xAxis->grid()->setVisible(false);
    QCPBars *below = nullptr;
    for (int s = 0; s < segments.size(); ++s) {
        auto *bars = new QCPBars(plot->xAxis, plot->yAxis);
        bars->setName(segments[s].name);
        bars->setBrush(segments[s].color);
        bars->setPen(QPen(Qt::white, 1));
        bars->setWidth(0.55);
        bool any = false;
        for (int c = 0; c < columns.size(); ++c) {
            bars->addData(c + 1, values[c][s] * scale);
            any = any || values[c][s] > 0;
        }
        // A component that is zero everywhere (no CP, no pipeline) only clutters the legend.
        if (!any)
            bars->removeFromLegend();
        if (below)
            bars->moveAbove(below);
        below = bars;
    }
}

} // namespace

TimeMemoryView::TimeMemoryView(ScenarioDocument *document, QWidget *parent)
    : QWidget(parent), m_document(document), m_time(new QCustomPlot), m_memory(new QCustomPlot)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    for (auto [plot, title] : {std::pair{m_time, tr("<b>Step time</b>")},
                               std::pair{m_memory, tr("<b>Memory per GPU</b>")}}) {
        chart::applyStyle(plot);
        plot->setMinimumHeight(chart::kMinimumHeight);
        chart::placeLegendBeside(plot);
        auto *column = new QVBoxLayout;
        column->addWidget(new QLabel(title));
        column->addWidget(plot, 1);
        layout->addLayout(column, 1);
    }
    m_time->yAxis->setLabel(tr("seconds per step"));
    m_memory->yAxis->setLabel(tr("GiB"));
    connect(m_document, &ScenarioDocument::changed, this, &TimeMemoryView::refresh);
    connect(m_document, &ScenarioDocument::baselineChanged, this, &TimeMemoryView::refresh);
    refresh();
}

void TimeMemoryView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    for (QCustomPlot *plot : {m_time, m_memory}) {
        chart::fitLegend(plot);
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void TimeMemoryView::refresh()
{
    refreshTime();
    refreshMemory();
}

void TimeMemoryView::refreshTime()
{
    // Compute first (GEMMs and attention, elementwise, casts, recomputation), then the exposed
    // part of each kind of communication (orange: TP, CP), the host's launches, the pipeline's
    // greys, DP and the optimizer.
    const QVector<Segment> segments = {{tr("GEMMs, attention"), chart::kAttention},
                                       {tr("elementwise"), chart::kSky},
                                       {tr("FP8/FP4 casts"), chart::kYellow},
                                       {tr("recompute"), chart::kAttention.darker(170)},
                                       {tr("TP comm (exposed)"), chart::kMlp},
                                       {tr("CP comm (exposed)"), chart::kMlp.lighter(150)},
                                       {tr("EP all-to-all (exposed)"), chart::kMlp.darker(150)},
                                       {tr("host launches"), chart::kNeutral.darker(140)},
                                       {tr("pipeline bubble"), chart::kNeutral},
                                       {tr("PP sends (exposed)"), chart::kNeutral.lighter(160)},
                                       {tr("DP comm (exposed)"), chart::kHfu},
                                       {tr("optimizer"), chart::kLmHead}};
    auto row = [](const engine::TimeBreakdown &t) {
        const double elementwise = t.memoryBound - t.casts;
        return QVector<double>{t.compute - t.memoryBound - t.recompute,
                               elementwise,
                               t.casts,
                               t.recompute,
                               t.tpComm,
                               t.cpComm,
                               t.epComm,
                               t.host,
                               t.ppBubble,
                               t.ppComm,
                               t.dpComm,
                               t.optimizer};
    };
    QVector<QString> columns;
    QVector<QVector<double>> values;
    double top = 0;
    const auto &ev = m_document->evaluation();
    if (ev.ok() && ev->time) {
        columns << tr("this scenario\n%1").arg(format::seconds(ev->time->step));
        values << row(*ev->time);
        top = std::max(top, ev->time->step);
    }
    const auto &base = m_document->baselineEvaluation();
    if (base && base->time) {
        columns << tr("baseline\n%1").arg(format::seconds(base->time->step));
        values << row(*base->time);
        top = std::max(top, base->time->step);
    }
    drawStack(m_time, columns, segments, values, 1.0);
    chart::fitLegend(m_time);
    m_time->yAxis->setRange(0, top > 0 ? top * 1.1 : 1);
    m_time->replot(QCustomPlot::rpQueuedReplot);
}

void TimeMemoryView::refreshMemory()
{
    const QVector<Segment> segments = {{tr("weights"), chart::kAttention},
                                       {tr("gradients"), chart::kMlp},
                                       {tr("optimizer states"), chart::kLmHead},
                                       {tr("activations"), chart::kHfu},
                                       {tr("logits, buffers"), chart::kNeutral}};
    auto row = [](const engine::MemoryBreakdown &m) {
        return QVector<double>{m.weights, m.gradients, m.optimizer, m.activations, m.other};
    };
    constexpr double kGiB = 1.0 / (1024.0 * 1024.0 * 1024.0);
    QVector<QString> columns;
    QVector<QVector<double>> values;
    double top = 0, capacity = 0;
    const auto &ev = m_document->evaluation();
    if (ev.ok() && ev->memory) {
        columns << tr("this scenario\n%1").arg(format::bytes(ev->memory->total));
        values << row(*ev->memory);
        top = std::max(top, ev->memory->total);
        capacity = ev->memory->capacity;
    }
    const auto &base = m_document->baselineEvaluation();
    if (base && base->memory) {
        columns << tr("baseline\n%1").arg(format::bytes(base->memory->total));
        values << row(*base->memory);
        top = std::max(top, base->memory->total);
    }
    drawStack(m_memory, columns, segments, values, kGiB);
    m_memory->clearItems();
    if (capacity > 0) {
        // The usable HBM line: what "fits" is measured against.
        auto *line = new QCPItemStraightLine(m_memory);
        line->point1->setCoords(0, capacity * kGiB);
        line->point2->setCoords(1, capacity * kGiB);
        line->setPen(QPen(chart::kBad, 2, Qt::DashLine));
        auto *label = new QCPItemText(m_memory);
        label->position->setType(QCPItemPosition::ptAxisRectRatio);
        label->position->setTypeY(QCPItemPosition::ptPlotCoords);
        label->position->setCoords(0.02, capacity * kGiB);
        // Readable over a bar that runs past the line.
        label->setBrush(QColor(255, 255, 255, 210));
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        label->setColor(chart::kBad);
        label->setText(tr("usable HBM %1").arg(format::bytes(capacity)));
    }
    chart::fitLegend(m_memory);
    const double highest = std::max(top, capacity) * kGiB;
    m_memory->yAxis->setRange(0, highest > 0 ? highest * 1.15 : 1); // nothing to show: 0 to 1
    m_memory->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace mfu::gui
