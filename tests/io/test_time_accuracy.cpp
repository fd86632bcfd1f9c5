// Accuracy of the time model on the public runs (tests/data/published_runs.json): with the
// default knobs (never tuned per run), the predicted throughput of every run the model covers
// must be close to the reported one: median |relative error| ≤ 10% over all of them and ≤ 5%
// over Narayanan et al. 2021 Table 1. Prints the error per source group.

#include "time_accuracy.h"

#include <QtTest>
#include <cstdio>

#ifndef MFU_TEST_DATA_DIR
#error "MFU_TEST_DATA_DIR must name the tests/data folder"
#endif

namespace {

constexpr double kOverallMedianLimit = 0.10;   // median |error| over every covered run
constexpr double kNarayananMedianLimit = 0.05; // median |error| over Narayanan et al. Table 1

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

QTEST_GUILESS_MAIN(TimeAccuracyTest)
#include "test_time_accuracy.moc"
