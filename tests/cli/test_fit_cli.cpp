// --import FILE --fit through the real binary with no display: timings that the model itself
// predicts with known knobs give those knobs back; --save-preset writes a user preset that
// --list-presets and --eval then use; --knobs picks the knobs; bad input exits 2 with one stderr
// line, nothing on stdout and nothing saved.
#include "run_mfu_explorer.h"
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

namespace {

using Run = BinaryRun;
BinaryRun runBinary(const QStringList &args, const QString &presets, const QByteArray &input = {})
{
    return runMfuExplorer(args, input, presets);
}

// The binary as on a server or in CI: no display, no platform chosen, user presets from
// `presets` (a folder that need not exist).

QString fixture(const char *name)
{
    return QStringLiteral(MFU_SOURCE_DIR "/tests/data/import/") + QLatin1String(name);
}

QJsonObject parseObject(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

bool near(double actual, double expected, double relTol)
{
    return std::fabs(actual - expected) <= relTol * std::fabs(expected);
}

// The knobs the synthetic timings are made with: off the h100-sxm preset's own (0.6, 0.17,
// 0.8) so that the fit has somewhere to go.
constexpr double kGemm = 0.45, kAttention = 0.15, kDpOverlap = 0.6;

// Runs on h100-sxm that lean on the three knobs differently: attention-heavy long sequences,
// FSDP and ZeRO-1 traffic over the network, a tensor- and pipeline-parallel 70B.
QList<QJsonObject> syntheticRuns()
{
    auto run = [](const char *label, QJsonObject model, int batch, int seq, int micro,
                  QJsonObject parallel) {
        QJsonObject r;
        r[QStringLiteral("label")] = QLatin1String(label);
        r[QStringLiteral("model")] = model;
        r[QStringLiteral("batch")] = QJsonObject{{QStringLiteral("global_batch"), batch},
                                                 {QStringLiteral("seq_len"), seq},
                                                 {QStringLiteral("micro_batch"), micro}};
        r[QStringLiteral("parallel")] = parallel;
        r[QStringLiteral("hardware")] =
            QJsonObject{{QStringLiteral("preset"), QStringLiteral("h100-sxm")}};
        // The stack whose attention runs at the fitted attention_efficiency (FlashAttention-2).
        r[QStringLiteral("software")] =
            QJsonObject{{QStringLiteral("preset"), QStringLiteral("pytorch-2023")}};
        return r;
    };
    const QJsonObject llama8b{{QStringLiteral("preset"), QStringLiteral("llama3-8b")}};
    const QJsonObject llama70b{{QStringLiteral("preset"), QStringLiteral("llama2-70b")}};
    QJsonObject small = llama8b;
    small[QStringLiteral("layers")] = 16;
    small[QStringLiteral("hidden")] = 2048;
    small[QStringLiteral("heads")] = 16;
    small[QStringLiteral("kv_heads")] = 8;
    small[QStringLiteral("head_dim")] = 128;
    small[QStringLiteral("ffn_hidden")] = 8192;
    auto layout = [](int tp, int pp, int cp, int dp, bool sp, int zero) {
        return QJsonObject{{QStringLiteral("tp"), tp},
                           {QStringLiteral("pp"), pp},
                           {QStringLiteral("cp"), cp},
                           {QStringLiteral("dp"), dp},
                           {QStringLiteral("sequence_parallel"), sp},
                           {QStringLiteral("zero"), zero}};
    };
    return {run("8B TP2 DP4, 8k", llama8b, 64, 8192, 1, layout(2, 1, 1, 4, false, 1)),
            run("8B FSDP 16", llama8b, 32, 2048, 1, layout(1, 1, 1, 16, false, 3)),
            run("8B ZeRO-1 DP32", llama8b, 64, 2048, 1, layout(1, 1, 1, 32, false, 1)),
            run("70B TP8 PP4 DP4", llama70b, 256, 4096, 1, layout(8, 4, 1, 4, true, 1)),
            run("2B-like 32k CP2", small, 16, 32768, 1, layout(2, 1, 2, 2, true, 0))};
}

} // namespace

class TestFitCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void recoversTheKnobsTheTimingsWereMadeWith();
    void savedPresetIsUsedByEvalAndListed();
    void knobsOptionPicksTheKnobs();
    void inconsistentRunsEndOnABound();
    void badInput_data();
    void badInput();
    void helpMentionsFit();

private:
    QTemporaryDir m_dir;
    QString m_synthetic;      // benchmarks@1 file of the synthetic runs
    QList<double> m_measured; // their step times, seconds
    QString m_noPresets;      // a user preset folder that does not exist
};

