// One run against its prediction: the error is predicted / measured step time − 1 of the
// engine's own evaluation, a run the engine rejects is an error naming the field, and the
// measured MFU recounted under other conventions moves with the FLOPs and the peak they count.

#include "engine/evaluate.h"
#include "io/benchmark_import.h"
#include "io/preset_library.h"
#include "io/run_comparison.h"
#include "io/scenario_io.h"

#include <QFile>
#include <QtTest>

using mfu::engine::Conventions;
using mfu::engine::FlopsConvention;
using mfu::engine::PeakBasis;
using mfu::io::ImportedRun;

namespace {

std::vector<ImportedRun> fixtureRuns()
{
    QFile file(QStringLiteral(MFU_TEST_DATA_DIR "/import/native.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open native.json");
    const QByteArray text = file.readAll();
    auto result = mfu::io::importBenchmarks(
        std::string_view(text.constData(), std::size_t(text.size())), "native.json",
        mfu::io::defaultScenario(), mfu::io::PresetLibrary::builtin());
    if (!result)
        qFatal("native.json: %s", result.error().toString().c_str());
    return std::move(result).value().runs;
}

} // namespace

class TestRunComparison : public QObject
{
    Q_OBJECT

private slots:
    void comparesAsTheEngineEvaluates()
    {
        const auto runs = fixtureRuns();
        QVERIFY(runs.size() >= 3);
        for (const ImportedRun &run : runs) {
            const auto comparison = mfu::io::compareRun(run);
            QVERIFY2(comparison, run.label.c_str());
            const auto ev = mfu::engine::evaluate(run.scenario);
            QVERIFY(ev && ev->measured && ev->predicted);
            QVERIFY(comparison->measured && comparison->predicted && comparison->error);
            QCOMPARE(comparison->measured->stepTimeS, ev->measured->stepTimeS);
            QCOMPARE(comparison->measured->mfu, ev->measured->mfu);
            QCOMPARE(comparison->predicted->stepTimeS, ev->predicted->stepTimeS);
            QCOMPARE(comparison->predicted->mfu, ev->predicted->mfu);
            QCOMPARE(*comparison->error, ev->predicted->stepTimeS / ev->measured->stepTimeS - 1);
            // Under its own conventions the recount is the comparison's measured MFU.
            const auto own = mfu::io::measuredMfuUnder(run, run.scenario.conventions);
            QVERIFY(own);
            QCOMPARE(*own, comparison->measured->mfu);
        }
    }

    void aRunWithoutMeasurementHasNoError()
    {
        ImportedRun run;
        run.label = "unmeasured";
        run.scenario = mfu::io::defaultScenario();
        const auto comparison = mfu::io::compareRun(run);
        QVERIFY(comparison);
        QVERIFY(comparison->predicted);
        QVERIFY(!comparison->measured);
        QVERIFY(!comparison->error);
        QVERIFY(!mfu::io::measuredMfuUnder(run, run.scenario.conventions));
    }

    void aRejectedRunNamesTheField()
    {
        ImportedRun run = fixtureRuns().front();
        run.scenario.model.kvHeads = 3; // does not divide the heads
        const auto comparison = mfu::io::compareRun(run);
        QVERIFY(!comparison);
        QCOMPARE(comparison.error().field, std::string("model.kv_heads"));
        QVERIFY(!mfu::io::measuredMfuUnder(run, run.scenario.conventions));
    }

    // A measured step time stays what it is; the MFU counted from it moves with the training
    // FLOPs of the convention and with the peak it divides by.
    void recountFollowsTheConventions()
    {
        const ImportedRun run = fixtureRuns().front();
        QCOMPARE(run.scenario.measured.kind, mfu::engine::Measured::Kind::StepTime);
        const Conventions exact = run.scenario.conventions;
        QCOMPARE(exact.flops, FlopsConvention::Exact);
        Conventions sixN = exact;
        sixN.flops = FlopsConvention::SixN;
        mfu::engine::Scenario sc = run.scenario;
        const auto exactEv = mfu::engine::evaluate(sc);
        sc.conventions = sixN;
        const auto sixNEv = mfu::engine::evaluate(sc);
        QVERIFY(exactEv && sixNEv);
        QVERIFY(sixNEv->modelFlopsPerStep != exactEv->modelFlopsPerStep);
        const double exactMfu = *mfu::io::measuredMfuUnder(run, exact);
        const double sixNMfu = *mfu::io::measuredMfuUnder(run, sixN);
        QVERIFY(qFuzzyCompare(sixNMfu / exactMfu,
                              sixNEv->modelFlopsPerStep / exactEv->modelFlopsPerStep));

        // An FP8 run divided by the BF16 peak instead of the FP8 one.
        ImportedRun fp8 = run;
        fp8.scenario.precision = mfu::engine::Precision::Fp8;
        Conventions bf16Peak = exact;
        bf16Peak.peak = PeakBasis::Bf16;
        const auto &hw = fp8.scenario.hardware;
        QVERIFY(hw.peakTflopsFp8 > hw.peakTflopsBf16);
        QVERIFY(qFuzzyCompare(*mfu::io::measuredMfuUnder(fp8, bf16Peak) /
                                  *mfu::io::measuredMfuUnder(fp8, exact),
                              hw.peakTflopsFp8 / hw.peakTflopsBf16));
    }
};

QTEST_GUILESS_MAIN(TestRunComparison)
#include "test_run_comparison.moc"
