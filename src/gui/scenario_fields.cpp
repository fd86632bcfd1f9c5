#include "scenario_fields.h"

#include "engine/validate.h"

#include <QtGlobal>

#include <algorithm>
#include <cmath>
#include <limits>

namespace mfu::gui {

namespace {

// QT_TRANSLATE_NOOP marks the strings for lupdate; they are translated where shown.

const std::vector<FieldInfo> kFields = {
    {Field::GlobalBatch, FieldGroup::Batch, "batch.global_batch", "b", QT_TRANSLATE_NOOP("ScenarioFields", "Global batch"),
     QT_TRANSLATE_NOOP("ScenarioFields", "b: sequences per optimizer step, over all data-parallel replicas"), 1, 1 << 20, true, Snap::Integer},
    {Field::SeqLen, FieldGroup::Batch, "batch.seq_len", "s", QT_TRANSLATE_NOOP("ScenarioFields", "Sequence length"),
     QT_TRANSLATE_NOOP("ScenarioFields", "s: tokens per sequence; attention FLOPs grow with s²"), 128, 1 << 20, true, Snap::PowerOfTwo},
    {Field::MicroBatch, FieldGroup::Batch, "batch.micro_batch", "m", QT_TRANSLATE_NOOP("ScenarioFields", "Micro-batch"),
     QT_TRANSLATE_NOOP("ScenarioFields", "m: sequences per forward/backward pass on one replica; b/(dp·m) micro-batches fill the pipeline"),
     1, 1024, true, Snap::PowerOfTwo},
    {Field::Hidden, FieldGroup::Model, "model.hidden", "h", QT_TRANSLATE_NOOP("ScenarioFields", "Hidden size"),
     QT_TRANSLATE_NOOP("ScenarioFields", "h: width of the residual stream; projections cost 2·b·s·h² each"), 64, 65536, true, Snap::Multiple64},
    {Field::Layers, FieldGroup::Model, "model.layers", "L", QT_TRANSLATE_NOOP("ScenarioFields", "Layers"),
     QT_TRANSLATE_NOOP("ScenarioFields", "L: transformer layers; every module but lm_head runs once per layer"), 1, 1024, true, Snap::Integer},
    {Field::Heads, FieldGroup::Model, "model.heads", "n", QT_TRANSLATE_NOOP("ScenarioFields", "Attention heads"),
     QT_TRANSLATE_NOOP("ScenarioFields", "n: query heads; n·d is the attention width"), 1, 1024, true, Snap::Integer},
    {Field::KvHeads, FieldGroup::Model, "model.kv_heads", "n_kv", QT_TRANSLATE_NOOP("ScenarioFields", "KV heads"),
     QT_TRANSLATE_NOOP("ScenarioFields", "n_kv: key/value heads; r = n/n_kv is the GQA group size, K and V cost 1/r of Q"), 1, 1024, true, Snap::Integer},
    {Field::HeadDim, FieldGroup::Model, "model.head_dim", "d", QT_TRANSLATE_NOOP("ScenarioFields", "Head dim"),
     QT_TRANSLATE_NOOP("ScenarioFields", "d: width of one head, usually h/n"), 8, 1024, true, Snap::Integer},
    {Field::FfnHidden, FieldGroup::Model, "model.ffn_hidden", "ĥ", QT_TRANSLATE_NOOP("ScenarioFields", "FFN hidden"),
     QT_TRANSLATE_NOOP("ScenarioFields", "ĥ: MLP inner width; 4h for GPT, about 8h/3 rounded for SwiGLU"), 128, 262144, true, Snap::Multiple128},
    {Field::Vocab, FieldGroup::Model, "model.vocab", "V", QT_TRANSLATE_NOOP("ScenarioFields", "Vocabulary"),
     QT_TRANSLATE_NOOP("ScenarioFields", "V: vocabulary size; lm_head costs 2·b·s·h·V once"), 256, 1048576, true, Snap::Integer},
    {Field::Tp, FieldGroup::Parallel, "parallel.tp", "TP", QT_TRANSLATE_NOOP("ScenarioFields", "Tensor parallel"),
     QT_TRANSLATE_NOOP("ScenarioFields", "TP: each layer's matrices split over TP GPUs; must divide the heads"), 1, 64, true, Snap::PowerOfTwo},
    {Field::Pp, FieldGroup::Parallel, "parallel.pp", "PP", QT_TRANSLATE_NOOP("ScenarioFields", "Pipeline parallel"),
     QT_TRANSLATE_NOOP("ScenarioFields", "PP: layers split into PP stages; the bubble costs (PP−1)/(micro-batches·VPP)"), 1, 128, true, Snap::Integer},
    {Field::Dp, FieldGroup::Parallel, "parallel.dp", "DP", QT_TRANSLATE_NOOP("ScenarioFields", "Data parallel"),
     QT_TRANSLATE_NOOP("ScenarioFields", "DP: model replicas; each takes b/DP sequences per step"), 1, 65536, true, Snap::Integer},
    {Field::Cp, FieldGroup::Parallel, "parallel.cp", "CP", QT_TRANSLATE_NOOP("ScenarioFields", "Context parallel"),
     QT_TRANSLATE_NOOP("ScenarioFields", "CP: each sequence split over CP GPUs (ring attention)"), 1, 64, true, Snap::PowerOfTwo},
    {Field::Vpp, FieldGroup::Parallel, "parallel.vpp", "VPP", QT_TRANSLATE_NOOP("ScenarioFields", "Virtual stages"),
     QT_TRANSLATE_NOOP("ScenarioFields", "VPP: interleaved pipeline chunks per GPU; shrinks the bubble by VPP"), 1, 32, true, Snap::Integer},
    {Field::Gpus, FieldGroup::Hardware, "parallel.gpus", "G", QT_TRANSLATE_NOOP("ScenarioFields", "GPU count"),
     QT_TRANSLATE_NOOP("ScenarioFields", "G = TP·PP·DP·CP; changing it changes DP"), 1, 1 << 20, true, Snap::Integer},
    {Field::PeakTflops, FieldGroup::Hardware, "hardware.peak_tflops", "peak", QT_TRANSLATE_NOOP("ScenarioFields", "Peak TFLOP/s"),
     QT_TRANSLATE_NOOP("ScenarioFields", "Dense peak of the chosen precision, TFLOP/s per GPU; MFU divides by it"), 10, 20000, true, Snap::Continuous},
    {Field::MemoryGib, FieldGroup::Hardware, "hardware.memory_gib", "HBM", QT_TRANSLATE_NOOP("ScenarioFields", "HBM capacity (GiB)"),
     QT_TRANSLATE_NOOP("ScenarioFields", "Memory per GPU, GiB"), 8, 1024, true, Snap::Continuous},
    {Field::MemoryBwGbs, FieldGroup::Hardware, "hardware.memory_bw_gbs", "BW", QT_TRANSLATE_NOOP("ScenarioFields", "HBM bandwidth (GB/s)"),
     QT_TRANSLATE_NOOP("ScenarioFields", "Memory bandwidth per GPU, GB/s; bounds element-wise work and skinny GEMMs"), 100, 50000, true, Snap::Continuous},
    {Field::IntraNodeGbs, FieldGroup::Hardware, "hardware.intra_node_gbs", "NVLink", QT_TRANSLATE_NOOP("ScenarioFields", "NVLink (GB/s)"),
     QT_TRANSLATE_NOOP("ScenarioFields", "Scale-up link per GPU, one direction, GB/s; carries TP inside a node"), 1, 10000, true, Snap::Continuous},
    {Field::InterNodeGbs, FieldGroup::Hardware, "hardware.inter_node_gbs", "NIC", QT_TRANSLATE_NOOP("ScenarioFields", "Network (GB/s)"),
     QT_TRANSLATE_NOOP("ScenarioFields", "Network share per GPU, one direction, GB/s; carries DP and PP across nodes"), 0.5, 1000, true, Snap::Continuous},
    {Field::TokenBudget, FieldGroup::Planning, "planning.token_budget", "D", QT_TRANSLATE_NOOP("ScenarioFields", "Token budget"),
     QT_TRANSLATE_NOOP("ScenarioFields", "Tokens to train on; sets days and GPU-hours to train"), 1e9, 1e15, true, Snap::Continuous},
    {Field::PricePerGpuHour, FieldGroup::Planning, "planning.price_per_gpu_hour", "$", QT_TRANSLATE_NOOP("ScenarioFields", "Price per GPU-hour"),
     QT_TRANSLATE_NOOP("ScenarioFields", "Cost of one GPU for one hour"), 0, 100, false, Snap::Continuous},
};


double peakOf(const engine::Scenario &sc)
{
    return sc.hardware.peakTflops(sc.precision) > 0 ? sc.hardware.peakTflops(sc.precision)
                                                     : sc.hardware.peakTflopsFp16;
}

} // namespace

const std::vector<FieldInfo> &scenarioFields()
{
    return kFields;
}

const FieldInfo &fieldInfo(Field f)
{
    return kFields[std::size_t(f)];
}

bool fieldForErrorPath(const std::string &path, Field *out)
{
    for (const FieldInfo &info : kFields) {
        const std::string key = info.key;
        // "hardware.peak_tflops.bf16" belongs to the peak field.
        if (path == key || path.rfind(key + ".", 0) == 0) {
            *out = info.id;
            return true;
        }
    }
    return false;
}

double fieldValue(const DocumentState &state, Field f)
{
    const engine::Scenario &sc = state.scenario;
    switch (f) {
    case Field::GlobalBatch: return double(sc.batch.globalBatch);
    case Field::SeqLen: return double(sc.batch.seqLen);
    case Field::MicroBatch: return double(sc.batch.microBatch);
    case Field::Hidden: return double(sc.model.hidden);
    case Field::Layers: return double(sc.model.layers);
    case Field::Heads: return double(sc.model.heads);
    case Field::KvHeads: return double(sc.model.kvHeads);
    case Field::HeadDim: return double(sc.model.headDim);
    case Field::FfnHidden: return double(sc.model.ffnHidden);
    case Field::Vocab: return double(sc.model.vocab);
    case Field::Tp: return double(sc.parallel.tp);
    case Field::Pp: return double(sc.parallel.pp);
    case Field::Dp: return double(sc.parallel.dp);
    case Field::Cp: return double(sc.parallel.cp);
    case Field::Vpp: return double(sc.parallel.vpp);
    case Field::Gpus: return sc.parallel.gpus();
    case Field::PeakTflops: return peakOf(sc);
    case Field::MemoryGib: return sc.hardware.memoryGib;
    case Field::MemoryBwGbs: return sc.hardware.memoryBwGbs;
    case Field::IntraNodeGbs: return sc.hardware.intraNodeGbs;
    case Field::InterNodeGbs: return sc.hardware.interNodeGbs;
    case Field::TokenBudget: return state.scenario.planning.tokenBudget;
    case Field::PricePerGpuHour: return state.scenario.planning.pricePerGpuHour;
    }
    return 0;
}

void setFieldValue(DocumentState &state, Field f, double value)
{
    engine::Scenario &sc = state.scenario;
    engine::ModelShape &m = sc.model;
    const auto asInt = [&] { return static_cast<std::int64_t>(std::llround(value)); };
    const bool headDimFollows = m.heads > 0 && m.headDim * m.heads == m.hidden;
    const bool kvFollows = m.kvHeads == m.heads;
    auto rederiveHeadDim = [&] {
        if (headDimFollows && m.heads > 0 && m.hidden % m.heads == 0)
            m.headDim = m.hidden / m.heads;
    };
    switch (f) {
    case Field::GlobalBatch: sc.batch.globalBatch = asInt(); break;
    case Field::SeqLen: sc.batch.seqLen = asInt(); break;
    case Field::MicroBatch: sc.batch.microBatch = asInt(); break;
    case Field::Hidden: m.hidden = asInt(); rederiveHeadDim(); break;
    case Field::Layers: m.layers = asInt(); break;
    case Field::Heads:
        m.heads = asInt();
        if (kvFollows)
            m.kvHeads = m.heads;
        rederiveHeadDim();
        break;
    case Field::KvHeads: m.kvHeads = asInt(); break;
    case Field::HeadDim: m.headDim = asInt(); break;
    case Field::FfnHidden: m.ffnHidden = asInt(); break;
    case Field::Vocab: m.vocab = asInt(); break;
    case Field::Tp: sc.parallel.tp = asInt(); break;
    case Field::Pp: sc.parallel.pp = asInt(); break;
    case Field::Dp: sc.parallel.dp = asInt(); break;
    case Field::Cp: sc.parallel.cp = asInt(); break;
    case Field::Vpp: sc.parallel.vpp = asInt(); break;
    case Field::Gpus: {
        const std::int64_t modelParallel = sc.parallel.tp * sc.parallel.pp * sc.parallel.cp;
        sc.parallel.dp = std::max<std::int64_t>(1, asInt() / std::max<std::int64_t>(1, modelParallel));
        break;
    }
    case Field::PeakTflops:
        switch (sc.precision) {
        case engine::Precision::Bf16: sc.hardware.peakTflopsBf16 = value; break;
        case engine::Precision::Fp16: sc.hardware.peakTflopsFp16 = value; break;
        case engine::Precision::Fp8: sc.hardware.peakTflopsFp8 = value; break;
        }
        break;
    case Field::MemoryGib: sc.hardware.memoryGib = value; break;
    case Field::MemoryBwGbs: sc.hardware.memoryBwGbs = value; break;
    case Field::IntraNodeGbs: sc.hardware.intraNodeGbs = value; break;
    case Field::InterNodeGbs: sc.hardware.interNodeGbs = value; break;
    case Field::TokenBudget: state.scenario.planning.tokenBudget = value; break;
    case Field::PricePerGpuHour: state.scenario.planning.pricePerGpuHour = value; break;
    }
}

double snapFieldValue(const FieldInfo &info, double value)
{
    if (!std::isfinite(value))
        return info.min;
    double v = std::clamp(value, info.min, info.max);
    switch (info.snap) {
    case Snap::Integer:
        v = std::round(v);
        break;
    case Snap::PowerOfTwo:
        v = std::exp2(std::round(std::log2(std::max(v, 1.0))));
        break;
    case Snap::Multiple64:
        v = std::max(64.0, std::round(v / 64) * 64);
        break;
    case Snap::Multiple128:
        v = std::max(128.0, std::round(v / 128) * 128);
        break;
    case Snap::Continuous:
        // Three significant digits: a slider should land on 312 or 3.35, not 311.872.
        if (v > 0) {
            const double scale = std::pow(10.0, std::floor(std::log10(v)) - 2);
            v = std::round(v / scale) * scale;
        }
        break;
    }
    return std::clamp(v, info.min, info.max);
}

namespace {

// The next value on the field's grid above or below `v`; NaN for continuous fields, whose
// values no divisibility rule constrains.
double gridNeighbour(const FieldInfo &info, double v, bool up)
{
    switch (info.snap) {
    case Snap::Integer: return up ? v + 1 : v - 1;
    case Snap::PowerOfTwo: return up ? v * 2 : v / 2;
    case Snap::Multiple64: return up ? v + 64 : v - 64;
    case Snap::Multiple128: return up ? v + 128 : v - 128;
    case Snap::Continuous: break;
    }
    return std::numeric_limits<double>::quiet_NaN();
}

// Bounds the search so a slider step stays well inside a frame (one validation is well under
// a microsecond) and never wanders far from where the user pointed.
constexpr int kMaxLandingSteps = 4096;

} // namespace

double sliderLandingValue(const DocumentState &state, Field f, double wanted)
{
    const FieldInfo &info = fieldInfo(f);
    if (info.snap == Snap::Continuous || engine::validateScenario(state.scenario))
        return wanted;
    const auto soundWith = [&](double v) {
        DocumentState trial = state;
        setFieldValue(trial, f, v);
        return !engine::validateScenario(trial.scenario);
    };
    if (soundWith(wanted))
        return wanted;
    const double current = fieldValue(state, f);
    const bool up = wanted >= current;
    for (const bool direction : {up, !up}) {
        double v = wanted;
        for (int i = 0; i < kMaxLandingSteps; ++i) {
            v = gridNeighbour(info, v, direction);
            if (!(v >= info.min && v <= info.max))
                break;
            if (soundWith(v))
                return v;
        }
    }
    // Nothing sound nearby (DP past the batch, say): the field stays where it was, as a slider
    // stops at its end.
    return current;
}

} // namespace mfu::gui
