#include "preset_library.h"

#include "embedded_presets.h"
#include "field_readers.h"
#include "benchmark_import.h"
#include "input_error.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace mfu::io {

using engine::Error;
using engine::Result;

namespace {

std::vector<std::string> readSourceList(JsonFields &f)
{
    std::vector<std::string> out;
    const nlohmann::json *v = f.raw("sources");
    if (!v)
        return out;
    if (!v->is_array())
        throw InputError(f.path("sources"),
                         "expected an array of strings, found " + describeJson(*v));
    for (const auto &item : *v) {
        if (!item.is_string())
            throw InputError(f.path("sources"), "expected strings, found " + describeJson(item));
        out.push_back(item.get<std::string>());
    }
    return out;
}

std::map<std::string, std::string> readSourceMap(JsonFields &f, std::string_view kind)
{
    std::map<std::string, std::string> out;
    const nlohmann::json *v = f.raw("sources");
    if (!v)
        throw InputError(f.path("sources"), "missing; a " + std::string(kind) +
                                                " preset says where its figures come from");
    if (!v->is_object())
        throw InputError(f.path("sources"),
                         "expected an object of strings, found " + describeJson(*v));
    for (auto it = v->begin(); it != v->end(); ++it) {
        if (!it->is_string())
            throw InputError(f.path("sources") + "." + it.key(),
                             "expected a string, found " + describeJson(*it));
        out[it.key()] = it->get<std::string>();
    }
    return out;
}

template <typename Map> std::vector<std::string> keysOf(const Map &map)
{
    std::vector<std::string> out;
    for (const auto &[k, v] : map)
        out.push_back(k);
    return out;
}

} // namespace

Result<ModelPreset> parseModelPreset(std::string_view id, std::string_view text)
{
    return catchInputError<ModelPreset>([&]() -> Result<ModelPreset> {
        const nlohmann::json doc = parseJsonText(text);
        JsonFields f(doc, "");
        requireSchema(f, "mfu-explorer/model@1");
        ModelPreset p;
        p.id = std::string(id);
        p.name = f.string("name").value_or(p.id);
        readModelFields(f, p.shape);
        p.sources = readSourceList(f);
        f.finish();
        return p;
    });
}

Result<HardwarePreset> parseHardwarePreset(std::string_view id, std::string_view text)
{
    return catchInputError<HardwarePreset>([&]() -> Result<HardwarePreset> {
        const nlohmann::json doc = parseJsonText(text);
        JsonFields f(doc, "");
        requireSchema(f, "mfu-explorer/hardware@1");
        HardwarePreset p;
        p.id = std::string(id);
        readHardwareFields(f, p.hardware);
        if (p.hardware.name.empty())
            p.hardware.name = p.id;
        p.sources = readSourceMap(f, "hardware");
        f.finish();
        return p;
    });
}

Result<SoftwarePreset> parseSoftwarePreset(std::string_view id, std::string_view text)
{
    return catchInputError<SoftwarePreset>([&]() -> Result<SoftwarePreset> {
        const nlohmann::json doc = parseJsonText(text);
        JsonFields f(doc, "");
        requireSchema(f, "mfu-explorer/software@1");
        SoftwarePreset p;
        p.id = std::string(id);
        readSoftwareFields(f, p.software);
        if (p.software.name.empty())
            p.software.name = p.id;
        p.sources = readSourceMap(f, "software");
        f.finish();
        return p;
    });
}

Result<bool> PresetLibrary::add(std::string_view path, std::string_view text)
{
    const std::filesystem::path p(path);
    const std::string folder = p.parent_path().filename().string();
    const std::string id = p.stem().string();
    if (folder == "models") {
        auto preset = parseModelPreset(id, text);
        if (!preset)
            return preset.error();
        m_models[id] = std::move(preset).value();
    } else if (folder == "hardware") {
        auto preset = parseHardwarePreset(id, text);
        if (!preset)
            return preset.error();
        m_hardware[id] = std::move(preset).value();
    } else if (folder == "software") {
        auto preset = parseSoftwarePreset(id, text);
        if (!preset)
            return preset.error();
        m_software[id] = std::move(preset).value();
    } else if (folder == "scenarios") {
        m_scenarios[id] = std::string(text);
    } else if (folder == "benchmarks") {
        m_benchmarks[id] = std::string(text);
    } else {
        return Error{
            "", "expected a preset under models/, hardware/, software/, scenarios/ or benchmarks/"};
    }
    return true;
}

