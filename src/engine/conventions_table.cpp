#include "conventions_table.h"

#include "params.h"
#include "utilization.h"

namespace mfu::engine {

namespace {

double relative(double value, double reference)
{
    return reference != 0 ? (value - reference) / reference : 0.0;
}

ClosedForms errorsOf(const ClosedForms &c, double exact)
{
    ClosedForms e;
    e.gptClosedForm = relative(c.gptClosedForm, exact);
    e.llamaClosedForm = relative(c.llamaClosedForm, exact);
    e.sixN = relative(c.sixN, exact);
    e.palm = relative(c.palm, exact);
    e.megatron = relative(c.megatron, exact);
    return e;
}

} // namespace

ConventionsTable conventionsTable(const Scenario &sc, const Evaluation &ev)
{
    const ModelShape &m = sc.model;
    const double b = double(sc.batch.globalBatch);
    const double s = double(sc.batch.seqLen);
    const double h = double(m.hidden);
    const double L = double(m.layers);
    const double V = double(m.vocab);
    const double r = m.gqaRatio();
    const double f = double(m.ffnHidden);

    ConventionsTable t;
    t.exactFlops = 3 * forwardFlops(m, sc.batch, false).total();
    t.closedForms = closedForms(m, sc.batch, sc.conventions.params);
    t.closedFormError = errorsOf(t.closedForms, t.exactFlops);
    t.gptBracket = {1.0, s / (6 * h), V / (12 * h * L)};
    t.llamaBracket = {1.0, 1 / r, 3 * f / (2 * h), s / h, V / (2 * L * h)};
    t.seedFfnMultiplier = 3 * f / (8 * h);
    t.seedPrintedLlama = 12 * L * b * s * h * h * (1 + 1 / r + 4.0 * 4.0 + s / h + V / (2 * L * h));
    t.seedPrintedLlamaError = relative(t.seedPrintedLlama, t.exactFlops);

    t.fromMeasured = ev.measured.has_value();
    if (ev.measured)
        t.stepTimeS = ev.measured->stepTimeS;
    else if (ev.predicted)
        t.stepTimeS = ev.predicted->stepTimeS;
    t.peakTflopsPerGpu = ev.peakTflopsPerGpu;
    t.gpus = sc.parallel.gpus();

    const std::array<std::pair<FlopsConvention, bool>, kConventionRowCount> rows = {{
        {FlopsConvention::Exact, false},
        {FlopsConvention::Exact, true},
        {FlopsConvention::SixN, false},
        {FlopsConvention::Palm, false},
        {FlopsConvention::Megatron, false},
        {FlopsConvention::MegatronCore, true},
    }};
    for (std::size_t i = 0; i < rows.size(); ++i) {
        Scenario copy = sc;
        copy.conventions.flops = rows[i].first;
        copy.conventions.causal = rows[i].second;
        ConventionRow &row = t.conventions[i];
        row.flops = rows[i].first;
        row.causal = rows[i].second;
        // causal is meaningless for the other conventions, so any setting of it marks them.
        row.current = sc.conventions.flops == row.flops &&
                      (row.flops != FlopsConvention::Exact || sc.conventions.causal == row.causal);
        // Megatron-Core's count is causal by its own definition, whatever the switch says.
        row.modelFlopsPerStep = modelFlopsPerStep(copy);
        row.hardwareFlopsPerStep = hardwareFlopsPerStep(copy);
        row.relToExact = relative(row.modelFlopsPerStep, t.exactFlops);
        if (t.stepTimeS > 0 && t.peakTflopsPerGpu > 0) {
            const Utilization u = utilizationFor(copy, t.stepTimeS, row.modelFlopsPerStep,
                                                 row.hardwareFlopsPerStep, t.peakTflopsPerGpu);
            row.mfu = u.mfu;
            row.hfu = u.hfu;
        }
    }
    return t;
}

DerivationTotals derivationTotals(const Scenario &sc)
{
    // One layer's figures are the model's with L = 1 (lm_head runs once either way).
    ModelShape one = sc.model;
    one.layers = 1;
    DerivationTotals d;
    d.perLayer = forwardFlops(one, sc.batch, sc.conventions.causal);
    const ForwardFlops &p = d.perLayer;
    d.layer.projections = p[Module::QProj] + p[Module::OProj];
    d.layer.keyValue = p[Module::KProj] + p[Module::VProj];
    d.layer.core = p.attentionCore();
    d.layer.mlp = p[Module::MlpUp] + p[Module::MlpGate] + p[Module::MlpDown];
    d.layer.total = p.layers();

    const ForwardFlops all = forwardFlops(sc.model, sc.batch, sc.conventions.causal);
    d.layers = all.layers();
    d.lmHead = all[Module::LmHead];
    d.forward = all.total();
    d.backward = 2 * d.forward;
    d.training = trainingFlopsByModule(sc).total();
    d.hardware = hardwareFlopsByModule(sc).total();
    switch (sc.recompute) {
    case Recompute::None: d.recompute = 0; break;
    case Recompute::Selective: d.recompute = all.attentionCore(); break;
    case Recompute::Full: d.recompute = all.layers(); break;
    }
    return d;
}

ParamTerms paramTerms(const ModelShape &m)
{
    const double h = double(m.hidden);
    const double qWidth = double(m.heads) * double(m.headDim);
    const double kvWidth = double(m.kvHeads) * double(m.headDim);
    const double f = double(m.ffnHidden);
    const double normSize = m.norm == NormKind::LayerNorm ? 2 * h : h;

    ParamTerms t;
    t.attention = h * qWidth + 2 * h * kvWidth + qWidth * h;
    t.mlp = (m.gatedMlp ? 3 : 2) * h * f;
    t.norms = 2 * normSize;
    if (m.bias)
        t.biases = qWidth + 2 * kvWidth + h + (m.gatedMlp ? 2 : 1) * f + h;

    // The totals come from countParams, so that the terms shown always add up to the count
    // every other view uses (the engine test checks that they do).
    const ParamCounts c = countParams(m);
    t.perLayer = c.perLayer;
    t.layers = double(m.layers) * c.perLayer;
    t.lmHead = c.lmHead;
    t.finalNorm = normSize;
    t.tokenTable = double(m.vocab) * h;
    t.positionTable = double(m.maxPositions) * h;
    t.embedding = c.embedding;
    t.nonEmbedding = c.nonEmbedding;
    t.total = c.total;
    return t;
}

} // namespace mfu::engine
