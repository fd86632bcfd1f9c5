#pragma once

#include "engine/result.h"

#include <QByteArray>
#include <QString>

namespace mfu::gui {

// A whole regular file of at most `maxBytes`, or the error to show. FIFOs, sockets and devices
// are refused before they are opened (opening a FIFO waits for a writer, /dev/zero never ends),
// and the read stops past the bound whatever size the file claims.
engine::Result<QByteArray> readRegularFile(const QString &path, qint64 maxBytes);

} // namespace mfu::gui
