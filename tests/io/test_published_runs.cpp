// Published training runs (tests/data/published_runs.json, generated from
// validation/published_runs.json by tests/data/make_published_runs.py): with each source's FLOPs
// convention, peak and throughput as the measured figure, the engine must reproduce the MFU,
// HFU or TFLOP/s the source reported.

#include "engine/evaluate.h"
#include "io/preset_library.h"
#include "io/scenario_io.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#ifndef MFU_TEST_DATA_DIR
#error "MFU_TEST_DATA_DIR must name the tests/data folder"
#endif

namespace {

using nlohmann::json;

constexpr double kUtilizationTolerance = 0.005; // 0.5 MFU points, absolute
constexpr double kTflopsTolerance = 0.01;       // 1 %, relative

struct GroupCount
{
    int checked = 0;
    int passed = 0;
    int skipped = 0;
};

std::string number(double v)
{
    std::ostringstream out;
    out.precision(6);
    out << v;
    return out.str();
}

} // namespace

class PublishedRunsTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void reproducesReportedFigures_data();
    void reproducesReportedFigures();
    void cleanupTestCase();

private:
    json m_runs;
    std::map<std::string, GroupCount> m_groups;
};

void PublishedRunsTest::initTestCase()
{
    const std::string path = std::string(MFU_TEST_DATA_DIR) + "/published_runs.json";
    std::ifstream in(path);
    QVERIFY2(in.good(), ("cannot open " + path).c_str());
    try {
        m_runs = json::parse(in);
    } catch (const json::exception &e) {
        QFAIL((path + ": " + e.what()).c_str());
    }
    QVERIFY2(m_runs.is_array() && !m_runs.empty(), "expected a non-empty array of runs");
}

void PublishedRunsTest::reproducesReportedFigures_data()
{
    QTest::addColumn<int>("index");
    for (std::size_t i = 0; i < m_runs.size(); ++i) {
        const std::string id = m_runs[i].at("id").get<std::string>();
        QTest::newRow(id.c_str()) << int(i);
    }
}

void PublishedRunsTest::reproducesReportedFigures()
{
    QFETCH(int, index);
    const json &run = m_runs.at(std::size_t(index));
    const std::string group = run.at("source_group").get<std::string>();
    GroupCount &count = m_groups[group];

    // Every scenario must be a valid document, skipped runs included.
    const auto sc =
        mfu::io::parseScenarioJson(run.at("scenario"), mfu::io::PresetLibrary::builtin());
    QVERIFY2(sc.ok(), ("scenario: " + (sc.ok() ? std::string() : sc.error().toString())).c_str());
    const auto ev = mfu::engine::evaluate(*sc);
    QVERIFY2(ev.ok(), ("evaluate: " + (ev.ok() ? std::string() : ev.error().toString())).c_str());
    QVERIFY2(ev->measured.has_value(), "the scenario has no measured figure");
    const mfu::engine::Utilization &m = *ev->measured;
    const json &reported = run.at("reported");

    if (!run.at("skip_reason").is_null()) {
        ++count.skipped;
        QSKIP(run.at("skip_reason").get<std::string>().c_str());
    }
    ++count.checked;

    // The published parameter count, where the source gives one (N of 6N).
    if (reported.contains("params_total") && !reported.at("params_total").is_null()) {
        const double published = reported.at("params_total").get<double>();
        QVERIFY2(std::fabs(ev->params.total - published) <= 0.5,
                 ("parameters " + number(ev->params.total) + ", published " + number(published))
                     .c_str());
    }

    std::vector<std::string> checks{run.at("check").get<std::string>()};
    if (run.contains("also_check"))
        for (const json &c : run.at("also_check"))
            checks.push_back(c.get<std::string>());
    QVERIFY2(checks.front() != "none", "a run without a skip_reason must check a figure");

    for (const std::string &check : checks) {
        if (check == "mfu" || check == "hfu") {
            const json &want = reported.at(check);
            QVERIFY2(!want.is_null(), ("check " + check + " but the source reports none").c_str());
            const double expected = want.get<double>();
            const double actual = check == "mfu" ? m.mfu : m.hfu;
            QVERIFY2(std::fabs(actual - expected) <= kUtilizationTolerance,
                     (check + " " + number(actual) + ", reported " + number(expected) + " (peak " +
                      number(ev->peakTflopsPerGpu) + " TFLOP/s, model " +
                      number(ev->modelFlopsPerStep) + " FLOPs/step, hardware " +
                      number(ev->hardwareFlopsPerStep) + ")")
                         .c_str());
        } else if (check == "tflops") {
            const json &want = reported.at("tflops_per_gpu");
            QVERIFY2(!want.is_null(), "check tflops but the source reports none");
            const std::string kind = reported.at("tflops_kind").is_null()
                                         ? "model"
                                         : reported.at("tflops_kind").get<std::string>();
            const double expected = want.get<double>();
            // The engine's TFLOP/s are model FLOPs; hardware TFLOP/s follow from HFU × peak.
            const double actual =
                kind == "hardware" ? m.hfu * ev->peakTflopsPerGpu : m.tflopsPerGpu;
            QVERIFY2(
                std::fabs(actual - expected) <= kTflopsTolerance * expected,
                (kind + " TFLOP/s per GPU " + number(actual) + ", reported " + number(expected))
                    .c_str());
        } else {
            QFAIL(("unknown check \"" + check + "\"").c_str());
        }
    }
    ++count.passed;
}

void PublishedRunsTest::cleanupTestCase()
{
    int checked = 0, passed = 0, skipped = 0;
    qInfo("Published runs per source group (checked / passed / skipped):");
    for (const auto &[group, c] : m_groups) {
        qInfo("  %3d / %3d / %3d  %s", c.checked, c.passed, c.skipped, group.c_str());
        checked += c.checked;
        passed += c.passed;
        skipped += c.skipped;
    }
    qInfo("  %3d / %3d / %3d  all %d runs", checked, passed, skipped, int(m_runs.size()));
}

QTEST_APPLESS_MAIN(PublishedRunsTest)

#include "test_published_runs.moc"
