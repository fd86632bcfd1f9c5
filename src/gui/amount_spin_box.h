#pragma once

#include <QDoubleSpinBox>

#include <optional>

namespace mfu::gui {

// A spin box that shows a large amount in a unit (the token budget in billions, " B") and takes
// it typed the way people write such amounts: "15T", "15 trillion", "500M", "2,000 B" or a
// plain count in scientific notation ("1.5e13"). A bare number is in the box's unit, unless it
// lies beyond the box's range in that unit, where only a plain count makes sense.
class AmountSpinBox : public QDoubleSpinBox
{
    Q_OBJECT

public:
    // `unit`: the amount one step of the shown value stands for (1e9 for billions).
    explicit AmountSpinBox(double unit, QWidget *parent = nullptr);

    // The amount `text` spells, in the box's unit; nullopt when it spells none. `maxShown` is
    // the largest value the box shows, past which a bare number is read as a plain count.
    static std::optional<double> parse(const QString &text, double unit, double maxShown);

protected:
    double valueFromText(const QString &text) const override;
    QValidator::State validate(QString &text, int &pos) const override;

private:
    QString withoutSuffix(const QString &text) const;

    double m_unit;
};

} // namespace mfu::gui
