#include "flops.h"

#include "params.h"

#include <numeric>

namespace mfu::engine {

const char *moduleKey(Module m)
{
    static constexpr const char *keys[kModuleCount] = {
        "q_down",      "q_proj",       "kv_down",     "k_proj",      "v_proj",
        "attn_scores", "attn_context", "o_proj",      "mlp_up",      "mlp_gate",
        "mlp_down",    "router",       "expert_up",   "expert_gate", "expert_down",
        "shared_up",   "shared_gate",  "shared_down", "mtp_proj",    "lm_head",
    };
    return keys[std::size_t(m)];
}

bool moduleApplies(const ModelShape &model, Module m)
{
    const bool moe = model.moe.enabled();
    switch (m) {
    case Module::QDown: return model.mla.enabled() && model.mla.qLoraRank > 0;
    case Module::KvDown: return model.mla.enabled();
    case Module::MlpUp:
    case Module::MlpDown: return model.denseMlpLayers() > 0;
    case Module::MlpGate: return model.denseMlpLayers() > 0 && model.gatedMlp;
    case Module::Router:
    case Module::ExpertUp:
    case Module::ExpertDown: return moe;
    case Module::ExpertGate: return moe && model.gatedMlp;
    case Module::SharedUp:
    case Module::SharedDown: return moe && model.moe.sharedExpertFfnHidden > 0;
    case Module::SharedGate: return moe && model.moe.sharedExpertFfnHidden > 0 && model.gatedMlp;
    case Module::MtpProj: return model.moe.mtpLayers > 0;
    default: return true;
    }
}

double ForwardFlops::total() const
{
    return std::accumulate(module.begin(), module.end(), 0.0);
}

double keysPerQuery(double s, double window, bool causal)
{
    if (window <= 0 || window >= s)
        return causal ? s / 2 : s;
    return causal ? window - window * window / (2 * s) : window;
}

namespace {

// Layers of each kind the forward runs: the model's, and one more of the last layer's kind
// per multi-token-prediction module (which attends to the whole sequence).
struct LayerCounts
{
    double attention = 0; // every layer and MTP module
    double windowed = 0;  // of attention, through the sliding window
    double denseMlp = 0;
    double moe = 0;
};

LayerCounts layerCounts(const ModelShape &m)
{
    const double mtp = double(m.moe.mtpLayers);
    const bool lastIsMoe = m.moeLayers() > 0;
    LayerCounts c;
    c.attention = double(m.layers) + mtp;
    c.windowed = double(m.windowedLayers());
    c.denseMlp = double(m.denseMlpLayers()) + (lastIsMoe ? 0 : mtp);
    c.moe = double(m.moeLayers()) + (lastIsMoe ? mtp : 0);
    return c;
}

} // namespace

ForwardFlops forwardFlops(const ModelShape &m, const Batch &batch, bool causal)
{
    const double T = batch.tokensPerStep(); // b·s
    const double s = double(batch.seqLen);
    const double h = double(m.hidden);
    const double n = double(m.heads);
    const double gated = m.gatedMlp ? 1 : 0;
    const LayerCounts layers = layerCounts(m);
    // Keys each query meets, summed over the attention layers.
    const double keys = (layers.attention - layers.windowed) * keysPerQuery(s, 0, causal) +
                        layers.windowed * keysPerQuery(s, double(m.slidingWindow.tokens), causal);

    ForwardFlops out;
    auto set = [&](Module mod, double count, double perLayer) {
        out.module[std::size_t(mod)] = count * perLayer;
    };
    const double A = layers.attention;
    if (m.mla.enabled()) {
        const MlaShape &a = m.mla;
        const double rq = double(a.qLoraRank), rkv = double(a.kvLoraRank);
        const double qk = double(a.qkNopeHeadDim + a.qkRopeHeadDim);
        set(Module::QDown, A, 2 * T * h * rq);
        set(Module::QProj, A, 2 * T * (rq > 0 ? rq : h) * n * qk);
        set(Module::KvDown, A, 2 * T * h * (rkv + double(a.qkRopeHeadDim)));
        set(Module::KProj, A, 2 * T * rkv * n * double(a.qkNopeHeadDim));
        set(Module::VProj, A, 2 * T * rkv * n * double(a.vHeadDim));
    } else {
        const double qWidth = n * double(m.headDim);
        const double kvWidth = double(m.kvHeads) * double(m.headDim);
        set(Module::QProj, A, 2 * T * h * qWidth);
        set(Module::KProj, A, 2 * T * h * kvWidth);
        set(Module::VProj, A, 2 * T * h * kvWidth);
    }
    // QKᵀ and scores·V: per head and query, 2·d FLOPs per key met.
    set(Module::AttnScores, 1, 2 * T * keys * n * double(m.qkHeadDim()));
    set(Module::AttnContext, 1, 2 * T * keys * n * double(m.vHeadDim()));
    set(Module::OProj, A, 2 * T * n * double(m.vHeadDim()) * h);

    const double f = double(m.ffnHidden);
    set(Module::MlpUp, layers.denseMlp, 2 * T * h * f);
    set(Module::MlpGate, layers.denseMlp, gated * 2 * T * h * f);
    set(Module::MlpDown, layers.denseMlp, 2 * T * f * h);

    if (m.moe.enabled()) {
        const MoeShape &e = m.moe;
        // Each token runs through k routed experts of width F_e.
        const double routed = double(e.topK) * double(e.expertFfnHidden);
        const double shared = double(e.sharedExpertFfnHidden);
        set(Module::Router, layers.moe, 2 * T * h * double(e.experts));
        set(Module::ExpertUp, layers.moe, 2 * T * h * routed);
        set(Module::ExpertGate, layers.moe, gated * 2 * T * h * routed);
        set(Module::ExpertDown, layers.moe, 2 * T * routed * h);
        set(Module::SharedUp, layers.moe, 2 * T * h * shared);
        set(Module::SharedGate, layers.moe, gated * 2 * T * h * shared);
        set(Module::SharedDown, layers.moe, 2 * T * shared * h);
        set(Module::MtpProj, double(e.mtpLayers), 2 * T * 2 * h * h);
    }
    // The main head, and each MTP module's prediction through the same head.
    set(Module::LmHead, 1 + double(m.moe.mtpLayers), 2 * T * h * double(m.vocab));
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

// N of 6·N: the parameters a token runs through (every one in a dense model).
double paramsFor(const ParamCounts &p, ParamBasis basis)
{
    return basis == ParamBasis::All ? p.active : p.activeNonEmbedding;
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

// Attention term of PaLM's count, training FLOPs per step: 12·L·n·d·s per token, or
// 6·L·n·(d_qk + d_v)·s where query/key and value heads differ (MLA, as torchtitan counts it).
double palmAttentionFlops(const ModelShape &m, const Batch &batch)
{
    return 6 * double(m.layers) * double(m.heads) * double(m.qkHeadDim() + m.vHeadDim()) *
           double(batch.seqLen) * batch.tokensPerStep();
}

// Megatron-LM's num_floating_point_operations (training.py, 2025 on), training FLOPs per step.
// Written as its source writes it, "+1" norm allowances of MLA included, so that it agrees
// with the TFLOP/s Megatron-LM and Megatron-Bridge print.
double megatronCoreFlops(const ModelShape &m, const Batch &batch)
{
    const double h = double(m.hidden), s = double(batch.seqLen), V = double(m.vocab);
    const double n = double(m.heads);
    const double D = double(m.moe.mtpLayers);
    const double G = m.gatedMlp ? 3 : 2;
    const LayerCounts layers = layerCounts(m);

    double mlp = G * double(m.ffnHidden) * layers.denseMlp;
    if (m.moe.enabled())
        mlp += G *
               (double(m.moe.expertFfnHidden) * double(m.moe.topK) +
                double(m.moe.sharedExpertFfnHidden)) *
               layers.moe;

    double projections = 0; // per token and layer, as parameters
    double core = 0;        // per token, layer and key: QKᵀ and scores·V
    if (m.mla.enabled()) {
        const MlaShape &a = m.mla;
        const double rq = double(a.qLoraRank), rkv = double(a.kvLoraRank);
        const double dn = double(a.qkNopeHeadDim), dr = double(a.qkRopeHeadDim);
        const double dv = double(a.vHeadDim);
        projections = (rq > 0 ? rq * (h + n * (dn + dr) + 1) : h * n * (dn + dr)) +
                      rkv * (h + n * (dn + dv) + 1) + h * dr + n * dv * h;
        core = n * (dn + dr) + n * dv;
    } else {
        const double d = double(m.headDim);
        projections = h * (n * d + 2 * double(m.kvHeads) * d) + n * d * h;
        core = 2 * n * d;
    }
    // Causal keys per query, summed over the layers: s/2 for full attention, the window's
    // exact causal count W − W(W − 1)/2s for windowed layers (Megatron-Bridge from 26.06).
    const double W = double(m.slidingWindow.tokens);
    const double windowKeys = W > 0 && W < s ? W - W * (W - 1) / (2 * s) : s / 2;
    const double keys = (layers.attention - layers.windowed) * s / 2 + layers.windowed * windowKeys;

    const double perToken = 6 * h * mlp + 6 * projections * layers.attention + 6 * core * keys +
                            6 * D * (3 * h + 2 * h * h) + 6 * h * V * (1 + D);
    return perToken * batch.tokensPerStep();
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
    c.megatronCore = megatronCoreFlops(m, batch);
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
    case FlopsConvention::MegatronCore: return megatronCoreFlops(sc.model, sc.batch);
    }
    return 0;
}

double hardwareFlopsPerStep(const Scenario &sc, const ForwardFlops &forward,
                            const ParamCounts &counts)
{
    const double model = modelFlopsPerStep(sc, forward, counts);
    switch (sc.conventions.flops) {
    case FlopsConvention::MegatronCore:
        // What recomputation runs again, as the exact count has it: Megatron-LM prints model
        // FLOPs only.
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
