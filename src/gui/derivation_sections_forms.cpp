// Sections 4–6 of the Derivation page: the closed forms and conventions set against the exact
// sum, and the parameter count.
#include "derivation_html.h"

#include "format.h"

#include "engine/names.h"

namespace mfu::gui {

// 72·b·s·h²·L·(1 + s/6h + V/12hL) with today's numbers: GPT's closed form and Megatron's.
QString DerivationHtml::gptNumbers() const
{
    const engine::ModelShape &m = m_sc.model;
    const engine::Batch &b = m_sc.batch;
    const QString prefix72 = QStringLiteral("72·%1·%2·%3²·%4")
                                 .arg(n(b.globalBatch), n(b.seqLen), n(m.hidden), n(m.layers));
    return QStringLiteral("%1·(1 + %2 + %3)")
        .arg(prefix72, ratio(m_table.gptBracket[1]), ratio(m_table.gptBracket[2]));
}

// 12·L·b·s·h² with today's numbers, which the Llama form and its printed example share.
QString DerivationHtml::llamaPrefix() const
{
    const engine::ModelShape &m = m_sc.model;
    const engine::Batch &b = m_sc.batch;
    return QStringLiteral("12·%1·%2·%3·%4²")
        .arg(n(m.layers), n(b.globalBatch), n(b.seqLen), n(m.hidden));
}

// The note's own forms: GPT's (§3.3) and Llama's (§4.3.1), and on request §4.4's worked
// example of the latter as printed.
void DerivationHtml::noteForms()
{
    const engine::ConventionsTable &t = m_table;
    const QString prefix12 = llamaPrefix();
    const QString llamaNumbers =
        QStringLiteral("%1·(1 + %2 + %3 + %4 + %5)")
            .arg(prefix12, ratio(t.llamaBracket[1]), ratio(t.llamaBracket[2]),
                 ratio(t.llamaBracket[3]), ratio(t.llamaBracket[4]));
    row({{f(QStringLiteral("gpt_closed_form")) +
          QStringLiteral("<br/><span class=\"dim small\">%1</span>").arg(tr("note §3.3"))},
         {f(QStringLiteral("72·b·s·h²·L·(1 + s/6h + V/12hL)")) +
          QStringLiteral("<br/><span class=\"dim small\">%1</span>")
              .arg(tr("exact when d = h/n, r = 1, ĥ = 4h and the MLP is plain")) +
          printed(tr("for h ≫ s: Total ≈ 72bsh²L(…)"), tr("§3.3"),
                  tr("erratum 3: exact for GPT shapes, h ≫ s is not needed"))},
         {nums(gptNumbers())},
         {format::flops(t.closedForms.gptClosedForm), true},
         {format::signedPercent(t.closedFormError.gptClosedForm), true}});
    row({{f(QStringLiteral("llama_closed_form")) +
          QStringLiteral("<br/><span class=\"dim small\">%1</span>")
              .arg(tr("note §4.3.1, corrected"))},
         {f(QStringLiteral("12·L·b·s·h²·(1 + 1/r + 3ĥ/2h + s/h + V/2Lh)")) +
          QStringLiteral("<br/><span class=\"dim small\">%1</span>")
              .arg(tr("training FLOPs, not forward; exact when d = h/n and the MLP is gated")) +
          printed(
              QStringLiteral("FLOPs(forward) ≈ 12Lbsh²(1 + 1/r + 4m + s/h + v/2Lh), 1/r ≈ n/n_kv"),
              tr("§4.3.1"), tr("errata 5, 6, 7"))},
         {nums(llamaNumbers)},
         {format::flops(t.closedForms.llamaClosedForm), true},
         {format::signedPercent(t.closedFormError.llamaClosedForm), true}});
    if (m_printed)
        row({{QStringLiteral("<span class=\"erratum\">%1</span>")
                  .arg(tr("the note's §4.4 example"))},
             {QStringLiteral(
                  "<span class=\"printed\">12·L·b·h²·(1 + 1/r + 4×4 + s/h + v/2Lh)</span>"
                  "<br/><span class=\"erratum\">%1</span>")
                  .arg(
                      tr("printed in the note §4.4 · erratum 6: m = 4 puts 16 where 3ĥ/2h belongs, "
                         "and s is dropped (restored here)"))},
             {QStringLiteral("<span class=\"printed\">%1·(1 + %2 + 16 + %3 + %4)</span>")
                  .arg(prefix12, ratio(t.llamaBracket[1]), ratio(t.llamaBracket[3]),
                       ratio(t.llamaBracket[4]))},
             {QStringLiteral("<span class=\"erratum\">%1</span>")
                  .arg(format::flops(t.seedPrintedLlama)),
              true},
             {QStringLiteral("<span class=\"erratum\">%1</span>")
                  .arg(format::signedPercent(t.seedPrintedLlamaError)),
              true}});
}

// The forms that count from the parameter count N: 6·N and PaLM's.
void DerivationHtml::parameterForms()
{
    const engine::ModelShape &m = m_sc.model;
    const engine::Batch &b = m_sc.batch;
    const engine::ConventionsTable &t = m_table;
    const QString N =
        exact(m_sc.conventions.params == engine::ParamBasis::All ? m_ev.params.total
                                                                 : m_ev.params.nonEmbedding);
    const QString nBasis = m_sc.conventions.params == engine::ParamBasis::All
                               ? tr("N = all parameters")
                               : tr("N = non-embedding parameters");
    row({{f(QStringLiteral("six_n"))},
         {f(QStringLiteral("6·N·b·s")) +
          QStringLiteral(" <span class=\"dim small\">%1</span>").arg(nBasis)},
         {nums(QStringLiteral("6·%1·%2·%3").arg(N, n(b.globalBatch), n(b.seqLen)))},
         {format::flops(t.closedForms.sixN), true},
         {format::signedPercent(t.closedFormError.sixN), true}});
    row({{f(QStringLiteral("palm"))},
         {f(QStringLiteral("(6·N + 12·L·n·d·s)·b·s")) +
          QStringLiteral(" <span class=\"dim small\">%1</span>").arg(tr("PaLM appendix B"))},
         {nums(QStringLiteral("(6·%1 + 12·%2·%3·%4·%5)·%6·%7")
                   .arg(N, n(m.layers), n(m.heads), n(m.headDim), n(b.seqLen), n(b.globalBatch),
                        n(b.seqLen)))},
         {format::flops(t.closedForms.palm), true},
         {format::signedPercent(t.closedFormError.palm), true}});
}

void DerivationHtml::closedForms()
{
    const engine::ConventionsTable &t = m_table;
    h2(tr("4. Closed forms against the exact sum"));
    para(tr("Training FLOPs of one step. None of the closed forms halves the attention core, "
            "so each is compared with the exact sum counting full attention."),
         QStringLiteral("dim"));
    tableStart({{tr("Form")},
                {tr("Formula")},
                {tr("with today's numbers")},
                {tr("FLOPs"), true},
                {tr("vs exact"), true}});
    row({{tr("exact sum")},
         {f(QStringLiteral("3·[L·(layer) + 2bshV]"))},
         {m_causal ? tr("full attention (this scenario is causal)") : QString()},
         {format::flops(t.exactFlops), true},
         {QStringLiteral("—"), true}},
        QStringLiteral("sum"), true);
    noteForms();
    parameterForms();
    row({{f(QStringLiteral("megatron"))},
         {f(QStringLiteral("72·b·s·L·h²·(1 + s/6h + V/12hL)")) +
          QStringLiteral(" <span class=\"dim small\">%1</span>").arg(tr("Narayanan et al. 2021"))},
         {nums(gptNumbers())},
         {format::flops(t.closedForms.megatron), true},
         {format::signedPercent(t.closedFormError.megatron), true}});
    tableEnd();
}

void DerivationHtml::conventions()
{
    const engine::ConventionsTable &t = m_table;
    h2(tr("5. Conventions side by side"));
    const QString basis = t.fromMeasured ? tr("measured") : tr("predicted");
    para(tr("MFU = model FLOPs / (step time × GPUs × peak), at the %1 step time %2 on %3 GPUs "
            "× %4. The step time belongs to the run; only the numerator changes with the "
            "convention.")
             .arg(basis, format::seconds(t.stepTimeS), exact(t.gpus),
                  format::tflops(t.peakTflopsPerGpu)),
         QStringLiteral("dim"));
    tableStart({{tr("Convention")},
                {tr("Counts")},
                {tr("model FLOPs / step"), true},
                {tr("vs exact"), true},
                {tr("MFU"), true},
                {tr("HFU"), true}});
    for (const engine::ConventionRow &r : t.conventions) {
        QString name = f(QString::fromLatin1(engine::nameOf(r.flops)));
        QString counts;
        switch (r.flops) {
        case engine::FlopsConvention::Exact:
            if (r.causal) {
                name += QStringLiteral(", ") + f(QStringLiteral("causal"));
                counts =
                    tr("3·Σ GEMMs, QKᵀ and scores·V halved: FlashAttention skips the masked half");
                if (m_printed)
                    counts += QStringLiteral("<br/><span class=\"erratum\">%1</span>")
                                  .arg(tr("the note counts all of it (erratum 8)"));
            } else {
                counts = tr("3·Σ GEMMs, full attention");
            }
            break;
        case engine::FlopsConvention::SixN: counts = f(QStringLiteral("6·N·b·s")); break;
        case engine::FlopsConvention::Palm:
            counts = f(QStringLiteral("(6·N + 12·L·n·d·s)·b·s"));
            break;
        case engine::FlopsConvention::Megatron:
            counts = f(QStringLiteral("72·b·s·L·h²·(1 + s/6h + V/12hL)"));
            break;
        case engine::FlopsConvention::MegatronCore:
            counts = tr("Megatron-LM today: 3·Σ GEMMs, causal, routed experts at top-k, no "
                        "router");
            break;
        }
        if (r.current)
            name +=
                QStringLiteral(" <span class=\"dim small\">%1</span>").arg(tr("◀ this scenario"));
        row({{name},
             {counts},
             {format::flops(r.modelFlopsPerStep), true},
             {format::signedPercent(r.relToExact), true},
             {t.stepTimeS > 0 ? format::percent(r.mfu) : QStringLiteral("—"), true},
             {t.stepTimeS > 0 ? format::percent(r.hfu) : QStringLiteral("—"), true}},
            r.current ? QStringLiteral("current") : QString(), r.current);
    }
    tableEnd();
}

void DerivationHtml::parameters()
{
    const engine::ModelShape &m = m_sc.model;
    const engine::ParamTerms &p = m_params;
    h2(tr("6. Parameters"));
    tableStart({{tr("Part")},
                {tr("Formula")},
                {tr("with today's numbers")},
                {tr("parameters"), true},
                {QStringLiteral("≈"), true}});
    auto line = [&](const QString &part, const QString &formula, const QString &numbers,
                    double value, const QString &cls = QString(), bool bold = false) {
        row({{part},
             {f(formula)},
             {nums(numbers)},
             {exact(value), true},
             {format::count(value), true}},
            cls, bold);
    };
    const QString H = n(m.hidden);
    const bool layerNorm = m.norm == engine::NormKind::LayerNorm;
    line(tr("attention, per layer"), QStringLiteral("h·n·d + 2·h·n_kv·d + n·d·h"),
         QStringLiteral("%1·%2·%3 + 2·%1·%4·%3 + %2·%3·%1")
             .arg(H, n(m.heads), n(m.headDim), n(m.kvHeads)),
         p.attention);
    line(tr("MLP, per layer"), m.gatedMlp ? QStringLiteral("3·h·ĥ") : QStringLiteral("2·h·ĥ"),
         QStringLiteral("%1·%2·%3")
             .arg(m.gatedMlp ? QStringLiteral("3") : QStringLiteral("2"), H, n(m.ffnHidden)),
         p.mlp);
    line(layerNorm ? tr("two LayerNorms, per layer") : tr("two RMSNorms, per layer"),
         layerNorm ? QStringLiteral("2·2h") : QStringLiteral("2·h"),
         layerNorm ? QStringLiteral("2·2·%1").arg(H) : QStringLiteral("2·%1").arg(H), p.norms);
    if (m.bias)
        line(tr("biases, per layer"),
             m.gatedMlp ? QStringLiteral("n·d + 2·n_kv·d + h + 2ĥ + h")
                        : QStringLiteral("n·d + 2·n_kv·d + h + ĥ + h"),
             QStringLiteral("%1·%2 + 2·%3·%2 + %4 + %5%6 + %4")
                 .arg(n(m.heads), n(m.headDim), n(m.kvHeads), H,
                      m.gatedMlp ? QStringLiteral("2·") : QString(), n(m.ffnHidden)),
             p.biases);
    line(tr("one layer"), tr("sum of the above"), QString(), p.perLayer, QStringLiteral("sum"));
    line(tr("L layers"), QStringLiteral("L·(layer)"),
         QStringLiteral("%1 × %2").arg(n(m.layers), exact(p.perLayer)), p.layers);
    line(tr("final norm"), layerNorm ? QStringLiteral("2h") : QStringLiteral("h"),
         layerNorm ? QStringLiteral("2·%1").arg(H) : H, p.finalNorm);
    if (m.tiedEmbeddings)
        line(tr("lm_head"), tr("tied to the token table"), QString(), p.lmHead);
    else
        line(tr("lm_head"), QStringLiteral("V·h"), QStringLiteral("%1·%2").arg(n(m.vocab), H),
             p.lmHead);
    line(tr("non-embedding"), QStringLiteral("L·(layer) + final norm + lm_head"), QString(),
         p.nonEmbedding, QStringLiteral("sum"), true);
    if (m.maxPositions > 0)
        line(tr("embedding"), QStringLiteral("V·h + max_positions·h"),
             QStringLiteral("%1·%2 + %3·%2").arg(n(m.vocab), H, n(m.maxPositions)), p.embedding);
    else
        line(tr("embedding"), QStringLiteral("V·h"), QStringLiteral("%1·%2").arg(n(m.vocab), H),
             p.embedding);
    line(tr("total N"), QStringLiteral("non-embedding + embedding"), QString(), p.total,
         QStringLiteral("sum"), true);
    tableEnd();
}

} // namespace mfu::gui
