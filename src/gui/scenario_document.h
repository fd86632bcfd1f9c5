#pragma once

#include "document_state.h"
#include "scenario_fields.h"

#include "engine/evaluate.h"
#include "engine/result.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

class QUndoStack;

namespace mfu::gui {

// Owns the scenario being explored, its evaluation and the undo stack; every view reads from
// it and every edit goes through it. "Modified" is the undo stack not being clean.
class ScenarioDocument : public QObject
{
    Q_OBJECT

public:
    explicit ScenarioDocument(QObject *parent = nullptr);
    ~ScenarioDocument() override;

    const DocumentState &state() const { return m_state; }
    const engine::Scenario &scenario() const { return m_state.scenario; }
    // The evaluation of the current state, or the error that stops it.
    const engine::Result<engine::Evaluation> &evaluation() const { return m_evaluation; }
    // Why the scenario's measured figure is left out of the evaluation (it implies more than
    // 100% MFU for the scenario as edited); empty when it is in.
    const QString &measuredNote() const { return m_measuredNote; }

    QUndoStack *undoStack() const { return m_undoStack; }
    bool isModified() const;
    const QString &filePath() const { return m_filePath; }
    QString displayName() const;

    // One edit, undoable. Consecutive edits with the same non-zero `mergeKey` become one undo
    // step (a slider drag); `label` names it in the Edit menu.
    void modify(const QString &label, int mergeKey,
                const std::function<void(DocumentState &)> &edit);
    void setField(Field f, double value, int mergeKey = 0);
    // A fresh merge key for one interaction (press to release of a slider).
    int beginInteraction();

    // Replaces the whole state as one undoable step (loading a run): not merged with earlier
    // edits.
    void replaceState(const DocumentState &state, const QString &label);
    // Replaces the whole state with no way back (New, Open, a restored session): the undo
    // stack starts empty and clean, so the document counts as unmodified.
    void reset(const DocumentState &state);
    // Loads a model shape; a dense one also sets EP and ETP back, which only experts use.
    void applyModelPreset(const QString &id);
    void applyHardwarePreset(const QString &id);
    void applySoftwarePreset(const QString &id);
    // Whether the GPU count is held while TP, PP and CP change (on by default): one undoable
    // step; every state that replaces the document afterwards holds its own count.
    bool holdsGpus() const { return m_holdGpus; }
    void setHoldGpus(bool hold);
    // True when the shape no longer equals the preset it started from.
    bool modelPresetModified() const;
    bool hardwarePresetModified() const;
    bool softwarePresetModified() const;

    // The pinned baseline: a snapshot the views compare against (not part of undo).
    void pinBaseline();
    void clearBaseline();
    const std::optional<DocumentState> &baseline() const { return m_baseline; }
    const std::optional<engine::Evaluation> &baselineEvaluation() const
    {
        return m_baselineEvaluation;
    }

    // File handling. Errors come back as one line naming the file and field.
    engine::Result<bool> load(const QString &path);
    // Atomic (QSaveFile); a symbolic link is followed to a regular file only (saveTarget).
    engine::Result<bool> save(const QString &path);
    void newDocument();
    void setFilePath(const QString &path);

    // The document as scenario@1 JSON text (with its "planning" block).
    QByteArray toJson() const;
    static engine::Result<DocumentState> fromJson(const QByteArray &text);

signals:
    void changed();     // state and evaluation changed
    void fileChanged(); // path or modified flag changed
    void modifiedChanged(bool modified);
    void baselineChanged();

private:
    // Only the undo command moves the state without pushing a command; views are told through
    // changed().
    friend class ChangeStateCommand;
    void setStateFromUndo(const DocumentState &state);
    void reevaluate();
    // `state` holding its own GPU count, or none, as the document does.
    DocumentState withHeldGpus(DocumentState state) const;

    DocumentState m_state;
    engine::Result<engine::Evaluation> m_evaluation;
    QString m_measuredNote;
    QUndoStack *m_undoStack;
    QString m_filePath;
    int m_nextInteraction = 1;
    bool m_holdGpus = true;
    std::optional<DocumentState> m_baseline;
    std::optional<engine::Evaluation> m_baselineEvaluation;
};

} // namespace mfu::gui
