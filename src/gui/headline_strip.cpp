#include "headline_strip.h"

#include "format.h"
#include "scenario_document.h"

#include "engine/planning.h"

#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace mfu::gui {

namespace {

// "+12.3%" against the baseline; empty when there is none or nothing to compare.
QString delta(double now, double before, bool higherIsBetter)
{
    if (!std::isfinite(now) || !std::isfinite(before) || before == 0)
        return QString();
    const double change = now / before - 1;
    if (std::fabs(change) < 5e-4)
        return QStringLiteral("Δ 0");
    const bool better = (change > 0) == higherIsBetter;
    const QString color = better ? QStringLiteral("#1a7f37") : QStringLiteral("#b42318");
    return QStringLiteral("<span style='color:%1'>Δ %2%3%</span>")
        .arg(color, change > 0 ? QStringLiteral("+") : QString(),
             QString::number(change * 100, 'f', 1));
}

} // namespace

HeadlineStrip::HeadlineStrip(ScenarioDocument *document, QWidget *parent)
    : QFrame(parent), m_document(document)
{
    setFrameShape(QFrame::StyledPanel);
    m_grid = new QGridLayout(this);
    m_grid->setContentsMargins(8, 6, 8, 6);
    m_grid->setHorizontalSpacing(18);
    m_grid->setVerticalSpacing(0);
    const QString titles[TileCount] = {
        tr("Parameters"),      tr("Tokens / step"), tr("Model FLOPs / step"),
        tr("Step time"),       tr("MFU"),           tr("HFU"),
        tr("TFLOP/s per GPU"), tr("Memory / GPU"),  tr("Time to train"),
        tr("GPU-hours"),       tr("Cost")};
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.45);
    big.setBold(true);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    for (int i = 0; i < TileCount; ++i) {
        m_titles[i] = new QLabel(titles[i]);
        m_titles[i]->setFont(small);
        m_titles[i]->setStyleSheet(QStringLiteral("color: #505050;"));
        m_values[i] = new QLabel;
        m_values[i]->setFont(big);
        m_values[i]->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_details[i] = new QLabel;
        m_details[i]->setFont(small);
        m_details[i]->setTextFormat(Qt::AutoText); // rich only when it carries coloured deltas
    }
    // Fixed label sizes, wide enough for the longest figure each tile shows: a label whose size
    // cannot change does not make the dashboard lay itself out again on every slider step.
    const QString widest[TileCount] = {
        QStringLiteral("888 B"),       QStringLiteral("88.8 M"),   QStringLiteral("88.8 EFLOP"),
        QStringLiteral("88.8 ms"),     QStringLiteral("88.8%"),    QStringLiteral("88.8%"),
        QStringLiteral("888 TFLOP/s"), QStringLiteral("88.8 GiB"), QStringLiteral("88.8 days"),
        QStringLiteral("88.8 M"),      QStringLiteral("$88.8M")};
    // The line under a figure: a note some tiles carry, and the change against a baseline.
    const QString widestNote[TileCount] = {tr("invalid scenario"),
                                           {},
                                           {},
                                           {},
                                           tr("measured %1").arg(QStringLiteral("88.8%")),
                                           {},
                                           {},
                                           tr("exceeds %1 usable").arg(QStringLiteral("888 GiB")),
                                           tr("%1 tokens").arg(QStringLiteral("88.8 T")),
                                           {},
                                           tr("at %1/GPU-h").arg(QStringLiteral("$88.88"))};
    const QFontMetrics bigMetrics(big), smallMetrics(small);
    const int deltaWidth = smallMetrics.horizontalAdvance(QStringLiteral("Δ +100.0%"));
    auto tileWidth = [&](int i, const QString &widestValue) {
        return std::max({bigMetrics.horizontalAdvance(widestValue),
                         smallMetrics.horizontalAdvance(titles[i]),
                         smallMetrics.horizontalAdvance(widestNote[i]), deltaWidth}) +
               4;
    };
    // A mixture of experts adds its active count to the total; the tile widens for it only
    // then, so that a dense model's headline keeps its width.
    m_paramsWidths = {tileWidth(Params, widest[Params]),
                      tileWidth(Params, withActive(widest[Params], QStringLiteral("88.8 B")))};
    for (int i = 0; i < TileCount; ++i) {
        const int width = tileWidth(i, widest[i]);
        m_titles[i]->setFixedSize(width, smallMetrics.height());
        m_values[i]->setFixedSize(width, bigMetrics.height());
        m_details[i]->setFixedSize(width, 2 * smallMetrics.lineSpacing());
        m_details[i]->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        m_details[i]->setToolTip(
            tr("Δ: change against the pinned baseline (View ▸ Pin as Baseline)"));
    }
    arrangeTiles(rowWidth(0, TileCount));
    // Narrow enough for three rows; the layout's own minimum would be one row's width.
    setMinimumWidth(rowWidth(0, (TileCount + 2) / 3));
    m_titles[Params]->setToolTip(
        tr("All parameters, embeddings included; for a mixture of experts, also those one "
           "token runs through (its k routed experts and everything else)"));
    m_titles[ModelFlops]->setToolTip(
        tr("Training FLOPs of one optimizer step under the chosen convention"));
    m_titles[Mfu]->setToolTip(tr("Model FLOPs per second over the peak of all GPUs"));
    m_titles[Hfu]->setToolTip(tr("Like MFU, counting recomputed FLOPs too"));
    m_titles[Memory]->setToolTip(tr("Busiest GPU against usable HBM"));
    connect(m_document, &ScenarioDocument::changed, this, &HeadlineStrip::refresh);
    connect(m_document, &ScenarioDocument::baselineChanged, this, &HeadlineStrip::refresh);
    refresh();
}

