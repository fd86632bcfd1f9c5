#include "scenario_document.h"

#include "read_file.h"

#include "change_state_command.h"
#include "scenario_title.h"

#include "io/preset_library.h"
#include "io/scenario_io.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QUndoStack>

namespace mfu::gui {
namespace {

// A new document takes its name from its contents until the user names it.
engine::Scenario untitled(engine::Scenario sc)
{
    sc.name.clear();
    return sc;
}

} // namespace

ScenarioDocument::ScenarioDocument(QObject *parent)
    : QObject(parent), m_evaluation(engine::Error{"", "not evaluated"}),
      m_undoStack(new QUndoStack(this))
{
    m_state = withHeldGpus(DocumentState{untitled(io::defaultScenario())});
    reevaluate();
    connect(m_undoStack, &QUndoStack::cleanChanged, this, [this](bool clean) {
        emit modifiedChanged(!clean);
        emit fileChanged();
    });
}

ScenarioDocument::~ScenarioDocument() = default;

bool ScenarioDocument::isModified() const
{
    return !m_undoStack->isClean();
}

QString ScenarioDocument::displayName() const
{
    if (!m_filePath.isEmpty())
        return QFileInfo(m_filePath).fileName();
    return scenarioTitle(m_state.scenario);
}

void ScenarioDocument::modify(const QString &label, int mergeKey,
                              const std::function<void(DocumentState &)> &edit)
{
    DocumentState after = m_state;
    edit(after);
    m_undoStack->push(new ChangeStateCommand(this, m_state, after, label, mergeKey));
}

void ScenarioDocument::setField(Field f, double value, int mergeKey)
{
    if (fieldValue(m_state, f) == value)
        return;
    modify(tr("Change %1").arg(tr(fieldInfo(f).label)), mergeKey,
           [&](DocumentState &s) { setFieldValue(s, f, value); });
}

int ScenarioDocument::beginInteraction()
{
    return m_nextInteraction++;
}

void ScenarioDocument::replaceState(const DocumentState &state, const QString &label)
{
    m_undoStack->push(new ChangeStateCommand(this, m_state, withHeldGpus(state), label, 0));
}

DocumentState ScenarioDocument::withHeldGpus(DocumentState state) const
{
    state.heldGpus = m_holdGpus ? std::int64_t(state.scenario.parallel.gpus()) : 0;
    return state;
}

void ScenarioDocument::setHoldGpus(bool hold)
{
    if (hold == m_holdGpus)
        return;
    m_holdGpus = hold;
    modify(hold ? tr("Hold GPU count") : tr("Release GPU count"), 0,
           [&](DocumentState &s) { s = withHeldGpus(s); });
}

void ScenarioDocument::applyModelPreset(const QString &id)
{
    const io::ModelPreset *preset = io::PresetLibrary::instance().model(id.toStdString());
    if (!preset)
        return;
    modify(tr("Model preset %1").arg(id), 0, [&](DocumentState &s) {
        s.scenario.model = preset->shape;
        s.scenario.modelPreset = preset->id;
        // Expert parallelism applies only to experts: a dense model leaves it behind.
        if (!s.scenario.model.moe.enabled()) {
            s.scenario.parallel.ep = 1;
            s.scenario.parallel.etp = 0;
        }
    });
}

void ScenarioDocument::applyHardwarePreset(const QString &id)
{
    const io::HardwarePreset *preset = io::PresetLibrary::instance().hardware(id.toStdString());
    if (!preset)
        return;
    modify(tr("Hardware preset %1").arg(id), 0, [&](DocumentState &s) {
        s.scenario.hardware = preset->hardware;
        s.scenario.hardwarePreset = preset->id;
    });
}

void ScenarioDocument::applySoftwarePreset(const QString &id)
{
    const io::SoftwarePreset *preset = io::PresetLibrary::instance().software(id.toStdString());
    if (!preset)
        return;
    modify(tr("Software preset %1").arg(id), 0, [&](DocumentState &s) {
        s.scenario.software = preset->software;
        s.scenario.softwarePreset = preset->id;
    });
}

bool ScenarioDocument::softwarePresetModified() const
{
    const io::SoftwarePreset *preset =
        io::PresetLibrary::instance().software(m_state.scenario.softwarePreset);
    if (!preset)
        return false;
    engine::Software software = m_state.scenario.software;
    software.name = preset->software.name; // a label
    return software != preset->software;
}

bool ScenarioDocument::modelPresetModified() const
{
    const io::ModelPreset *preset =
        io::PresetLibrary::instance().model(m_state.scenario.modelPreset);
    if (!preset)
        return false;
    // The family is only a label (the switches decide the shape), so relabelling a preset's
    // shape does not make it another model.
    engine::ModelShape shape = m_state.scenario.model;
    shape.family = preset->shape.family;
    return shape != preset->shape;
}

bool ScenarioDocument::hardwarePresetModified() const
{
    const io::HardwarePreset *preset =
        io::PresetLibrary::instance().hardware(m_state.scenario.hardwarePreset);
    if (!preset)
        return false;
    // The marker is about the device: name and vendor are labels, and the efficiency knobs
    // describe the software running on it (a fit changes them), not the device the preset names.
    engine::Hardware hardware = m_state.scenario.hardware;
    hardware.name = preset->hardware.name;
    hardware.vendor = preset->hardware.vendor;
    hardware.knobs = preset->hardware.knobs;
    return hardware != preset->hardware;
}

void ScenarioDocument::pinBaseline()
{
    m_baseline = m_state;
    m_baselineEvaluation.reset();
    if (m_evaluation.ok())
        m_baselineEvaluation = m_evaluation.value();
    emit baselineChanged();
}

void ScenarioDocument::clearBaseline()
{
    m_baseline.reset();
    m_baselineEvaluation.reset();
    emit baselineChanged();
}

void ScenarioDocument::setStateFromUndo(const DocumentState &state)
{
    m_state = state;
    m_holdGpus = state.heldGpus > 0; // undoing the switch undoes the preference too
    reevaluate();
    emit changed();
}

void ScenarioDocument::reset(const DocumentState &state)
{
    m_state = withHeldGpus(state);
    reevaluate();
    m_undoStack->clear();
    emit changed();
}

void ScenarioDocument::reevaluate()
{
    m_measuredNote.clear();
    if (auto e = heldGpusError(m_state)) {
        m_evaluation = *e;
        return;
    }
    m_evaluation = engine::evaluate(m_state.scenario);
    // A measured figure belongs to the run it was measured on. Once an edit (a larger batch,
    // fewer GPUs) makes it imply more than 100% MFU, the what-if goes on without it, and the
    // figure's reason is said instead of blanking every view.
    if (!m_evaluation.ok() && m_evaluation.error().field.starts_with("measured") &&
        m_state.scenario.measured.kind != engine::Measured::Kind::None) {
        engine::Scenario without = m_state.scenario;
        without.measured = {};
        auto ev = engine::evaluate(without);
        if (ev.ok()) {
            m_measuredNote = tr("Measured figure left out: %1")
                                 .arg(QString::fromStdString(m_evaluation.error().toString()));
            m_evaluation = std::move(ev);
        }
    }
}

QByteArray ScenarioDocument::toJson() const
{
    return QByteArray::fromStdString(io::scenarioToJson(m_state.scenario).dump(2) + "\n");
}

engine::Result<DocumentState> ScenarioDocument::fromJson(const QByteArray &text)
{
    // Open accepts what --eval accepts, and nothing less strict.
    auto sc = io::parseScenario(std::string_view(text.constData(), std::size_t(text.size())));
    if (!sc)
        return sc.error();
    DocumentState state;
    state.scenario = std::move(sc).value();
    return state;
}

engine::Result<bool> ScenarioDocument::load(const QString &path)
{
    constexpr qint64 kMaxBytes = 64 << 20;
    const auto text = readRegularFile(path, kMaxBytes);
    if (!text)
        return text.error();
    auto state = fromJson(text.value());
    if (!state)
        return state.error();
    reset(state.value());
    setFilePath(path);
    return true;
}

engine::Result<bool> ScenarioDocument::save(const QString &path)
{
    const auto target = saveTarget(path);
    if (!target)
        return target.error();
    QSaveFile file(target.value());
    if (!file.open(QIODevice::WriteOnly))
        return engine::Error{"", file.errorString().toStdString()};
    const QByteArray text = toJson();
    if (file.write(text) != text.size() || !file.commit())
        return engine::Error{"", file.errorString().toStdString()};
    m_undoStack->setClean();
    setFilePath(path);
    return true;
}

void ScenarioDocument::newDocument()
{
    reset(DocumentState{untitled(io::defaultScenario())});
    setFilePath(QString());
}

void ScenarioDocument::setFilePath(const QString &path)
{
    m_filePath = path;
    emit fileChanged();
}

} // namespace mfu::gui
