#include "parameter_panel.h"

#include "amount_spin_box.h"
#include "scenario_document.h"
#include "scenario_title.h"

#include "io/preset_library.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace mfu::gui {

namespace {

QString trField(const char *text)
{
    return QCoreApplication::translate("ScenarioFields", text);
}

// The token budget is shown in billions so that its spin box stays readable.
double displayScale(Field f)
{
    return fieldInfo(f).slider.displayScale;
}

const char *kErrorBackground = "#fde2e1";
const char *kErrorStyle = "background: #fde2e1; border-radius: 3px;";

} // namespace

int ParameterPanel::sliderPosition(const FieldInfo &info, double value)
{
    const io::SliderRange &r = info.slider;
    const double v = std::clamp(value, r.min, r.max);
    double t = 0;
    if (r.logScale && r.min > 0)
        t = std::log(v / r.min) / std::log(r.max / r.min);
    else
        t = (v - r.min) / (r.max - r.min);
    return int(std::lround(t * kSliderSteps));
}

double ParameterPanel::sliderValue(const FieldInfo &info, int position)
{
    const io::SliderRange &r = info.slider;
    const double t = double(position) / kSliderSteps;
    const double raw =
        r.logScale && r.min > 0 ? r.min * std::pow(r.max / r.min, t) : r.min + t * (r.max - r.min);
    return snapFieldValue(info, raw);
}

ParameterPanel::ParameterPanel(ScenarioDocument *document, QWidget *parent)
    : QWidget(parent), m_document(document)
{
    auto *content = new QWidget;
    auto *column = new QVBoxLayout(content);
    column->setContentsMargins(4, 4, 4, 4);

    column->addLayout(buildNameRow());
    column->addWidget(buildGroup(FieldGroup::Model, tr("Model")));
    column->addWidget(buildGroup(FieldGroup::Batch, tr("Batch")));
    column->addWidget(buildGroup(FieldGroup::Parallel, tr("Parallel layout")));
    column->addWidget(buildGroup(FieldGroup::Hardware, tr("Hardware")));
    column->addWidget(buildGroup(FieldGroup::Software, tr("Software stack")));
    column->addWidget(buildGroup(FieldGroup::Conventions, tr("Counting")));
    column->addWidget(buildGroup(FieldGroup::Planning, tr("Planning")));
    column->addStretch();
    // Before the scroll area takes the rows: it keeps the size they first ask for, and rows
    // the model does not use must not widen it.
    showApplicableRows();

    auto *scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    // Below the rows, outside the scroll area: showing or hiding it must not shift the rows
    // under a slider being dragged.
    m_errorLabel = new QLabel;
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setContentsMargins(6, 4, 6, 4);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #a61b1b; font-weight: bold;"));
    m_errorLabel->hide();
    outer->addWidget(m_errorLabel);

    connect(m_document, &ScenarioDocument::changed, this, &ParameterPanel::refresh);
    refresh();
}

// The scenario's name: empty, it shows (greyed) the name taken from the contents, which
// follows every edit; whatever is typed is the name until it is cleared again.
QLayout *ParameterPanel::buildNameRow()
{
    m_name = new QLineEdit;
    m_name->setClearButtonEnabled(true);
    m_name->setToolTip(tr("The scenario's name in the title, the Derivation, exports and saved "
                          "files; empty, it is taken from the scenario's contents"));
    connect(m_name, &QLineEdit::editingFinished, this, [this] {
        const std::string name = m_name->text().trimmed().toStdString();
        if (name == m_document->scenario().name)
            return;
        m_document->modify(name.empty() ? tr("Name from the contents") : tr("Rename scenario"), 0,
                           [&](DocumentState &s) { s.scenario.name = name; });
    });
    auto *row = new QHBoxLayout;
    row->setContentsMargins(6, 0, 6, 4);
    row->addWidget(new QLabel(tr("Name")));
    row->addWidget(m_name, 1);
    return row;
}

void ParameterPanel::fillPresetBox(QComboBox *box, const std::vector<std::string> &ids)
{
    const QSignalBlocker blocker(box);
    box->clear();
    for (const std::string &id : ids)
        box->addItem(QString::fromStdString(id), QString::fromStdString(id));
}

