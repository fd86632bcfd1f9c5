#include "hardware_preset_writer.h"

#include "field_readers.h"
#include "preset_library.h"
#include "save_target.h"
#include "engine/efficiency_knobs.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>

namespace mfu::io {

using engine::Error;
using engine::Result;

nlohmann::ordered_json hardwarePresetToJson(const engine::Hardware &hw,
                                            const std::map<std::string, std::string> &sources)
{
    nlohmann::ordered_json doc;
    doc["schema"] = "mfu-explorer/hardware@1";
    doc["name"] = hw.name;
    doc["vendor"] = hw.vendor;
    doc["peak_tflops"] = {
        {"bf16", hw.peakTflopsBf16}, {"fp16", hw.peakTflopsFp16}, {"fp8", hw.peakTflopsFp8}};
    // Block-scaled peaks only where the device has them, as the built-in presets write them.
    if (hw.peakTflopsMxfp8 > 0)
        doc["peak_tflops"]["mxfp8"] = hw.peakTflopsMxfp8;
    if (hw.peakTflopsNvfp4 > 0)
        doc["peak_tflops"]["nvfp4"] = hw.peakTflopsNvfp4;
    // The reader takes these only as positive figures; 0 is the unset default it keeps.
    auto positive = [&](const char *key, double value) {
        if (value > 0)
            doc[key] = value;
    };
    positive("memory_gib", hw.memoryGib);
    positive("memory_bw_gbs", hw.memoryBwGbs);
    positive("intra_node_gbs", hw.intraNodeGbs);
    positive("inter_node_gbs", hw.interNodeGbs);
    doc["gpus_per_node"] = hw.gpusPerNode;
    // Every knob, not only those off the default: a fitted preset must not change meaning when
    // a later version calibrates its defaults again.
    nlohmann::ordered_json efficiency = nlohmann::ordered_json::object();
    for (const engine::KnobSpec &k : engine::efficiencyKnobs())
        efficiency[k.name] = hw.knobs.*k.member;
    doc["efficiency"] = std::move(efficiency);
    nlohmann::ordered_json src = nlohmann::ordered_json::object();
    for (const auto &[field, source] : sources)
        src[field] = source;
    doc["sources"] = std::move(src);
    return doc;
}

namespace {

bool validId(const std::string &id)
{
    if (id.empty() || id.size() > 128 || id.front() == '.')
        return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            return false;
    return true;
}

std::string systemError(const std::string &what, const std::string &path)
{
    return what + " " + path + ": " + std::strerror(errno);
}

// Writes all of `text` to a new file at `path` and syncs it; no file is left on failure.
Result<bool> writeNewFile(const std::string &path, const std::string &text)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return Error{"", systemError("cannot create", path)};
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const Error e{"", systemError("cannot write", path)};
            ::close(fd);
            ::unlink(path.c_str());
            return e;
        }
        done += std::size_t(n);
    }
    // Synced before the rename, so that a crash cannot leave the new name on empty content.
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const Error e{"", systemError("cannot write", path)};
        ::unlink(path.c_str());
        return e;
    }
    return true;
}

} // namespace

Result<std::string> saveUserHardwarePreset(const std::string &id, const engine::Hardware &hw,
                                           const std::map<std::string, std::string> &sources)
{
    namespace fs = std::filesystem;
    if (!validId(id))
        return Error{"id", "expected a preset id of lowercase letters, digits, '.', '_' and '-' "
                           "(not starting with '.'), found \"" +
                               id + "\""};
    const std::string text = hardwarePresetToJson(hw, sources).dump(2) + "\n";
    // What the library would skip with a warning on the next start is refused now.
    if (const auto check = parseHardwarePreset(id, text); !check)
        return Error{check.error().field.empty() ? "hardware" : "hardware." + check.error().field,
                     check.error().message};

    const std::string root = PresetLibrary::userFolder();
    if (root.empty())
        return Error{"", "no user preset folder: set MFU_EXPLORER_PRESETS, XDG_DATA_HOME or HOME"};
    const fs::path folder = fs::path(root) / "hardware";
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec)
        return Error{"", "cannot create " + folder.string() + ": " + ec.message()};

    const fs::path target = folder / (id + ".json");
    const auto file = saveTarget(target.string());
    if (!file)
        return Error{"", target.string() + ": " + file.error().message};
    const fs::path destination = *file;
    // Hidden and unique within the process and across processes, in the folder of the file it
    // replaces so that the rename stays on one file system and is atomic.
    static std::atomic<unsigned> counter{0};
    const fs::path temp =
        destination.parent_path() / ("." + id + ".json." + std::to_string(::getpid()) + "." +
                                     std::to_string(counter++) + ".tmp");
    if (auto written = writeNewFile(temp.string(), text); !written)
        return written.error();
    fs::rename(temp, destination, ec);
    if (ec) {
        fs::remove(temp, ec);
        return Error{"", "cannot replace " + target.string() + ": " + ec.message()};
    }
    // Checked above, so it cannot fail here.
    PresetLibrary::addToInstance("hardware/" + id + ".json", text);
    return target.string();
}

} // namespace mfu::io
