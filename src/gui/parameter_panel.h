#pragma once

#include "scenario_fields.h"

#include <QWidget>

#include <map>
#include <optional>
#include <string>
#include <vector>

class QCheckBox;
class QGridLayout;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLayout;
class QLineEdit;
class QSlider;

namespace mfu::gui {

class ScenarioDocument;

// Every symbol of the derivation as a slider with a spin box, plus the switches and choices
// of the scenario. Edits go to the document; the panel only mirrors it and marks the field an
// evaluation error names, without ever blocking typing.
class ParameterPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ParameterPanel(ScenarioDocument *document, QWidget *parent = nullptr);

    // For tests and keyboard navigation.
    QSlider *slider(Field f) const;
    QDoubleSpinBox *spinBox(Field f) const;
    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *modelPresetBox() const { return m_modelPreset; }
    QComboBox *hardwarePresetBox() const { return m_hardwarePreset; }
    QComboBox *softwarePresetBox() const { return m_softwarePreset; }
    // The field an evaluation error is shown on, if any.
    std::optional<Field> markedField() const { return m_markedField; }
    // Refills the preset pickers from the library (after a preset was saved).
    void reloadPresets();

    // The check box or choice of a switch (gated MLP, recompute, …); nullptr for other fields.
    QWidget *control(Field f) const;
    // Whether the field's row is shown: the MoE and MLA rows only for the models they apply to,
    // or while an evaluation error names one of them.
    bool isFieldShown(Field f) const;

    static int sliderPosition(const FieldInfo &info, double value);
    static double sliderValue(const FieldInfo &info, int position);
    static constexpr int kSliderSteps = 1000;

private:
    struct Row
    {
        QLabel *label = nullptr;
        QSlider *slider = nullptr;
        QDoubleSpinBox *spin = nullptr;
    };

    static void fillPresetBox(QComboBox *box, const std::vector<std::string> &ids);
    QWidget *buildGroup(FieldGroup group, const QString &title);
    QLayout *buildNameRow();
    void addFieldRow(QGridLayout *grid, int row, const FieldInfo &info);
    void addSwitch(QGridLayout *grid, int &row, const FieldInfo &info);
    void refresh();
    // Puts the field's value into its slider (unless a drag holds it) and spin box.
    void showValue(Field field, Row &row);
    void markError();
    // Shows the rows of the fields that apply to the scenario's model, hides the others.
    void showApplicableRows();

    ScenarioDocument *m_document;
    std::map<Field, Row> m_rows;
    int m_dragKey = 0;
    std::optional<Field> m_markedField; // the row an evaluation error is shown on
    QLineEdit *m_name = nullptr;
    QComboBox *m_modelPreset = nullptr;
    QComboBox *m_hardwarePreset = nullptr;
    QComboBox *m_softwarePreset = nullptr;
    // Check boxes and choices, built from the schema rows the panel shows that way.
    std::map<Field, QCheckBox *> m_checks;
    std::map<Field, QComboBox *> m_choices;
    // The widgets of the rows that only some models show (PanelCondition), by field.
    std::map<Field, std::vector<QWidget *>> m_conditionalRows;
    QLabel *m_errorLabel = nullptr;
};

} // namespace mfu::gui
