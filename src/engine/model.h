#pragma once

#include <cstdint>
#include <string>

namespace mfu::engine {

enum class NormKind
{
    LayerNorm,
    RmsNorm
};

// The shape of a decoder-only transformer and the architectural switches that change its
// FLOPs or parameter count. All sizes are element counts (not bytes). GPT and Llama are two
// settings of the same switches, and any mix is allowed.
struct ModelShape
{
    std::string family = "llama"; // label only ("gpt", "llama", ...); the switches decide
    std::int64_t layers = 0;      // L
    std::int64_t hidden = 0;      // h
    std::int64_t heads = 0;       // n, query heads
    std::int64_t kvHeads = 0;     // n_kv, key/value heads (GQA when < n)
    std::int64_t headDim = 0;     // d, usually h / n
    std::int64_t ffnHidden = 0;   // ĥ, MLP inner width
    std::int64_t vocab = 0;       // V
    bool gatedMlp = true;         // SwiGLU: three MLP matrices instead of two
    bool tiedEmbeddings = false;  // lm_head shares the input embedding's weights
    bool bias = false;            // linear layers carry biases
    NormKind norm = NormKind::RmsNorm;
    std::int64_t maxPositions = 0; // rows of a learned position table; 0 for RoPE/ALiBi
    bool dropout = false;          // matters only for activation memory

    // r = n / n_kv, the GQA group size.
    double gqaRatio() const { return double(heads) / double(kvHeads); }

    bool operator==(const ModelShape &) const = default;
};

} // namespace mfu::engine