// Writes the synthetic benchmarks@1 file: each run's step time is what --eval predicts with the
// known knobs, so it follows whatever the time model is today.
void TestFitCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_noPresets = m_dir.filePath(QStringLiteral("no-presets"));
    QJsonArray runs;
    for (QJsonObject run : syntheticRuns()) {
        QJsonObject scenario = run;
        scenario.remove(QStringLiteral("label"));
        scenario[QStringLiteral("schema")] = QStringLiteral("mfu-explorer/scenario@1");
        QJsonObject hw = scenario[QStringLiteral("hardware")].toObject();
        hw[QStringLiteral("efficiency")] =
            QJsonObject{{QStringLiteral("gemm_max_efficiency"), kGemm},
                        {QStringLiteral("attention_efficiency"), kAttention},
                        {QStringLiteral("dp_overlap"), kDpOverlap}};
        scenario[QStringLiteral("hardware")] = hw;
        const Run eval = runBinary({QStringLiteral("--eval"), QStringLiteral("-")}, m_noPresets,
                                   QJsonDocument(scenario).toJson());
        QVERIFY2(eval.exitCode == 0, eval.err.constData());
        const double step = parseObject(eval.out)[QStringLiteral("time_s")]
                                .toObject()[QStringLiteral("step")]
                                .toDouble();
        QVERIFY(step > 0);
        m_measured.append(step);
        run[QStringLiteral("measured")] = QJsonObject{{QStringLiteral("step_time_s"), step}};
        runs.append(run);
    }
    const QJsonObject doc{
        {QStringLiteral("schema"), QStringLiteral("mfu-explorer/benchmarks@1")},
        {QStringLiteral("source"),
         QStringLiteral("synthetic: step times predicted with gemm_max_efficiency 0.45, "
                        "attention_efficiency 0.15, dp_overlap 0.6")},
        {QStringLiteral("runs"), runs}};
    m_synthetic = m_dir.filePath(QStringLiteral("fit_synthetic.json"));
    QFile file(m_synthetic);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(doc).toJson());
}

void TestFitCli::recoversTheKnobsTheTimingsWereMadeWith()
{
    const Run run =
        runBinary({QStringLiteral("--import"), m_synthetic, QStringLiteral("--fit")}, m_noPresets);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.err, QByteArray());
    const QJsonObject root = parseObject(run.out);
    QCOMPARE(root[QStringLiteral("schema")].toString(), QStringLiteral("mfu-explorer/fit@1"));
    QCOMPARE(root[QStringLiteral("hardware")].toString(), QStringLiteral("h100-sxm"));
    const QJsonObject knobs = root[QStringLiteral("knobs")].toObject();
    QCOMPARE(knobs.keys(),
             (QStringList{QStringLiteral("attention_efficiency"), QStringLiteral("dp_overlap"),
                          QStringLiteral("gemm_max_efficiency")}));
    auto knob = [&](const char *name, const char *when) {
        return knobs[QLatin1String(name)].toObject()[QLatin1String(when)].toDouble();
    };
    // Started from the preset's knobs, ended on the ones the timings were made with.
    QCOMPARE(knob("gemm_max_efficiency", "before"), 0.6);
    QCOMPARE(knob("attention_efficiency", "before"), 0.17);
    QCOMPARE(knob("dp_overlap", "before"), 0.8);
    QVERIFY2(near(knob("gemm_max_efficiency", "after"), kGemm, 0.01), run.out.constData());
    QVERIFY2(near(knob("attention_efficiency", "after"), kAttention, 0.01), run.out.constData());
    QVERIFY2(near(knob("dp_overlap", "after"), kDpOverlap, 0.01), run.out.constData());

    const QJsonObject error = root[QStringLiteral("error")].toObject();
    QVERIFY(error[QStringLiteral("median_abs_rel_before")].toDouble() > 0.05);
    QVERIFY(error[QStringLiteral("median_abs_rel_after")].toDouble() < 1e-6);
    QVERIFY(error[QStringLiteral("rms_log_after")].toDouble() <
            error[QStringLiteral("rms_log_before")].toDouble());
    QVERIFY(root[QStringLiteral("converged")].toBool());
    QCOMPARE(root[QStringLiteral("at_bound")].toArray().size(), 0);
    QVERIFY(root[QStringLiteral("saved_preset")].isNull());

    const QJsonArray runs = root[QStringLiteral("runs")].toArray();
    QCOMPARE(runs.size(), m_measured.size());
    for (int i = 0; i < runs.size(); ++i) {
        const QJsonObject r = runs[i].toObject();
        QCOMPARE(r[QStringLiteral("label")].toString(),
                 syntheticRuns()[i][QStringLiteral("label")].toString());
        QCOMPARE(r[QStringLiteral("measured_step_time_s")].toDouble(), m_measured[i]);
        QVERIFY(near(r[QStringLiteral("predicted_after_s")].toDouble(), m_measured[i], 1e-6));
        QVERIFY(r[QStringLiteral("predicted_before_s")].toDouble() > 0);
    }
}

