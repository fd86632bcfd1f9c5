#pragma once

#include "engine/sweep.h"

#include <QWidget>

class QComboBox;
class QCustomPlot;
class QLabel;

namespace mfu::gui {

class BenchmarkStore;
class ScenarioDocument;

// Predicted MFU and HFU against one axis (global batch, sequence length, GPU count, TP,
// micro-batch, hidden), with the current point marked, out-of-memory stretches drawn as such
// and, when a baseline is pinned, its curve dashed beside.
class CurvesView : public QWidget
{
    Q_OBJECT

public:
    explicit CurvesView(ScenarioDocument *document, QWidget *parent = nullptr);

    QCustomPlot *plot() const { return m_plot; }
    void setAxis(engine::SweepAxis axis);
    engine::SweepAxis axis() const;
    int pointCount() const { return m_pointCount; }
    // Lays the measured runs of the same model over the curve.
    void setBenchmarks(BenchmarkStore *store);
    int measuredPointCount() const { return m_measuredCount; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void refresh();
    void drawMeasured();

    ScenarioDocument *m_document;
    QComboBox *m_axis;
    QCustomPlot *m_plot;
    QLabel *m_note;
    int m_pointCount = 0;
    BenchmarkStore *m_store = nullptr;
    int m_measuredCount = 0;
};

} // namespace mfu::gui
