#pragma once

#include "engine/result.h"

#include <iosfwd>
#include <string>

namespace mfu::cli {

// Reads a whole input file ("-" for standard input) as text. Refuses directories, missing
// files and anything larger than `maxBytes`, so that a wrong argument cannot hang or exhaust
// memory.
engine::Result<std::string> readInputFile(const std::string &path, std::istream &in,
                                          std::size_t maxBytes = 64u << 20);

// Replaces control characters and invalid UTF-8 bytes by '?', so that an error quoting a
// binary file prints on one readable line.
std::string printable(const std::string &text);

} // namespace mfu::cli