int HeadlineStrip::rowWidth(int first, int count) const
{
    const QMargins margins = m_grid->contentsMargins();
    int width = margins.left() + margins.right() + 2 * frameWidth();
    for (int i = first; i < std::min<int>(first + count, TileCount); ++i)
        width += m_values[i]->width() + (i > first ? m_grid->horizontalSpacing() : 0);
    return width;
}

void HeadlineStrip::arrangeTiles(int width)
{
    int rows = 1;
    int perRow = TileCount;
    // Balanced rows (6 + 5 rather than 10 + 1); a tile's column is the same in every row, so
    // a column is as wide as its widest tile.
    auto fits = [&](int n) {
        for (int first = 0; first < TileCount; first += n) {
            int w = rowWidth(0, 0);
            for (int c = 0; c < n; ++c) {
                int widest = 0;
                for (int i = c; i < TileCount; i += n)
                    widest = std::max(widest, m_values[i]->width());
                w += widest + (c > 0 ? m_grid->horizontalSpacing() : 0);
            }
            if (w > width)
                return false;
        }
        return true;
    };
    while (perRow > 1 && !fits(perRow)) {
        ++rows;
        perRow = (TileCount + rows - 1) / rows;
    }
    if (perRow == m_tilesPerRow)
        return;
    m_tilesPerRow = perRow;
    for (int i = 0; i < TileCount; ++i)
        for (QLabel *label : {m_titles[i], m_values[i], m_details[i]})
            m_grid->removeWidget(label);
    for (int i = 0; i < TileCount; ++i) {
        const int row = 3 * (i / perRow), column = i % perRow;
        // Left in their cells: spare width goes between the tiles, not before the first.
        m_grid->addWidget(m_titles[i], row, column, Qt::AlignLeft);
        m_grid->addWidget(m_values[i], row + 1, column, Qt::AlignLeft);
        m_grid->addWidget(m_details[i], row + 2, column, Qt::AlignLeft);
    }
}

void HeadlineStrip::resizeEvent(QResizeEvent *event)
{
    QFrame::resizeEvent(event);
    arrangeTiles(width());
}

QString HeadlineStrip::withActive(const QString &total, const QString &active)
{
    return tr("%1 (%2 active)").arg(total, active);
}

void HeadlineStrip::setParamsTileWide(bool wide)
{
    if (wide == m_paramsTileWide)
        return;
    m_paramsTileWide = wide;
    for (QLabel *label : {m_titles[Params], m_values[Params], m_details[Params]})
        label->setFixedWidth(m_paramsWidths[wide ? 1 : 0]);
    setMinimumWidth(rowWidth(0, (TileCount + 2) / 3));
    // Before the strip is first shown it has no width of its own yet; its resize places the
    // tiles again.
    arrangeTiles(isVisible() ? width() : rowWidth(0, TileCount));
}

QString HeadlineStrip::value(Tile t) const
{
    return m_fullValues[t];
}

// A figure wider than its tile (40,121 days, a cost in the trillions) ends in an ellipsis
// instead of being cut mid-character, and the whole figure is its tooltip.
void HeadlineStrip::setValue(int tile, const QString &text)
{
    QLabel *label = m_values[tile];
    m_fullValues[tile] = text;
    const QString shown =
        label->fontMetrics().elidedText(text, Qt::ElideRight, label->contentsRect().width());
    label->setText(shown);
    label->setToolTip(shown == text ? QString() : text);
}
QString HeadlineStrip::detail(Tile t) const
{
    return m_details[t]->text();
}
QString HeadlineStrip::title(Tile t) const
{
    return m_titles[t]->text();
}

