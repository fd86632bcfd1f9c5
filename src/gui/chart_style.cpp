#include "chart_style.h"

#include <qcustomplot.h>

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

} // namespace mfu::gui::chart
