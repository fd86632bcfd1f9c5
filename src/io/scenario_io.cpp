#include "scenario_io.h"

#include "field_readers.h"
#include "scenario_schema.h"
#include "input_error.h"
#include "engine/validate.h"

#include <cmath>
#include <cstdio>

namespace mfu::io {

using engine::Error;
using engine::Result;
using engine::Scenario;
using nlohmann::json;

namespace {

std::string joined(const std::vector<std::string> &items)
{
    std::string out;
    for (const std::string &s : items)
        out += (out.empty() ? "" : ", ") + s;
    return out;
}

std::string wholeNumber(double v)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.0f", v);
    return buffer;
}

// The switches that make a hand-written shape GPT-like or Llama-like.
void applyFamilyDefaults(const std::string &family, engine::ModelShape &m)
{
    const bool gpt = family == "gpt";
    m.gatedMlp = !gpt;
    m.tiedEmbeddings = gpt;
    m.bias = gpt;
    m.norm = gpt ? engine::NormKind::LayerNorm : engine::NormKind::RmsNorm;
    m.dropout = gpt;
    m.maxPositions = 0;
    if (gpt)
        m.kvHeads = m.heads; // GPT has no grouped-query attention
}

using K = ScenarioKey;

// model.preset, and model.family where no preset is given: both decide what the other model
// keys are read on top of.
void readModelBase(JsonFields &f, Scenario &sc, const PresetLibrary &presets)
{
    if (auto id = f.string(keyInfo(K::ModelPreset).member())) {
        const ModelPreset *preset = presets.model(*id);
        if (!preset)
            throw InputError(f.path("preset"), "unknown model preset \"" + *id + "\" (known: " +
                                                   joined(presets.modelIds()) + ")");
        sc.model = preset->shape;
        sc.modelPreset = *id;
        return;
    }
    sc.modelPreset.clear(); // a shape written by hand, on top of the default one
    if (f.has("family")) {
        const auto family = f.choice("family", {"gpt", "llama"});
        if (*family != sc.model.family)
            applyFamilyDefaults(*family, sc.model);
    }
}

// parallel.dp and parallel.gpus: either gives the data-parallel degree, and both must agree.
void readDataParallel(JsonFields &f, Scenario &sc)
{
    engine::Parallel &p = sc.parallel;
    const KeyInfo &dpInfo = keyInfo(K::Dp);
    const KeyInfo &gpusInfo = keyInfo(K::Gpus);
    const auto dp = f.integer(dpInfo.member(), std::int64_t(dpInfo.min), std::int64_t(dpInfo.max));
    const auto gpus =
        f.integer(gpusInfo.member(), std::int64_t(gpusInfo.min), std::int64_t(gpusInfo.max));
    if (dp)
        p.dp = *dp;
    if (!gpus)
        return;
    // Each degree may be up to 10⁷, so their product can overflow int64 (and wrap to 0); a
    // product above the GPU count cannot divide it anyway.
    const double product = double(p.tp) * double(p.pp) * double(p.cp);
    if (product > double(*gpus))
        throw InputError(f.path("gpus"), "expected a multiple of tp·pp·cp (" +
                                             wholeNumber(product) + "), found " +
                                             std::to_string(*gpus));
    const std::int64_t modelParallel = p.tp * p.pp * p.cp;
    if (*gpus % modelParallel != 0)
        throw InputError(f.path("gpus"), "expected a multiple of tp·pp·cp (" +
                                             std::to_string(modelParallel) + "), found " +
                                             std::to_string(*gpus));
    if (dp && *dp * modelParallel != *gpus)
        throw InputError(f.path("gpus"),
                         "expected tp·pp·cp·dp (" + std::to_string(*dp * modelParallel) +
                             ") when dp is given too, found " + std::to_string(*gpus));
    p.dp = *gpus / modelParallel;
}

void readHardwareBase(JsonFields &f, Scenario &sc, const PresetLibrary &presets)
{
    if (auto id = f.string(keyInfo(K::HardwarePreset).member())) {
        const HardwarePreset *preset = presets.hardware(*id);
        if (!preset)
            throw InputError(f.path("preset"), "unknown hardware preset \"" + *id + "\" (known: " +
                                                   joined(presets.hardwareIds()) + ")");
        sc.hardware = preset->hardware;
        sc.hardwarePreset = *id;
    }
}

void readSoftwareBase(JsonFields &f, Scenario &sc, const PresetLibrary &presets)
{
    if (auto id = f.string(keyInfo(K::SoftwarePreset).member())) {
        const SoftwarePreset *preset = presets.software(*id);
        if (!preset)
            throw InputError(f.path("preset"), "unknown software preset \"" + *id + "\" (known: " +
                                                   joined(presets.softwareIds()) + ")");
        sc.software = preset->software;
        sc.softwarePreset = *id;
        return;
    }
    sc.softwarePreset.clear(); // a stack given field by field
}

// The measured block holds exactly one figure (and, for TFLOP/s, which kind).
void readMeasured(JsonFields &f, Scenario &sc)
{
    using Kind = engine::Measured::Kind;
    engine::Measured m;
    for (const engine::NamedValue<Kind> &form : engine::namedValues<Kind>()) {
        const KeyInfo *info = keyForPath(std::string("measured.") + form.name);
        const auto v = f.number(form.name, info->min, info->max);
        if (!v)
            continue;
        if (m.kind != Kind::None)
            throw InputError(f.path(form.name), "expected one measured figure, found a second one");
        m.kind = form.value;
        m.value = *v;
    }
    const KeyInfo &kindInfo = keyInfo(K::MeasuredTflopsKind);
    std::vector<std::string_view> kinds;
    for (const ChoiceItem &item : kindInfo.choices())
        kinds.push_back(item.name);
    if (auto v = f.choice(kindInfo.member(), kinds)) {
        if (m.kind != Kind::TflopsPerGpu)
            throw InputError(f.path(kindInfo.member()), "only applies to tflops_per_gpu");
        m.tflopsKind = *engine::valueNamed<engine::Measured::TflopsKind>(*v);
    }
    if (m.kind == Kind::None)
        throw InputError("measured", "expected one of " + measuredFigureList("", ", "));
    sc.measured = m;
}

Scenario applyDocument(const json &doc, const Scenario &base, const PresetLibrary &presets)
{
    JsonFields f(doc, "");
    requireSchema(f, kScenarioSchema);
    Scenario sc = base;
    sc.measured = {};
    readSection(f, "", sc, [&](const KeyInfo &info, JsonFields &fields, Scenario &s) {
        switch (info.key) {
        case K::ModelPreset: readModelBase(fields, s, presets); break;
        case K::Gpus: // with dp, which comes first in the file
            readDataParallel(fields, s);
            break;
        case K::HardwarePreset: readHardwareBase(fields, s, presets); break;
        case K::SoftwarePreset: readSoftwareBase(fields, s, presets); break;
        case K::MeasuredStepTime: // the first of the block: all of it
            readMeasured(fields, s);
            break;
        default: readSharedByHand(info, fields, s); break;
        }
    });
    f.finish();
    return sc;
}

} // namespace

