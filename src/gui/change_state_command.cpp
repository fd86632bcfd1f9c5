#include "change_state_command.h"

#include "scenario_document.h"

namespace mfu::gui {

ChangeStateCommand::ChangeStateCommand(ScenarioDocument *document, const DocumentState &before,
                                       const DocumentState &after, const QString &label,
                                       int mergeKey)
    : QUndoCommand(label), m_document(document), m_before(before), m_after(after),
      m_mergeKey(mergeKey)
{
}

void ChangeStateCommand::undo()
{
    m_document->setStateFromUndo(m_before);
}

void ChangeStateCommand::redo()
{
    m_document->setStateFromUndo(m_after);
}

bool ChangeStateCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const ChangeStateCommand *>(other);
    if (m_mergeKey == 0 || next->m_mergeKey != m_mergeKey)
        return false;
    m_after = next->m_after;
    // A drag that comes back to where it started changed nothing: the stack drops the step
    // (and is clean again if it was before the drag).
    setObsolete(m_after == m_before);
    return true;
}

} // namespace mfu::gui
