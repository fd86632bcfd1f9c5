#pragma once

#include "engine/result.h"

#include <QByteArray>
#include <QString>

namespace mfu::gui {

// A whole regular file of at most `maxBytes`, or the error to show. FIFOs, sockets and devices
// are refused before they are opened (opening a FIFO waits for a writer, /dev/zero never ends),
// and the read stops past the bound whatever size the file claims.
engine::Result<QByteArray> readRegularFile(const QString &path, qint64 maxBytes);

// The file a save to `path` replaces, for QSaveFile (io::saveTarget): `path` itself, or the
// regular file a symbolic link there points at; the error to show for a destination that is not
// a regular file (a device, a directory, a FIFO, a link to nothing), checked before anything is
// written.
engine::Result<QString> saveTarget(const QString &path);

} // namespace mfu::gui
