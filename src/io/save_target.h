#pragma once

#include "engine/result.h"

#include <string>

namespace mfu::io {

// The file a save to `path` replaces. Every save writes a temporary file beside its destination
// and renames it over the destination, so the destination must be a regular file or a new name.
// A symbolic link to a regular file is followed, as editors follow it: the file it points at is
// replaced and the link stays a link, so that a scenario kept in one folder and linked into
// another is saved where it lives. Anything else is refused, whether named or reached through a
// link: a device such as /dev/null, a directory, a FIFO or a socket (the rename would replace a
// device or a FIFO with a regular file), and a link to nothing (the save would create a file
// wherever the link points). The Error says why without repeating the path, which the caller
// names.
engine::Result<std::string> saveTarget(const std::string &path);

} // namespace mfu::io
