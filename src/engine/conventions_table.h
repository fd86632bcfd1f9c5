#pragma once

// The figures the derivation puts side by side: every FLOPs convention applied to one
// scenario and one step time, the closed forms against the exact sum, and the terms of the
// exact sum itself (per layer, training, recomputation, parameters). Views show these and
// compute nothing, so every number they print comes from here or from evaluate().

#include "evaluate.h"
#include "flops.h"
#include "scenario.h"

#include <array>
#include <cstddef>

namespace mfu::engine {

// One FLOPs convention applied to the scenario at the scenario's step time.
struct ConventionRow
{
    FlopsConvention flops = FlopsConvention::Exact;
    bool causal = false;          // only changes the exact count
    bool current = false;         // the convention the scenario itself uses
    double modelFlopsPerStep = 0; // FLOPs, the MFU numerator
    double hardwareFlopsPerStep = 0;
    double relToExact = 0; // (model FLOPs − exact full-attention FLOPs) / exact, a fraction
    double mfu = 0;        // fractions of the peak
    double hfu = 0;
};

// exact, exact causal, six_n, palm, megatron, megatron_core
inline constexpr std::size_t kConventionRowCount = 6;

struct ConventionsTable
{
    // Training FLOPs of one step, exact count with full (non-causal) attention: what every
    // closed form approximates, since none of them halves QKᵀ and scores·V.
    double exactFlops = 0;
    ClosedForms closedForms;     // training FLOPs per step
    ClosedForms closedFormError; // same fields: (form − exactFlops) / exactFlops

    std::array<double, 3> gptBracket{};   // 1, s/6h, V/12hL of 72·b·s·h²·L·(…)
    std::array<double, 5> llamaBracket{}; // 1, 1/r, 3ĥ/2h, s/h, V/2Lh of 12·L·b·s·h²·(…)
    // The seed's ffn_dim_multiplier m only makes its "3ĥ/2h ≈ 4m" true when m = 3ĥ/8h.
    double seedFfnMultiplier = 0;
    // The seed's boxed Llama form as its §4.4 example evaluates it (4m with m = 4), s kept so
    // that it compares with the exact sum: 12·L·b·s·h²·(1 + 1/r + 16 + s/h + V/2Lh).
    double seedPrintedLlama = 0;
    double seedPrintedLlamaError = 0; // against exactFlops

    double stepTimeS = 0; // seconds; measured when the scenario has a measured figure
    bool fromMeasured = false;
    double peakTflopsPerGpu = 0;
    double gpus = 0;
    std::array<ConventionRow, kConventionRowCount> conventions;
};

// Every convention at the step time of `ev` (measured if present, else predicted). The step
// time is a property of the run, not of the convention, so it is taken once — for a measured
// TFLOP/s figure, under the scenario's own convention, which is how the source reported it.
// `ev` must be the evaluation of `sc`.
ConventionsTable conventionsTable(const Scenario &sc, const Evaluation &ev);

// The four terms of one layer's forward FLOPs, 4bsh² + 4bsh²/r + 4bs²h + (4 or 6)·bshĥ when
// d = h/n (the general shapes otherwise), with the scenario's causal switch.
struct LayerTerms
{
    double projections = 0; // q_proj + o_proj, 4bsh²
    double keyValue = 0;    // k_proj + v_proj, 4bsh²/r
    double core = 0;        // attn_scores + attn_context, 4bs²h (half when causal)
    double mlp = 0;         // up (+ gate) + down, (4 or 6)·bshĥ
    double total = 0;
};

// Exact FLOPs of one step, term by term, as the derivation adds them up.
struct DerivationTotals
{
    ForwardFlops perLayer; // forward FLOPs of one layer per module; lm_head as it runs, once
    LayerTerms layer;
    double layers = 0;    // L × layer
    double lmHead = 0;    // 2bshV, once
    double forward = 0;   // layers + lm_head
    double backward = 0;  // dgrad + wgrad: 2 × forward
    double training = 0;  // 3 × forward, the model FLOPs of the exact convention
    double recompute = 0; // forward FLOPs run again: attention core (selective), layers (full)
    double hardware = 0;  // training + recompute
};

DerivationTotals derivationTotals(const Scenario &sc);

// Parameters term by term (scalars, not bytes); the sums equal countParams().
struct ParamTerms
{
    double attention = 0; // h·n·d + 2·h·n_kv·d + n·d·h per layer
    double mlp = 0;       // (2 or 3)·h·ĥ per layer
    double norms = 0;     // two per layer: h each (RMSNorm), 2h (LayerNorm)
    double biases = 0;    // per layer, when `bias`
    double perLayer = 0;
    double layers = 0; // L × per layer
    double finalNorm = 0;
    double lmHead = 0;        // 0 when tied
    double tokenTable = 0;    // V·h
    double positionTable = 0; // max_positions·h
    double embedding = 0;
    double nonEmbedding = 0;
    double total = 0;
};

ParamTerms paramTerms(const ModelShape &model);

} // namespace mfu::engine
