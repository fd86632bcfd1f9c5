// Sections 1–3 of the Derivation page: the symbols, the forward FLOPs module by module, how
// they add up, and training with recomputation.
#include "derivation_html.h"

#include "format.h"
#include "scenario_title.h"

namespace mfu::gui {

using engine::Module;

void DerivationHtml::intro()
{
    m_out +=
        QStringLiteral("<h1>%1</h1>").arg(tr("FLOPs derivation: %1").arg(esc(scenarioTitle(m_sc))));
    para(tr("The design note's derivation (GPT §2–3, Llama §4) with this scenario's numbers "
            "substituted in every row. FLOPs of one optimizer step — the whole global batch — "
            "counted as 2·M·N·K per GEMM; norms, softmax, activations and residual adds are "
            "not model FLOPs in any convention."),
         QStringLiteral("dim"));
    para(m_printed ? tr("Where the note's printed formula is wrong the corrected one is shown, "
                        "and the printed one beside it, <span class=\"printed\">struck "
                        "through</span> with its erratum number.")
                   : tr("Where the note's printed formula is wrong the corrected one is shown; "
                        "tick “Show the note's printed formulas” to see the printed ones beside "
                        "them."),
         QStringLiteral("dim"));
}

void DerivationHtml::symbols()
{
    const engine::ModelShape &m = m_sc.model;
    const engine::Batch &b = m_sc.batch;
    h2(tr("1. Symbols with today's values"));
    struct Symbol
    {
        QString symbol, value, meaning, key;
    };
    const Symbol symbols[] = {
        {QStringLiteral("b"), n(b.globalBatch), tr("global batch, sequences"),
         QStringLiteral("global_batch")},
        {QStringLiteral("s"), n(b.seqLen), tr("sequence length"), QStringLiteral("seq_len")},
        {QStringLiteral("h"), n(m.hidden), tr("hidden size"), QStringLiteral("hidden")},
        {QStringLiteral("L"), n(m.layers), tr("layers"), QStringLiteral("layers")},
        {QStringLiteral("n"), n(m.heads), tr("query heads"), QStringLiteral("heads")},
        {QStringLiteral("n_kv"), n(m.kvHeads), tr("key/value heads"), QStringLiteral("kv_heads")},
        {QStringLiteral("d"), n(m.headDim), tr("head dim"), QStringLiteral("head_dim")},
        {QStringLiteral("r = n/n_kv"), ratio(m.gqaRatio()), tr("GQA group size"), QString()},
        {QStringLiteral("ĥ"), n(m.ffnHidden), tr("FFN hidden"), QStringLiteral("ffn_hidden")},
        {QStringLiteral("V"), n(m.vocab), tr("vocabulary"), QStringLiteral("vocab")},
        {QStringLiteral("m"), n(b.microBatch), tr("micro-batch"), QStringLiteral("micro_batch")},
    };
    QList<Cell> head, values, meanings;
    for (const Symbol &s : symbols) {
        head << Cell{f(s.symbol), false, 1, true};
        values << Cell{nums(s.value), false, 1, true};
        meanings << Cell{
            QStringLiteral("<span class=\"dim small\">%1%2</span>")
                .arg(s.meaning,
                     s.key.isEmpty()
                         ? QString()
                         : QStringLiteral("<br/><span class=\"f\">%1</span>").arg(s.key)),
            false, 1, true};
    }
    tableStart(head);
    row(values);
    row(meanings);
    tableEnd();

    para(tr("%1 = %2 tokens per step; %3 = %4 = %5.")
             .arg(f(QStringLiteral("b·s")),
                  nums(QStringLiteral("%1·%2 = %3")
                           .arg(n(b.globalBatch), n(b.seqLen), exact(m_ev.tokensPerStep))),
                  f(QStringLiteral("1/r")), f(QStringLiteral("n_kv/n")),
                  nums(QStringLiteral("%1/%2 = %3")
                           .arg(n(m.kvHeads), n(m.heads), ratio(m_table.llamaBracket[1])))) +
         printed(QStringLiteral("1/r ≈ n/n_kv"), tr("§4.3.1"),
                 tr("erratum 7: r = n/n_kv, so 1/r = n_kv/n")));
    para(
        m_square
            ? tr("%1 (%2), so %3 is written %4 and %5 is %6: the note's forms in h apply below.")
                  .arg(
                      f(QStringLiteral("n·d = h")),
                      nums(QStringLiteral("%1·%2 = %3").arg(n(m.heads), n(m.headDim), n(m.hidden))),
                      f(QStringLiteral("n·d")), f(QStringLiteral("h")), f(QStringLiteral("n_kv·d")),
                      f(QStringLiteral("h/r")))
            : tr("%1 here, so the general forms with %2 and %3 are used below.")
                  .arg(f(QStringLiteral("n·d ≠ h")), f(QStringLiteral("n·d")),
                       f(QStringLiteral("n_kv·d"))));
    para(m.gatedMlp ? tr("Gated MLP (SwiGLU): three matrices, up, gate and down.")
                    : tr("Plain MLP (GeLU): two matrices, up and down."));
    para(tr("The note's §4 uses %1 for ffn_dim_multiplier (%2); here %1 is the micro-batch. "
            "Its “%3” holds only for %4.")
             .arg(f(QStringLiteral("m")), f(QStringLiteral("ĥ ≈ (8/3)·h·m")),
                  f(QStringLiteral("3ĥ/2h ≈ 4m")),
                  f(QStringLiteral("m = 3ĥ/8h = ")) + nums(ratio(m_table.seedFfnMultiplier))),
         QStringLiteral("dim"));
}

DerivationHtml::ShapeNumbers DerivationHtml::shapeNumbers() const
{
    const engine::ModelShape &m = m_sc.model;
    const engine::Batch &b = m_sc.batch;
    ShapeNumbers x;
    x.bs = QStringLiteral("%1·%2").arg(n(b.globalBatch), n(b.seqLen));
    x.H = n(m.hidden);
    x.nd = QStringLiteral("%1·%2").arg(n(m.heads), n(m.headDim));
    x.nkvd = QStringLiteral("%1·%2").arg(n(m.kvHeads), n(m.headDim));
    x.F = n(m.ffnHidden);
    x.S = n(b.seqLen);
    x.D = n(m.headDim);
    x.heads = QStringLiteral("%1·%2").arg(n(b.globalBatch), n(m.heads));
    return x;
}

QString DerivationHtml::gemm(const QString &a, const QString &k, const QString &k2,
                             const QString &c)
{
    return QStringLiteral("[%1, %2]·[%3, %4]").arg(a, k, k2, c);
}

// `extra` follows the GEMM's shape: a note on it, or the note's printed form.
void DerivationHtml::moduleRow(Module mod, const QString &label, const QString &shape,
                               const QString &numbers, const QString &formula, const QString &extra)
{
    const bool once = mod == Module::LmHead;
    row({{f(QString::fromLatin1(engine::moduleKey(mod))) +
          QStringLiteral(" <span class=\"dim\">%1</span>").arg(label)},
         {f(shape) + extra},
         {nums(numbers)},
         {f(formula)},
         {once ? tr("once") : format::flops(m_totals.perLayer[mod]), true},
         {format::flops(m_ev.forward[mod]), true},
         {share(m_ev.forward[mod]), true}});
}

// MLA's latents, the mixture of experts and the MTP projections: each GEMM with the layers that
// run it. A dense model has none of them and gets no rows.
void DerivationHtml::expertAndLatentModules()
{
    const engine::ModelShape &m = m_sc.model;
    struct Extra
    {
        Module module;
        const char *gemm;
        double layers;
    };
    const double attentionLayers = double(m.layers + m.moe.mtpLayers);
    const double moeLayers = double(m.moeLayers() + (m.moeLayers() > 0 ? m.moe.mtpLayers : 0));
    const Extra extras[] = {
        {Module::QDown, "[bs, h]·[h, r_q]", attentionLayers},
        {Module::KvDown, "[bs, h]·[h, r_kv + d_r]", attentionLayers},
        {Module::Router, "[bs, h]·[h, E]", moeLayers},
        {Module::ExpertUp, "k × [bs, h]·[h, F_e]", moeLayers},
        {Module::ExpertGate, "k × [bs, h]·[h, F_e]", moeLayers},
        {Module::ExpertDown, "k × [bs, F_e]·[F_e, h]", moeLayers},
        {Module::SharedUp, "[bs, h]·[h, F_s]", moeLayers},
        {Module::SharedGate, "[bs, h]·[h, F_s]", moeLayers},
        {Module::SharedDown, "[bs, F_s]·[F_s, h]", moeLayers},
        {Module::MtpProj, "[bs, 2h]·[2h, h]", double(m.moe.mtpLayers)},
    };
    bool header = false;
    for (const Extra &e : extras) {
        if (!engine::moduleApplies(m, e.module) || e.layers <= 0)
            continue;
        if (!header) {
            const QString note =
                m.mla.enabled()
                    ? tr("— the MLP rows above are one dense layer's; with MLA, q_proj, k_proj "
                         "and v_proj come up from the latents r_q and r_kv, not from h as their "
                         "shapes say (their FLOPs are MLA's); these run in the layers named")
                    : tr("— the MLP rows above are one dense layer's; these run in the layers "
                         "named");
            row({{tr("<b>Latent attention, experts, MTP</b> <span class=\"dim\">%1</span>")
                      .arg(note),
                  false, 7}},
                QStringLiteral("attn"));
            header = true;
        }
        const double all = m_ev.forward[e.module];
        row({{f(QString::fromLatin1(engine::moduleKey(e.module)))},
             {f(QString::fromUtf8(e.gemm))},
             {nums(tr("%1 layers").arg(n(std::int64_t(e.layers))))},
             {QString()},
             {format::flops(all / e.layers), true},
             {format::flops(all), true},
             {share(all), true}});
    }
}

void DerivationHtml::attentionModules(const ShapeNumbers &x)
{
    row({{tr("<b>Attention</b> <span class=\"dim\">— note §2.2 (1), §4.2 (1)</span>"), false, 7}},
        QStringLiteral("attn"));
    moduleRow(Module::QProj, QStringLiteral("W<sub>q</sub>"), QStringLiteral("[bs, h]·[h, nd]"),
              gemm(x.bs, x.H, x.H, x.nd),
              m_square ? QStringLiteral("2bsh²") : QStringLiteral("2bsh·nd"));
    moduleRow(Module::KProj, QStringLiteral("W<sub>k</sub>"), QStringLiteral("[bs, h]·[h, n_kv·d]"),
              gemm(x.bs, x.H, x.H, x.nkvd),
              m_square ? QStringLiteral("2bsh²/r") : QStringLiteral("2bsh·n_kv·d"));
    moduleRow(Module::VProj, QStringLiteral("W<sub>v</sub>"), QStringLiteral("[bs, h]·[h, n_kv·d]"),
              gemm(x.bs, x.H, x.H, x.nkvd),
              m_square ? QStringLiteral("2bsh²/r") : QStringLiteral("2bsh·n_kv·d"));
    const QString causalNote = m_causal ? QStringLiteral(" <span class=\"dim small\">%1</span>")
                                              .arg(tr("causal: the masked half is skipped"))
                                        : QString();
    moduleRow(Module::AttnScores, QStringLiteral("QKᵀ"), QStringLiteral("[s, d]·[d, s] × bn"),
              QStringLiteral("%1 × %2").arg(gemm(x.S, x.D, x.D, x.S), x.heads), coreFormula(),
              causalNote);
    moduleRow(Module::AttnContext, QStringLiteral("score·V"), QStringLiteral("[s, s]·[s, d] × bn"),
              QStringLiteral("%1 × %2").arg(gemm(x.S, x.S, x.S, x.D), x.heads), coreFormula(),
              causalNote);
    moduleRow(Module::OProj, QStringLiteral("W<sub>o</sub>"), QStringLiteral("[bs, nd]·[nd, h]"),
              gemm(x.bs, x.nd, x.nd, x.H),
              m_square ? QStringLiteral("2bsh²") : QStringLiteral("2bsnd·h"));
}

void DerivationHtml::mlpModules(const ShapeNumbers &x)
{
    row({{tr("<b>MLP</b> <span class=\"dim\">— note §2.2 (2), §4.2 (2)</span>"), false, 7}},
        QStringLiteral("mlp"));
    const bool gated = m_sc.model.gatedMlp;
    moduleRow(Module::MlpUp, gated ? QStringLiteral("W<sub>3</sub>") : tr("h → ĥ"),
              QStringLiteral("[bs, h]·[h, ĥ]"), gemm(x.bs, x.H, x.H, x.F), QStringLiteral("2bshĥ"));
    if (gated)
        moduleRow(Module::MlpGate, QStringLiteral("W<sub>1</sub>"),
                  QStringLiteral("[bs, h]·[h, ĥ]"), gemm(x.bs, x.H, x.H, x.F),
                  QStringLiteral("2bshĥ"),
                  printed(QStringLiteral("[b,s,ĥ]·[ĥ,ĥ]"), tr("§4.2"), tr("erratum 4")));
    moduleRow(Module::MlpDown, gated ? QStringLiteral("W<sub>2</sub>") : tr("ĥ → h"),
              QStringLiteral("[bs, ĥ]·[ĥ, h]"), gemm(x.bs, x.F, x.F, x.H), QStringLiteral("2bsĥh"));
}

// lm_head, and the embedding beside it: a lookup, no FLOPs.
void DerivationHtml::outputModules(const ShapeNumbers &x)
{
    row({{tr("<b>Output</b> <span class=\"dim\">— note §2.4, §4.2 (3)</span>"), false, 7}},
        QStringLiteral("head"));
    moduleRow(Module::LmHead, QStringLiteral("W<sub>head</sub>"), QStringLiteral("[bs, h]·[h, V]"),
              gemm(x.bs, x.H, x.H, n(m_sc.model.vocab)), QStringLiteral("2bshV"),
              printed(tr("“Vocabulary Embedding FLOPs”"), tr("§2.4"),
                      tr("erratum 2: this is the output projection")));
    row({{f(QStringLiteral("embedding")) +
          QStringLiteral(" <span class=\"dim\">%1</span>").arg(tr("input"))},
         {tr("a lookup: row t of the [V, h] table")},
         {nums(QStringLiteral("[%1] → [%1, %2]").arg(x.bs, x.H))},
         {f(QStringLiteral("0"))},
         {QStringLiteral("—"), true},
         {QStringLiteral("0"), true},
         {QStringLiteral("—"), true}});
}

void DerivationHtml::modules()
{
    h2(tr("2. Forward FLOPs per module"));
    para(tr("Every module but lm_head runs once per layer: the whole model has L of them."),
         QStringLiteral("dim"));
    const ShapeNumbers x = shapeNumbers();
    tableStart({{tr("Module")},
                {tr("GEMM")},
                {tr("with today's numbers")},
                {tr("FLOPs")},
                {tr("one layer"), true},
                {tr("all layers"), true},
                {tr("share"), true}});
    attentionModules(x);
    mlpModules(x);
    expertAndLatentModules();
    outputModules(x);
    row({{tr("forward, one step")},
         {f(QStringLiteral("L·(layer) + 2bshV")), false, 3},
         {QString()},
         {format::flops(m_totals.forward), true},
         {share(m_totals.forward), true}},
        QStringLiteral("sum"), true);
    tableEnd();
}

void DerivationHtml::addingUp()
{
    const engine::ModelShape &m = m_sc.model;
    const engine::Batch &b = m_sc.batch;
    const engine::LayerTerms &t = m_totals.layer;
    h2(tr("Adding up"));
    tableStart({{tr("Line")}, {tr("Formula")}, {tr("with today's numbers")}, {tr("FLOPs"), true}});
    QString layerCell = f(layerFormula());
    const bool gptShape =
        m_square && m.kvHeads == m.heads && !m.gatedMlp && m.ffnHidden == 4 * m.hidden;
    if (gptShape)
        layerCell += QStringLiteral("<br/><span class=\"dim small\">%1</span>")
                         .arg(tr("= %1 for GPT (r = 1, ĥ = 4h, plain MLP), as the note's §2.3")
                                  .arg(f(m_causal ? QStringLiteral("24bsh² + 2bs²h")
                                                  : QStringLiteral("24bsh² + 4bs²h"))));
    row({{tr("one layer")},
         {layerCell},
         {nums(QStringLiteral("%1 + %2 + %3 + %4")
                   .arg(format::flops(t.projections), format::flops(t.keyValue),
                        format::flops(t.core), format::flops(t.mlp)))},
         {format::flops(t.total), true}});
    row({{tr("L layers")},
         {f(QStringLiteral("L·(layer)"))},
         {nums(QStringLiteral("%1 × %2").arg(n(m.layers), format::flops(t.total)))},
         {format::flops(m_totals.layers), true}});
    row({{tr("lm_head, once")},
         {f(QStringLiteral("2bshV"))},
         {nums(QStringLiteral("2·%1·%2·%3·%4")
                   .arg(n(b.globalBatch), n(b.seqLen), n(m.hidden), n(m.vocab)))},
         {format::flops(m_totals.lmHead), true}});
    const QString vocabTerm = QStringLiteral(" + 2bshV");
    row({{tr("whole model, forward")},
         {f(QStringLiteral("L·(") + layerFormula() + QStringLiteral(")") + vocabTerm) +
          printed(QStringLiteral("L×(24bsh² + 4bs²hV) + 2bsh"), tr("§2.5"), tr("erratum 1")) +
          printed(QStringLiteral("L×[4bsh² + 4bsh²/r + 4bs²h + 6bshĥ + 2bshv]"), tr("§4.3.1"),
                  tr("erratum 5: lm_head runs once, not per layer"))},
         {nums(QStringLiteral("%1 + %2").arg(format::flops(m_totals.layers),
                                             format::flops(m_totals.lmHead)))},
         {format::flops(m_totals.forward), true}},
        QStringLiteral("sum"), true);
    tableEnd();
}

void DerivationHtml::recomputeRow()
{
    const engine::ModelShape &m = m_sc.model;
    const engine::LayerTerms &t = m_totals.layer;
    switch (m_sc.recompute) {
    case engine::Recompute::None:
        row({{tr("recompute: none")},
             {tr("nothing runs twice")},
             {QString()},
             {QStringLiteral("0"), true}});
        break;
    case engine::Recompute::Selective:
        row({{tr("recompute: selective")},
             {f(QStringLiteral("L·") + coreSumFormula()) +
              QStringLiteral(" <span class=\"dim\">%1</span>").arg(tr("the attention core again"))},
             {nums(QStringLiteral("%1 × %2").arg(n(m.layers), format::flops(t.core)))},
             {format::flops(m_totals.recompute), true}});
        break;
    case engine::Recompute::Full:
        row({{tr("recompute: full")},
             {f(QStringLiteral("L·(layer)")) +
              QStringLiteral(" <span class=\"dim\">%1</span>")
                  .arg(tr("every layer's forward again, not lm_head"))},
             {nums(QStringLiteral("%1 × %2").arg(n(m.layers), format::flops(t.total)))},
             {format::flops(m_totals.recompute), true}});
        break;
    }
}

void DerivationHtml::training()
{
    h2(tr("3. Training: forward, backward and recomputation"));
    para(tr("Every GEMM %1 of the forward pass costs two in the backward pass: %2 (dgrad) "
            "and %3 (wgrad), each as large as the forward one.")
             .arg(f(QStringLiteral("y = x·W")), f(QStringLiteral("∂L/∂x = ∂L/∂y·Wᵀ")),
                  f(QStringLiteral("∂L/∂W = xᵀ·∂L/∂y"))),
         QStringLiteral("dim"));
    tableStart({{tr("Line")}, {tr("Formula")}, {tr("with today's numbers")}, {tr("FLOPs"), true}});
    const QString F = format::flops(m_totals.forward);
    row({{tr("forward F")}, {f(QStringLiteral("Σ modules"))}, {QString()}, {F, true}});
    row({{tr("backward")},
         {f(QStringLiteral("dgrad + wgrad = 2·F"))},
         {nums(QStringLiteral("2 × %1").arg(F))},
         {format::flops(m_totals.backward), true}});
    row({{tr("training (model FLOPs, exact)")},
         {f(QStringLiteral("3·F"))},
         {nums(QStringLiteral("3 × %1").arg(F))},
         {format::flops(m_totals.training), true}},
        QStringLiteral("sum"), true);
    recomputeRow();
    const bool none = m_sc.recompute == engine::Recompute::None;
    row({{tr("hardware FLOPs")},
         {f(none ? QStringLiteral("3·F") : QStringLiteral("3·F + recompute"))},
         {none ? QString()
               : nums(QStringLiteral("%1 + %2").arg(format::flops(m_totals.training),
                                                    format::flops(m_totals.recompute)))},
         {format::flops(m_totals.hardware), true}},
        QStringLiteral("sum"), true);
    tableEnd();
    para(tr("MFU counts model FLOPs, HFU hardware FLOPs. The note's §3.2 “about 4× with "
            "recomputation” is full recomputation; selective recomputation adds only the "
            "attention core."),
         QStringLiteral("dim"));
}

} // namespace mfu::gui
