#include "curves_view.h"

#include "benchmark_store.h"
#include "chart_style.h"
#include "format.h"
#include "scenario_document.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace mfu::gui {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Series
{
    QVector<double> x, fit, oom, hfu;
    double maxY = 0;
};

// Splits a sweep into the stretch that fits and the one that does not; neighbours of a
// boundary go into both so the line stays continuous where it changes style.
Series toSeries(const std::vector<engine::SweepPoint> &points)
{
    Series s;
    const int n = int(points.size());
    for (int i = 0; i < n; ++i) {
        const auto &p = points[std::size_t(i)];
        s.x << p.x;
        if (!p.valid) {
            s.fit << kNaN;
            s.oom << kNaN;
            s.hfu << kNaN;
            continue;
        }
        auto fitsAt = [&](int j) {
            return j >= 0 && j < n && points[std::size_t(j)].valid && points[std::size_t(j)].fits;
        };
        auto oomAt = [&](int j) {
            return j >= 0 && j < n && points[std::size_t(j)].valid && !points[std::size_t(j)].fits;
        };
        s.fit << (p.fits || fitsAt(i - 1) || fitsAt(i + 1) ? p.mfu * 100 : kNaN);
        s.oom << (!p.fits || oomAt(i - 1) || oomAt(i + 1) ? p.mfu * 100 : kNaN);
        s.hfu << (p.fits ? p.hfu * 100 : kNaN);
        s.maxY = std::max({s.maxY, p.mfu * 100, p.hfu * 100});
    }
    return s;
}

QCPGraph *addLine(QCustomPlot *plot, const QVector<double> &x, const QVector<double> &y,
                  const QPen &pen, const QString &name)
{
    QCPGraph *g = plot->addGraph();
    g->setData(x, y, true);
    g->setPen(pen);
    g->setName(name);
    g->setAdaptiveSampling(false);
    return g;
}

} // namespace

CurvesView::CurvesView(ScenarioDocument *document, QWidget *parent)
    : QWidget(parent), m_document(document), m_axis(new QComboBox), m_plot(new QCustomPlot),
      m_note(new QLabel)
{
    m_axis->addItem(tr("Global batch b"), int(engine::SweepAxis::GlobalBatch));
    m_axis->addItem(tr("Sequence length s"), int(engine::SweepAxis::SeqLen));
    m_axis->addItem(tr("GPU count"), int(engine::SweepAxis::Gpus));
    m_axis->addItem(tr("Tensor parallel TP"), int(engine::SweepAxis::Tp));
    m_axis->addItem(tr("Micro-batch m"), int(engine::SweepAxis::MicroBatch));
    m_axis->addItem(tr("Hidden h"), int(engine::SweepAxis::Hidden));
    m_axis->setToolTip(tr("What the curve varies; everything else stays as set"));
    connect(m_axis, &QComboBox::currentIndexChanged, this, &CurvesView::refresh);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("<b>Predicted MFU</b>")));
    top->addStretch();
    top->addWidget(new QLabel(tr("against")));
    top->addWidget(m_axis);

    chart::applyStyle(m_plot);
    m_plot->setMinimumHeight(chart::kMinimumHeight);
    m_plot->xAxis->setScaleType(QCPAxis::stLogarithmic);
    auto log = QSharedPointer<QCPAxisTickerLog>::create();
    log->setLogBase(2);
    m_plot->xAxis->setTicker(log);
    m_plot->xAxis->setNumberFormat(QStringLiteral("gb"));
    m_plot->yAxis->setLabel(tr("utilisation (%)"));
    chart::placeLegendBeside(m_plot);

    m_note->setStyleSheet(QStringLiteral("color: palette(mid);"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_note);

    connect(m_document, &ScenarioDocument::changed, this, &CurvesView::refresh);
    connect(m_document, &ScenarioDocument::baselineChanged, this, &CurvesView::refresh);
    refresh();
}

void CurvesView::setBenchmarks(BenchmarkStore *store)
{
    m_store = store;
    connect(store, &BenchmarkStore::changed, this, &CurvesView::refresh);
    refresh();
}

namespace {

// A run belongs on this curve when it trains the same model; layouts and batches may differ,
// which is what the curve's axis shows.
bool sameModel(const engine::ModelShape &a, const engine::ModelShape &b)
{
    return a.layers == b.layers && a.hidden == b.hidden && a.heads == b.heads &&
           a.kvHeads == b.kvHeads && a.ffnHidden == b.ffnHidden && a.vocab == b.vocab &&
           a.gatedMlp == b.gatedMlp;
}

} // namespace

