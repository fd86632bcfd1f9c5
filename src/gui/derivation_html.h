#pragma once

#include "engine/conventions_table.h"
#include "engine/evaluate.h"
#include "engine/flops.h"
#include "engine/params.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QList>
#include <QString>

#include <cstdint>

namespace mfu::gui {

// The Derivation tab's page, section by section. Every number comes from the engine
// (evaluate(), conventionsTable(), derivationTotals(), paramTerms()); this only substitutes and
// formats. The building blocks live in derivation_html.cpp, the sections that add up the exact
// sum (1–3) in derivation_sections_sum.cpp, those that set other counts against it (4–6)
// in derivation_sections_forms.cpp, and the step time (7) in derivation_sections_time.cpp.
class DerivationHtml
{
    // The strings keep the view's translation context, under which the .ts file holds them.
    Q_DECLARE_TR_FUNCTIONS(mfu::gui::DerivationView)

public:
    DerivationHtml(const engine::Scenario &sc, const engine::Evaluation &ev, bool printed,
                   const QFont &font);

    QString build();

private:
    struct Cell
    {
        QString text;
        bool right = false; // numbers align right, so that their digits line up
        int span = 1;
        bool center = false;
    };

    // ----- formatting -----

    static QString esc(const QString &text);
    static QString f(const QString &formula);
    static QString nums(const QString &text);
    static QString n(std::int64_t value);
    static QString ratio(double value);
    static QString exact(double value);
    static QString alignOf(const Cell &c);

    // ----- building blocks -----

    void h2(const QString &title);
    void para(const QString &html, const QString &cls = QString());
    void tableStart(const QList<Cell> &headers);
    void row(const QList<Cell> &cells, const QString &cls = QString(), bool bold = false);
    void tableEnd();
    int textWidth(const QString &html) const;
    QString printed(const QString &formula, const QString &where, const QString &erratum) const;
    QString share(double part) const;

    // ----- the formulas in symbols, as the note writes them when d = h/n -----

    QString coreFormula() const;    // one of QKᵀ, scores·V, per layer
    QString coreSumFormula() const; // both, per layer
    QString layerFormula() const;

    // ----- sections 1–3: the exact sum -----

    void intro();
    void symbols();

    // The numbers the module rows substitute into their GEMM shapes.
    struct ShapeNumbers
    {
        QString bs, H, nd, nkvd, F, S, D, heads;
    };
    ShapeNumbers shapeNumbers() const;
    static QString gemm(const QString &a, const QString &k, const QString &k2, const QString &c);
    void moduleRow(engine::Module mod, const QString &label, const QString &shape,
                   const QString &numbers, const QString &formula,
                   const QString &extra = QString());
    void attentionModules(const ShapeNumbers &x);
    void mlpModules(const ShapeNumbers &x);
    void outputModules(const ShapeNumbers &x);
    void expertAndLatentModules();
    void modules();

    void addingUp();
    void recomputeRow();
    void training();

    // ----- sections 4–6: other counts against it -----

    QString gptNumbers() const;
    QString llamaPrefix() const;
    void noteForms();
    void parameterForms();
    void closedForms();
    void conventions();
    void parameters();

    // ----- section 7: the step's seconds on the scenario's stack -----

    void stepTime();

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

} // namespace mfu::gui
