#pragma once

#include "engine/evaluate.h"
#include "io/benchmark_import.h"

#include <QObject>
#include <QString>

#include <vector>

namespace mfu::gui {

// One imported (or built-in) run with what the engine says about it, evaluated once.
struct BenchmarkRun
{
    io::ImportedRun run;
    std::optional<engine::Evaluation> evaluation; // measured and predicted side by side
    QString set;                                  // file name or "published runs"
    bool reference = false;                       // part of the built-in published set
};

// The benchmark timings laid over the predictions: every file imported this session plus,
// on request, the published reference runs. Separate from the scenario and its undo stack:
// importing never changes the scenario, and a failed import loses nothing.
class BenchmarkStore : public QObject
{
    Q_OBJECT

public:
    explicit BenchmarkStore(QObject *parent = nullptr);

    // Reads and parses a file; what it lacks comes from `current`. Returns the number of runs
    // added, or the error naming the file and line.
    engine::Result<int> importFile(const QString &path, const engine::Scenario &current);
    engine::Result<int> importText(const QByteArray &text, const QString &name,
                                   const engine::Scenario &current);

    void setShowReference(bool show);
    bool showReference() const { return m_showReference; }
    void clearImported();

    // The runs to show: imported ones first, then (when shown) the reference set.
    std::vector<const BenchmarkRun *> visibleRuns() const;
    const std::vector<BenchmarkRun> &importedRuns() const { return m_imported; }

signals:
    void changed();

private:
    void loadReference();

    std::vector<BenchmarkRun> m_imported;
    std::vector<BenchmarkRun> m_reference;
    bool m_showReference = false;
};

} // namespace mfu::gui