void CurvesView::drawMeasured()
{
    m_measuredCount = 0;
    if (!m_store)
        return;
    const engine::Scenario &current = m_document->scenario();
    const engine::SweepAxis ax = axis();
    QVector<double> ix, iy, ie, rx, ry;
    QStringList labels;
    // Measured MFU under the curve's own counting, so that point and curve compare.
    for (const MeasuredPoint &point : m_store->measuredUnder(current.conventions)) {
        const BenchmarkRun *b = point.run;
        if (!sameModel(b->run.scenario.model, current.model))
            continue;
        const double x = engine::axisValue(b->run.scenario, ax);
        const double mfu = point.mfu * 100;
        if (b->reference) {
            rx << x;
            ry << mfu;
        } else {
            ix << x;
            iy << mfu;
            // Half the interquartile range of the step time, as MFU points.
            const double step = b->run.stepTimeS;
            const double halfSpread = b->run.stepTimeSpreadS / 2;
            ie << (step > halfSpread ? mfu * halfSpread / (step - halfSpread) : 0.0);
        }
        labels << QString::fromStdString(b->run.label);
        ++m_measuredCount;
    }
    if (!rx.isEmpty()) {
        QCPGraph *g = m_plot->addGraph();
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssDiamond, chart::kNeutral, chart::kYellow, 10));
        g->setData(rx, ry);
        g->setName(tr("published runs"));
    }
    if (!ix.isEmpty()) {
        QCPGraph *g = m_plot->addGraph();
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, Qt::black, Qt::white, 8));
        g->setData(ix, iy);
        g->setName(tr("measured"));
        auto *bars = new QCPErrorBars(m_plot->xAxis, m_plot->yAxis);
        bars->setDataPlottable(g);
        bars->setData(ie);
        bars->setPen(QPen(Qt::black, 1.2));
        bars->removeFromLegend();
    }
}

void CurvesView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    chart::fitLegend(m_plot);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void CurvesView::setAxis(engine::SweepAxis axis)
{
    m_axis->setCurrentIndex(m_axis->findData(int(axis)));
}

engine::SweepAxis CurvesView::axis() const
{
    return engine::SweepAxis(m_axis->currentData().toInt());
}

void CurvesView::refresh()
{
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_pointCount = 0;
    m_measuredCount = 0;
    const engine::SweepAxis ax = axis();
    const engine::Scenario &sc = m_document->scenario();
    const auto &ev = m_document->evaluation();
    m_plot->xAxis->setLabel(m_axis->currentText());

    if (!ev.ok()) {
        m_note->setText(tr("No curve: %1").arg(QString::fromStdString(ev.error().toString())));
        chart::fitLegend(m_plot);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const std::vector<double> xs = engine::sweepValues(sc, ax);
    const Series cur = toSeries(engine::sweep(sc, ax, xs));
    m_pointCount = int(xs.size());
    double maxY = cur.maxY;

    if (const auto &base = m_document->baseline()) {
        const std::vector<double> bxs = engine::sweepValues(base->scenario, ax);
        const Series b = toSeries(engine::sweep(base->scenario, ax, bxs));
        QVector<double> y;
        for (int i = 0; i < b.x.size(); ++i)
            y << (std::isnan(b.fit[i]) ? b.oom[i] : b.fit[i]);
        addLine(m_plot, b.x, y, QPen(chart::kNeutral, 2, Qt::DashLine), tr("MFU, baseline"));
        maxY = std::max(maxY, b.maxY);
    }
    addLine(m_plot, cur.x, cur.hfu, QPen(chart::kHfu, 1.5), tr("HFU"));
    addLine(m_plot, cur.x, cur.fit, QPen(chart::kAttention, 2.5), tr("MFU"));
    QCPGraph *oom = addLine(m_plot, cur.x, cur.oom, QPen(chart::kBad, 2.5, Qt::DotLine),
                            tr("MFU, out of memory"));
    if (std::none_of(cur.oom.begin(), cur.oom.end(), [](double v) { return std::isfinite(v); }))
        oom->removeFromLegend();

    // The current scenario, where it sits on its curve.
    if (ev->predicted) {
        QCPGraph *here = m_plot->addGraph();
        here->setLineStyle(QCPGraph::lsNone);
        const bool fits = !ev->memory || ev->memory->fits;
        here->setScatterStyle(QCPScatterStyle(
            QCPScatterStyle::ssCircle, fits ? chart::kAttention : chart::kBad, Qt::white, 11));
        here->addData(engine::axisValue(sc, ax), ev->predicted->mfu * 100);
        here->setName(tr("this scenario"));
        auto *label = new QCPItemText(m_plot);
        label->position->setCoords(engine::axisValue(sc, ax), ev->predicted->mfu * 100);
        label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        label->setPadding(QMargins(0, 0, 0, 10));
        label->setText(format::percent(ev->predicted->mfu));
        QFont f = label->font();
        f.setBold(true);
        label->setFont(f);
    }

    drawMeasured();
    double minX = xs.front(), maxX = xs.back();
    for (int i = 0; i < m_plot->graphCount(); ++i) {
        const QCPGraph *g = m_plot->graph(i);
        for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) {
            if (std::isfinite(it->value))
                maxY = std::max(maxY, it->value);
            if (it->key > 0) {
                minX = std::min(minX, it->key);
                maxX = std::max(maxX, it->key);
            }
        }
    }
    const bool anyValid = maxY > 0;
    m_note->setText(anyValid ? QString()
                             : tr("The time model gives no prediction for this scenario."));
    chart::fitLegend(m_plot);
    m_plot->xAxis->setRange(minX / 1.3, maxX * 1.3);
    m_plot->yAxis->setRange(0, std::max(10.0, std::ceil(maxY / 10 + 0.5) * 10));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace mfu::gui
