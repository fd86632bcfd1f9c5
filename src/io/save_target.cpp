#include "save_target.h"

#include <filesystem>
#include <system_error>

namespace mfu::io {

namespace fs = std::filesystem;
using engine::Error;

namespace {

// What a destination that is not a regular file is, for the message.
const char *kindOf(fs::file_type type)
{
    switch (type) {
    case fs::file_type::directory: return "a directory";
    case fs::file_type::character: return "a character device";
    case fs::file_type::block: return "a block device";
    case fs::file_type::fifo: return "a FIFO";
    case fs::file_type::socket: return "a socket";
    default: return "not a regular file";
    }
}

const char *const kExpected = ": expected a regular file or a new name";

} // namespace

engine::Result<std::string> saveTarget(const std::string &path)
{
    std::error_code ec;
    const fs::file_status own = fs::symlink_status(path, ec);
    switch (own.type()) {
    case fs::file_type::not_found: // a new file; a missing folder is the writer's to report
    case fs::file_type::regular: return path;
    case fs::file_type::symlink: break;
    case fs::file_type::none: return Error{"", "cannot inspect the destination: " + ec.message()};
    default: return Error{"", std::string("is ") + kindOf(own.type()) + kExpected};
    }

    const std::string link = fs::read_symlink(path, ec).string();
    const fs::file_status pointed = fs::status(path, ec);
    const std::string linked = "is a symbolic link to \"" + link + "\"";
    switch (pointed.type()) {
    case fs::file_type::regular: {
        // Every link of the chain resolved now, so that the writer renames onto the file itself
        // and not onto a link.
        const fs::path file = fs::canonical(path, ec);
        if (ec)
            return Error{"", linked + ", which cannot be resolved: " + ec.message()};
        return file.string();
    }
    case fs::file_type::not_found: return Error{"", linked + ", which does not exist" + kExpected};
    case fs::file_type::none:
        return Error{"", linked + ", which cannot be followed: " + ec.message()};
    default: return Error{"", linked + ", " + kindOf(pointed.type()) + kExpected};
    }
}

} // namespace mfu::io
