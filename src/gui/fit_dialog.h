#pragma once

#include "engine/calibration.h"
#include "io/knob_fit.h"

#include <QDialog>

#include <optional>
#include <string>

class QLabel;
class QPushButton;
class QTableWidget;

namespace mfu::gui {

class BenchmarkStore;
class ScenarioDocument;

// Fits the imported runs' device's efficiency knobs to their step times (io::planKnobFit, the
// fit the command line's --fit runs) and shows what changed: each knob before and after, the
// step-time error before and after, and the knobs the fit pushed onto a physical limit. The
// knobs can be applied to the scenario, or the fitted device saved as a user hardware preset.
class FitDialog : public QDialog
{
    Q_OBJECT

public:
    FitDialog(ScenarioDocument *document, const BenchmarkStore *store, QWidget *parent = nullptr);

    // The fit's outcome (for tests), or nullopt when it failed (the message says why).
    const std::optional<engine::CalibrationResult> &result() const { return m_result; }
    QString message() const;
    void apply();
    // Writes the fitted device (io::fittedHardware) as a user preset; the path written, or the
    // error.
    engine::Result<std::string> saveAsPreset(const QString &id);

private:
    void runFit();

    ScenarioDocument *m_document;
    const BenchmarkStore *m_store;
    io::KnobFitPlan m_plan; // of the fit that succeeded
    std::optional<engine::CalibrationResult> m_result;
    std::string m_label; // the files the runs came from
    QLabel *m_message;
    QTableWidget *m_table;
    QPushButton *m_apply;
    QPushButton *m_save;
};

} // namespace mfu::gui
