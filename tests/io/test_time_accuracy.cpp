// Accuracy of the time model on the public runs (tests/data/published_runs.json): with the
// default knobs (never tuned per run), the predicted throughput of every run the model covers
// must be close to the reported one: median |relative error| ≤ 10% over all of them and ≤ 5%
// over Narayanan et al. 2021 Table 1. The 2024–2026 runs of current stacks
// (tests/data/modern_runs.json, each on the software preset its recipe names) must be within a
// median 8%, and each source · device · precision group within ±12% but the open ones; the
// eight runs of Korthikanti et al. 2022 Table 5 are bounded too. Prints the error per source group,
// and per device and precision for the modern runs.

#include "time_accuracy.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <cstdio>

#ifndef MFU_TEST_DATA_DIR
#error "MFU_TEST_DATA_DIR must name the tests/data folder"
#endif

namespace {

constexpr double kOverallMedianLimit = 0.10;   // median |error| over every covered run
constexpr double kNarayananMedianLimit = 0.05; // median |error| over Narayanan et al. Table 1
constexpr double kModernMedianLimit = 0.08;    // median |error| over the 2024–2026 runs
constexpr double kModernGroupLimit = 0.12; // |median signed error| of a source·device·precision
// The one modern group still outside: MLPerf v4.0 GPT-3 on 10,752–11,616 H100 runs 30% faster
// in the model than measured, a fixed cost a step no term explains yet (README, Validation).
// The MoE runs (validation/moe_runs.json with their layouts): the target is a median of
// 12%; the model is at 22.5% (the Megatron-LM recipes at 12%, Megatron-Bridge and the GB200
// guide's steps further off), so this bound holds what is reached while the rest is open.
constexpr double kMoeMedianLimit = 0.25;
constexpr std::size_t kMoeRunsWithLayouts = 29;
const char *const kOpenModernGroups[] = {"MLPerf Training v4.0 (closed) · h100-sxm · fp8"};
// Korthikanti et al. 2022 Table 5, with Calculon's layouts: held where it stands (mean 8.6%,
// max 13.4%) until the deep-pipeline 1T run is understood.
constexpr double kKorthikantiMeanLimit = 0.09;
constexpr double kKorthikantiMaxLimit = 0.14;

} // namespace

class TimeAccuracyTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyCoveredRunEvaluates();
    void medianErrorOverAllRuns();
    void medianErrorOnNarayananTable1();
    void runsOnEveryPublicSourceAreCovered();
    void modernStacksMedianError();
    void korthikantiTable5();
    void moeRunsMedianError();

private:
    time_accuracy::RunSet m_set;
    std::vector<time_accuracy::RunError> m_errors;
    std::map<std::string, time_accuracy::Stats> m_stats;
};

void TimeAccuracyTest::initTestCase()
{
    m_set = time_accuracy::loadRuns(std::string(MFU_TEST_DATA_DIR) + "/published_runs.json");
    QVERIFY2(m_set.error.empty(), m_set.error.c_str());
    QVERIFY(!m_set.runs.empty());
    for (const time_accuracy::Run &run : m_set.runs)
        m_errors.push_back(time_accuracy::evaluateRun(run));
    m_stats = time_accuracy::statsByGroup(m_errors);

    std::printf("%-62s %5s %10s %9s %9s\n", "source group", "runs", "median|e|", "mean|e|",
                "mean e");
    for (const auto &[group, s] : m_stats)
        std::printf("%-62s %5d %9.1f%% %8.1f%% %+8.1f%%\n",
                    group.empty() ? "all covered runs" : group.c_str(), s.count, 100 * s.medianAbs,
                    100 * s.meanAbs, 100 * s.meanSigned);
    for (const time_accuracy::Excluded &x : m_set.excluded)
        std::printf("not covered: %s (%s)\n", x.id.c_str(), x.reason.c_str());
}

void TimeAccuracyTest::everyCoveredRunEvaluates()
{
    for (const time_accuracy::RunError &e : m_errors)
        QVERIFY2(e.ok, (e.id + ": " + e.failure).c_str());
}

void TimeAccuracyTest::medianErrorOverAllRuns()
{
    const auto all = m_stats.find("");
    QVERIFY(all != m_stats.end());
    QVERIFY2(all->second.medianAbs <= kOverallMedianLimit,
             ("median |error| over all covered runs is " +
              std::to_string(100 * all->second.medianAbs) + "%, expected at most 10%")
                 .c_str());
}

void TimeAccuracyTest::medianErrorOnNarayananTable1()
{
    const auto nar = m_stats.find(time_accuracy::kNarayananGroup);
    QVERIFY2(nar != m_stats.end(), "no covered run of Narayanan et al. 2021 Table 1");
    QCOMPARE(nar->second.count, 10);
    QVERIFY2(nar->second.medianAbs <= kNarayananMedianLimit,
             ("median |error| on Narayanan et al. 2021 Table 1 is " +
              std::to_string(100 * nar->second.medianAbs) + "%, expected at most 5%")
                 .c_str());
}

