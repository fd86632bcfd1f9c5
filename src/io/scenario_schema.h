#pragma once

// The scenario@1 schema: one row per key, with its dotted path, type, the range a file may
// give, how to read and write it on an engine::Scenario, and how the window shows it. The
// reader, the writer, the CSV columns of benchmarks@1, the importers' provenance and the
// window's parameter panel all walk this table, so a new scenario field is one row here plus
// the engine's use of it (docs/adding_a_field.md).

#include "engine/names.h"
#include "engine/scenario.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mfu::io {

// Every key of a scenario file, in the order of the schema table (and so of the files this
// program writes). Naming a key through this enum, not a string, makes a typo a compile error.
enum class ScenarioKey
{
    Name,
    ModelPreset,
    Family,
    Layers,
    Hidden,
    Heads,
    KvHeads,
    HeadDim,
    FfnHidden,
    Vocab,
    GatedMlp,
    TiedEmbeddings,
    Bias,
    Norm,
    MaxPositions,
    Dropout,
    MoeExperts,
    MoeTopK,
    MoeExpertFfnHidden,
    MoeSharedExperts,
    MoeSharedExpertFfnHidden,
    MoeDenseLayers,
    MoeMtpLayers,
    MoeCapacityFactor,
    MlaQLoraRank,
    MlaKvLoraRank,
    MlaQkNopeHeadDim,
    MlaQkRopeHeadDim,
    MlaVHeadDim,
    SlidingWindowTokens,
    SlidingWindowFullAttentionInterval,
    GlobalBatch,
    SeqLen,
    MicroBatch,
    Tp,
    Pp,
    Dp,
    Cp,
    Vpp,
    SequenceParallel,
    Zero,
    FirstStageLayers,
    LastStageLayers,
    Ep,
    Etp,
    Gpus,
    Recompute,
    Precision,
    HardwarePreset,
    HardwareName,
    Vendor,
    PeakTflops, // the window's view: the peak of the scenario's precision
    PeakTflopsBf16,
    PeakTflopsFp16,
    PeakTflopsFp8,
    PeakTflopsMxfp8,
    PeakTflopsNvfp4,
    MemoryGib,
    MemoryBwGbs,
    IntraNodeGbs,
    InterNodeGbs,
    GpusPerNode,
    Efficiency, // the efficiency knobs, a table of their own (engine/efficiency_knobs.h)
    SoftwarePreset,
    SoftwareName,
    Attention,
    Elementwise,
    TpCommOverlap,
    TpOverlapSmFraction,
    OverlapGradReduce,
    GradReduce,
    Fp8ParamGather,
    Fp8Recipe,
    EmbeddingInPipelineSplit,
    DeferEmbeddingWgrad,
    OverlapP2pComm,
    CudaGraphs,
    HostUsPerKernel,
    MoeTokenDispatcher,
    MoeA2aOverlap,
    MoeForceBalance,
    MoeImbalance,
    FlopsConvention,
    Causal,
    PeakBasis,
    ParamBasis,
    TokenBudget,
    PricePerGpuHour,
    MeasuredStepTime,
    MeasuredTokensPerS,
    MeasuredTokensPerSPerGpu,
    MeasuredSamplesPerS,
    MeasuredTflopsPerGpu,
    MeasuredTflopsKind,
    // Groups the importers report provenance for: the architecture switches a log gives at
    // once (gated MLP, norm, bias, …), and the hardware block as a whole.
    ModelArchitecture,
    Hardware,
    Count
};

enum class ValueType
{
    Integer, // a whole number in [min, max]
    Number,  // a finite number in [min, max]
    Boolean,
    Choice, // one of the names of an enum's table (engine/names.h)
    Text,
    Group, // not a value: a name for several keys
};

// Who reads and writes a key.
enum class Storage
{
    Plain,  // the generic reader and writer, through the row's accessor
    ByHand, // its section's own rules (presets, sizes derived from others, the one measured figure)
    View,   // not a key of the file: a name the window or the importers use
};

// How the window's parameter panel shows a key.
enum class Control
{
    None,
    Slider,
    Check,
    Choice
};
enum class PanelGroup
{
    None,
    Model,
    Batch,
    Parallel,
    Hardware,
    Software,
    Conventions,
    Planning
};

// When the parameter panel shows a key: rows that apply only to some models stay out of the
// way of the others.
enum class PanelCondition
{
    Always,
    Experts,         // a mixture of experts (model.moe.experts > 0)
    LatentAttention, // multi-head latent attention (model.mla.kv_lora_rank > 0)
};

// The grid a slider snaps to.
enum class Snap
{
    Integer,     // any whole number
    PowerOfTwo,  // 1, 2, 4, ...
    Multiple64,  // 64, 128, ... (hidden sizes)
    Multiple128, // 128, 256, ... (FFN sizes, vocabularies)
    Continuous,  // any value (bandwidths, prices), three significant digits
};

// One name of a Choice key, type-erased from its enum's table.
struct ChoiceItem
{
    int value; // the enum's value as an int
    const char *name;
    const char *label;
};

struct SliderRange
{
    double min = 0;
    double max = 0;
    bool logScale = true;
    Snap snap = Snap::Integer;
    double displayScale = 1; // the spin box shows value / displayScale (token budget in billions)
    // What the spin box shows for 0 where 0 stands for something else ("as TP"), below the
    // slider's range; untranslated, like the labels. nullptr: 0 is shown as a number.
    const char *zeroText = nullptr;
};

struct KeyInfo
{
    ScenarioKey key;
    const char *path; // dotted path in the file ("model.layers")
    ValueType type;
    Storage storage;
    double min = 0; // Integer and Number: the range a file may give
    double max = 0;
    // Integer, Number, Boolean (0 or 1) and Choice (the enum's value) as a double.
    double (*get)(const engine::Scenario &) = nullptr;
    void (*set)(engine::Scenario &, double) = nullptr;
    // Text.
    const std::string &(*text)(const engine::Scenario &) = nullptr;
    void (*setText)(engine::Scenario &, const std::string &) = nullptr;
    // Choice: the enum's names and labels.
    std::span<const ChoiceItem> (*choices)() = nullptr;

    // The window. Labels and tooltips are untranslated; the window translates them in the
    // context "ScenarioFields".
    PanelGroup group = PanelGroup::None;
    Control control = Control::None;
    const char *symbol = ""; // of the derivation ("h", "ĥ", "TP"), UTF-8
    const char *label = "";
    const char *tooltip = "";
    SliderRange slider;
    PanelCondition shownWhen = PanelCondition::Always;

    // The member name under the key's object ("layers" of "model.layers").
    std::string_view member() const;
    // The object path ("model"; "" at the top level).
    std::string_view section() const;
};

// Every row, in ScenarioKey order.
std::span<const KeyInfo> scenarioSchema();
const KeyInfo &keyInfo(ScenarioKey key);
inline const char *keyPath(ScenarioKey key)
{
    return keyInfo(key).path;
}
// The row whose path is `path`; nullptr when none.
const KeyInfo *keyForPath(std::string_view path);

// The measured figures a scenario may give, for messages: "step_time_s, …, tflops_per_gpu", each
// name after `prefix` ("measured." for CSV columns), the last after `lastSeparator`.
std::string measuredFigureList(std::string_view prefix, std::string_view lastSeparator);

// A Choice key's value as its file name ("selective"); "" for another type.
std::string choiceName(const KeyInfo &info, const engine::Scenario &sc);

} // namespace mfu::io
