#pragma once

#include "engine/hardware.h"
#include "engine/result.h"

#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace mfu::io {

// A hardware@1 preset document for `hw`: every figure, every efficiency knob, and `sources`
// (field → where its figure comes from). parseHardwarePreset reads it back to the same
// Hardware. A memory size or bandwidth of 0 (unknown) is left out, as a preset would.
nlohmann::ordered_json hardwarePresetToJson(const engine::Hardware &hw,
                                            const std::map<std::string, std::string> &sources);

// Writes `hw` as the user preset <id>.json under PresetLibrary::userFolder()/hardware, creating
// the folders, and returns the file's path. Atomic: the text goes to a temporary file in the
// same folder, synced, then renamed over the target, so a reader sees the old preset or the
// new one, never a part; a symbolic link in its place is followed to a regular file and
// refused otherwise (saveTarget). `id` is [a-z0-9._-]+ and does not start with a dot. The document
// is read back before anything is written: a preset the library would reject is an Error. Once
// written, the preset joins PresetLibrary::instance().
engine::Result<std::string>
saveUserHardwarePreset(const std::string &id, const engine::Hardware &hw,
                       const std::map<std::string, std::string> &sources);

} // namespace mfu::io
