#include "derivation_html.h"

#include "format.h"

#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace mfu::gui {

namespace {

constexpr int kCellPadding = 5; // pixels

QFont bold(QFont font)
{
    font.setBold(true);
    return font;
}

} // namespace

DerivationHtml::DerivationHtml(const engine::Scenario &sc, const engine::Evaluation &ev,
                               bool printed, const QFont &font)
    : m_sc(sc), m_ev(ev), m_printed(printed), m_bold(bold(font)),
      m_table(engine::conventionsTable(sc, ev)), m_totals(engine::derivationTotals(sc)),
      m_params(engine::paramTerms(sc.model))
{
    const engine::ModelShape &m = sc.model;
    // With d = h/n the note's forms in h apply; other shapes keep n·d and n_kv·d.
    m_square = m.heads * m.headDim == m.hidden;
    m_causal = sc.conventions.causal;
}

QString DerivationHtml::build()
{
    intro();
    symbols();
    modules();
    addingUp();
    training();
    closedForms();
    conventions();
    parameters();
    stepTime();
    return m_out;
}

void DerivationHtml::h2(const QString &title)
{
    m_out += QStringLiteral("<h2>%1</h2>").arg(title);
}

void DerivationHtml::para(const QString &html, const QString &cls)
{
    m_out += cls.isEmpty() ? QStringLiteral("<p>%1</p>").arg(html)
                           : QStringLiteral("<p class=\"%1\">%2</p>").arg(cls, html);
}

// The header row is written at tableEnd(), once the widest number of each right-aligned
// column is known: Qt's table layout squeezes a column below the width of a bold total
// and breaks "1.86 EFLOP" inside the number, unless the column is given its width.
void DerivationHtml::tableStart(const QList<Cell> &headers)
{
    m_headers = headers;
    m_numberWidth.fill(0, headers.size());
    m_out +=
        QStringLiteral("<table cellspacing=\"0\" cellpadding=\"%1\" border=\"0\" width=\"99%\">")
            .arg(kCellPadding);
    m_headerAt = m_out.size();
}

// `bold` marks a total: its name and its numbers, not the formulas (nor a struck-through
// printed form) between them.
void DerivationHtml::row(const QList<Cell> &cells, const QString &cls, bool bold)
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
        m_out +=
            QStringLiteral("<td align=\"%1\" valign=\"top\"%2%3>%4</td>")
                .arg(alignOf(c),
                     c.span > 1 ? QStringLiteral(" colspan=\"%1\"").arg(c.span) : QString(),
                     cls.isEmpty() ? QString() : QStringLiteral(" class=\"%1\"").arg(cls), text);
        column += c.span;
    }
    m_out += QStringLiteral("</tr>");
}

void DerivationHtml::tableEnd()
{
    QString header = QStringLiteral("<tr>");
    for (qsizetype i = 0; i < m_headers.size(); ++i) {
        const Cell &h = m_headers[i];
        const int width = h.right ? std::max(m_numberWidth[i], textWidth(h.text)) : 0;
        header +=
            QStringLiteral("<th align=\"%1\"%2%3>%4</th>")
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
int DerivationHtml::textWidth(const QString &html) const
{
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    QString plain = html;
    plain.remove(tags);
    return int(std::ceil(m_bold.horizontalAdvance(plain)));
}

// The note's printed form beside the corrected one, only when asked for: struck through,
// red, with where it is printed and which erratum corrects it.
QString DerivationHtml::printed(const QString &formula, const QString &where,
                                const QString &erratum) const
{
    if (!m_printed)
        return QString();
    return QStringLiteral(
               "<br/><span class=\"printed\">%1</span> <span class=\"erratum\">%2</span>")
        .arg(formula, tr("printed in the note %1 · %2").arg(where, erratum));
}

QString DerivationHtml::share(double part) const
{
    return format::percent(m_totals.forward > 0 ? part / m_totals.forward : 0);
}

QString DerivationHtml::coreFormula() const // one of QKᵀ, scores·V, per layer
{
    const QString full = m_square ? QStringLiteral("2bs²h") : QStringLiteral("2bns²d");
    return m_causal ? QStringLiteral("½·") + full : full;
}

QString DerivationHtml::coreSumFormula() const // both, per layer
{
    if (m_square)
        return m_causal ? QStringLiteral("2bs²h") : QStringLiteral("4bs²h");
    return m_causal ? QStringLiteral("2bns²d") : QStringLiteral("4bns²d");
}

QString DerivationHtml::layerFormula() const
{
    const QString mlp = m_sc.model.gatedMlp ? QStringLiteral("6bshĥ") : QStringLiteral("4bshĥ");
    if (m_square)
        return QStringLiteral("4bsh² + 4bsh²/r + %1 + %2").arg(coreSumFormula(), mlp);
    return QStringLiteral("4bsh·nd + 4bsh·n_kv·d + %1 + %2").arg(coreSumFormula(), mlp);
}
QString DerivationHtml::esc(const QString &text)
{
    return text.toHtmlEscaped();
}

// A formula in the note's symbols.
QString DerivationHtml::f(const QString &formula)
{
    return QStringLiteral("<span class=\"f\">%1</span>").arg(formula);
}

// Today's numbers substituted into a formula.
QString DerivationHtml::nums(const QString &text)
{
    return QStringLiteral("<span class=\"num\">%1</span>").arg(text);
}

QString DerivationHtml::n(std::int64_t value)
{
    return QString::number(value);
}

// Bracket terms and ratios: three significant digits, never an exponent a reader must decode.
QString DerivationHtml::ratio(double value)
{
    if (!std::isfinite(value))
        return QStringLiteral("—");
    if (std::fabs(value) >= 1000 || std::fabs(value) < 1e-4)
        return QLocale()
            .toString(value, 'f', 6)
            .remove(QRegularExpression(QStringLiteral("\\.?0+$")));
    return QLocale().toString(value, 'g', 3);
}

QString DerivationHtml::exact(double value)
{
    return QLocale().toString(qlonglong(std::llround(value)));
}

QString DerivationHtml::alignOf(const Cell &c)
{
    return c.center  ? QStringLiteral("center")
           : c.right ? QStringLiteral("right")
                     : QStringLiteral("left");
}

} // namespace mfu::gui