void ParameterPanel::reloadPresets()
{
    fillPresetBox(m_modelPreset, io::PresetLibrary::instance().modelIds());
    fillPresetBox(m_hardwarePreset, io::PresetLibrary::instance().hardwareIds());
    fillPresetBox(m_softwarePreset, io::PresetLibrary::instance().softwareIds());
    refresh(); // selects the scenario's presets again, marked as before
}

QWidget *ParameterPanel::buildGroup(FieldGroup group, const QString &title)
{
    auto *box = new QGroupBox(title);
    auto *grid = new QGridLayout(box);
    grid->setColumnStretch(1, 1);
    grid->setVerticalSpacing(2);
    int row = 0;
    if (group == FieldGroup::Model) {
        m_modelPreset = new QComboBox;
        fillPresetBox(m_modelPreset, io::PresetLibrary::instance().modelIds());
        m_modelPreset->setToolTip(tr("Load a model shape; editing a field marks it modified"));
        connect(m_modelPreset, &QComboBox::activated, this, [this](int index) {
            m_document->applyModelPreset(m_modelPreset->itemData(index).toString());
        });
        grid->addWidget(new QLabel(tr("Preset")), row, 0);
        grid->addWidget(m_modelPreset, row++, 1, 1, 2);
    }
    if (group == FieldGroup::Hardware) {
        m_hardwarePreset = new QComboBox;
        fillPresetBox(m_hardwarePreset, io::PresetLibrary::instance().hardwareIds());
        m_hardwarePreset->setToolTip(tr("Load an accelerator's datasheet figures"));
        connect(m_hardwarePreset, &QComboBox::activated, this, [this](int index) {
            m_document->applyHardwarePreset(m_hardwarePreset->itemData(index).toString());
        });
        grid->addWidget(new QLabel(tr("Preset")), row, 0);
        grid->addWidget(m_hardwarePreset, row++, 1, 1, 2);
    }
    if (group == FieldGroup::Software) {
        m_softwarePreset = new QComboBox;
        fillPresetBox(m_softwarePreset, io::PresetLibrary::instance().softwareIds());
        m_softwarePreset->setToolTip(
            tr("Load a training stack: its attention kernel, overlaps and FP8 recipe"));
        connect(m_softwarePreset, &QComboBox::activated, this, [this](int index) {
            m_document->applySoftwarePreset(m_softwarePreset->itemData(index).toString());
        });
        grid->addWidget(new QLabel(tr("Preset")), row, 0);
        grid->addWidget(m_softwarePreset, row++, 1, 1, 2);
    }
    // Sliders first, then the switches, each in schema order.
    for (const FieldInfo &info : scenarioFields())
        if (info.group == group)
            addFieldRow(grid, row++, info);
    for (const FieldInfo &info : io::scenarioSchema())
        if (info.group == group &&
            (info.control == io::Control::Check || info.control == io::Control::Choice))
            addSwitch(grid, row, info);
    return box;
}

void ParameterPanel::addFieldRow(QGridLayout *grid, int row, const FieldInfo &info)
{
    Row r;
    r.label = new QLabel(
        QStringLiteral("%1  <i>%2</i>").arg(trField(info.label), QString::fromUtf8(info.symbol)));
    r.label->setToolTip(trField(info.tooltip));
    r.slider = new QSlider(Qt::Horizontal);
    r.slider->setRange(0, kSliderSteps);
    r.slider->setToolTip(trField(info.tooltip));
    const double scale = info.slider.displayScale;
    // A field shown in a unit (the token budget in billions) also takes "15T" or "1.5e13".
    r.spin = scale > 1 ? new AmountSpinBox(scale) : new QDoubleSpinBox;
    // The slider covers the usual range; the spin box shows and takes whatever a file may hold,
    // so that the value shown is always the value computed with.
    r.spin->setRange(std::min(info.min, info.slider.min) / scale,
                     std::max(info.max, info.slider.max) / scale);
    r.spin->setDecimals(info.slider.snap == Snap::Continuous ? (scale > 1 ? 1 : 2) : 0);
    r.spin->setKeyboardTracking(false); // typing "4096" is one edit, not four
    r.spin->setToolTip(trField(info.tooltip));
    r.spin->setMinimumWidth(r.spin->fontMetrics().horizontalAdvance(QStringLiteral("00000000.0")) +
                            24);
    if (scale > 1)
        r.spin->setSuffix(tr(" B"));
    // 0 below the slider's range, where it stands for something else (ETP 0: as TP).
    if (info.slider.zeroText)
        r.spin->setSpecialValueText(trField(info.slider.zeroText));

    const Field field = info.key;
    connect(r.slider, &QSlider::sliderPressed, this,
            [this] { m_dragKey = m_document->beginInteraction(); });
    // A slider may land away from where it points (snapping, sound layouts); once let go it
    // shows where the value landed.
    connect(r.slider, &QSlider::sliderReleased, this, [this, field] {
        m_dragKey = 0;
        showValue(field, m_rows[field]);
    });
    connect(r.slider, &QSlider::valueChanged, this, [this, field](int position) {
        const double wanted = sliderValue(fieldInfo(field), position);
        m_document->setField(field, sliderLandingValue(m_document->state(), field, wanted),
                             m_dragKey);
        showValue(field, m_rows[field]); // also when the value stayed and nothing was refreshed
    });
    connect(r.spin, &QDoubleSpinBox::valueChanged, this, [this, field](double shown) {
        const FieldInfo &fi = fieldInfo(field);
        m_document->setField(field, typedFieldValue(fi, shown * displayScale(field)));
    });

    grid->addWidget(r.label, row, 0);
    grid->addWidget(r.slider, row, 1);
    grid->addWidget(r.spin, row, 2);
    m_rows[field] = r;
    if (info.shownWhen != io::PanelCondition::Always)
        m_conditionalRows[field] = {r.label, r.slider, r.spin};
}

