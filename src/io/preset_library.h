#pragma once

#include "engine/hardware.h"
#include "engine/model.h"
#include "engine/software.h"
#include "engine/result.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace mfu::io {

struct ModelPreset
{
    std::string id; // file stem, "llama2-70b"
    std::string name;
    engine::ModelShape shape;
    std::vector<std::string> sources;
};

struct HardwarePreset
{
    std::string id;
    engine::Hardware hardware;
    std::map<std::string, std::string> sources; // field → where its figure comes from
};

// A training stack (software@1): its kernels, fusions and overlaps.
struct SoftwarePreset
{
    std::string id;
    engine::Software software;
    std::map<std::string, std::string> sources; // field → where its setting comes from
};

// The presets the program knows: those compiled in, then those in the user folder (a user
// preset with a built-in id replaces it). Scenarios are kept as text and parsed on use.
class PresetLibrary
{
public:
    // Built-in plus user presets, loaded once. A broken user file is skipped and reported in
    // loadWarnings(); the built-in set is checked by the tests.
    static const PresetLibrary &instance();
    // Only the compiled-in presets (tests, reproducible output).
    static const PresetLibrary &builtin();
    // Adds a preset file to instance(), as add() does: a preset saved while the program runs
    // is offered at once, not after a restart. Pointers into instance() stay valid.
    static engine::Result<bool> addToInstance(std::string_view path, std::string_view text);

    const ModelPreset *model(std::string_view id) const;
    const HardwarePreset *hardware(std::string_view id) const;
    const SoftwarePreset *software(std::string_view id) const;
    const std::string *scenarioText(std::string_view id) const;
    // Built-in benchmark sets (benchmarks@1 text), e.g. "published_runs".
    const std::string *benchmarkText(std::string_view id) const;

    std::vector<std::string> modelIds() const;
    std::vector<std::string> hardwareIds() const;
    std::vector<std::string> softwareIds() const;
    std::vector<std::string> scenarioIds() const;
    std::vector<std::string> benchmarkIds() const;
    const std::vector<std::string> &loadWarnings() const { return m_warnings; }

    // Adds one preset file; `path` relative to a presets folder ("models/x.json").
    engine::Result<bool> add(std::string_view path, std::string_view text);
    // Adds every *.json under models/, hardware/, software/ and scenarios/ of `folder`.
    void addFolder(const std::string &folder);

    // The user preset folder: $MFU_EXPLORER_PRESETS, else $XDG_DATA_HOME/mfu-explorer/presets,
    // else ~/.local/share/mfu-explorer/presets.
    static std::string userFolder();

private:
    std::map<std::string, ModelPreset, std::less<>> m_models;
    std::map<std::string, HardwarePreset, std::less<>> m_hardware;
    std::map<std::string, SoftwarePreset, std::less<>> m_software;
    std::map<std::string, std::string, std::less<>> m_scenarios;
    std::map<std::string, std::string, std::less<>> m_benchmarks;
    std::vector<std::string> m_warnings;
};

// Parses a model@1, hardware@1 or software@1 preset document.
engine::Result<ModelPreset> parseModelPreset(std::string_view id, std::string_view text);
engine::Result<HardwarePreset> parseHardwarePreset(std::string_view id, std::string_view text);
engine::Result<SoftwarePreset> parseSoftwarePreset(std::string_view id, std::string_view text);

} // namespace mfu::io