const Scenario &defaultScenario()
{
    static const Scenario sc = [] {
        const PresetLibrary &presets = PresetLibrary::builtin();
        const std::string *text = presets.scenarioText("default");
        // The embedded default is checked by the tests; an empty scenario would only fail
        // validation with a clear error later.
        if (!text)
            return Scenario{};
        try {
            return applyDocument(parseJsonText(*text), Scenario{}, presets);
        } catch (const InputError &) {
            return Scenario{};
        }
    }();
    return sc;
}

Result<Scenario> applyScenarioJson(const json &doc, const Scenario &base,
                                   const PresetLibrary &presets)
{
    return catchInputError<Scenario>(
        [&]() -> Result<Scenario> { return applyDocument(doc, base, presets); });
}

Result<Scenario> parseScenarioJson(const json &doc, const PresetLibrary &presets)
{
    // A scenario without a software block was written before the stack had one, and meant the
    // stack the model then assumed: engine::Software's defaults, which the preset
    // kStacklessSoftwarePreset names (a test keeps the two equal).
    Scenario base = defaultScenario();
    if (!doc.is_object() || !doc.contains(std::string(keyInfo(K::SoftwarePreset).section()))) {
        const SoftwarePreset *preset = presets.software(kStacklessSoftwarePreset);
        base.software = preset ? preset->software : engine::Software{};
        base.softwarePreset = preset ? kStacklessSoftwarePreset : "";
    }
    auto sc = applyScenarioJson(doc, base, presets);
    if (!sc)
        return sc;
    if (auto error = engine::validateScenario(*sc))
        return *error;
    return sc;
}