void ParameterPanel::addSwitch(QGridLayout *grid, int &row, const FieldInfo &info)
{
    const QString text = trField(info.label);
    const QString tip = trField(info.tooltip);
    const Field field = info.key;
    auto set = [this, field](const QString &label, double value) {
        m_document->modify(label, 0,
                           [&](DocumentState &s) { fieldInfo(field).set(s.scenario, value); });
    };
    if (info.control == io::Control::Check) {
        auto *box = new QCheckBox(text);
        box->setToolTip(tip);
        connect(box, &QCheckBox::toggled, this,
                [text, set](bool on) { set(tr("Toggle %1").arg(text), on ? 1 : 0); });
        grid->addWidget(box, row++, 0, 1, 3);
        m_checks[field] = box;
        if (info.shownWhen != io::PanelCondition::Always)
            m_conditionalRows[field] = {box};
        return;
    }
    auto *combo = new QComboBox;
    if (info.type == io::ValueType::Choice) {
        for (const io::ChoiceItem &item : info.choices())
            combo->addItem(trField(item.label), item.value);
    } else { // a small integer range (the ZeRO stage)
        for (int v = int(info.min); v <= int(info.max); ++v)
            combo->addItem(QString::number(v), v);
    }
    combo->setToolTip(tip);
    connect(combo, &QComboBox::activated, this, [combo, text, set](int index) {
        set(tr("Change %1").arg(text), combo->itemData(index).toInt());
    });
    auto *label = new QLabel(text);
    label->setToolTip(tip);
    grid->addWidget(label, row, 0);
    grid->addWidget(combo, row++, 1, 1, 2);
    m_choices[field] = combo;
    if (info.shownWhen != io::PanelCondition::Always)
        m_conditionalRows[field] = {label, combo};
}

QWidget *ParameterPanel::control(Field f) const
{
    if (auto it = m_checks.find(f); it != m_checks.end())
        return it->second;
    if (auto it = m_choices.find(f); it != m_choices.end())
        return it->second;
    return nullptr;
}

bool ParameterPanel::isFieldShown(Field f) const
{
    auto it = m_conditionalRows.find(f);
    return it == m_conditionalRows.end() || !it->second.front()->isHidden();
}

QSlider *ParameterPanel::slider(Field f) const
{
    auto it = m_rows.find(f);
    return it == m_rows.end() ? nullptr : it->second.slider;
}

QDoubleSpinBox *ParameterPanel::spinBox(Field f) const
{
    auto it = m_rows.find(f);
    return it == m_rows.end() ? nullptr : it->second.spin;
}

