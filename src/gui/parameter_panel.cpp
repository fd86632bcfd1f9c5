#include "parameter_panel.h"

#include "scenario_document.h"

#include "io/preset_library.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QVBoxLayout>

#include <cmath>

namespace mfu::gui {

namespace {

QString trField(const char *text)
{
    return QCoreApplication::translate("ScenarioFields", text);
}

// Shown in billions so that the spin box stays readable.
double displayScale(Field f)
{
    return f == Field::TokenBudget ? 1e9 : 1.0;
}

const char *kErrorBackground = "#fde2e1";
const char *kErrorStyle = "background: #fde2e1; border-radius: 3px;";

} // namespace

int ParameterPanel::sliderPosition(const FieldInfo &info, double value)
{
    const double v = std::clamp(value, info.min, info.max);
    double t = 0;
    if (info.logScale && info.min > 0)
        t = std::log(v / info.min) / std::log(info.max / info.min);
    else
        t = (v - info.min) / (info.max - info.min);
    return int(std::lround(t * kSliderSteps));
}

double ParameterPanel::sliderValue(const FieldInfo &info, int position)
{
    const double t = double(position) / kSliderSteps;
    const double raw = info.logScale && info.min > 0 ? info.min * std::pow(info.max / info.min, t)
                                                     : info.min + t * (info.max - info.min);
    return snapFieldValue(info, raw);
}

ParameterPanel::ParameterPanel(ScenarioDocument *document, QWidget *parent)
    : QWidget(parent), m_document(document)
{
    auto *content = new QWidget;
    auto *column = new QVBoxLayout(content);
    column->setContentsMargins(4, 4, 4, 4);

    column->addWidget(buildGroup(FieldGroup::Model, tr("Model")));
    column->addWidget(buildGroup(FieldGroup::Batch, tr("Batch")));
    column->addWidget(buildGroup(FieldGroup::Parallel, tr("Parallel layout")));
    column->addWidget(buildGroup(FieldGroup::Hardware, tr("Hardware")));
    column->addWidget(buildGroup(FieldGroup::Conventions, tr("Counting")));
    column->addWidget(buildGroup(FieldGroup::Planning, tr("Planning")));
    column->addStretch();

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
    for (const FieldInfo &info : scenarioFields())
        if (info.group == group)
            addFieldRow(grid, row++, info);
    buildSwitches(grid, row, group);
    return box;
}

void ParameterPanel::addFieldRow(QGridLayout *grid, int row, const FieldInfo &info)
{
    Row r;
    r.label = new QLabel(QStringLiteral("%1  <i>%2</i>").arg(trField(info.label),
                                                            QString::fromUtf8(info.symbol)));
    r.label->setToolTip(trField(info.tooltip));
    r.slider = new QSlider(Qt::Horizontal);
    r.slider->setRange(0, kSliderSteps);
    r.slider->setToolTip(trField(info.tooltip));
    r.spin = new QDoubleSpinBox;
    const double scale = displayScale(info.id);
    r.spin->setRange(info.min / scale, info.max / scale);
    r.spin->setDecimals(info.snap == Snap::Continuous ? (scale > 1 ? 1 : 2) : 0);
    r.spin->setKeyboardTracking(false); // typing "4096" is one edit, not four
    r.spin->setToolTip(trField(info.tooltip));
    r.spin->setMinimumWidth(r.spin->fontMetrics().horizontalAdvance(QStringLiteral("00000000.0")) + 24);
    if (scale > 1)
        r.spin->setSuffix(tr(" B"));

    const Field field = info.id;
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
        m_document->setField(field, sliderLandingValue(m_document->state(), field, wanted), m_dragKey);
        showValue(field, m_rows[field]); // also when the value stayed and nothing was refreshed
    });
    connect(r.spin, &QDoubleSpinBox::valueChanged, this, [this, field](double shown) {
        const FieldInfo &fi = fieldInfo(field);
        m_document->setField(field, snapFieldValue(fi, shown * displayScale(field)));
    });

    grid->addWidget(r.label, row, 0);
    grid->addWidget(r.slider, row, 1);
    grid->addWidget(r.spin, row, 2);
    m_rows[field] = r;
}

