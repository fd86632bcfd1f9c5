#pragma once

#include <QString>

namespace mfu::gui {

// Number formatting shared by every view, so a figure reads the same everywhere.
namespace format {

QString count(double value);            // 70.6 B, 124.4 M, 8,192
QString flops(double value);            // 1.82 EFLOP, 3.4 PFLOP
QString bytes(double value);            // 61.2 GiB
QString seconds(double value);          // 12.4 s, 850 ms, 3.2 µs
QString percent(double fraction);       // 41.3%
QString signedPercent(double fraction); // +4.2%, -0.3%; 0.0% when it rounds to nothing
QString tflops(double value);           // 412 TFLOP/s
QString duration(double seconds);       // 23.4 days, 5.1 h
QString money(double value);            // $1.23 M

} // namespace format
} // namespace mfu::gui