void ParameterPanel::refresh()
{
    const DocumentState &state = m_document->state();
    const engine::Scenario &sc = state.scenario;
    if (!m_name->hasFocus() || m_name->text().isEmpty()) {
        const QSignalBlocker b(m_name);
        m_name->setText(QString::fromStdString(sc.name));
    }
    m_name->setPlaceholderText(contentsTitle(sc));
    for (auto &[field, row] : m_rows)
        showValue(field, row);
    for (auto &[field, box] : m_checks) {
        const QSignalBlocker b(box);
        box->setChecked(fieldValue(state, field) != 0);
    }
    for (auto &[field, combo] : m_choices) {
        const QSignalBlocker b(combo);
        combo->setCurrentIndex(combo->findData(int(fieldValue(state, field))));
    }

    auto showPreset = [](QComboBox *combo, const std::string &id, bool modified) {
        const QSignalBlocker b(combo);
        const int index = combo->findData(QString::fromStdString(id));
        // Item texts change only when they differ: each setItemText repaints the combo box.
        for (int i = 0; i < combo->count(); ++i) {
            const QString name = combo->itemData(i).toString();
            const QString text = i == index && modified ? tr("%1 (modified)").arg(name) : name;
            if (combo->itemText(i) != text)
                combo->setItemText(i, text);
        }
        if (index < 0) {
            combo->setCurrentIndex(-1);
            combo->setPlaceholderText(tr("custom"));
            return;
        }
        combo->setCurrentIndex(index);
    };
    showPreset(m_modelPreset, sc.modelPreset, m_document->modelPresetModified());
    showPreset(m_hardwarePreset, sc.hardwarePreset, m_document->hardwarePresetModified());
    showPreset(m_softwarePreset, sc.softwarePreset, m_document->softwarePresetModified());
    markError();
    showApplicableRows();
}

void ParameterPanel::showApplicableRows()
{
    const engine::Scenario &sc = m_document->scenario();
    for (const auto &[field, widgets] : m_conditionalRows) {
        // Rows of the kind an error names stay in view, even where the model has no use for
        // them (a file with EP 8 for a dense model).
        const io::PanelCondition when = fieldInfo(field).shownWhen;
        const bool shown = fieldShown(fieldInfo(field), sc) ||
                           (m_markedField && fieldInfo(*m_markedField).shownWhen == when);
        // setVisible returns at once where nothing changes: a slider step lays nothing out.
        for (QWidget *w : widgets)
            w->setVisible(shown);
    }
}

void ParameterPanel::showValue(Field field, Row &row)
{
    const double value = fieldValue(m_document->state(), field);
    const QSignalBlocker b1(row.slider), b2(row.spin);
    // While dragging, the slider owns its position; snapping must not make it jump back.
    if (!row.slider->isSliderDown())
        row.slider->setValue(sliderPosition(fieldInfo(field), value));
    // A spin box repaints on every setValue, even to its own value; a slider step changes
    // one or two fields, and repainting every other row doubled the cost of a step.
    const double shown = value / displayScale(field);
    if (row.spin->value() != row.spin->valueFromText(row.spin->textFromValue(shown)))
        row.spin->setValue(shown);
}

void ParameterPanel::markError()
{
    const auto &ev = m_document->evaluation();
    std::optional<Field> marked;
    QString message;
    if (!ev.ok()) {
        Field field;
        if (fieldForErrorPath(ev.error().field, &field))
            marked = field;
        message = QString::fromStdString(ev.error().message);
    }
    // Style sheets are set only when the marked field changes: re-setting them on every slider
    // step re-polishes and repaints every row, which costs more than the engine and the charts.
    if (marked != m_markedField) {
        auto mark = [&](Field f, bool on) {
            Row &row = m_rows[f];
            row.label->setStyleSheet(on ? QString::fromLatin1(kErrorStyle) : QString());
            // A palette, not a style sheet, for the spin box: a style sheet replaces the
            // style's own arrows with bare ones.
            QPalette palette = row.spin->style()->standardPalette();
            if (on)
                palette.setColor(QPalette::Base, QColor(kErrorBackground));
            row.spin->setPalette(palette);
            if (!on)
                row.spin->setToolTip(trField(fieldInfo(f).tooltip));
        };
        if (m_markedField)
            mark(*m_markedField, false);
        if (marked)
            mark(*marked, true);
        m_markedField = marked;
    }
    if (marked)
        m_rows[*marked].spin->setToolTip(message);
    if (ev.ok()) {
        m_errorLabel->hide();
        return;
    }
    m_errorLabel->setText(QString::fromStdString(ev.error().toString()));
    m_errorLabel->show();
}

} // namespace mfu::gui
