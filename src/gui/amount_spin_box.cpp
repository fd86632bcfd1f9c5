#include "amount_spin_box.h"

#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <cmath>

namespace mfu::gui {
namespace {

struct Scale
{
    const char *name;
    double factor;
};

// Short and long scale words, case-insensitive: "15T", "15 trillion", "500 M". G is the SI
// letter some write for billions.
constexpr std::array<Scale, 10> kScales{{{"k", 1e3},
                                         {"thousand", 1e3},
                                         {"m", 1e6},
                                         {"million", 1e6},
                                         {"b", 1e9},
                                         {"g", 1e9},
                                         {"billion", 1e9},
                                         {"t", 1e12},
                                         {"trillion", 1e12},
                                         {"quadrillion", 1e15}}};

std::optional<double> number(const QString &text)
{
    bool ok = false;
    // The user's locale first ("2.000,5" in German), then the C locale ("1.5e13" anywhere).
    double v = QLocale().toDouble(text, &ok);
    if (!ok)
        v = QLocale::c().toDouble(QString(text).remove(QLatin1Char(',')), &ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

} // namespace

AmountSpinBox::AmountSpinBox(double unit, QWidget *parent) : QDoubleSpinBox(parent), m_unit(unit) {}

std::optional<double> AmountSpinBox::parse(const QString &text, double unit, double maxShown)
{
    static const QRegularExpression amount(
        QStringLiteral("^\\s*([-+0-9.,eE]+)\\s*([A-Za-z]*)\\s*$"));
    const QRegularExpressionMatch m = amount.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const std::optional<double> v = number(m.captured(1));
    if (!v)
        return std::nullopt;
    const QString word = m.captured(2).toLower();
    if (word.isEmpty())
        return std::fabs(*v) > maxShown ? *v / unit : *v;
    for (const Scale &s : kScales)
        if (word == QLatin1String(s.name))
            return *v * s.factor / unit;
    return std::nullopt;
}

QString AmountSpinBox::withoutSuffix(const QString &text) const
{
    // The box's own suffix (" B", or its translation) stays behind what is typed before it
    // ("15T B"): it names the unit the rest is read in, so it goes.
    const QString suffix = this->suffix().trimmed();
    QString t = text.trimmed();
    if (!suffix.isEmpty() && t.endsWith(suffix))
        t.chop(suffix.size());
    return t.trimmed();
}

double AmountSpinBox::valueFromText(const QString &text) const
{
    const std::optional<double> v = parse(withoutSuffix(text), m_unit, maximum());
    return v ? std::clamp(*v, minimum(), maximum()) : value();
}

QValidator::State AmountSpinBox::validate(QString &text, int &) const
{
    const QString t = withoutSuffix(text);
    if (parse(t, m_unit, maximum()))
        return QValidator::Acceptable;
    // A number on its way to an amount: "1.", "1.5e", "15 tr".
    static const QRegularExpression partial(QStringLiteral("^\\s*[-+0-9.,eE]*\\s*[A-Za-z]*\\s*$"));
    return partial.match(t).hasMatch() ? QValidator::Intermediate : QValidator::Invalid;
}

} // namespace mfu::gui
