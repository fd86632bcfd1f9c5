#include "format.h"

#include <QLocale>

#include <cmath>

namespace mfu::gui::format {

namespace {

// Three significant digits, a unit prefix every factor of 1000.
QString scaled(double value, const char *const *prefixes, int count, double base,
               const QString &unit)
{
    if (!std::isfinite(value))
        return QStringLiteral("—");
    int i = 0;
    double v = value;
    while (std::fabs(v) >= base && i < count - 1) {
        v /= base;
        ++i;
    }
    const int decimals = std::fabs(v) >= 100 ? 0 : std::fabs(v) >= 10 ? 1 : 2;
    return QStringLiteral("%1 %2%3")
        .arg(QLocale().toString(v, 'f', decimals), QString::fromUtf8(prefixes[i]), unit)
        .trimmed();
}

} // namespace

QString count(double value)
{
    if (std::fabs(value) < 1e4)
        return QLocale().toString(value, 'f', 0);
    static const char *prefixes[] = {"", "K", "M", "B", "T", "Q"};
    return scaled(value, prefixes, 6, 1000, QString());
}

QString flops(double value)
{
    static const char *prefixes[] = {"", "K", "M", "G", "T", "P", "E", "Z", "Y"};
    return scaled(value, prefixes, 9, 1000, QStringLiteral("FLOP"));
}

QString bytes(double value)
{
    static const char *prefixes[] = {"", "Ki", "Mi", "Gi", "Ti", "Pi"};
    return scaled(value, prefixes, 6, 1024, QStringLiteral("B"));
}

QString seconds(double value)
{
    if (!std::isfinite(value))
        return QStringLiteral("—");
    if (value >= 1)
        return QStringLiteral("%1 s").arg(QLocale().toString(value, 'f',
                                                             value >= 100  ? 0
                                                             : value >= 10 ? 1
                                                                           : 2));
    if (value >= 1e-3)
        return QStringLiteral("%1 ms").arg(
            QLocale().toString(value * 1e3, 'f', value >= 0.1 ? 0 : 1));
    return QStringLiteral("%1 µs").arg(QLocale().toString(value * 1e6, 'f', 1));
}

QString percent(double fraction)
{
    if (!std::isfinite(fraction))
        return QStringLiteral("—");
    return QStringLiteral("%1%").arg(QLocale().toString(fraction * 100, 'f', 1));
}

QString signedPercent(double fraction)
{
    // A rounding-level difference reads as none rather than "+0.0%" or "-0.0%".
    if (std::isfinite(fraction) && std::fabs(fraction) < 5e-4)
        return percent(0);
    return (fraction > 0 ? QStringLiteral("+") : QString()) + percent(fraction);
}

QString tflops(double value)
{
    if (!std::isfinite(value))
        return QStringLiteral("—");
    return QStringLiteral("%1 TFLOP/s").arg(QLocale().toString(value, 'f', value >= 100 ? 0 : 1));
}

QString duration(double s)
{
    if (!std::isfinite(s))
        return QStringLiteral("—");
    if (s >= 86400 * 2)
        return QObject::tr("%1 days").arg(
            QLocale().toString(s / 86400, 'f', s >= 86400 * 100 ? 0 : 1));
    if (s >= 3600)
        return QObject::tr("%1 h").arg(QLocale().toString(s / 3600, 'f', 1));
    return seconds(s);
}

QString money(double value)
{
    static const char *prefixes[] = {"", "K", "M", "B", "T"};
    return QStringLiteral("$") +
           scaled(value, prefixes, 5, 1000, QString()).remove(QLatin1Char(' '));
}

} // namespace mfu::gui::format
