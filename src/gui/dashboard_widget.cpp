#include "dashboard_widget.h"

#include "breakdown_view.h"
#include "curves_view.h"
#include "headline_strip.h"
#include "time_memory_view.h"

#include <QGridLayout>
#include <QVBoxLayout>

namespace mfu::gui {

DashboardWidget::DashboardWidget(ScenarioDocument *document, QWidget *parent)
    : QWidget(parent), m_headline(new HeadlineStrip(document)),
      m_breakdown(new BreakdownView(document)), m_curves(new CurvesView(document)),
      m_timeMemory(new TimeMemoryView(document))
{
    auto *grid = new QGridLayout;
    grid->addWidget(m_breakdown, 0, 0);
    grid->addWidget(m_curves, 0, 1);
    grid->addWidget(m_timeMemory, 1, 0, 1, 2);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(0, 3);
    grid->setRowStretch(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_headline);
    layout->addLayout(grid, 1);
}

QList<QPair<QString, QCustomPlot *>> DashboardWidget::charts() const
{
    return {{tr("FLOPs breakdown"), m_breakdown->plot()},
            {tr("MFU curve"), m_curves->plot()},
            {tr("Step time"), m_timeMemory->timePlot()},
            {tr("Memory per GPU"), m_timeMemory->memoryPlot()}};
}

} // namespace mfu::gui
