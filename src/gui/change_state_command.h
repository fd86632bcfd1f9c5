#pragma once

#include "document_state.h"

#include <QUndoCommand>

namespace mfu::gui {

class ScenarioDocument;

// The one undo command: the whole state before and after. A scenario is a few hundred bytes,
// so snapshots are simpler and safer than per-field inverse operations. Commands with the
// same non-zero merge key (one slider drag) collapse into one step.
class ChangeStateCommand : public QUndoCommand
{
public:
    ChangeStateCommand(ScenarioDocument *document, const DocumentState &before,
                       const DocumentState &after, const QString &label, int mergeKey);

    void undo() override;
    void redo() override;
    int id() const override { return m_mergeKey == 0 ? -1 : 1; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    ScenarioDocument *m_document;
    DocumentState m_before;
    DocumentState m_after;
    int m_mergeKey;
};

} // namespace mfu::gui