void ParameterPanel::buildSwitches(QGridLayout *grid, int &row, FieldGroup group)
{
    auto addCheck = [&](const QString &text, const QString &tip,
                        std::function<void(engine::Scenario &, bool)> set) {
        auto *box = new QCheckBox(text);
        box->setToolTip(tip);
        connect(box, &QCheckBox::toggled, this, [this, text, set](bool on) {
            m_document->modify(tr("Toggle %1").arg(text), 0,
                               [&](DocumentState &s) { set(s.scenario, on); });
        });
        grid->addWidget(box, row++, 0, 1, 3);
        return box;
    };
    auto addChoice = [&](const QString &text, const QString &tip, const QStringList &items,
                         std::function<void(engine::Scenario &, int)> set) {
        auto *combo = new QComboBox;
        combo->addItems(items);
        combo->setToolTip(tip);
        connect(combo, &QComboBox::activated, this, [this, text, set](int index) {
            m_document->modify(tr("Change %1").arg(text), 0,
                               [&](DocumentState &s) { set(s.scenario, index); });
        });
        auto *label = new QLabel(text);
        label->setToolTip(tip);
        grid->addWidget(label, row, 0);
        grid->addWidget(combo, row++, 1, 1, 2);
        return combo;
    };

    switch (group) {
    case FieldGroup::Model:
        m_gatedMlp = addCheck(tr("Gated MLP (SwiGLU)"),
                              tr("Three MLP matrices (up, gate, down) instead of two"),
                              [](engine::Scenario &s, bool on) { s.model.gatedMlp = on; });
        m_tiedEmbeddings = addCheck(tr("Tied embeddings"),
                                    tr("lm_head shares the token table: fewer parameters, same FLOPs"),
                                    [](engine::Scenario &s, bool on) { s.model.tiedEmbeddings = on; });
        break;
    case FieldGroup::Conventions:
        m_causal = addCheck(tr("Causal counting"),
                            tr("Count only the unmasked half of QKᵀ and scores·V, as FlashAttention runs it"),
                            [](engine::Scenario &s, bool on) { s.conventions.causal = on; });
        m_convention = addChoice(tr("FLOPs convention"),
                                 tr("How model FLOPs are counted: exact sum, 6N, PaLM (6N + 12·L·n·d·s) or Megatron's closed form"),
                                 {tr("exact"), tr("6N"), tr("PaLM"), tr("Megatron")},
                                 [](engine::Scenario &s, int i) { s.conventions.flops = engine::FlopsConvention(i); });
        break;
    case FieldGroup::Parallel:
        m_sequenceParallel = addCheck(tr("Sequence parallel"),
                                      tr("Shard norms and dropout over TP: all-reduce becomes reduce-scatter + all-gather"),
                                      [](engine::Scenario &s, bool on) { s.parallel.sequenceParallel = on; });
        m_recompute = addChoice(tr("Recompute"),
                                tr("none; selective: recompute the attention core; full: recompute every layer's forward"),
                                {tr("none"), tr("selective"), tr("full")},
                                [](engine::Scenario &s, int i) { s.recompute = engine::Recompute(i); });
        m_zero = addChoice(tr("ZeRO stage"),
                           tr("0: replicate; 1: shard optimizer; 2: + gradients; 3: + weights (FSDP)"),
                           {QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")},
                           [](engine::Scenario &s, int i) { s.parallel.zero = i; });
        break;
    case FieldGroup::Hardware:
        m_precision = addChoice(tr("Precision"),
                                tr("GEMM precision; FP8 runs GEMMs at the FP8 peak and divides MFU by it"),
                                {QStringLiteral("BF16"), QStringLiteral("FP16"), QStringLiteral("FP8")},
                                [](engine::Scenario &s, int i) { s.precision = engine::Precision(i); });
        break;
    case FieldGroup::Batch:
    case FieldGroup::Planning:
        break;
    }
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
    for (auto &[field, row] : m_rows)
        showValue(field, row);
    auto setCombo = [](QComboBox *combo, int index) {
        const QSignalBlocker b(combo);
        combo->setCurrentIndex(index);
    };
    auto setCheck = [](QCheckBox *box, bool on) {
        const QSignalBlocker b(box);
        box->setChecked(on);
    };
    setCheck(m_gatedMlp, sc.model.gatedMlp);
    setCheck(m_tiedEmbeddings, sc.model.tiedEmbeddings);
    setCheck(m_causal, sc.conventions.causal);
    setCheck(m_sequenceParallel, sc.parallel.sequenceParallel);
    setCombo(m_recompute, int(sc.recompute));
    setCombo(m_zero, sc.parallel.zero);
    setCombo(m_precision, int(sc.precision));
    setCombo(m_convention, int(sc.conventions.flops));

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
    markError();
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