void TimeAccuracyTest::runsOnEveryPublicSourceAreCovered()
{
    // Coverage must not shrink to the runs that happen to fit: only runs whose layout the
    // source leaves open are left out.
    QVERIFY2(m_set.runs.size() >= 200,
             ("only " + std::to_string(m_set.runs.size()) + " runs covered").c_str());
}

// Current stacks on H100, B200, GB200 and GB300: every run of the file that the scenario format
// expresses is covered, and the median error over them is bounded.
void TimeAccuracyTest::modernStacksMedianError()
{
    const time_accuracy::RunSet modern =
        time_accuracy::loadRuns(std::string(MFU_TEST_DATA_DIR) + "/modern_runs.json");
    QVERIFY2(modern.error.empty(), modern.error.c_str());
    QVERIFY2(modern.runs.size() >= 200,
             ("only " + std::to_string(modern.runs.size()) + " modern runs covered").c_str());
    std::vector<time_accuracy::RunError> errors;
    for (const time_accuracy::Run &run : modern.runs) {
        errors.push_back(time_accuracy::evaluateRun(run));
        QVERIFY2(errors.back().ok, (run.id + ": " + errors.back().failure).c_str());
        errors.back().group = time_accuracy::deviceGroup(run);
    }
    const auto stats = time_accuracy::statsByGroup(errors);
    std::printf("\n%-92s %5s %10s %9s\n", "modern runs: source · device · precision", "runs",
                "median|e|", "median e");
    for (const auto &[group, s] : stats)
        std::printf("%-92s %5d %9.1f%% %+8.1f%%\n", group.empty() ? "all" : group.c_str(), s.count,
                    100 * s.medianAbs, 100 * s.medianSigned);
    const double median = stats.at("").medianAbs;
    QVERIFY2(median <= kModernMedianLimit, ("median |error| over the modern runs is " +
                                            std::to_string(100 * median) + "%, expected at most 8%")
                                               .c_str());
    for (const auto &[group, s] : stats) {
        const bool open = std::find(std::begin(kOpenModernGroups), std::end(kOpenModernGroups),
                                    group) != std::end(kOpenModernGroups);
        QVERIFY2(open || std::fabs(s.medianSigned) <= kModernGroupLimit,
                 (group + ": median signed error " + std::to_string(100 * s.medianSigned) +
                  "%, expected within 12%")
                     .c_str());
    }
    // An open group that comes within bounds leaves the list.
    for (const char *group : kOpenModernGroups) {
        const auto s = stats.find(group);
        QVERIFY2(s != stats.end(), group);
        QVERIFY2(std::fabs(s->second.medianSigned) > kModernGroupLimit,
                 (std::string(group) + " is within bounds now: take it off the open list").c_str());
    }
}

void TimeAccuracyTest::korthikantiTable5()
{
    const time_accuracy::RunSet set =
        time_accuracy::loadRuns(std::string(MFU_TEST_DATA_DIR) + "/korthikanti_runs.json");
    QVERIFY2(set.error.empty(), set.error.c_str());
    QCOMPARE(set.runs.size(), std::size_t(8));
    double sum = 0, worst = 0;
    for (const time_accuracy::Run &run : set.runs) {
        const time_accuracy::RunError e = time_accuracy::evaluateRun(run);
        QVERIFY2(e.ok, (run.id + ": " + e.failure).c_str());
        sum += std::fabs(e.relError);
        worst = std::max(worst, std::fabs(e.relError));
    }
    QVERIFY2(sum / 8 <= kKorthikantiMeanLimit,
             ("mean |error| " + std::to_string(100 * sum / 8) + "%").c_str());
    QVERIFY2(worst <= kKorthikantiMaxLimit,
             ("max |error| " + std::to_string(100 * worst) + "%").c_str());
}

void TimeAccuracyTest::moeRunsMedianError()
{
    const time_accuracy::RunSet set =
        time_accuracy::loadRuns(std::string(MFU_TEST_DATA_DIR) + "/moe_runs.json");
    QVERIFY2(set.error.empty(), set.error.c_str());
    QCOMPARE(set.runs.size(), kMoeRunsWithLayouts);
    std::vector<time_accuracy::RunError> errors;
    for (const time_accuracy::Run &run : set.runs) {
        errors.push_back(time_accuracy::evaluateRun(run));
        QVERIFY2(errors.back().ok, (run.id + ": " + errors.back().failure).c_str());
    }
    const auto stats = time_accuracy::statsByGroup(errors);
    std::printf("\n%-92s %5s %10s %9s\n", "MoE runs: source", "runs", "median|e|", "median e");
    for (const auto &[group, s] : stats)
        std::printf("%-92s %5d %9.1f%% %+8.1f%%\n", group.empty() ? "all" : group.c_str(), s.count,
                    100 * s.medianAbs, 100 * s.medianSigned);
    const double median = stats.at("").medianAbs;
    QVERIFY2(median <= kMoeMedianLimit,
             ("median |error| over the MoE runs is " + std::to_string(100 * median) + "%").c_str());
}

QTEST_GUILESS_MAIN(TimeAccuracyTest)
#include "test_time_accuracy.moc"
