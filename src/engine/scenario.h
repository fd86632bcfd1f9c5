#pragma once

#include "hardware.h"
#include "model.h"
#include "software.h"

#include <cstdint>
#include <string>

namespace mfu::engine {

enum class Recompute
{
    None,
    Selective,
    Full
};

// How training FLOPs are counted. Published MFU figures differ mostly by this choice.
enum class FlopsConvention
{
    Exact,    // 3 × the sum of every forward GEMM (default)
    SixN,     // 6·N per token
    Palm,     // (6·N + 12·L·n·d·s) per token, PaLM appendix B
    Megatron, // 72·b·s·L·h²·(1 + s/6h + V/12hL), Narayanan et al. 2021
    // Megatron-LM's num_floating_point_operations of 2025 on: GQA, gated MLPs, causal attention
    // halved, routed experts at top-k plus shared experts, dense first layers, MLA, MTP and
    // logits, no router GEMM.
    MegatronCore,
};

// Which parameters N counts in `six_n` and `palm` (sources disagree about embeddings).
enum class ParamBasis
{
    All,          // every parameter (PaLM, MosaicML, early torchtitan)
    NonEmbedding, // without the token and position tables (later torchtitan, nanoGPT-like)
};

// Which peak MFU divides by.
enum class PeakBasis
{
    Precision, // the peak of the precision the GEMMs run in (FP8 runs divide by the FP8 peak)
    Bf16,      // always the BF16 peak, as some sources report FP8 runs
};

struct Conventions
{
    FlopsConvention flops = FlopsConvention::Exact;
    bool causal = false; // count only the unmasked half of QKᵀ and scores·V (exact only)
    PeakBasis peak = PeakBasis::Precision;
    ParamBasis params = ParamBasis::All;

    bool operator==(const Conventions &) const = default;
};

struct Batch
{
    std::int64_t globalBatch = 0; // b, sequences per optimizer step
    std::int64_t seqLen = 0;      // s, tokens per sequence
    std::int64_t microBatch = 1;  // m, sequences per micro-batch per data-parallel rank

    double tokensPerStep() const { return double(globalBatch) * double(seqLen); }

    bool operator==(const Batch &) const = default;
};

struct Parallel
{
    std::int64_t tp = 1;  // tensor parallel
    std::int64_t pp = 1;  // pipeline parallel
    std::int64_t dp = 1;  // data parallel
    std::int64_t cp = 1;  // context parallel
    std::int64_t vpp = 1; // virtual pipeline stages per device (interleaving)
    bool sequenceParallel = false;
    int zero = 0; // ZeRO stage 0–3 (3 = FSDP full sharding)
    // Transformer layers of the first and of the last pipeline stage, set apart from the even
    // split of the rest (Megatron's decoder_first/last_pipeline_num_layers): lighter end stages
    // make room for the embedding and the loss. 0: the stage takes its even share.
    std::int64_t firstStageLayers = 0;
    std::int64_t lastStageLayers = 0;
    // Mixture-of-Experts layers fold the same GPUs into their own groups (Megatron-Core's
    // parallel folding): experts split over ep GPUs, each expert's matrices over etp, and the
    // expert data-parallel size follows as tp·cp·dp / (ep·etp). etp 0: as tp.
    std::int64_t ep = 1;
    std::int64_t etp = 0;

    std::int64_t expertTp() const { return etp > 0 ? etp : tp; }
    // Replicas of each expert's weights, which reduce its gradients together.
    double expertDp() const
    {
        return double(tp) * double(cp) * double(dp) / (double(ep) * double(expertTp()));
    }

    double gpus() const { return double(tp) * double(pp) * double(dp) * double(cp); }

    bool operator==(const Parallel &) const = default;
};

// One measured figure of a run; everything else measured follows from it.
struct Measured
{
    enum class Kind
    {
        None,
        StepTime,
        TokensPerS,
        TokensPerSPerGpu,
        SamplesPerS,
        TflopsPerGpu
    };
    enum class TflopsKind
    {
        Model,
        Hardware
    };

    Kind kind = Kind::None;
    double value = 0; // seconds, tokens/s, tokens/s/GPU, samples/s or TFLOP/s per GPU
    TflopsKind tflopsKind = TflopsKind::Model;

    bool operator==(const Measured &) const = default;
};

// What training the whole run costs: not part of a step, but what capacity planning asks.
struct Planning
{
    double tokenBudget = 2e12;    // tokens to train on
    double pricePerGpuHour = 2.0; // currency units per GPU-hour

    bool operator==(const Planning &) const = default;
};

struct Scenario
{
    std::string name;
    std::string modelPreset;    // empty when the shape is given by hand
    std::string hardwarePreset; // empty when the hardware is given by hand
    std::string softwarePreset; // empty when the stack is given by hand
    ModelShape model;
    Batch batch;
    Parallel parallel;
    Recompute recompute = Recompute::None;
    Precision precision = Precision::Bf16;
    Hardware hardware;
    Software software;
    Conventions conventions;
    Measured measured;
    Planning planning;

    bool operator==(const Scenario &) const = default;
};

} // namespace mfu::engine
