#include "input_file.h"

#include <filesystem>
#include <fstream>
#include <istream>

namespace mfu::cli {

engine::Result<std::string> readInputFile(const std::string &path, std::istream &in,
                                          std::size_t maxBytes)
{
    std::string text;
    auto readAll = [&](std::istream &stream) -> bool {
        char buffer[1 << 16];
        while (stream.read(buffer, sizeof buffer) || stream.gcount() > 0) {
            text.append(buffer, std::size_t(stream.gcount()));
            if (text.size() > maxBytes)
                return false;
        }
        return true;
    };
    const std::string limit = std::to_string(maxBytes >> 20) + " MiB";
    if (path == "-") {
        if (!readAll(in))
            return engine::Error{"", "input larger than " + limit};
        return text;
    }
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (std::filesystem::is_directory(status))
        return engine::Error{"", "is a directory, expected a file"};
    // Opening a FIFO waits for a writer and /dev/zero never ends: only regular files are read.
    if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
        return engine::Error{"", "is not a regular file (a FIFO, socket or device), expected a "
                                 "file; - reads standard input"};
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return engine::Error{"", "cannot open file"};
    if (!readAll(file))
        return engine::Error{"", "file larger than " + limit};
    return text;
}

std::string printable(const std::string &text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t len = c < 0x80           ? 1
                          : (c >> 5) == 0x6  ? 2
                          : (c >> 4) == 0xE  ? 3
                          : (c >> 3) == 0x1E ? 4
                                             : 0;
        bool valid = len > 0 && i + len <= text.size();
        for (std::size_t k = 1; valid && k < len; ++k)
            valid = (static_cast<unsigned char>(text[i + k]) >> 6) == 0x2;
        if (!valid) {
            out += '?';
            ++i;
        } else if (len == 1 && (c < 0x20 || c == 0x7F)) {
            out += c == '\t' ? ' ' : '?';
            ++i;
        } else {
            out.append(text, i, len);
            i += len;
        }
    }
    return out;
}

} // namespace mfu::cli
