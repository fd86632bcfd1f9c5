#pragma once

#include "params.h"
#include "scenario.h"

#include <array>
#include <cstddef>

namespace mfu::engine {

// The GEMMs of the model's forward pass, in the order the derivation presents them: the
// attention block (MLA's down-projections beside the projections to heads), the dense MLP,
// the mixture of experts, the multi-token-prediction projection and the output layer. Every
// module but LmHead runs once per layer that has it; a dense model leaves the MLA, MoE and MTP
// modules at zero.
enum class Module : std::size_t
{
    QDown, // MLA: h → r_q query latent
    QProj,
    KvDown, // MLA: h → r_kv + d_r, the key/value latent and the shared rotary key
    KProj,
    VProj,
    AttnScores,
    AttnContext,
    OProj,
    MlpUp,
    MlpGate,
    MlpDown,
    Router,     // MoE: h → E scores
    ExpertUp,   // routed experts, k per token
    ExpertGate, // (gated)
    ExpertDown,
    SharedUp, // shared experts, every token
    SharedGate,
    SharedDown,
    MtpProj, // multi-token prediction: [h; h] → h per module
    LmHead,
};
inline constexpr std::size_t kModuleCount = 20;

// Whether the model has the module at all (a dense model has no router; every model has
// q_proj), so that views and files can leave out the others.
bool moduleApplies(const ModelShape &model, Module m);

// Keys attended per query, averaged over a sequence of s: s (causal: s/2) for full attention,
// the window W (causal: W − W²/2s, the first W queries seeing fewer) for a windowed layer.
double keysPerQuery(double seqLen, double windowTokens, bool causal);

// Snake-case key used in files ("q_proj", ..., "lm_head").
const char *moduleKey(Module m);

// Forward FLOPs of one optimizer step per module, summed over all layers (FLOPs).
struct ForwardFlops
{
    std::array<double, kModuleCount> module{};

    double operator[](Module m) const { return module[std::size_t(m)]; }
    double total() const;
    double attentionCore() const
    {
        return (*this)[Module::AttnScores] + (*this)[Module::AttnContext];
    }
    double layers() const { return total() - (*this)[Module::LmHead]; } // everything but lm_head
};

// 2·M·N·K for every GEMM of the forward pass over `tokens` = b·s tokens. `causal` counts the
// two attention-core GEMMs over the unmasked keys only, as FlashAttention skips the rest.
ForwardFlops forwardFlops(const ModelShape &model, const Batch &batch, bool causal);

// Per module, exact counting: training = 3 × forward; hardware adds the forward again for
// what the scenario's recomputation reruns (attention core for selective, every layer module
// for full). The sums equal exactModelFlopsPerStep and the exact hardware count.
ForwardFlops trainingFlopsByModule(const Scenario &sc);
ForwardFlops hardwareFlopsByModule(const Scenario &sc);

// The closed forms printed beside the exact sum: training FLOPs per step.
struct ClosedForms
{
    double gptClosedForm = 0; // 72·b·s·h²·L·(1 + s/6h + V/12hL), seed §3.3
    double llamaClosedForm =
        0;           // 12·L·b·s·h²·(1 + 1/r + 3ĥ/2h + s/h + V/2Lh), seed §4.3.1 corrected
    double sixN = 0; // 6·N·b·s
    double palm = 0; // (6·N + 12·L·n·d·s)·b·s
    double megatron = 0;     // Narayanan et al. 2021, equal to gptClosedForm
    double megatronCore = 0; // Megatron-LM's count of today (FlopsConvention::MegatronCore)
};

ClosedForms closedForms(const ModelShape &model, const Batch &batch, ParamBasis params);
// The same from the model's parameter counts, when the caller already has them.
ClosedForms closedForms(const ModelShape &model, const Batch &batch, ParamBasis params,
                        const ParamCounts &counts);

// Training FLOPs of one step under the scenario's convention (forward + backward, no
// recomputation): the numerator of MFU.
double modelFlopsPerStep(const Scenario &sc);

// Training FLOPs under the `exact` convention (with the scenario's causal switch).
double exactModelFlopsPerStep(const Scenario &sc);

// FLOPs the hardware executes: model FLOPs plus what recomputation runs again: the numerator
// of HFU. `selective` recomputes the attention core, `full` every layer's forward.
double hardwareFlopsPerStep(const Scenario &sc);

// The same three from the scenario's forward FLOPs (forwardFlops with its causal switch) and
// parameter counts (countParams of its model), when the caller already has them: evaluate()
// would otherwise derive each of them several times per call. Results are identical.
double exactModelFlopsPerStep(const ForwardFlops &forward);
double modelFlopsPerStep(const Scenario &sc, const ForwardFlops &forward,
                         const ParamCounts &counts);
double hardwareFlopsPerStep(const Scenario &sc, const ForwardFlops &forward,
                            const ParamCounts &counts);

} // namespace mfu::engine
