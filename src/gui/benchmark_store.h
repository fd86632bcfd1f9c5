#pragma once

#include "engine/result.h"
#include "engine/scenario.h"
#include "io/benchmark_import.h"
#include "io/run_comparison.h"

#include <QObject>
#include <QString>

#include <optional>
#include <vector>

namespace mfu::gui {

// One imported (or built-in) run with what the engine says about it, evaluated once.
struct BenchmarkRun
{
    io::ImportedRun run;
    std::optional<io::RunComparison> comparison; // absent when the engine rejects the run
    QString set;                                 // file name or "published runs"
    bool reference = false;                      // part of the built-in published set
};

// A run as the MFU curve draws it: its measured MFU (a fraction) counted under the curve's
// conventions.
struct MeasuredPoint
{
    const BenchmarkRun *run = nullptr;
    double mfu = 0;
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
    // The visible runs the engine accepts under `conventions`, in the order of visibleRuns(),
    // with their measured MFU counted under them. Kept until the conventions or the runs
    // change, so that moving a slider does not evaluate every run again.
    const std::vector<MeasuredPoint> &measuredUnder(const engine::Conventions &conventions) const;

signals:
    void changed();

private:
    void loadReference();
    void runsChanged();

    std::vector<BenchmarkRun> m_imported;
    std::vector<BenchmarkRun> m_reference;
    bool m_showReference = false;
    // measuredUnder()'s answer and the conventions it holds for; empty when the runs changed.
    mutable std::optional<engine::Conventions> m_measuredConventions;
    mutable std::vector<MeasuredPoint> m_measured;
};

} // namespace mfu::gui
