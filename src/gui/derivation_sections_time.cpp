// Section 7 of the Derivation tab: the step's seconds term by term, and what the training stack
// changed in each, set against the same scenario on the stack files without a software block
// describe (engine::Software's defaults: FlashAttention-2, no overlap of TP collectives, FP32
// gradient reduction).

#include "derivation_html.h"
#include "format.h"

#include "engine/names.h"
#include "engine/time_model.h"

#include <cmath>

namespace mfu::gui {

namespace {

QString label(const char *text)
{
    return QCoreApplication::translate("ScenarioFields", text);
}

template <typename E> QString choiceLabel(E value)
{
    const engine::NamedValue<E> *row = engine::namedValue(value);
    return row ? label(row->label) : QString();
}

// One term of the step: its seconds here and on the stackless stack, and what sets it.
struct Term
{
    QString name;
    double here = 0;
    double stackless = 0;
    QString setBy;
};

} // namespace

void DerivationHtml::stepTime()
{
    if (!m_ev.time)
        return;
    const engine::TimeBreakdown &t = *m_ev.time;
    engine::Scenario plain = m_sc;
    plain.software = engine::Software{};
    const engine::TimeBreakdown p = engine::predictStepTime(plain);
    const engine::Software &sw = m_sc.software;

    h2(tr("7. Step time on this stack"));
    const QString stack = QString::fromStdString(sw.name.empty() ? m_sc.softwarePreset : sw.name);
    para(tr("Seconds of one optimizer step on the busiest GPU, as the time model prices them on "
            "the software stack %1, each term set against the same scenario on the stack of "
            "files without a software block (FlashAttention-2, no TP overlap, FP32 gradient "
            "reduction). Communication counts only where nothing hides it.")
             .arg(esc(stack.isEmpty() ? tr("given field by field") : stack)),
         QStringLiteral("dim"));

    const bool lowPrecision = engine::isLowPrecision(m_sc.precision);
    auto matmul = [](const engine::TimeBreakdown &x) {
        return x.compute - x.memoryBound - x.recompute;
    };
    const QList<Term> terms = {
        {tr("GEMMs, attention"), matmul(t), matmul(p),
         tr("attention kernel: %1").arg(choiceLabel(sw.attention)) +
             (m_sc.parallel.tp > 1 && sw.tpOverlap != engine::TpOverlap::None
                  ? tr("; GEMMs slowed by the SMs the TP overlap holds")
                  : QString())},
        {tr("elementwise"), t.memoryBound - t.casts, p.memoryBound - p.casts,
         tr("kernels: %1").arg(choiceLabel(sw.elementwise))},
        {tr("FP8/FP4 casts"), t.casts, p.casts,
         lowPrecision ? (m_sc.precision == engine::Precision::Fp8
                             ? tr("recipe: %1").arg(choiceLabel(sw.fp8Recipe))
                             : tr("block scales of %1").arg(choiceLabel(m_sc.precision)))
                      : tr("16-bit GEMMs: no casts")},
        {tr("recompute"), t.recompute, p.recompute, choiceLabel(m_sc.recompute)},
        {tr("TP comm (exposed)"), t.tpComm, p.tpComm,
         tr("overlap: %1").arg(choiceLabel(sw.tpOverlap))},
        {tr("CP comm (exposed)"), t.cpComm, p.cpComm,
         tr("ring steps' fixed costs and what attention does not hide")},
        {tr("EP all-to-all (exposed)"), t.epComm, p.epComm,
         !m_sc.model.moe.enabled() ? tr("dense model: no experts")
         : sw.moeA2aOverlap
             ? tr("%1 dispatcher, beside the other micro-batch's compute")
                   .arg(choiceLabel(sw.moeDispatcher))
             : tr("%1 dispatcher, not overlapped").arg(choiceLabel(sw.moeDispatcher))},
        {tr("host launches"), t.host, p.host,
         sw.cudaGraphs ? tr("CUDA graphs: nothing issued per kernel")
         : t.host > 0
             ? tr("the host's %1 µs a kernel outlast the layers' kernels").arg(sw.hostUsPerKernel)
             : tr("hidden: the layers' kernels outlast the host's %1 µs a kernel")
                   .arg(sw.hostUsPerKernel)},
        {tr("pipeline bubble"), t.ppBubble, p.ppBubble,
         sw.embeddingInPipelineSplit ? tr("(p−1)/(v·m); embedding and loss as stage layers")
                                     : tr("(p−1)/(v·m)")},
        {tr("PP sends (exposed)"), t.ppComm, p.ppComm,
         sw.overlapP2pComm ? tr("only warm-up and flush exposed") : tr("every send exposed")},
        {tr("DP comm (exposed)"), t.dpComm, p.dpComm,
         tr("%1, reduced in %2")
             .arg(sw.overlapGradReduce ? tr("overlapped") : tr("not overlapped"),
                  choiceLabel(sw.gradReduce))},
        {tr("optimizer"), t.optimizer, p.optimizer, tr("Adam, memory-bound")},
    };
    tableStart({{tr("Term")},
                {tr("What sets it here")},
                {tr("seconds"), true},
                {tr("share"), true},
                {tr("without the stack"), true}});
    for (const Term &term : terms) {
        // A term the stack changed by more than rounding is shown with what it was.
        const bool changed = std::fabs(term.here - term.stackless) > 1e-6 * t.step;
        row({{term.name},
             {esc(term.setBy)},
             {term.here > 0 ? format::seconds(term.here) : QStringLiteral("—"), true},
             {QStringLiteral("%1%").arg(100 * term.here / t.step, 0, 'f', 1), true},
             {changed ? format::seconds(term.stackless) : QStringLiteral("="), true}},
            changed ? QStringLiteral("changed") : QString());
    }
    row({{tr("step")},
         {QString()},
         {format::seconds(t.step), true},
         {QStringLiteral("100%"), true},
         {format::seconds(p.step), true}},
        QStringLiteral("sum"), true);
    tableEnd();
}

} // namespace mfu::gui