Result<Scenario> parseScenario(std::string_view text, const PresetLibrary &presets)
{
    json doc;
    try {
        doc = parseJsonText(text);
    } catch (const InputError &e) {
        return Error{e.field(), e.what()};
    }
    return parseScenarioJson(doc, presets);
}

namespace {

// The object at `section` of `out`, made on first use, so that objects come in schema order.
nlohmann::ordered_json &objectAt(nlohmann::ordered_json &out, std::string_view section)
{
    nlohmann::ordered_json *node = &out;
    while (!section.empty()) {
        const std::size_t dot = section.find('.');
        node = &(*node)[std::string(section.substr(0, dot))];
        section = dot == std::string_view::npos ? std::string_view() : section.substr(dot + 1);
    }
    return *node;
}

nlohmann::ordered_json plainValue(const KeyInfo &info, const Scenario &sc)
{
    switch (info.type) {
    case ValueType::Integer: return std::int64_t(std::llround(info.get(sc)));
    case ValueType::Number: return info.get(sc);
    case ValueType::Boolean: return info.get(sc) != 0;
    case ValueType::Choice: return choiceName(info, sc);
    case ValueType::Text: return info.text(sc);
    case ValueType::Group: break;
    }
    return nullptr;
}

// Whether the file says the key: a preset id only when the scenario started from one, the
// measured figure of the scenario's kind only.
bool written(const KeyInfo &info, const Scenario &sc)
{
    switch (info.key) {
    case K::ModelPreset: return !sc.modelPreset.empty();
    case K::HardwarePreset: return !sc.hardwarePreset.empty();
    case K::SoftwarePreset: return !sc.softwarePreset.empty();
    case K::MeasuredTflopsKind: return sc.measured.kind == engine::Measured::Kind::TflopsPerGpu;
    // A dense model's file has no moe, mla or sliding_window block, nor expert parallelism.
    case K::MoeCapacityFactor: return sc.model.moe.capacityFactor > 0;
    case K::Ep: return sc.model.moe.enabled() || sc.parallel.ep != 1;
    case K::Etp: return sc.parallel.etp > 0;
    case K::MoeTokenDispatcher:
    case K::MoeA2aOverlap:
    case K::MoeForceBalance:
    case K::MoeImbalance: return sc.model.moe.enabled() || info.get(sc) != info.get(Scenario{});
    default:
        if (info.section() == "model.moe")
            return sc.model.moe.enabled();
        if (info.section() == "model.mla")
            return sc.model.mla.enabled();
        if (info.section() == "model.sliding_window")
            return sc.model.slidingWindow.enabled();
        return info.section() != "measured" || info.member() == engine::nameOf(sc.measured.kind);
    }
}

} // namespace

nlohmann::ordered_json scenarioToJson(const Scenario &sc)
{
    using nlohmann::ordered_json;
    ordered_json out;
    out["schema"] = kScenarioSchema;
    for (const KeyInfo &info : scenarioSchema()) {
        if (info.storage == Storage::View || !written(info, sc))
            continue;
        ordered_json &object = objectAt(out, info.section());
        const std::string member(info.member());
        if (info.key == K::Efficiency) {
            ordered_json knobs;
            for (const engine::KnobSpec &k : engine::efficiencyKnobs())
                knobs[k.name] = sc.hardware.knobs.*k.member;
            object[member] = std::move(knobs);
            continue;
        }
        object[member] = plainValue(info, sc);
    }
    return out;
}

} // namespace mfu::io