void TestFitCli::savedPresetIsUsedByEvalAndListed()
{
    QTemporaryDir presets;
    QVERIFY(presets.isValid());
    const Run run = runBinary({QStringLiteral("--import"), m_synthetic, QStringLiteral("--fit"),
                               QStringLiteral("--save-preset"), QStringLiteral("h100-cluster-a")},
                              presets.path());
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.err, QByteArray());
    const QJsonObject root = parseObject(run.out);
    const QString saved = root[QStringLiteral("saved_preset")].toString();
    QCOMPARE(QFileInfo(saved).canonicalFilePath(),
             QFileInfo(presets.filePath(QStringLiteral("hardware/h100-cluster-a.json")))
                 .canonicalFilePath());

    QFile file(saved);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject preset = parseObject(file.readAll());
    QCOMPARE(preset[QStringLiteral("schema")].toString(),
             QStringLiteral("mfu-explorer/hardware@1"));
    const QJsonObject efficiency = preset[QStringLiteral("efficiency")].toObject();
    const QJsonObject knobs = root[QStringLiteral("knobs")].toObject();
    for (const QString &name : knobs.keys())
        QCOMPARE(efficiency[name].toDouble(),
                 knobs[name].toObject()[QStringLiteral("after")].toDouble());
    QVERIFY(preset[QStringLiteral("sources")]
                .toObject()[QStringLiteral("efficiency")]
                .toString()
                .contains(QLatin1String("--fit")));

    const Run list = runBinary({QStringLiteral("--list-presets")}, presets.path());
    QCOMPARE(list.exitCode, 0);
    QVERIFY2(list.out.contains("h100-cluster-a"), list.out.constData());
    QVERIFY2(!list.out.contains("warning"), list.out.constData());

    // The first run on the saved preset predicts what the fit said it would.
    QJsonObject scenario = syntheticRuns().front();
    scenario.remove(QStringLiteral("label"));
    scenario[QStringLiteral("schema")] = QStringLiteral("mfu-explorer/scenario@1");
    scenario[QStringLiteral("hardware")] =
        QJsonObject{{QStringLiteral("preset"), QStringLiteral("h100-cluster-a")}};
    const Run eval = runBinary({QStringLiteral("--eval"), QStringLiteral("-")}, presets.path(),
                               QJsonDocument(scenario).toJson());
    QVERIFY2(eval.exitCode == 0, eval.err.constData());
    const double step = parseObject(eval.out)[QStringLiteral("time_s")]
                            .toObject()[QStringLiteral("step")]
                            .toDouble();
    const double predicted = root[QStringLiteral("runs")]
                                 .toArray()[0]
                                 .toObject()[QStringLiteral("predicted_after_s")]
                                 .toDouble();
    QVERIFY(near(step, predicted, 1e-12));
}

void TestFitCli::knobsOptionPicksTheKnobs()
{
    const Run run =
        runBinary({QStringLiteral("--import"), fixture("native.csv"), QStringLiteral("--fit"),
                   QStringLiteral("--knobs"), QStringLiteral("gemm_max_efficiency")},
                  m_noPresets);
    QCOMPARE(run.exitCode, 0);
    const QJsonObject root = parseObject(run.out);
    QCOMPARE(root[QStringLiteral("knobs")].toObject().keys(),
             QStringList{QStringLiteral("gemm_max_efficiency")});
    QCOMPARE(root[QStringLiteral("runs")].toArray().size(), 3);
    const QJsonObject error = root[QStringLiteral("error")].toObject();
    QVERIFY(error[QStringLiteral("rms_log_after")].toDouble() <=
            error[QStringLiteral("rms_log_before")].toDouble());
}

