#include "params.h"

namespace mfu::engine {

ParamCounts countParams(const ModelShape &m)
{
    const double h = double(m.hidden);
    const double qWidth = double(m.heads) * double(m.headDim);    // n·d
    const double kvWidth = double(m.kvHeads) * double(m.headDim); // n_kv·d
    const double f = double(m.ffnHidden);
    const double normSize = m.norm == NormKind::LayerNorm ? 2 * h : h; // LayerNorm adds a shift

    double attention = h * qWidth + 2 * h * kvWidth + qWidth * h;
    double mlp = (m.gatedMlp ? 3 : 2) * h * f;
    if (m.bias) {
        attention += qWidth + 2 * kvWidth + h;
        mlp += (m.gatedMlp ? 2 : 1) * f + h;
    }

    ParamCounts p;
    p.perLayer = attention + mlp + 2 * normSize;
    p.embedding = double(m.vocab) * h + double(m.maxPositions) * h;
    p.lmHead = m.tiedEmbeddings ? 0 : double(m.vocab) * h;
    p.nonEmbedding = double(m.layers) * p.perLayer + normSize + p.lmHead;
    p.total = p.embedding + p.nonEmbedding;
    return p;
}

} // namespace mfu::engine
