#include "chart_style.h"

#include <qcustomplot.h>

#include <algorithm>

namespace mfu::gui::chart {

void applyStyle(QCustomPlot *plot)
{
    QFont font = plot->font();
    QFont labelFont = font;
    labelFont.setPointSizeF(font.pointSizeF() * 1.05);
    for (QCPAxis *axis : {plot->xAxis, plot->yAxis}) {
        axis->setTickLabelFont(font);
        axis->setLabelFont(labelFont);
        axis->grid()->setPen(QPen(QColor(225, 225, 225), 1, Qt::SolidLine));
        axis->grid()->setSubGridVisible(false);
        axis->setBasePen(QPen(QColor(90, 90, 90)));
        axis->setTickPen(QPen(QColor(90, 90, 90)));
        axis->setSubTickPen(QPen(QColor(150, 150, 150)));
    }
    plot->legend->setFont(font);
    plot->legend->setBrush(QColor(255, 255, 255, 220));
    plot->legend->setBorderPen(QPen(QColor(200, 200, 200)));
    plot->setAntialiasedElements(QCP::aeAll);
    plot->setNoAntialiasingOnDrag(true);
    // The overlay layer (selection rectangles, which these charts never show) has a paint
    // buffer of its own by default: one more full-size image cleared and blended on every
    // replot. Drawn with the others, each chart keeps a single buffer.
    plot->layer(QStringLiteral("overlay"))->setMode(QCPLayer::lmLogical);
}

void placeLegendBeside(QCustomPlot *plot)
{
    plot->legend->setVisible(true);
    plot->axisRect()->insetLayout()->take(plot->legend);
    // A column of its own: the legend at its top, an empty element below taking the rest.
    auto *side = new QCPLayoutGrid;
    plot->plotLayout()->addElement(0, 1, side);
    plot->plotLayout()->setColumnStretchFactor(1, 0.001);
    side->addElement(0, 0, plot->legend);
    side->addElement(1, 0, new QCPLayoutElement(plot));
    side->setRowStretchFactor(0, 0.001);
    side->setMargins(QMargins(0, 4, 6, 0));
    plot->legend->setMargins(QMargins(6, 4, 6, 4));
}

void fitLegend(QCustomPlot *plot)
{
    QCPLegend *legend = plot->legend;
    // An empty legend would still draw its frame.
    legend->setVisible(legend->itemCount() > 0);
    if (legend->itemCount() == 0)
        return;
    const int available = plot->height() - 12;
    const int rowHeight = legend->item(0)->minimumOuterSizeHint().height() + legend->rowSpacing();
    const int rows = std::max(1, available / std::max(1, rowHeight));
    const int wrap = rows >= legend->itemCount() ? 0 : rows;
    if (legend->wrap() != wrap) {
        legend->setWrap(wrap);
        legend->setFillOrder(legend->fillOrder(), true);
    }
}

} // namespace mfu::gui::chart
