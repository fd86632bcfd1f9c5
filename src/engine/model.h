#pragma once

#include <algorithm>
#include <cstdint>
#include <string>

namespace mfu::engine {

enum class NormKind
{
    LayerNorm,
    RmsNorm
};

// Mixture-of-Experts feed-forward layers (experts = 0: every layer is a dense MLP). Widths are
// element counts, like the rest of the shape.
struct MoeShape
{
    std::int64_t experts = 0;               // E, routed experts per MoE layer
    std::int64_t topK = 0;                  // k, routed experts each token runs through
    std::int64_t expertFfnHidden = 0;       // F_e, inner width of one routed expert
    std::int64_t sharedExperts = 0;         // experts every token runs through
    std::int64_t sharedExpertFfnHidden = 0; // F_s, inner width of all shared experts together
    std::int64_t denseLayers = 0; // the first layers keep a dense MLP of ModelShape::ffnHidden
    std::int64_t mtpLayers = 0;   // multi-token-prediction modules after the last layer
    // Rows each expert processes, as a multiple of its even share T·k/E: tokens beyond it are
    // dropped and short experts padded. 0: dropless (every routed token is processed).
    double capacityFactor = 0;

    bool enabled() const { return experts > 0; }
    bool operator==(const MoeShape &) const = default;
};

// Multi-head Latent Attention (DeepSeek-V2/V3): keys and values come up from a shared
// compressed latent, queries optionally too, and a narrow rotary key is shared by all heads.
// kvLoraRank = 0: ordinary (grouped-query) attention.
struct MlaShape
{
    std::int64_t qLoraRank = 0;     // r_q, query latent width; 0: queries projected directly
    std::int64_t kvLoraRank = 0;    // r_kv, key/value latent width
    std::int64_t qkNopeHeadDim = 0; // d_n, per-head query/key width without rotary
    std::int64_t qkRopeHeadDim = 0; // d_r, per-head rotary width (the key's is shared)
    std::int64_t vHeadDim = 0;      // d_v, per-head value width

    bool enabled() const { return kvLoraRank > 0; }
    bool operator==(const MlaShape &) const = default;
};

// Layers that attend to the last `tokens` keys only (gpt-oss, Mistral 7B). Every
// fullAttentionInterval-th layer attends to the whole sequence; 0: all layers are windowed.
struct SlidingWindow
{
    std::int64_t tokens = 0; // 0: every layer attends to the whole sequence
    std::int64_t fullAttentionInterval = 0;

    bool enabled() const { return tokens > 0; }
    bool operator==(const SlidingWindow &) const = default;
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
    MoeShape moe;
    MlaShape mla;
    SlidingWindow slidingWindow;

    // r = n / n_kv, the GQA group size.
    double gqaRatio() const { return double(heads) / double(kvHeads); }
    // Width of one query (and key) head and of one value head: d, or MLA's d_n + d_r and d_v.
    std::int64_t qkHeadDim() const
    {
        return mla.enabled() ? mla.qkNopeHeadDim + mla.qkRopeHeadDim : headDim;
    }
    std::int64_t vHeadDim() const { return mla.enabled() ? mla.vHeadDim : headDim; }
    // Layers whose feed-forward block is the mixture of experts, and those with a dense MLP.
    std::int64_t moeLayers() const
    {
        return moe.enabled() ? std::max<std::int64_t>(0, layers - moe.denseLayers) : 0;
    }
    std::int64_t denseMlpLayers() const { return layers - moeLayers(); }
    // Layers attending through the sliding window, of `layers` (every interval-th is full).
    std::int64_t windowedLayers() const
    {
        if (!slidingWindow.enabled())
            return 0;
        const std::int64_t interval = slidingWindow.fullAttentionInterval;
        return interval > 0 ? layers - layers / interval : layers;
    }

    bool operator==(const ModelShape &) const = default;
};

} // namespace mfu::engine
