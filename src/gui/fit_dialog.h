#pragma once

#include "engine/calibration.h"

#include <QDialog>

#include <optional>

class QLabel;
class QPushButton;
class QTableWidget;

namespace mfu::gui {

class BenchmarkStore;
class ScenarioDocument;

// Fits the current hardware's efficiency knobs to the imported runs and shows what changed:
// each knob before and after, the step-time error before and after, and the knobs the fit
// pushed onto a physical limit. The result can be applied to the scenario or saved as a user
// hardware preset.
class FitDialog : public QDialog
{
    Q_OBJECT

public:
    FitDialog(ScenarioDocument *document, const BenchmarkStore *store, QWidget *parent = nullptr);

    // The fit's outcome (for tests), or nullopt when it failed (the message says why).
    const std::optional<engine::CalibrationResult> &result() const { return m_result; }
    QString message() const;
    void apply();
    // Writes the fitted hardware as a user preset; the path written, or the error.
    engine::Result<std::string> saveAsPreset(const QString &id);

private:
    void runFit();

    ScenarioDocument *m_document;
    const BenchmarkStore *m_store;
    std::vector<engine::KnobSpec> m_knobs;
    std::optional<engine::CalibrationResult> m_result;
    QLabel *m_message;
    QTableWidget *m_table;
    QPushButton *m_apply;
    QPushButton *m_save;
};

} // namespace mfu::gui
