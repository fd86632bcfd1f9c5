#pragma once

#include "engine/result.h"
#include "engine/scenario.h"

#include <QDate>
#include <QImage>
#include <QSize>
#include <QString>
#include <QStringList>

class QWidget;

namespace mfu::gui {

// Figures for design reviews: the dashboard or one chart as PNG, SVG or PDF, with a caption
// strip under it that says which scenario, which layout and which version produced it — a
// screenshot pasted into a review without that is not reproducible.

// The scale of PNG and clipboard images: sharp on high-density screens and in slides.
inline constexpr qreal kExportPixelRatio = 2;

// The suffixes exportWidget understands ("png", "svg", "pdf").
QStringList exportSuffixes();

// Whether `path` names a format exportWidget writes; the error names the suffix found and
// the ones expected. Lets a command refuse a wrong name before it does any work.
engine::Result<bool> checkExportFormat(const QString &path);

// Three lines: the scenario name (after `figure`, the chart's name, when one chart is
// exported: its title is not part of the plot); model, b, s, layout tp/pp/dp/cp,
// GPUs × hardware, precision and recompute; "MFU Explorer <version> · <ISO date>".
QString captionFor(const engine::Scenario &scenario, const QString &figure = {},
                   QDate date = QDate::currentDate());

// `w` with `caption` under it as an image at kExportPixelRatio. `size` is the logical size
// of the whole image, caption included; an invalid size takes the widget's own size plus the
// caption. A chart (QCustomPlot) is laid out anew at any size; another widget is resized to
// it only when it is not shown, so that an export never moves what the user is looking at.
QImage renderImage(QWidget *w, const QString &caption, QSize size = {});

// Writes `w` and its caption to `path`, the format from the suffix: .png (renderImage),
// .svg and .pdf (vector: charts draw themselves, other widgets render through QPainter;
// the PDF is one page of the content's size). Atomic: the file is rendered in memory and
// saved through QSaveFile, so a failure leaves no file and no partial one; a destination that
// is not a regular file, or a symbolic link to one that is not, is refused (saveTarget). The
// error says what went wrong without repeating the path.
engine::Result<bool> exportWidget(QWidget *w, const QString &caption, const QString &path,
                                  QSize size = {});

} // namespace mfu::gui
