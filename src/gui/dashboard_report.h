#pragma once

#include "engine/result.h"
#include "engine/scenario.h"

#include <iosfwd>
#include <string>

namespace mfu::gui {

// The command line's --report, drawn with the window's widgets: main() hands these two to the
// command line (cli::ReportRenderer), which has no widgets of its own.

// Whether `path` names a format the dashboard can be written in (checkExportFormat).
engine::Result<bool> checkReportFormat(const std::string &path);

// The dashboard of `scenario` with its caption, written to `path` (exportWidget) at
// `width`×`height` logical pixels. Starts an offscreen application when there is none, whatever
// QT_QPA_PLATFORM says, so it needs no display; should even that platform fail to start, the
// process ends with one line on `err` and exit status 2 instead of Qt's abort. Qt's critical
// messages go to `err` as lines of their own. Throws std::logic_error when the running
// application has no widgets.
engine::Result<bool> renderDashboardReport(const engine::Scenario &scenario,
                                           const std::string &path, int width, int height,
                                           std::ostream &err);

} // namespace mfu::gui
