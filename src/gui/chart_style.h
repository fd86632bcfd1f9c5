#pragma once

#include <QColor>

class QCustomPlot;

namespace mfu::gui {

// One palette and one plot style for every chart, so that screenshots of different views
// look like one product. Colours are distinguishable for the common colour-vision deficiencies
// (Okabe–Ito).
namespace chart {

inline const QColor kAttention{0, 114, 178}; // blue
inline const QColor kMlp{230, 159, 0};       // orange
inline const QColor kLmHead{0, 158, 115};    // bluish green
inline const QColor kExperts{204, 121, 167}; // reddish purple: the routed experts of MoE layers
inline const QColor kHfu{204, 121, 167};     // reddish purple
inline const QColor kBad{213, 94, 0};        // vermillion: out of memory, errors
inline const QColor kNeutral{120, 120, 120};
inline const QColor kSky{86, 180, 233};
inline const QColor kYellow{240, 228, 66};

// Small enough that the dashboard fits a 1280 × 720 screen (a laptop at 200%), large enough
// for a legend of seven entries.
inline constexpr int kMinimumHeight = 170;

// Fonts, grid and margins shared by all charts.
void applyStyle(QCustomPlot *plot);

// Moves the legend out of the axes into a column of its own on the right, top-aligned, so
// that it never covers a bar or a curve.
void placeLegendBeside(QCustomPlot *plot);

// Past the rows the chart's height holds, the legend goes on in another column; an empty
// legend is hidden. Call after the legend's items change and when the chart is resized.
void fitLegend(QCustomPlot *plot);

} // namespace chart
} // namespace mfu::gui