void TestFitCli::inconsistentRunsEndOnABound()
{
    // native.json's second run takes 4 s for the per-GPU work the first does in 2.5 s: no
    // physical knobs explain both, and the fit says which knobs it pinned.
    const Run run = runBinary(
        {QStringLiteral("--import"), fixture("native.json"), QStringLiteral("--fit")}, m_noPresets);
    QCOMPARE(run.exitCode, 0);
    const QJsonObject root = parseObject(run.out);
    QVERIFY2(!root[QStringLiteral("at_bound")].toArray().isEmpty(), run.out.constData());
    for (const QJsonValue &k : root[QStringLiteral("knobs")].toObject()) {
        const double after = k.toObject()[QStringLiteral("after")].toDouble();
        QVERIFY(std::isfinite(after) && after >= 0 && after <= 1);
    }
}

void TestFitCli::badInput_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected"); // in the stderr line
    const QString csv = fixture("native.csv");
    QTest::newRow("unknown knob") << QStringList{QStringLiteral("--fit"), QStringLiteral("--knobs"),
                                                 QStringLiteral("gemm_max_efficiency,bogus")}
                                  << csv << QStringLiteral("\"bogus\"; known: gemm_max_efficiency");
    QTest::newRow("a switch") << QStringList{QStringLiteral("--fit"), QStringLiteral("--knobs"),
                                             QStringLiteral("fused_attention")}
                              << csv << QStringLiteral("fused_attention is a switch");
    QTest::newRow("more knobs than runs")
        << QStringList{QStringLiteral("--fit"), QStringLiteral("--knobs"),
                       QStringLiteral("gemm_max_efficiency,dp_overlap")}
        << fixture("megatron_llama2_7b.log") << QStringLiteral("2 knobs cannot be fitted to 1 run");
    QTest::newRow("knob twice") << QStringList{QStringLiteral("--fit"), QStringLiteral("--knobs"),
                                               QStringLiteral("dp_overlap,dp_overlap")}
                                << csv << QStringLiteral("dp_overlap: listed twice");
    QTest::newRow("knobs without fit")
        << QStringList{QStringLiteral("--knobs"), QStringLiteral("dp_overlap")} << csv
        << QStringLiteral("--knobs goes with --fit");
    QTest::newRow("save without fit")
        << QStringList{QStringLiteral("--save-preset"), QStringLiteral("mine")} << csv
        << QStringLiteral("--save-preset goes with --fit");
    QTest::newRow("bad preset id")
        << QStringList{QStringLiteral("--fit"), QStringLiteral("--save-preset"),
                       QStringLiteral("../Mine")}
        << csv << QStringLiteral("expected a preset id");
    QTest::newRow("empty knob list")
        << QStringList{QStringLiteral("--fit"), QStringLiteral("--knobs"), QString()} << csv
        << QStringLiteral("--knobs expects");
    QTest::newRow("fit twice") << QStringList{QStringLiteral("--fit"), QStringLiteral("--fit")}
                               << csv << QStringLiteral("--fit given twice");
}

void TestFitCli::badInput()
{
    QFETCH(QStringList, extra);
    QFETCH(QString, file);
    QFETCH(QString, expected);
    QTemporaryDir presets;
    QVERIFY(presets.isValid());
    const Run run =
        runBinary(QStringList{QStringLiteral("--import"), file} + extra, presets.path());
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.out, QByteArray());
    QCOMPARE(run.err.count('\n'), 1);
    QVERIFY2(QString::fromUtf8(run.err).contains(expected), run.err.constData());
    // Nothing saved when the command fails.
    QCOMPARE(QDir(presets.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).size(), 0);
}

void TestFitCli::helpMentionsFit()
{
    const Run run = runBinary({QStringLiteral("--help")}, m_noPresets);
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("--fit"));
    QVERIFY(run.out.contains("--save-preset"));
}

QTEST_GUILESS_MAIN(TestFitCli)
#include "test_fit_cli.moc"
