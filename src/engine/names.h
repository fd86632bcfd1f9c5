#pragma once

// One table per enum of the scenario: the name the files use and the label the window shows.
// The scenario reader and writer, the window's choices, the CSV columns and the engine's own
// messages all go through these tables, so that a name is written once.

#include "hardware.h"
#include "model.h"
#include "scenario.h"

#include <optional>
#include <span>
#include <string_view>

// The window translates the labels (context "ScenarioFields"); lupdate finds them by this
// marker. The engine has no Qt, so the marker is defined here exactly as Qt defines it.
#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(scope, x) x
#endif

namespace mfu::engine {

template <typename E> struct NamedValue
{
    E value;
    const char *name;  // in scenario files, CSV cells and evaluation output
    const char *label; // in the window, untranslated
};

// Specialised once per enum below with `static constexpr NamedValue<E> rows[]`, in the order
// the window lists them.
template <typename E> struct EnumNames;

template <> struct EnumNames<Precision>
{
    static constexpr NamedValue<Precision> rows[] = {
        {Precision::Bf16, "bf16", QT_TRANSLATE_NOOP("ScenarioFields", "BF16")},
        {Precision::Fp16, "fp16", QT_TRANSLATE_NOOP("ScenarioFields", "FP16")},
        {Precision::Fp8, "fp8", QT_TRANSLATE_NOOP("ScenarioFields", "FP8")},
        {Precision::Mxfp8, "mxfp8", QT_TRANSLATE_NOOP("ScenarioFields", "MXFP8")},
        {Precision::Nvfp4, "nvfp4", QT_TRANSLATE_NOOP("ScenarioFields", "NVFP4")},
    };
};

template <> struct EnumNames<AttentionKernel>
{
    static constexpr NamedValue<AttentionKernel> rows[] = {
        {AttentionKernel::Unfused, "unfused", QT_TRANSLATE_NOOP("ScenarioFields", "unfused")},
        {AttentionKernel::Flash2, "flash2",
         QT_TRANSLATE_NOOP("ScenarioFields", "FlashAttention-2")},
        {AttentionKernel::Flash3, "flash3",
         QT_TRANSLATE_NOOP("ScenarioFields", "FlashAttention-3 / cuDNN")},
    };
};

template <> struct EnumNames<ElementwiseKernels>
{
    static constexpr NamedValue<ElementwiseKernels> rows[] = {
        {ElementwiseKernels::Fused, "fused", QT_TRANSLATE_NOOP("ScenarioFields", "fused")},
        {ElementwiseKernels::Eager, "eager", QT_TRANSLATE_NOOP("ScenarioFields", "eager")},
    };
};

template <> struct EnumNames<TpOverlap>
{
    static constexpr NamedValue<TpOverlap> rows[] = {
        {TpOverlap::None, "none", QT_TRANSLATE_NOOP("ScenarioFields", "none")},
        {TpOverlap::Bulk, "bulk", QT_TRANSLATE_NOOP("ScenarioFields", "bulk (backward)")},
        {TpOverlap::Pipelined, "pipelined",
         QT_TRANSLATE_NOOP("ScenarioFields", "pipelined (userbuffers, async TP)")},
    };
};

template <> struct EnumNames<Fp8Recipe>
{
    static constexpr NamedValue<Fp8Recipe> rows[] = {
        {Fp8Recipe::Delayed, "delayed", QT_TRANSLATE_NOOP("ScenarioFields", "delayed scaling")},
        {Fp8Recipe::Tensorwise, "tensorwise",
         QT_TRANSLATE_NOOP("ScenarioFields", "tensorwise (current scaling)")},
        {Fp8Recipe::Rowwise, "rowwise", QT_TRANSLATE_NOOP("ScenarioFields", "rowwise")},
        {Fp8Recipe::Blockwise, "blockwise", QT_TRANSLATE_NOOP("ScenarioFields", "blockwise")},
    };
};

template <> struct EnumNames<MoeDispatcher>
{
    static constexpr NamedValue<MoeDispatcher> rows[] = {
        {MoeDispatcher::AllToAll, "alltoall", QT_TRANSLATE_NOOP("ScenarioFields", "all-to-all")},
        {MoeDispatcher::Flex, "flex",
         QT_TRANSLATE_NOOP("ScenarioFields", "flex (DeepEP, HybridEP)")},
    };
};

template <> struct EnumNames<GradReduce>
{
    static constexpr NamedValue<GradReduce> rows[] = {
        {GradReduce::Fp32, "fp32", QT_TRANSLATE_NOOP("ScenarioFields", "FP32")},
        {GradReduce::Bf16, "bf16", QT_TRANSLATE_NOOP("ScenarioFields", "BF16")},
    };
};

template <> struct EnumNames<Recompute>
{
    static constexpr NamedValue<Recompute> rows[] = {
        {Recompute::None, "none", QT_TRANSLATE_NOOP("ScenarioFields", "none")},
        {Recompute::Selective, "selective", QT_TRANSLATE_NOOP("ScenarioFields", "selective")},
        {Recompute::Full, "full", QT_TRANSLATE_NOOP("ScenarioFields", "full")},
    };
};

template <> struct EnumNames<FlopsConvention>
{
    static constexpr NamedValue<FlopsConvention> rows[] = {
        {FlopsConvention::Exact, "exact", QT_TRANSLATE_NOOP("ScenarioFields", "exact")},
        {FlopsConvention::SixN, "six_n", QT_TRANSLATE_NOOP("ScenarioFields", "6N")},
        {FlopsConvention::Palm, "palm", QT_TRANSLATE_NOOP("ScenarioFields", "PaLM")},
        {FlopsConvention::Megatron, "megatron", QT_TRANSLATE_NOOP("ScenarioFields", "Megatron")},
        {FlopsConvention::MegatronCore, "megatron_core",
         QT_TRANSLATE_NOOP("ScenarioFields", "Megatron-Core")},
    };
};

template <> struct EnumNames<PeakBasis>
{
    static constexpr NamedValue<PeakBasis> rows[] = {
        {PeakBasis::Precision, "precision",
         QT_TRANSLATE_NOOP("ScenarioFields", "the precision's peak")},
        {PeakBasis::Bf16, "bf16", QT_TRANSLATE_NOOP("ScenarioFields", "the BF16 peak")},
    };
};

template <> struct EnumNames<ParamBasis>
{
    static constexpr NamedValue<ParamBasis> rows[] = {
        {ParamBasis::All, "all", QT_TRANSLATE_NOOP("ScenarioFields", "all parameters")},
        {ParamBasis::NonEmbedding, "non_embedding",
         QT_TRANSLATE_NOOP("ScenarioFields", "non-embedding parameters")},
    };
};

template <> struct EnumNames<NormKind>
{
    static constexpr NamedValue<NormKind> rows[] = {
        {NormKind::LayerNorm, "layernorm", QT_TRANSLATE_NOOP("ScenarioFields", "LayerNorm")},
        {NormKind::RmsNorm, "rmsnorm", QT_TRANSLATE_NOOP("ScenarioFields", "RMSNorm")},
    };
};

template <> struct EnumNames<Measured::TflopsKind>
{
    static constexpr NamedValue<Measured::TflopsKind> rows[] = {
        {Measured::TflopsKind::Model, "model",
         QT_TRANSLATE_NOOP("ScenarioFields", "model TFLOP/s")},
        {Measured::TflopsKind::Hardware, "hardware",
         QT_TRANSLATE_NOOP("ScenarioFields", "hardware TFLOP/s")},
    };
};

// The measured figure's key under `measured` in a scenario file; None has no key.
template <> struct EnumNames<Measured::Kind>
{
    static constexpr NamedValue<Measured::Kind> rows[] = {
        {Measured::Kind::StepTime, "step_time_s",
         QT_TRANSLATE_NOOP("ScenarioFields", "step time (s)")},
        {Measured::Kind::TokensPerS, "tokens_per_s",
         QT_TRANSLATE_NOOP("ScenarioFields", "tokens/s")},
        {Measured::Kind::TokensPerSPerGpu, "tokens_per_s_per_gpu",
         QT_TRANSLATE_NOOP("ScenarioFields", "tokens/s per GPU")},
        {Measured::Kind::SamplesPerS, "samples_per_s",
         QT_TRANSLATE_NOOP("ScenarioFields", "samples/s")},
        {Measured::Kind::TflopsPerGpu, "tflops_per_gpu",
         QT_TRANSLATE_NOOP("ScenarioFields", "TFLOP/s per GPU")},
    };
};

template <typename E> constexpr std::span<const NamedValue<E>> namedValues()
{
    return EnumNames<E>::rows;
}

// The row of `value`; nullptr for a value without one (Measured::Kind::None).
template <typename E> constexpr const NamedValue<E> *namedValue(E value)
{
    for (const NamedValue<E> &row : namedValues<E>())
        if (row.value == value)
            return &row;
    return nullptr;
}

template <typename E> constexpr const char *nameOf(E value)
{
    const NamedValue<E> *row = namedValue(value);
    return row ? row->name : "?";
}

template <typename E> constexpr std::optional<E> valueNamed(std::string_view name)
{
    for (const NamedValue<E> &row : namedValues<E>())
        if (name == row.name)
            return row.value;
    return std::nullopt;
}

} // namespace mfu::engine
