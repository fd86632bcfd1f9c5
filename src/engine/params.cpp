#include "params.h"

namespace mfu::engine {
namespace {

double normSize(const ModelShape &m)
{
    const double h = double(m.hidden);
    return m.norm == NormKind::LayerNorm ? 2 * h : h; // LayerNorm adds a shift
}

// An MLP of inner width f: up (and gate) and down, with their biases when the model has them.
double mlpParams(const ModelShape &m, double f)
{
    const double h = double(m.hidden);
    double p = (m.gatedMlp ? 3 : 2) * h * f;
    if (m.bias)
        p += (m.gatedMlp ? 2 : 1) * f + h;
    return p;
}

} // namespace

double attentionParams(const ModelShape &m)
{
    const double h = double(m.hidden);
    const double n = double(m.heads);
    if (m.mla.enabled()) {
        const MlaShape &a = m.mla;
        const double qk = double(a.qkNopeHeadDim + a.qkRopeHeadDim);
        const double rq = double(a.qLoraRank), rkv = double(a.kvLoraRank);
        // Queries down to r_q, normed, up to n heads of d_n + d_r (or straight from h); keys and
        // values down to r_kv plus the shared rotary key of d_r, normed, up to n·(d_n + d_v).
        const double query = rq > 0 ? h * rq + rq + rq * n * qk : h * n * qk;
        const double keyValue = h * (rkv + double(a.qkRopeHeadDim)) + rkv +
                                rkv * n * double(a.qkNopeHeadDim + a.vHeadDim);
        return query + keyValue + n * double(a.vHeadDim) * h;
    }
    const double qWidth = n * double(m.headDim);                  // n·d
    const double kvWidth = double(m.kvHeads) * double(m.headDim); // n_kv·d
    double p = h * qWidth + 2 * h * kvWidth + qWidth * h;
    if (m.bias)
        p += qWidth + 2 * kvWidth + h;
    return p;
}

double layerNormParams(const ModelShape &m)
{
    return 2 * normSize(m);
}

double denseMlpParams(const ModelShape &m)
{
    return mlpParams(m, double(m.ffnHidden));
}

double sharedExpertParams(const ModelShape &m)
{
    return m.moe.sharedExpertFfnHidden > 0 ? mlpParams(m, double(m.moe.sharedExpertFfnHidden))
                                           : 0.0;
}

double routedExpertParams(const ModelShape &m)
{
    return mlpParams(m, double(m.moe.expertFfnHidden));
}

double routerParams(const ModelShape &m)
{
    const double experts = double(m.moe.experts);
    return double(m.hidden) * experts + (m.bias ? experts : 0.0);
}

ParamCounts countParams(const ModelShape &m)
{
    const double h = double(m.hidden);
    const double attention = attentionParams(m) + layerNormParams(m);

    ParamCounts p;
    p.perLayer = attention + denseMlpParams(m);
    double activeMoeLayer = 0;
    if (m.moe.enabled()) {
        p.routedExperts = double(m.moe.experts) * routedExpertParams(m);
        const double always = attention + routerParams(m) + sharedExpertParams(m);
        p.perMoeLayer = always + p.routedExperts;
        activeMoeLayer = always + double(m.moe.topK) * routedExpertParams(m);
    }
    const double denseLayers = double(m.denseMlpLayers());
    const double moeLayers = double(m.moeLayers());
    const double layers = denseLayers * p.perLayer + moeLayers * p.perMoeLayer;
    const double activeLayers = denseLayers * p.perLayer + moeLayers * activeMoeLayer;

    p.embedding = double(m.vocab) * h + double(m.maxPositions) * h;
    p.lmHead = m.tiedEmbeddings ? 0 : double(m.vocab) * h;
    p.nonEmbedding = layers + normSize(m) + p.lmHead;
    p.activeNonEmbedding = activeLayers + normSize(m) + p.lmHead;
    p.total = p.embedding + p.nonEmbedding;
    p.active = p.embedding + p.activeNonEmbedding;

    // A multi-token-prediction module: norms of the hidden state and of the next token's
    // embedding, their concatenation projected 2h → h, one layer of the last layer's kind and
    // a final norm; the embedding and the output head are the main model's.
    if (m.moe.mtpLayers > 0) {
        const double layer = moeLayers > 0 ? p.perMoeLayer : p.perLayer;
        p.mtp = double(m.moe.mtpLayers) * (3 * normSize(m) + 2 * h * h + layer);
    }
    return p;
}

} // namespace mfu::engine
