#pragma once

#include <string_view>
#include <vector>

namespace mfu::io {

// A preset file compiled into the binary: `path` relative to presets/ ("models/gpt2.json").
struct EmbeddedFile
{
    std::string_view path;
    std::string_view text;
};

const std::vector<EmbeddedFile> &embeddedPresetFiles();

} // namespace mfu::io
