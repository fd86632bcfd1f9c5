#include "efficiency_knobs.h"

namespace mfu::engine {

const std::vector<KnobSpec> &efficiencyKnobs()
{
    using K = EfficiencyKnobs;
    static const std::vector<KnobSpec> knobs = {
        {&K::gemmMaxEfficiency, 0.01, 1, "gemm_max_efficiency",
         "fraction of peak a large, square GEMM reaches"},
        {&K::gemmHalfEfficiencyGflop, 0, 1e6, "gemm_half_efficiency_gflop",
         "GEMM size in GFLOP at which half of the maximum efficiency is reached"},
        {&K::gemmMaxEfficiencyLowPrecision, 0, 1, "gemm_max_efficiency_low_precision",
         "fraction of the FP8 (or FP4) peak a large low-precision GEMM reaches; 0: as 16-bit"},
        {&K::gemmMaxEfficiencyFp4, 0, 1, "gemm_max_efficiency_fp4",
         "fraction of the NVFP4 peak a large NVFP4 GEMM reaches; 0: as the low-precision figure"},
        {&K::attentionEfficiency, 0.01, 1, "attention_efficiency",
         "fraction of the 16-bit peak a FlashAttention-2-class kernel reaches"},
        {&K::attentionEfficiencyFlash3, 0, 1, "attention_efficiency_flash3",
         "fraction of the 16-bit peak a FlashAttention-3/cuDNN-class kernel reaches; 0: none"},
        {&K::attentionHalfEfficiencyTokens, 0, 1e6, "attention_half_efficiency_tokens",
         "key length, tokens, at which a fused attention kernel reaches half its efficiency"},
        {&K::memoryEfficiency, 0.01, 1, "memory_efficiency",
         "fraction of HBM bandwidth memory-bound kernels reach"},
        {&K::intraNodeEfficiency, 0.01, 1, "intra_node_efficiency",
         "fraction of scale-up link bandwidth collectives reach"},
        {&K::interNodeEfficiency, 0.01, 1, "inter_node_efficiency",
         "fraction of network bandwidth collectives reach"},
        {&K::allToAllEfficiency, 0.01, 1, "all_to_all_efficiency",
         "fraction of scale-up link bandwidth the expert all-to-all reaches"},
        {&K::collectiveLatencyUs, 0, 1e4, "collective_latency_us",
         "fixed cost of one collective, microseconds"},
        {&K::tpOverlap, 0, 1, "tp_overlap",
         "fraction of tensor-parallel communication hidden behind compute"},
        {&K::dpOverlap, 0, 1, "dp_overlap",
         "fraction of data-parallel gradient sync hidden behind the backward pass"},
        {&K::usableMemoryFraction, 0.01, 1, "usable_memory_fraction",
         "fraction of HBM available to tensors after runtime and allocator overheads"},
    };
    return knobs;
}

const KnobSpec *findKnob(std::string_view name)
{
    for (const KnobSpec &k : efficiencyKnobs())
        if (name == k.name)
            return &k;
    return nullptr;
}

} // namespace mfu::engine