void PresetLibrary::addFolder(const std::string &folder)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    for (const char *kind : {"models", "hardware", "software", "scenarios", "benchmarks"}) {
        const fs::path dir = fs::path(folder) / kind;
        if (!fs::is_directory(dir, ec))
            continue;
        for (const auto &entry : fs::directory_iterator(dir, ec)) {
            if (entry.path().extension() != ".json")
                continue;
            // Opening a FIFO would hang every command at start-up; a device would never end.
            std::error_code fileEc;
            if (!entry.is_regular_file(fileEc)) {
                m_warnings.push_back(entry.path().string() + ": not a regular file, skipped");
                continue;
            }
            if (entry.file_size(fileEc) > kMaxImportBytes) {
                m_warnings.push_back(entry.path().string() + ": larger than " +
                                     std::to_string(kMaxImportBytes >> 20) + " MiB, skipped");
                continue;
            }
            std::ifstream in(entry.path(), std::ios::binary);
            std::stringstream text;
            text << in.rdbuf();
            const std::string rel = std::string(kind) + "/" + entry.path().filename().string();
            auto added = add(rel, text.str());
            if (!added)
                m_warnings.push_back(entry.path().string() + ": " + added.error().toString());
        }
    }
}

std::string PresetLibrary::userFolder()
{
    if (const char *dir = std::getenv("MFU_EXPLORER_PRESETS"); dir && *dir)
        return dir;
    if (const char *xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return std::string(xdg) + "/mfu-explorer/presets";
    if (const char *home = std::getenv("HOME"); home && *home)
        return std::string(home) + "/.local/share/mfu-explorer/presets";
    return {};
}

const PresetLibrary &PresetLibrary::builtin()
{
    static const PresetLibrary library = [] {
        PresetLibrary lib;
        for (const EmbeddedFile &file : embeddedPresetFiles()) {
            auto added = lib.add(file.path, file.text);
            if (!added)
                lib.m_warnings.push_back("built-in " + std::string(file.path) + ": " +
                                         added.error().toString());
        }
        return lib;
    }();
    return library;
}

namespace {

PresetLibrary &runningLibrary()
{
    static PresetLibrary library = [] {
        PresetLibrary lib = PresetLibrary::builtin();
        if (const std::string folder = PresetLibrary::userFolder(); !folder.empty())
            lib.addFolder(folder);
        return lib;
    }();
    return library;
}

} // namespace

const PresetLibrary &PresetLibrary::instance()
{
    return runningLibrary();
}

engine::Result<bool> PresetLibrary::addToInstance(std::string_view path, std::string_view text)
{
    return runningLibrary().add(path, text);
}

const std::string *PresetLibrary::benchmarkText(std::string_view id) const
{
    auto it = m_benchmarks.find(id);
    return it == m_benchmarks.end() ? nullptr : &it->second;
}

const ModelPreset *PresetLibrary::model(std::string_view id) const
{
    auto it = m_models.find(id);
    return it == m_models.end() ? nullptr : &it->second;
}

const HardwarePreset *PresetLibrary::hardware(std::string_view id) const
{
    auto it = m_hardware.find(id);
    return it == m_hardware.end() ? nullptr : &it->second;
}

const SoftwarePreset *PresetLibrary::software(std::string_view id) const
{
    auto it = m_software.find(id);
    return it == m_software.end() ? nullptr : &it->second;
}

const std::string *PresetLibrary::scenarioText(std::string_view id) const
{
    auto it = m_scenarios.find(id);
    return it == m_scenarios.end() ? nullptr : &it->second;
}

std::vector<std::string> PresetLibrary::modelIds() const
{
    return keysOf(m_models);
}
std::vector<std::string> PresetLibrary::hardwareIds() const
{
    return keysOf(m_hardware);
}

std::vector<std::string> PresetLibrary::softwareIds() const
{
    return keysOf(m_software);
}
std::vector<std::string> PresetLibrary::scenarioIds() const
{
    return keysOf(m_scenarios);
}
std::vector<std::string> PresetLibrary::benchmarkIds() const
{
    return keysOf(m_benchmarks);
}

} // namespace mfu::io
