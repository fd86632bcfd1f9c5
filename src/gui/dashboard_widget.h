#pragma once

#include <QWidget>

class QCustomPlot;

namespace mfu::gui {

class BreakdownView;
class CurvesView;
class HeadlineStrip;
class ScenarioDocument;
class TimeMemoryView;

// The one-screen summary a design review wants: the headline figures above the module
// breakdown, the MFU curve, and the step-time and memory bars. The window shows it, and
// --report renders the same widget headless.
class DashboardWidget : public QWidget
{
    Q_OBJECT

public:
    explicit DashboardWidget(ScenarioDocument *document, QWidget *parent = nullptr);

    HeadlineStrip *headline() const { return m_headline; }
    BreakdownView *breakdown() const { return m_breakdown; }
    CurvesView *curves() const { return m_curves; }
    TimeMemoryView *timeMemory() const { return m_timeMemory; }
    // Every chart, for "export chart" and tests; names are user-visible.
    QList<QPair<QString, QCustomPlot *>> charts() const;

private:
    HeadlineStrip *m_headline;
    BreakdownView *m_breakdown;
    CurvesView *m_curves;
    TimeMemoryView *m_timeMemory;
};

} // namespace mfu::gui
