#pragma once

#include <QWidget>

class QCustomPlot;

namespace mfu::gui {

class ScenarioDocument;

// Where a step's time goes (compute, exposed communication, pipeline bubble, optimizer) and
// what one GPU holds (weights, gradients, optimizer states, activations) against its HBM, as
// stacked bars; a pinned baseline gets a bar of its own beside.
class TimeMemoryView : public QWidget
{
    Q_OBJECT

public:
    explicit TimeMemoryView(ScenarioDocument *document, QWidget *parent = nullptr);

    QCustomPlot *timePlot() const { return m_time; }
    QCustomPlot *memoryPlot() const { return m_memory; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void refresh();
    void refreshTime();
    void refreshMemory();

    ScenarioDocument *m_document;
    QCustomPlot *m_time;
    QCustomPlot *m_memory;
};

} // namespace mfu::gui
