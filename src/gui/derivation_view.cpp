#include "derivation_view.h"

#include "format.h"
#include "scenario_document.h"

#include "engine/conventions_table.h"
#include "engine/flops.h"
#include "engine/params.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QFontMetricsF>
#include <QHBoxLayout>
#include <QLocale>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTextBrowser>
#include <QTextFrame>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace mfu::gui {

namespace {

using engine::Module;

// Qt's rich text understands only a subset of CSS, which this keeps to. Formulas and the
// numbers substituted into them are monospace, so that symbols such as ĥ and n_kv read
// unambiguously; the group rows take the charts' colours (attention blue, MLP orange,
// lm_head green) so that the page and the breakdown chart match.
const char *const kStyleSheet = R"(
h1 { font-size: x-large; margin-bottom: 2px; }
h2 { font-size: large; color: #1f3a5f; margin-top: 20px; margin-bottom: 6px; }
p { margin-top: 3px; margin-bottom: 3px; }
th { background-color: #e6ebf1; color: #1f2933; }
td { border-bottom-width: 1px; border-bottom-style: solid; border-bottom-color: #e3e7ed; }
.f { font-family: 'DejaVu Sans Mono', monospace; }
.num { font-family: 'DejaVu Sans Mono', monospace; color: #3d4f63; }
.dim { color: #66707a; }
.small { font-size: small; }
.printed { color: #b42318; text-decoration: line-through; font-family: 'DejaVu Sans Mono', monospace; }
.erratum { color: #b42318; font-size: small; }
.error { color: #b42318; font-weight: bold; }
.attn { background-color: #e5f0f8; }
.mlp { background-color: #fcf1dc; }
.head { background-color: #e0f3ec; }
.sum { background-color: #f3f4f6; }
.current { background-color: #fff7d6; }
)";

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

// A formula in the note's symbols.
QString f(const QString &formula)
{
    return QStringLiteral("<span class=\"f\">%1</span>").arg(formula);
}

// Today's numbers substituted into a formula.
QString nums(const QString &text)
{
    return QStringLiteral("<span class=\"num\">%1</span>").arg(text);
}

QString n(std::int64_t value)
{
    return QString::number(value);
}

// Bracket terms and ratios: three significant digits, never an exponent a reader must decode.
QString ratio(double value)
{
    if (!std::isfinite(value))
        return QStringLiteral("—");
    if (std::fabs(value) >= 1000 || std::fabs(value) < 1e-4)
        return QLocale().toString(value, 'f', 6).remove(QRegularExpression(QStringLiteral("\\.?0+$")));
    return QLocale().toString(value, 'g', 3);
}

constexpr int kCellPadding = 5; // pixels

QFont bold(QFont font)
{
    font.setBold(true);
    return font;
}

QString exact(double value)
{
    return QLocale().toString(qlonglong(std::llround(value)));
}

struct Cell
{
    QString text;
    bool right = false; // numbers align right, so that their digits line up
    int span = 1;
    bool center = false;
};

QString alignOf(const Cell &c)
{
    return c.center ? QStringLiteral("center") : c.right ? QStringLiteral("right") : QStringLiteral("left");
}

// The page, section by section. Every number comes from the engine (evaluate(),
// conventionsTable(), derivationTotals(), paramTerms()); this only substitutes and formats.
class Html
{
    Q_DECLARE_TR_FUNCTIONS(mfu::gui::DerivationView)

public:
    Html(const engine::Scenario &sc, const engine::Evaluation &ev, bool printed, const QFont &font)
        : m_sc(sc), m_ev(ev), m_printed(printed), m_bold(bold(font)),
          m_table(engine::conventionsTable(sc, ev)),
          m_totals(engine::derivationTotals(sc)), m_params(engine::paramTerms(sc.model))
    {
        const engine::ModelShape &m = sc.model;
        // With d = h/n the note's forms in h apply; other shapes keep n·d and n_kv·d.
        m_square = m.heads * m.headDim == m.hidden;
        m_causal = sc.conventions.causal;
    }

    QString build()
    {
        intro();
        symbols();
        modules();
        addingUp();
        training();
        closedForms();
        conventions();
        parameters();
        return m_out;
    }

private:
    // ----- building blocks -----

    void h2(const QString &title) { m_out += QStringLiteral("<h2>%1</h2>").arg(title); }
    void para(const QString &html, const QString &cls = QString())
    {
        m_out += cls.isEmpty() ? QStringLiteral("<p>%1</p>").arg(html)
                               : QStringLiteral("<p class=\"%1\">%2</p>").arg(cls, html);
    }

    // The header row is written at tableEnd(), once the widest number of each right-aligned
    // column is known: Qt's table layout squeezes a column below the width of a bold total
    // and breaks "1.86 EFLOP" inside the number, unless the column is given its width.
    void tableStart(const QList<Cell> &headers)
    {
        m_headers = headers;
        m_numberWidth.fill(0, headers.size());
        m_out += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"%1\" border=\"0\" width=\"99%\">")
                     .arg(kCellPadding);
        m_headerAt = m_out.size();
    }

    // `bold` marks a total: its name and its numbers, not the formulas (nor a struck-through
    // printed form) between them.
    void row(const QList<Cell> &cells, const QString &cls = QString(), bool bold = false)
    {
        m_out += QStringLiteral("<tr>");
        qsizetype column = 0;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            const Cell &c = cells[i];
            QString text = c.text;
            if (c.right && c.span == 1 && column < m_numberWidth.size())
                m_numberWidth[column] = std::max(m_numberWidth[column], textWidth(text));
            if (bold && (i == 0 || c.right))
                text = QStringLiteral("<b>%1</b>").arg(text);
            m_out += QStringLiteral("<td align=\"%1\" valign=\"top\"%2%3>%4</td>")
                         .arg(alignOf(c),
                              c.span > 1 ? QStringLiteral(" colspan=\"%1\"").arg(c.span) : QString(),
                              cls.isEmpty() ? QString() : QStringLiteral(" class=\"%1\"").arg(cls),
                              text);
            column += c.span;
        }
        m_out += QStringLiteral("</tr>");
    }

    void tableEnd()
    {
        QString header = QStringLiteral("<tr>");
        for (qsizetype i = 0; i < m_headers.size(); ++i) {
            const Cell &h = m_headers[i];
            const int width = h.right ? std::max(m_numberWidth[i], textWidth(h.text)) : 0;
            header += QStringLiteral("<th align=\"%1\"%2%3>%4</th>")
                          .arg(alignOf(h),
                               h.span > 1 ? QStringLiteral(" colspan=\"%1\"").arg(h.span) : QString(),
                               width > 0 ? QStringLiteral(" width=\"%1\"").arg(width + 2 * kCellPadding + 2)
                                         : QString(),
                               h.text);
        }
        header += QStringLiteral("</tr>");
        m_out.insert(m_headerAt, header);
        m_out += QStringLiteral("</table>");
    }

    // Pixels a cell's text takes in bold, the widest it is drawn.
    int textWidth(const QString &html) const
    {
        static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
        QString plain = html;
        plain.remove(tags);
        return int(std::ceil(m_bold.horizontalAdvance(plain)));
    }

    // The note's printed form beside the corrected one, only when asked for: struck through,
    // red, with where it is printed and which erratum corrects it.
    QString printed(const QString &formula, const QString &where, const QString &erratum) const
    {
        if (!m_printed)
            return QString();
        return QStringLiteral("<br/><span class=\"printed\">%1</span> <span class=\"erratum\">%2</span>")
            .arg(formula, tr("printed in the note %1 · %2").arg(where, erratum));
    }

    QString share(double part) const
    {
        return format::percent(m_totals.forward > 0 ? part / m_totals.forward : 0);
    }

    // ----- the formulas in symbols, as the note writes them when d = h/n -----

    QString coreFormula() const // one of QKᵀ, scores·V, per layer
    {
        const QString full = m_square ? QStringLiteral("2bs²h") : QStringLiteral("2bns²d");
        return m_causal ? QStringLiteral("½·") + full : full;
    }
    QString coreSumFormula() const // both, per layer
    {
        if (m_square)
            return m_causal ? QStringLiteral("2bs²h") : QStringLiteral("4bs²h");
        return m_causal ? QStringLiteral("2bns²d") : QStringLiteral("4bns²d");
    }
    QString layerFormula() const
    {
        const QString mlp = m_sc.model.gatedMlp ? QStringLiteral("6bshĥ") : QStringLiteral("4bshĥ");
        if (m_square)
            return QStringLiteral("4bsh² + 4bsh²/r + %1 + %2").arg(coreSumFormula(), mlp);
        return QStringLiteral("4bsh·nd + 4bsh·n_kv·d + %1 + %2").arg(coreSumFormula(), mlp);
    }

    // ----- sections -----

    void intro()
    {
        m_out += QStringLiteral("<h1>%1</h1>")
                     .arg(tr("FLOPs derivation: %1").arg(esc(QString::fromStdString(m_sc.name))));
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

    void symbols()
    {
        const engine::ModelShape &m = m_sc.model;
        const engine::Batch &b = m_sc.batch;
        h2(tr("1. Symbols with today's values"));
        struct Symbol
        {
            QString symbol, value, meaning, key;
        };
        const Symbol symbols[] = {
            {QStringLiteral("b"), n(b.globalBatch), tr("global batch, sequences"), QStringLiteral("global_batch")},
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
            meanings << Cell{QStringLiteral("<span class=\"dim small\">%1%2</span>")
                                 .arg(s.meaning, s.key.isEmpty() ? QString()
                                                                 : QStringLiteral("<br/><span class=\"f\">%1</span>").arg(s.key)),
                             false, 1, true};
        }
        tableStart(head);
        row(values);
        row(meanings);
        tableEnd();

        para(tr("%1 = %2 tokens per step; %3 = %4 = %5.")
                 .arg(f(QStringLiteral("b·s")),
                      nums(QStringLiteral("%1·%2 = %3").arg(n(b.globalBatch), n(b.seqLen), exact(m_ev.tokensPerStep))),
                      f(QStringLiteral("1/r")), f(QStringLiteral("n_kv/n")),
                      nums(QStringLiteral("%1/%2 = %3").arg(n(m.kvHeads), n(m.heads), ratio(m_table.llamaBracket[1])))) +
             printed(QStringLiteral("1/r ≈ n/n_kv"), tr("§4.3.1"), tr("erratum 7: r = n/n_kv, so 1/r = n_kv/n")));
        para(m_square ? tr("%1 (%2), so %3 is written %4 and %5 is %6: the note's forms in h apply below.")
                            .arg(f(QStringLiteral("n·d = h")),
                                 nums(QStringLiteral("%1·%2 = %3").arg(n(m.heads), n(m.headDim), n(m.hidden))),
                                 f(QStringLiteral("n·d")), f(QStringLiteral("h")), f(QStringLiteral("n_kv·d")),
                                 f(QStringLiteral("h/r")))
                      : tr("%1 here, so the general forms with %2 and %3 are used below.")
                            .arg(f(QStringLiteral("n·d ≠ h")), f(QStringLiteral("n·d")), f(QStringLiteral("n_kv·d"))));
        para(m.gatedMlp ? tr("Gated MLP (SwiGLU): three matrices, up, gate and down.")
                        : tr("Plain MLP (GeLU): two matrices, up and down."));
        para(tr("The note's §4 uses %1 for ffn_dim_multiplier (%2); here %1 is the micro-batch. "
                "Its “%3” holds only for %4.")
                 .arg(f(QStringLiteral("m")), f(QStringLiteral("ĥ ≈ (8/3)·h·m")), f(QStringLiteral("3ĥ/2h ≈ 4m")),
                      f(QStringLiteral("m = 3ĥ/8h = ")) + nums(ratio(m_table.seedFfnMultiplier))),
             QStringLiteral("dim"));
    }

    // The numbers the module rows substitute into their GEMM shapes.
    struct ShapeNumbers
    {
        QString bs, H, nd, nkvd, F, S, D, heads;
    };

    ShapeNumbers shapeNumbers() const
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

    static QString gemm(const QString &a, const QString &k, const QString &k2, const QString &c)
    {
        return QStringLiteral("[%1, %2]·[%3, %4]").arg(a, k, k2, c);
    }

    // `extra` follows the GEMM's shape: a note on it, or the note's printed form.
    void moduleRow(Module mod, const QString &label, const QString &shape, const QString &numbers,
                   const QString &formula, const QString &extra = QString())
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

    void attentionModules(const ShapeNumbers &x)
    {
        row({{tr("<b>Attention</b> <span class=\"dim\">— note §2.2 (1), §4.2 (1)</span>"), false, 7}},
            QStringLiteral("attn"));
        moduleRow(Module::QProj, QStringLiteral("W<sub>q</sub>"), QStringLiteral("[bs, h]·[h, nd]"),
                  gemm(x.bs, x.H, x.H, x.nd), m_square ? QStringLiteral("2bsh²") : QStringLiteral("2bsh·nd"));
        moduleRow(Module::KProj, QStringLiteral("W<sub>k</sub>"), QStringLiteral("[bs, h]·[h, n_kv·d]"),
                  gemm(x.bs, x.H, x.H, x.nkvd), m_square ? QStringLiteral("2bsh²/r") : QStringLiteral("2bsh·n_kv·d"));
        moduleRow(Module::VProj, QStringLiteral("W<sub>v</sub>"), QStringLiteral("[bs, h]·[h, n_kv·d]"),
                  gemm(x.bs, x.H, x.H, x.nkvd), m_square ? QStringLiteral("2bsh²/r") : QStringLiteral("2bsh·n_kv·d"));
        const QString causalNote = m_causal ? QStringLiteral(" <span class=\"dim small\">%1</span>")
                                                  .arg(tr("causal: the masked half is skipped"))
                                            : QString();
        moduleRow(Module::AttnScores, QStringLiteral("QKᵀ"), QStringLiteral("[s, d]·[d, s] × bn"),
                  QStringLiteral("%1 × %2").arg(gemm(x.S, x.D, x.D, x.S), x.heads), coreFormula(), causalNote);
        moduleRow(Module::AttnContext, QStringLiteral("score·V"), QStringLiteral("[s, s]·[s, d] × bn"),
                  QStringLiteral("%1 × %2").arg(gemm(x.S, x.S, x.S, x.D), x.heads), coreFormula(), causalNote);
        moduleRow(Module::OProj, QStringLiteral("W<sub>o</sub>"), QStringLiteral("[bs, nd]·[nd, h]"),
                  gemm(x.bs, x.nd, x.nd, x.H), m_square ? QStringLiteral("2bsh²") : QStringLiteral("2bsnd·h"));
    }

    void mlpModules(const ShapeNumbers &x)
    {
        row({{tr("<b>MLP</b> <span class=\"dim\">— note §2.2 (2), §4.2 (2)</span>"), false, 7}},
            QStringLiteral("mlp"));
        const bool gated = m_sc.model.gatedMlp;
        moduleRow(Module::MlpUp, gated ? QStringLiteral("W<sub>3</sub>") : tr("h → ĥ"),
                  QStringLiteral("[bs, h]·[h, ĥ]"), gemm(x.bs, x.H, x.H, x.F), QStringLiteral("2bshĥ"));
        if (gated)
            moduleRow(Module::MlpGate, QStringLiteral("W<sub>1</sub>"), QStringLiteral("[bs, h]·[h, ĥ]"),
                      gemm(x.bs, x.H, x.H, x.F), QStringLiteral("2bshĥ"),
                      printed(QStringLiteral("[b,s,ĥ]·[ĥ,ĥ]"), tr("§4.2"), tr("erratum 4")));
        moduleRow(Module::MlpDown, gated ? QStringLiteral("W<sub>2</sub>") : tr("ĥ → h"),
                  QStringLiteral("[bs, ĥ]·[ĥ, h]"), gemm(x.bs, x.F, x.F, x.H), QStringLiteral("2bsĥh"));
    }

    // lm_head, and the embedding beside it: a lookup, no FLOPs.
    void outputModules(const ShapeNumbers &x)
    {
        row({{tr("<b>Output</b> <span class=\"dim\">— note §2.4, §4.2 (3)</span>"), false, 7}},
            QStringLiteral("head"));
        moduleRow(Module::LmHead, QStringLiteral("W<sub>head</sub>"), QStringLiteral("[bs, h]·[h, V]"),
                  gemm(x.bs, x.H, x.H, n(m_sc.model.vocab)), QStringLiteral("2bshV"),
                  printed(tr("“Vocabulary Embedding FLOPs”"), tr("§2.4"),
                          tr("erratum 2: this is the output projection")));
        row({{f(QStringLiteral("embedding")) + QStringLiteral(" <span class=\"dim\">%1</span>").arg(tr("input"))},
             {tr("a lookup: row t of the [V, h] table")},
             {nums(QStringLiteral("[%1] → [%1, %2]").arg(x.bs, x.H))},
             {f(QStringLiteral("0"))},
             {QStringLiteral("—"), true},
             {QStringLiteral("0"), true},
             {QStringLiteral("—"), true}});
    }

    void modules()
    {
        h2(tr("2. Forward FLOPs per module"));
        para(tr("Every module but lm_head runs once per layer: the whole model has L of them."),
             QStringLiteral("dim"));
        const ShapeNumbers x = shapeNumbers();
        tableStart({{tr("Module")}, {tr("GEMM")}, {tr("with today's numbers")}, {tr("FLOPs")},
                    {tr("one layer"), true}, {tr("all layers"), true}, {tr("share"), true}});
        attentionModules(x);
        mlpModules(x);
        outputModules(x);
        row({{tr("forward, one step")},
             {f(QStringLiteral("L·(layer) + 2bshV")), false, 3},
             {QString()},
             {format::flops(m_totals.forward), true},
             {share(m_totals.forward), true}},
            QStringLiteral("sum"), true);
        tableEnd();
    }

    void addingUp()
    {
        const engine::ModelShape &m = m_sc.model;
        const engine::Batch &b = m_sc.batch;
        const engine::LayerTerms &t = m_totals.layer;
        h2(tr("Adding up"));
        tableStart({{tr("Line")}, {tr("Formula")}, {tr("with today's numbers")}, {tr("FLOPs"), true}});
        QString layerCell = f(layerFormula());
        const bool gptShape = m_square && m.kvHeads == m.heads && !m.gatedMlp && m.ffnHidden == 4 * m.hidden;
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
             {nums(QStringLiteral("2·%1·%2·%3·%4").arg(n(b.globalBatch), n(b.seqLen), n(m.hidden), n(m.vocab)))},
             {format::flops(m_totals.lmHead), true}});
        const QString vocabTerm = QStringLiteral(" + 2bshV");
        row({{tr("whole model, forward")},
             {f(QStringLiteral("L·(") + layerFormula() + QStringLiteral(")") + vocabTerm) +
              printed(QStringLiteral("L×(24bsh² + 4bs²hV) + 2bsh"), tr("§2.5"), tr("erratum 1")) +
              printed(QStringLiteral("L×[4bsh² + 4bsh²/r + 4bs²h + 6bshĥ + 2bshv]"), tr("§4.3.1"),
                      tr("erratum 5: lm_head runs once, not per layer"))},
             {nums(QStringLiteral("%1 + %2").arg(format::flops(m_totals.layers), format::flops(m_totals.lmHead)))},
             {format::flops(m_totals.forward), true}},
            QStringLiteral("sum"), true);
        tableEnd();
    }

    void recomputeRow()
    {
        const engine::ModelShape &m = m_sc.model;
        const engine::LayerTerms &t = m_totals.layer;
        switch (m_sc.recompute) {
        case engine::Recompute::None:
            row({{tr("recompute: none")}, {tr("nothing runs twice")}, {QString()},
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
                  QStringLiteral(" <span class=\"dim\">%1</span>").arg(tr("every layer's forward again, not lm_head"))},
                 {nums(QStringLiteral("%1 × %2").arg(n(m.layers), format::flops(t.total)))},
                 {format::flops(m_totals.recompute), true}});
            break;
        }
    }

    void training()
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

    // 72·b·s·h²·L·(1 + s/6h + V/12hL) with today's numbers: GPT's closed form and Megatron's.
    QString gptNumbers() const
    {
        const engine::ModelShape &m = m_sc.model;
        const engine::Batch &b = m_sc.batch;
        const QString prefix72 = QStringLiteral("72·%1·%2·%3²·%4")
                                     .arg(n(b.globalBatch), n(b.seqLen), n(m.hidden), n(m.layers));
        return QStringLiteral("%1·(1 + %2 + %3)")
            .arg(prefix72, ratio(m_table.gptBracket[1]), ratio(m_table.gptBracket[2]));
    }

    // 12·L·b·s·h² with today's numbers, which the Llama form and its printed example share.
    QString llamaPrefix() const
    {
        const engine::ModelShape &m = m_sc.model;
        const engine::Batch &b = m_sc.batch;
        return QStringLiteral("12·%1·%2·%3·%4²")
            .arg(n(m.layers), n(b.globalBatch), n(b.seqLen), n(m.hidden));
    }

    // The note's own forms: GPT's (§3.3) and Llama's (§4.3.1), and on request §4.4's worked
    // example of the latter as printed.
    void noteForms()
    {
        const engine::ConventionsTable &t = m_table;
        const QString prefix12 = llamaPrefix();
        const QString llamaNumbers = QStringLiteral("%1·(1 + %2 + %3 + %4 + %5)")
                                         .arg(prefix12, ratio(t.llamaBracket[1]), ratio(t.llamaBracket[2]),
                                              ratio(t.llamaBracket[3]), ratio(t.llamaBracket[4]));
        row({{f(QStringLiteral("gpt_closed_form")) + QStringLiteral("<br/><span class=\"dim small\">%1</span>").arg(tr("note §3.3"))},
             {f(QStringLiteral("72·b·s·h²·L·(1 + s/6h + V/12hL)")) +
              QStringLiteral("<br/><span class=\"dim small\">%1</span>")
                  .arg(tr("exact when d = h/n, r = 1, ĥ = 4h and the MLP is plain")) +
              printed(tr("for h ≫ s: Total ≈ 72bsh²L(…)"), tr("§3.3"),
                      tr("erratum 3: exact for GPT shapes, h ≫ s is not needed"))},
             {nums(gptNumbers())},
             {format::flops(t.closedForms.gptClosedForm), true},
             {format::signedPercent(t.closedFormError.gptClosedForm), true}});
        row({{f(QStringLiteral("llama_closed_form")) +
              QStringLiteral("<br/><span class=\"dim small\">%1</span>").arg(tr("note §4.3.1, corrected"))},
             {f(QStringLiteral("12·L·b·s·h²·(1 + 1/r + 3ĥ/2h + s/h + V/2Lh)")) +
              QStringLiteral("<br/><span class=\"dim small\">%1</span>")
                  .arg(tr("training FLOPs, not forward; exact when d = h/n and the MLP is gated")) +
              printed(QStringLiteral("FLOPs(forward) ≈ 12Lbsh²(1 + 1/r + 4m + s/h + v/2Lh), 1/r ≈ n/n_kv"),
                      tr("§4.3.1"), tr("errata 5, 6, 7"))},
             {nums(llamaNumbers)},
             {format::flops(t.closedForms.llamaClosedForm), true},
             {format::signedPercent(t.closedFormError.llamaClosedForm), true}});
        if (m_printed)
            row({{QStringLiteral("<span class=\"erratum\">%1</span>").arg(tr("the note's §4.4 example"))},
                 {QStringLiteral("<span class=\"printed\">12·L·b·h²·(1 + 1/r + 4×4 + s/h + v/2Lh)</span>"
                                 "<br/><span class=\"erratum\">%1</span>")
                      .arg(tr("printed in the note §4.4 · erratum 6: m = 4 puts 16 where 3ĥ/2h belongs, "
                              "and s is dropped (restored here)"))},
                 {QStringLiteral("<span class=\"printed\">%1·(1 + %2 + 16 + %3 + %4)</span>")
                      .arg(prefix12, ratio(t.llamaBracket[1]), ratio(t.llamaBracket[3]), ratio(t.llamaBracket[4]))},
                 {QStringLiteral("<span class=\"erratum\">%1</span>").arg(format::flops(t.seedPrintedLlama)), true},
                 {QStringLiteral("<span class=\"erratum\">%1</span>").arg(format::signedPercent(t.seedPrintedLlamaError)), true}});
    }

    // The forms that count from the parameter count N: 6·N and PaLM's.
    void parameterForms()
    {
        const engine::ModelShape &m = m_sc.model;
        const engine::Batch &b = m_sc.batch;
        const engine::ConventionsTable &t = m_table;
        const QString N = exact(m_sc.conventions.params == engine::ParamBasis::All ? m_ev.params.total
                                                                                   : m_ev.params.nonEmbedding);
        const QString nBasis = m_sc.conventions.params == engine::ParamBasis::All
                                   ? tr("N = all parameters")
                                   : tr("N = non-embedding parameters");
        row({{f(QStringLiteral("six_n"))},
             {f(QStringLiteral("6·N·b·s")) + QStringLiteral(" <span class=\"dim small\">%1</span>").arg(nBasis)},
             {nums(QStringLiteral("6·%1·%2·%3").arg(N, n(b.globalBatch), n(b.seqLen)))},
             {format::flops(t.closedForms.sixN), true},
             {format::signedPercent(t.closedFormError.sixN), true}});
        row({{f(QStringLiteral("palm"))},
             {f(QStringLiteral("(6·N + 12·L·n·d·s)·b·s")) +
              QStringLiteral(" <span class=\"dim small\">%1</span>").arg(tr("PaLM appendix B"))},
             {nums(QStringLiteral("(6·%1 + 12·%2·%3·%4·%5)·%6·%7")
                       .arg(N, n(m.layers), n(m.heads), n(m.headDim), n(b.seqLen), n(b.globalBatch), n(b.seqLen)))},
             {format::flops(t.closedForms.palm), true},
             {format::signedPercent(t.closedFormError.palm), true}});
    }

    void closedForms()
    {
        const engine::ConventionsTable &t = m_table;
        h2(tr("4. Closed forms against the exact sum"));
        para(tr("Training FLOPs of one step. None of the closed forms halves the attention core, "
                "so each is compared with the exact sum counting full attention."),
             QStringLiteral("dim"));
        tableStart({{tr("Form")}, {tr("Formula")}, {tr("with today's numbers")},
                    {tr("FLOPs"), true}, {tr("vs exact"), true}});
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

    void conventions()
    {
        const engine::ConventionsTable &t = m_table;
        h2(tr("5. Conventions side by side"));
        const QString basis = t.fromMeasured ? tr("measured") : tr("predicted");
        para(tr("MFU = model FLOPs / (step time × GPUs × peak), at the %1 step time %2 on %3 GPUs "
                "× %4. The step time belongs to the run; only the numerator changes with the "
                "convention.")
                 .arg(basis, format::seconds(t.stepTimeS), exact(t.gpus), format::tflops(t.peakTflopsPerGpu)),
             QStringLiteral("dim"));
        tableStart({{tr("Convention")}, {tr("Counts")}, {tr("model FLOPs / step"), true},
                    {tr("vs exact"), true}, {tr("MFU"), true}, {tr("HFU"), true}});
        for (const engine::ConventionRow &r : t.conventions) {
            QString name = f(QString::fromLatin1(engine::conventionName(r.flops)));
            QString counts;
            switch (r.flops) {
            case engine::FlopsConvention::Exact:
                if (r.causal) {
                    name += QStringLiteral(", ") + f(QStringLiteral("causal"));
                    counts = tr("3·Σ GEMMs, QKᵀ and scores·V halved: FlashAttention skips the masked half");
                    if (m_printed)
                        counts += QStringLiteral("<br/><span class=\"erratum\">%1</span>")
                                      .arg(tr("the note counts all of it (erratum 8)"));
                } else {
                    counts = tr("3·Σ GEMMs, full attention");
                }
                break;
            case engine::FlopsConvention::SixN:
                counts = f(QStringLiteral("6·N·b·s"));
                break;
            case engine::FlopsConvention::Palm:
                counts = f(QStringLiteral("(6·N + 12·L·n·d·s)·b·s"));
                break;
            case engine::FlopsConvention::Megatron:
                counts = f(QStringLiteral("72·b·s·L·h²·(1 + s/6h + V/12hL)"));
                break;
            }
            if (r.current)
                name += QStringLiteral(" <span class=\"dim small\">%1</span>").arg(tr("◀ this scenario"));
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

    void parameters()
    {
        const engine::ModelShape &m = m_sc.model;
        const engine::ParamTerms &p = m_params;
        h2(tr("6. Parameters"));
        tableStart({{tr("Part")}, {tr("Formula")}, {tr("with today's numbers")},
                    {tr("parameters"), true}, {QStringLiteral("≈"), true}});
        auto line = [&](const QString &part, const QString &formula, const QString &numbers,
                        double value, const QString &cls = QString(), bool bold = false) {
            row({{part}, {f(formula)}, {nums(numbers)}, {exact(value), true}, {format::count(value), true}},
                cls, bold);
        };
        const QString H = n(m.hidden);
        const bool layerNorm = m.norm == engine::NormKind::LayerNorm;
        line(tr("attention, per layer"), QStringLiteral("h·n·d + 2·h·n_kv·d + n·d·h"),
             QStringLiteral("%1·%2·%3 + 2·%1·%4·%3 + %2·%3·%1").arg(H, n(m.heads), n(m.headDim), n(m.kvHeads)),
             p.attention);
        line(tr("MLP, per layer"), m.gatedMlp ? QStringLiteral("3·h·ĥ") : QStringLiteral("2·h·ĥ"),
             QStringLiteral("%1·%2·%3").arg(m.gatedMlp ? QStringLiteral("3") : QStringLiteral("2"), H, n(m.ffnHidden)),
             p.mlp);
        line(layerNorm ? tr("two LayerNorms, per layer") : tr("two RMSNorms, per layer"),
             layerNorm ? QStringLiteral("2·2h") : QStringLiteral("2·h"),
             layerNorm ? QStringLiteral("2·2·%1").arg(H) : QStringLiteral("2·%1").arg(H), p.norms);
        if (m.bias)
            line(tr("biases, per layer"),
                 m.gatedMlp ? QStringLiteral("n·d + 2·n_kv·d + h + 2ĥ + h") : QStringLiteral("n·d + 2·n_kv·d + h + ĥ + h"),
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
            line(tr("lm_head"), QStringLiteral("V·h"), QStringLiteral("%1·%2").arg(n(m.vocab), H), p.lmHead);
        line(tr("non-embedding"), QStringLiteral("L·(layer) + final norm + lm_head"), QString(),
             p.nonEmbedding, QStringLiteral("sum"), true);
        if (m.maxPositions > 0)
            line(tr("embedding"), QStringLiteral("V·h + max_positions·h"),
                 QStringLiteral("%1·%2 + %3·%2").arg(n(m.vocab), H, n(m.maxPositions)), p.embedding);
        else
            line(tr("embedding"), QStringLiteral("V·h"), QStringLiteral("%1·%2").arg(n(m.vocab), H), p.embedding);
        line(tr("total N"), QStringLiteral("non-embedding + embedding"), QString(), p.total,
             QStringLiteral("sum"), true);
        tableEnd();
    }

    const engine::Scenario &m_sc;
    const engine::Evaluation &m_ev;
    bool m_printed;
    QFontMetricsF m_bold;
    engine::ConventionsTable m_table;
    engine::DerivationTotals m_totals;
    engine::ParamTerms m_params;
    bool m_square = true;
    bool m_causal = false;
    QString m_out;
    QList<Cell> m_headers;
    QList<int> m_numberWidth;
    qsizetype m_headerAt = 0;
};

} // namespace

DerivationView::DerivationView(ScenarioDocument *document, QWidget *parent)
    : QWidget(parent), m_document(document),
      m_printed(new QCheckBox(tr("Show the note's printed formulas"))), m_browser(new QTextBrowser)
{
    m_printed->setToolTip(tr("Adds the design note's printed forms beside the corrected ones, "
                             "struck through, with the section they are printed in and their erratum"));
    connect(m_printed, &QCheckBox::toggled, this, &DerivationView::refresh);

    m_browser->setOpenLinks(false);
    m_browser->document()->setDefaultStyleSheet(QString::fromUtf8(kStyleSheet));

    auto *top = new QHBoxLayout;
    top->addStretch();
    top->addWidget(m_printed);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_browser);

    connect(m_document, &ScenarioDocument::changed, this, &DerivationView::refresh);
    render();
}

void DerivationView::refresh()
{
    // Laying the page out costs tens of milliseconds (Qt's table layout); a tab nobody looks
    // at waits until it is shown rather than slowing every slider drag on the dashboard.
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    render();
}

void DerivationView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        render();
}

void DerivationView::render()
{
    m_stale = false;
    QString html;
    const auto &result = m_document->evaluation();
    if (!result.ok()) {
        html = QStringLiteral("<h1>%1</h1><p class=\"error\">%2</p><p class=\"dim\">%3</p>")
                   .arg(tr("FLOPs derivation"),
                        tr("The scenario cannot be evaluated: %1")
                            .arg(QString::fromStdString(result.error().toString()).toHtmlEscaped()),
                        tr("Fix the field named above; the derivation returns with valid numbers."));
    } else {
        html = Html(m_document->scenario(), result.value(), m_printed->isChecked(),
                    m_browser->document()->defaultFont())
                   .build();
    }
    if (html == m_html)
        return; // e.g. a change of layout that moves no number shown here
    m_html = html;
    // Keep the reader where they were when the numbers change under them.
    QScrollBar *bar = m_browser->verticalScrollBar();
    const int position = bar->value();
    m_browser->setHtml(m_html);
    // Qt rounds a 100% table a pixel or two wider than the page, which brings up a useless
    // horizontal scroll bar; 99% wide tables with no right margin leave the same gap each side.
    QTextFrameFormat page = m_browser->document()->rootFrame()->frameFormat();
    page.setMargin(12);
    page.setRightMargin(0);
    m_browser->document()->rootFrame()->setFrameFormat(page);
    bar->setValue(position);
}

} // namespace mfu::gui
