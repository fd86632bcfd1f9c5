#include "benchmark_store.h"

#include "read_file.h"

#include "io/preset_library.h"
#include "io/scenario_io.h"

#include <QFile>
#include <QFileInfo>

namespace mfu::gui {

namespace {

BenchmarkRun compared(io::ImportedRun run, const QString &set, bool reference)
{
    BenchmarkRun out;
    auto comparison = io::compareRun(run);
    if (comparison)
        out.comparison = std::move(comparison).value();
    out.run = std::move(run);
    out.set = set;
    out.reference = reference;
    return out;
}

} // namespace

BenchmarkStore::BenchmarkStore(QObject *parent) : QObject(parent) {}

engine::Result<int> BenchmarkStore::importFile(const QString &path, const engine::Scenario &current)
{
    const auto text = readRegularFile(path, qint64(io::kMaxImportBytes));
    if (!text)
        return text.error();
    return importText(text.value(), QFileInfo(path).fileName(), current);
}

engine::Result<int> BenchmarkStore::importText(const QByteArray &text, const QString &name,
                                               const engine::Scenario &current)
{
    const std::string fileName = name.toStdString();
    auto result = io::importBenchmarks(std::string_view(text.constData(), std::size_t(text.size())),
                                       fileName, current);
    if (!result)
        return result.error();
    int added = 0;
    for (io::ImportedRun &run : result.value().runs) {
        m_imported.push_back(compared(std::move(run), name, false));
        ++added;
    }
    runsChanged();
    return added;
}

void BenchmarkStore::setShowReference(bool show)
{
    if (show == m_showReference)
        return;
    m_showReference = show;
    if (show && m_reference.empty())
        loadReference();
    runsChanged();
}

void BenchmarkStore::clearImported()
{
    m_imported.clear();
    runsChanged();
}

void BenchmarkStore::runsChanged()
{
    m_measuredConventions.reset();
    m_measured.clear();
    emit changed();
}

void BenchmarkStore::loadReference()
{
    const std::string *text = io::PresetLibrary::builtin().benchmarkText("published_runs");
    if (!text)
        return;
    // The reference runs carry complete scenarios, so the base scenario does not matter.
    auto result = io::importBenchmarks(*text, "published_runs.json", io::defaultScenario());
    if (!result)
        return; // checked by the tests; a broken built-in set shows as an empty one
    const QString set = tr("published runs");
    for (io::ImportedRun &run : result.value().runs)
        m_reference.push_back(compared(std::move(run), set, true));
}

std::vector<const BenchmarkRun *> BenchmarkStore::visibleRuns() const
{
    std::vector<const BenchmarkRun *> out;
    for (const BenchmarkRun &r : m_imported)
        out.push_back(&r);
    if (m_showReference)
        for (const BenchmarkRun &r : m_reference)
            out.push_back(&r);
    return out;
}

const std::vector<MeasuredPoint> &
BenchmarkStore::measuredUnder(const engine::Conventions &conventions) const
{
    if (m_measuredConventions == conventions)
        return m_measured;
    m_measured.clear();
    for (const BenchmarkRun *b : visibleRuns())
        if (const auto mfu = io::measuredMfuUnder(b->run, conventions))
            m_measured.push_back({b, *mfu});
    m_measuredConventions = conventions;
    return m_measured;
}

} // namespace mfu::gui
