#include "flops.h"

#include "params.h"

#include <numeric>

namespace mfu::engine {

const char *moduleKey(Module m)
{
    static constexpr const char *keys[kModuleCount] = {
        "q_proj", "k_proj", "v_proj",   "attn_scores", "attn_context",
        "o_proj", "mlp_up", "mlp_gate", "mlp_down",    "lm_head",
    };
    return keys[std::size_t(m)];
}

double ForwardFlops::total() const
{
    return std::accumulate(module.begin(), module.end(), 0.0);
}

ForwardFlops forwardFlops(const ModelShape &m, const Batch &batch, bool causal)
{
    const double tokens = batch.tokensPerStep(); // b·s
    const double s = double(batch.seqLen);
    const double h = double(m.hidden);
    const double L = double(m.layers);
    const double qWidth = double(m.heads) * double(m.headDim);
    const double kvWidth = double(m.kvHeads) * double(m.headDim);
    const double f = double(m.ffnHidden);
    // QKᵀ and scores·V: per head [s,d]·[d,s], 2·s²·d each, b·n of them.
    const double core = 2 * tokens * s * qWidth * (causal ? 0.5 : 1.0);

    ForwardFlops out;
    auto set = [&](Module mod, double perLayer) { out.module[std::size_t(mod)] = L * perLayer; };
    set(Module::QProj, 2 * tokens * h * qWidth);
    set(Module::KProj, 2 * tokens * h * kvWidth);
    set(Module::VProj, 2 * tokens * h * kvWidth);
    set(Module::AttnScores, core);
    set(Module::AttnContext, core);
    set(Module::OProj, 2 * tokens * qWidth * h);
    set(Module::MlpUp, 2 * tokens * h * f);
    set(Module::MlpGate, m.gatedMlp ? 2 * tokens * h * f : 0.0);
    set(Module::MlpDown, 2 * tokens * f * h);
    out.module[std::size_t(Module::LmHead)] = 2 * tokens * h * double(m.vocab);
    return out;
}

ForwardFlops trainingFlopsByModule(const Scenario &sc)
{
    ForwardFlops f = forwardFlops(sc.model, sc.batch, sc.conventions.causal);
    for (double &v : f.module)
        v *= 3;
    return f;
}

ForwardFlops hardwareFlopsByModule(const Scenario &sc)
{
    const ForwardFlops fwd = forwardFlops(sc.model, sc.batch, sc.conventions.causal);
    ForwardFlops f = fwd;
    for (std::size_t i = 0; i < kModuleCount; ++i) {
        const Module m = Module(i);
        const bool core = m == Module::AttnScores || m == Module::AttnContext;
        const bool recomputed = (sc.recompute == Recompute::Selective && core) ||
                                (sc.recompute == Recompute::Full && m != Module::LmHead);
        f.module[i] = fwd.module[i] * (recomputed ? 4 : 3);
    }
    return f;
}

namespace {

double paramsFor(const ParamCounts &p, ParamBasis basis)
{
    return basis == ParamBasis::All ? p.total : p.nonEmbedding;
}

// 72·b·s·L·h²·(1 + s/6h + V/12hL) with the recompute variants of Korthikanti et al. 2022.
double megatronFlops(const ModelShape &m, const Batch &batch, Recompute recompute)
{
    const double tokens = batch.tokensPerStep();
    const double s = double(batch.seqLen);
    const double h = double(m.hidden);
    const double L = double(m.layers);
    const double V = double(m.vocab);
    switch (recompute) {
    case Recompute::Full: return 96 * tokens * L * h * h * (1 + s / (6 * h) + V / (16 * h * L));
    case Recompute::Selective:
        return 72 * tokens * L * h * h * (1 + s / (3 * h) + V / (12 * h * L));
    case Recompute::None: break;
    }
    return 72 * tokens * L * h * h * (1 + s / (6 * h) + V / (12 * h * L));
}

// Attention term of PaLM's count, training FLOPs per step: 12·L·n·d·s per token.
double palmAttentionFlops(const ModelShape &m, const Batch &batch)
{
    return 12 * double(m.layers) * double(m.heads) * double(m.headDim) * double(batch.seqLen) *
           batch.tokensPerStep();
}

} // namespace

ClosedForms closedForms(const ModelShape &m, const Batch &batch, ParamBasis params)
{
    return closedForms(m, batch, params, countParams(m));
}

ClosedForms closedForms(const ModelShape &m, const Batch &batch, ParamBasis params,
                        const ParamCounts &counts)
{
    const double tokens = batch.tokensPerStep();
    const double s = double(batch.seqLen);
    const double h = double(m.hidden);
    const double L = double(m.layers);
    const double V = double(m.vocab);
    const double N = paramsFor(counts, params);

    ClosedForms c;
    c.gptClosedForm = 72 * tokens * h * h * L * (1 + s / (6 * h) + V / (12 * h * L));
    c.llamaClosedForm =
        12 * L * tokens * h * h *
        (1 + 1 / m.gqaRatio() + 3 * double(m.ffnHidden) / (2 * h) + s / h + V / (2 * L * h));
    c.sixN = 6 * N * tokens;
    c.palm = c.sixN + palmAttentionFlops(m, batch);
    c.megatron = megatronFlops(m, batch, Recompute::None);
    return c;
}

double exactModelFlopsPerStep(const Scenario &sc)
{
    return exactModelFlopsPerStep(forwardFlops(sc.model, sc.batch, sc.conventions.causal));
}

double modelFlopsPerStep(const Scenario &sc)
{
    return modelFlopsPerStep(sc, forwardFlops(sc.model, sc.batch, sc.conventions.causal),
                             countParams(sc.model));
}

double hardwareFlopsPerStep(const Scenario &sc)
{
    return hardwareFlopsPerStep(sc, forwardFlops(sc.model, sc.batch, sc.conventions.causal),
                                countParams(sc.model));
}

double exactModelFlopsPerStep(const ForwardFlops &forward)
{
    return 3 * forward.total();
}

double modelFlopsPerStep(const Scenario &sc, const ForwardFlops &forward, const ParamCounts &counts)
{
    switch (sc.conventions.flops) {
    case FlopsConvention::Exact: return exactModelFlopsPerStep(forward);
    case FlopsConvention::SixN:
        return 6 * paramsFor(counts, sc.conventions.params) * sc.batch.tokensPerStep();
    case FlopsConvention::Palm:
        return 6 * paramsFor(counts, sc.conventions.params) * sc.batch.tokensPerStep() +
               palmAttentionFlops(sc.model, sc.batch);
    case FlopsConvention::Megatron: return megatronFlops(sc.model, sc.batch, Recompute::None);
    }
    return 0;
}

double hardwareFlopsPerStep(const Scenario &sc, const ForwardFlops &forward,
                            const ParamCounts &counts)
{
    const double model = modelFlopsPerStep(sc, forward, counts);
    switch (sc.conventions.flops) {
    case FlopsConvention::Exact: {
        switch (sc.recompute) {
        case Recompute::None: return model;
        case Recompute::Selective: return model + forward.attentionCore();
        case Recompute::Full: return model + forward.layers();
        }
        return model;
    }
    case FlopsConvention::Megatron: return megatronFlops(sc.model, sc.batch, sc.recompute);
    case FlopsConvention::SixN:
    case FlopsConvention::Palm:
        // These sources count full recompute as a fourth pass over everything (MosaicML's
        // HFU), and selective recompute as the attention core's forward again.
        switch (sc.recompute) {
        case Recompute::None: return model;
        case Recompute::Selective:
            return model + (sc.conventions.flops == FlopsConvention::Palm
                                ? palmAttentionFlops(sc.model, sc.batch) / 3
                                : 0.0);
        case Recompute::Full: return model * 4 / 3;
        }
    }
    return model;
}

} // namespace mfu::engine
