#include "scenario_io.h"

#include "field_readers.h"
#include "input_error.h"
#include "engine/validate.h"

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

void readModel(JsonFields &f, Scenario &sc, const PresetLibrary &presets)
{
    if (auto id = f.string("preset")) {
        const ModelPreset *preset = presets.model(*id);
        if (!preset)
            throw InputError(f.path("preset"), "unknown model preset \"" + *id +
                                                   "\" (known: " + joined(presets.modelIds()) + ")");
        sc.model = preset->shape;
        sc.modelPreset = *id;
    } else {
        sc.modelPreset.clear(); // a shape written by hand, on top of the default one
        if (f.has("family")) {
            const auto family = f.choice("family", {"gpt", "llama"});
            if (*family != sc.model.family)
                applyFamilyDefaults(*family, sc.model);
        }
    }
    readModelFields(f, sc.model);
}

void readBatch(JsonFields &f, Scenario &sc)
{
    if (auto v = f.integer("global_batch", 1, 1'000'000'000))
        sc.batch.globalBatch = *v;
    if (auto v = f.integer("seq_len", 1, 100'000'000))
        sc.batch.seqLen = *v;
    if (auto v = f.integer("micro_batch", 1, 1'000'000'000))
        sc.batch.microBatch = *v;
}

void readParallel(JsonFields &f, Scenario &sc)
{
    constexpr std::int64_t kMax = 10'000'000;
    engine::Parallel &p = sc.parallel;
    if (auto v = f.integer("tp", 1, kMax))
        p.tp = *v;
    if (auto v = f.integer("pp", 1, kMax))
        p.pp = *v;
    if (auto v = f.integer("cp", 1, kMax))
        p.cp = *v;
    if (auto v = f.integer("vpp", 1, kMax))
        p.vpp = *v;
    if (auto v = f.boolean("sequence_parallel"))
        p.sequenceParallel = *v;
    if (auto v = f.integer("zero", 0, 3))
        p.zero = int(*v);
    const auto dp = f.integer("dp", 1, kMax);
    const auto gpus = f.integer("gpus", 1, kMax);
    if (dp)
        p.dp = *dp;
    if (gpus) {
        // Each degree may be up to kMax, so their product can overflow int64 (and wrap to 0);
        // a product above the GPU count cannot divide it anyway.
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
            throw InputError(f.path("gpus"), "expected tp·pp·cp·dp (" +
                                                 std::to_string(*dp * modelParallel) +
                                                 ") when dp is given too, found " +
                                                 std::to_string(*gpus));
        p.dp = *gpus / modelParallel;
    }
}

void readHardware(JsonFields &f, Scenario &sc, const PresetLibrary &presets)
{
    if (auto id = f.string("preset")) {
        const HardwarePreset *preset = presets.hardware(*id);
        if (!preset)
            throw InputError(f.path("preset"), "unknown hardware preset \"" + *id + "\" (known: " +
                                                   joined(presets.hardwareIds()) + ")");
        sc.hardware = preset->hardware;
        sc.hardwarePreset = *id;
    }
    readHardwareFields(f, sc.hardware);
}

void readConventions(JsonFields &f, Scenario &sc)
{
    using engine::FlopsConvention;
    engine::Conventions &c = sc.conventions;
    if (auto v = f.choice("flops", {"exact", "six_n", "palm", "megatron"}))
        c.flops = *v == "exact"   ? FlopsConvention::Exact
                  : *v == "six_n" ? FlopsConvention::SixN
                  : *v == "palm"  ? FlopsConvention::Palm
                                  : FlopsConvention::Megatron;
    if (auto v = f.boolean("causal"))
        c.causal = *v;
    if (auto v = f.choice("peak", {"precision", "bf16"}))
        c.peak = *v == "bf16" ? engine::PeakBasis::Bf16 : engine::PeakBasis::Precision;
    if (auto v = f.choice("params", {"all", "non_embedding"}))
        c.params = *v == "all" ? engine::ParamBasis::All : engine::ParamBasis::NonEmbedding;
}

void readMeasured(JsonFields &f, Scenario &sc)
{
    using Kind = engine::Measured::Kind;
    static const std::pair<const char *, Kind> forms[] = {
        {"step_time_s", Kind::StepTime},
        {"tokens_per_s", Kind::TokensPerS},
        {"tokens_per_s_per_gpu", Kind::TokensPerSPerGpu},
        {"samples_per_s", Kind::SamplesPerS},
        {"tflops_per_gpu", Kind::TflopsPerGpu},
    };
    engine::Measured m;
    for (const auto &[key, kind] : forms) {
        const auto v = f.number(key, 1e-300, 1e300);
        if (!v)
            continue;
        if (m.kind != Kind::None)
            throw InputError(f.path(key), "expected one measured figure, found a second one");
        m.kind = kind;
        m.value = *v;
    }
    if (auto v = f.choice("tflops_kind", {"model", "hardware"})) {
        if (m.kind != Kind::TflopsPerGpu)
            throw InputError(f.path("tflops_kind"), "only applies to tflops_per_gpu");
        m.tflopsKind = *v == "model" ? engine::Measured::TflopsKind::Model
                                     : engine::Measured::TflopsKind::Hardware;
    }
    if (m.kind == Kind::None)
        throw InputError("measured", "expected one of step_time_s, tokens_per_s, "
                                     "tokens_per_s_per_gpu, samples_per_s, tflops_per_gpu");
    sc.measured = m;
}

Scenario applyDocument(const json &doc, const Scenario &base, const PresetLibrary &presets)
{
    JsonFields f(doc, "");
    requireSchema(f, kScenarioSchema);
    Scenario sc = base;
    sc.measured = {};
    if (auto v = f.string("name"))
        sc.name = *v;
    if (auto model = f.object("model")) {
        readModel(*model, sc, presets);
        model->finish();
    }
    if (auto batch = f.object("batch")) {
        readBatch(*batch, sc);
        batch->finish();
    }
    if (auto parallel = f.object("parallel")) {
        readParallel(*parallel, sc);
        parallel->finish();
    }
    if (auto v = f.choice("recompute", {"none", "selective", "full"}))
        sc.recompute = *v == "none"        ? engine::Recompute::None
                       : *v == "selective" ? engine::Recompute::Selective
                                           : engine::Recompute::Full;
    if (auto v = f.choice("precision", {"bf16", "fp16", "fp8"}))
        sc.precision = *v == "bf16"   ? engine::Precision::Bf16
                       : *v == "fp16" ? engine::Precision::Fp16
                                      : engine::Precision::Fp8;
    if (auto hw = f.object("hardware")) {
        readHardware(*hw, sc, presets);
        hw->finish();
    }
    if (auto conv = f.object("conventions")) {
        readConventions(*conv, sc);
        conv->finish();
    }
    if (auto planning = f.object("planning")) {
        if (auto v = planning->number("token_budget", 1, 1e18))
            sc.planning.tokenBudget = *v;
        if (auto v = planning->number("price_per_gpu_hour", 0, 1e6))
            sc.planning.pricePerGpuHour = *v;
        planning->finish();
    }
    if (auto measured = f.object("measured")) {
        readMeasured(*measured, sc);
        measured->finish();
    }
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
    return catchInputError<Scenario>([&]() -> Result<Scenario> {
        return applyDocument(doc, base, presets);
    });
}

Result<Scenario> parseScenarioJson(const json &doc, const PresetLibrary &presets)
{
    auto sc = applyScenarioJson(doc, defaultScenario(), presets);
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

nlohmann::ordered_json scenarioToJson(const Scenario &sc)
{
    using nlohmann::ordered_json;
    const engine::ModelShape &m = sc.model;
    ordered_json model;
    if (!sc.modelPreset.empty())
        model["preset"] = sc.modelPreset;
    model["family"] = m.family;
    model["layers"] = m.layers;
    model["hidden"] = m.hidden;
    model["heads"] = m.heads;
    model["kv_heads"] = m.kvHeads;
    model["head_dim"] = m.headDim;
    model["ffn_hidden"] = m.ffnHidden;
    model["vocab"] = m.vocab;
    model["gated_mlp"] = m.gatedMlp;
    model["tied_embeddings"] = m.tiedEmbeddings;
    model["bias"] = m.bias;
    model["norm"] = m.norm == engine::NormKind::LayerNorm ? "layernorm" : "rmsnorm";
    model["max_positions"] = m.maxPositions;
    model["dropout"] = m.dropout;

    const engine::Hardware &hw = sc.hardware;
    ordered_json hardware;
    if (!sc.hardwarePreset.empty())
        hardware["preset"] = sc.hardwarePreset;
    hardware["name"] = hw.name;
    hardware["vendor"] = hw.vendor;
    hardware["peak_tflops"] = {{"bf16", hw.peakTflopsBf16},
                               {"fp16", hw.peakTflopsFp16},
                               {"fp8", hw.peakTflopsFp8}};
    hardware["memory_gib"] = hw.memoryGib;
    hardware["memory_bw_gbs"] = hw.memoryBwGbs;
    hardware["intra_node_gbs"] = hw.intraNodeGbs;
    hardware["inter_node_gbs"] = hw.interNodeGbs;
    hardware["gpus_per_node"] = hw.gpusPerNode;
    ordered_json knobs;
    for (const engine::KnobSpec &k : engine::efficiencyKnobs())
        knobs[k.name] = hw.knobs.*k.member;
    hardware["efficiency"] = knobs;

    const engine::Parallel &p = sc.parallel;
    ordered_json out;
    out["schema"] = kScenarioSchema;
    out["name"] = sc.name;
    out["model"] = model;
    out["batch"] = {{"global_batch", sc.batch.globalBatch},
                    {"seq_len", sc.batch.seqLen},
                    {"micro_batch", sc.batch.microBatch}};
    out["parallel"] = {{"tp", p.tp},
                       {"pp", p.pp},
                       {"dp", p.dp},
                       {"cp", p.cp},
                       {"vpp", p.vpp},
                       {"sequence_parallel", p.sequenceParallel},
                       {"zero", p.zero},
                       {"gpus", p.tp * p.pp * p.dp * p.cp}};
    out["recompute"] = engine::recomputeName(sc.recompute);
    out["precision"] = engine::precisionName(sc.precision);
    out["hardware"] = hardware;
    out["conventions"] = {
        {"flops", engine::conventionName(sc.conventions.flops)},
        {"causal", sc.conventions.causal},
        {"peak", sc.conventions.peak == engine::PeakBasis::Bf16 ? "bf16" : "precision"},
        {"params", sc.conventions.params == engine::ParamBasis::All ? "all" : "non_embedding"}};
    out["planning"] = {{"token_budget", sc.planning.tokenBudget},
                       {"price_per_gpu_hour", sc.planning.pricePerGpuHour}};
    using Kind = engine::Measured::Kind;
    const engine::Measured &ms = sc.measured;
    switch (ms.kind) {
    case Kind::None:
        break;
    case Kind::StepTime:
        out["measured"] = {{"step_time_s", ms.value}};
        break;
    case Kind::TokensPerS:
        out["measured"] = {{"tokens_per_s", ms.value}};
        break;
    case Kind::TokensPerSPerGpu:
        out["measured"] = {{"tokens_per_s_per_gpu", ms.value}};
        break;
    case Kind::SamplesPerS:
        out["measured"] = {{"samples_per_s", ms.value}};
        break;
    case Kind::TflopsPerGpu:
        out["measured"] = {
            {"tflops_per_gpu", ms.value},
            {"tflops_kind",
             ms.tflopsKind == engine::Measured::TflopsKind::Model ? "model" : "hardware"}};
        break;
    }
    return out;
}

} // namespace mfu::io