void HeadlineStrip::showInvalid()
{
    for (int i = 0; i < TileCount; ++i) {
        setValue(i, QStringLiteral("—"));
        m_details[i]->setText(QString());
    }
    m_details[Params]->setText(QStringLiteral("<span style='color:#b42318'>%1</span>")
                                   .arg(tr("invalid scenario").toHtmlEscaped()));
}

std::array<HeadlineStrip::Figure, HeadlineStrip::TileCount>
HeadlineStrip::figures(const engine::Evaluation &ev) const
{
    const engine::Scenario &sc = m_document->scenario();
    const QString dash = QStringLiteral("—");
    std::array<Figure, TileCount> f;
    f[Params] = {sc.model.moe.enabled()
                     ? withActive(format::count(ev.params.total), format::count(ev.params.active))
                     : format::count(ev.params.total),
                 ev.params.total,
                 true,
                 {}};
    f[TokensPerStep] = {format::count(ev.tokensPerStep), ev.tokensPerStep, true, {}};
    f[ModelFlops] = {format::flops(ev.modelFlopsPerStep), ev.modelFlopsPerStep, true, {}};
    const auto &p = ev.predicted;
    if (p) {
        f[StepTime] = {format::seconds(p->stepTimeS), p->stepTimeS, false, {}};
        f[Mfu] = {format::percent(p->mfu), p->mfu, true, {}};
        f[Hfu] = {format::percent(p->hfu), p->hfu, true, {}};
        f[TflopsPerGpu] = {format::tflops(p->tflopsPerGpu), p->tflopsPerGpu, true, {}};
        const engine::TrainingCost cost = engine::trainingCost(sc, p->stepTimeS);
        f[TimeToTrain] = {format::duration(cost.wallSeconds), cost.wallSeconds, false,
                          tr("%1 tokens").arg(format::count(sc.planning.tokenBudget))};
        f[GpuHours] = {format::count(cost.gpuHours), cost.gpuHours, false, {}};
        f[Cost] = {format::money(cost.cost), cost.cost, false,
                   tr("at %1/GPU-h").arg(format::money(sc.planning.pricePerGpuHour))};
    } else {
        for (Tile t : {StepTime, Mfu, Hfu, TflopsPerGpu, TimeToTrain, GpuHours, Cost})
            f[t] = {dash, NAN, true, {}};
    }
    if (ev.measured)
        f[Mfu].note = tr("measured %1").arg(format::percent(ev.measured->mfu));
    if (ev.memory) {
        f[Memory] = {
            format::bytes(ev.memory->total), ev.memory->total, false,
            ev.memory->fits
                ? tr("of %1 usable").arg(format::bytes(ev.memory->capacity))
                : QStringLiteral("<span style='color:#b42318'>%1</span>")
                      .arg(tr("exceeds %1 usable").arg(format::bytes(ev.memory->capacity)))};
    } else {
        f[Memory] = {dash, NAN, false, {}};
    }
    return f;
}

double HeadlineStrip::baselineValue(Tile t) const
{
    const auto &base = m_document->baselineEvaluation();
    switch (t) {
    case Params: return base->params.total;
    case TokensPerStep: return base->tokensPerStep;
    case ModelFlops: return base->modelFlopsPerStep;
    case Memory: return base->memory ? base->memory->total : NAN;
    default:
        if (!base->predicted)
            return NAN;
        const engine::TrainingCost c =
            engine::trainingCost(m_document->baseline()->scenario, base->predicted->stepTimeS);
        const double values[] = {NAN,
                                 NAN,
                                 NAN,
                                 base->predicted->stepTimeS,
                                 base->predicted->mfu,
                                 base->predicted->hfu,
                                 base->predicted->tflopsPerGpu,
                                 NAN,
                                 c.wallSeconds,
                                 c.gpuHours,
                                 c.cost};
        return values[t];
    }
}

void HeadlineStrip::refresh()
{
    const auto &result = m_document->evaluation();
    if (!result.ok()) {
        showInvalid();
        return;
    }
    setParamsTileWide(m_document->scenario().model.moe.enabled());
    const std::array<Figure, TileCount> f = figures(result.value());
    const bool baseline = m_document->baselineEvaluation() && m_document->baseline();
    for (int i = 0; i < TileCount; ++i) {
        setValue(i, f[i].text);
        QString detailText = f[i].note;
        if (baseline) {
            const QString d = delta(f[i].number, baselineValue(Tile(i)), f[i].higherIsBetter);
            if (!d.isEmpty())
                detailText = detailText.isEmpty() ? d : detailText + QStringLiteral("<br>") + d;
        }
        m_details[i]->setText(detailText);
    }
}

} // namespace mfu::gui
