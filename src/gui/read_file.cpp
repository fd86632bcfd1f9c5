#include "read_file.h"

#include "io/save_target.h"

#include <QFile>
#include <QFileInfo>

namespace mfu::gui {

engine::Result<QByteArray> readRegularFile(const QString &path, qint64 maxBytes)
{
    const QFileInfo info(path);
    if (info.isDir())
        return engine::Error{"", "is a directory, expected a file"};
    if (info.exists() && !info.isFile())
        return engine::Error{"",
                             "is not a regular file (a FIFO, socket or device), expected a file"};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return engine::Error{"", file.errorString().toStdString()};
    const QByteArray text = file.read(maxBytes + 1);
    if (text.size() > maxBytes)
        return engine::Error{"", "file larger than " + std::to_string(maxBytes >> 20) + " MiB"};
    return text;
}

engine::Result<QString> saveTarget(const QString &path)
{
    const auto target = io::saveTarget(QFile::encodeName(path).toStdString());
    if (!target)
        return target.error();
    return QFile::decodeName(QByteArray::fromStdString(*target));
}

} // namespace mfu::gui
