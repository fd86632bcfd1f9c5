// --import through the real binary with no display: a good log prints one import@1 document
// with measured and predicted figures, --scenario supplies what the log lacks, and bad input
// exits 2 with exactly one stderr line naming the file and the line, and nothing on stdout.
#include "run_mfu_explorer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {

using Run = BinaryRun;
BinaryRun runBinary(const QStringList &args, const QByteArray &input = {})
{
    return runMfuExplorer(args, input);
}

QString fixture(const char *name)
{
    return QStringLiteral(MFU_SOURCE_DIR "/tests/data/import/") + QLatin1String(name);
}

} // namespace

class TestImportCli : public QObject
{
    Q_OBJECT

private slots:
    void megatronLog()
    {
        const QString file = fixture("megatron_llama2_7b.log");
        const Run run = runBinary({QStringLiteral("--import"), file});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.err, QByteArray());
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(run.out, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        const QJsonObject root = doc.object();
        QCOMPARE(root[QStringLiteral("schema")].toString(),
                 QStringLiteral("mfu-explorer/import@1"));
        QCOMPARE(root[QStringLiteral("format")].toString(), QStringLiteral("megatron-lm"));
        const QJsonArray runs = root[QStringLiteral("runs")].toArray();
        QCOMPARE(runs.size(), 1);
        const QJsonObject r = runs[0].toObject();
        QCOMPARE(r[QStringLiteral("label")].toString(), QStringLiteral("megatron_llama2_7b.log"));
        const QJsonObject measured = r[QStringLiteral("measured")].toObject();
        QCOMPARE(measured[QStringLiteral("step_time_s")].toDouble(), 3.6);
        // 46,084,915,200 FLOPs per token × 512 × 4096 tokens / (3.6 s × 64 × 989.4 TFLOP/s).
        QVERIFY(std::fabs(measured[QStringLiteral("mfu")].toDouble() - 0.4239692) < 1e-6);
        for (const char *key : {"step_time_s", "tokens_per_s", "tflops_per_gpu", "mfu", "hfu"}) {
            QVERIFY2(measured[QLatin1String(key)].toDouble() > 0, key);
            QVERIFY2(r[QStringLiteral("predicted")].toObject()[QLatin1String(key)].toDouble() > 0,
                     key);
        }
        const double predicted =
            r[QStringLiteral("predicted")].toObject()[QStringLiteral("step_time_s")].toDouble();
        QVERIFY(std::fabs(r[QStringLiteral("error")].toDouble() - (predicted / 3.6 - 1)) < 1e-12);
        const QJsonObject scenario = r[QStringLiteral("scenario")].toObject();
        QCOMPARE(scenario[QStringLiteral("schema")].toString(),
                 QStringLiteral("mfu-explorer/scenario@1"));
        QCOMPARE(scenario[QStringLiteral("parallel")].toObject()[QStringLiteral("gpus")].toInt(),
                 64);
        const QJsonObject provenance = r[QStringLiteral("provenance")].toObject();
        QCOMPARE(provenance[QStringLiteral("model.layers")].toString(), QStringLiteral("log"));
        QCOMPARE(provenance[QStringLiteral("hardware")].toString(), QStringLiteral("scenario"));
        QCOMPARE(r[QStringLiteral("steps")].toObject()[QStringLiteral("used")].toInt(), 11);
    }

    // What nanoGPT's log lacks (the GPU count, the hardware) comes from --scenario.
    void scenarioFillsTheGaps()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString scenarioPath = dir.filePath(QStringLiteral("a100x8.json"));
        QFile scenario(scenarioPath);
        QVERIFY(scenario.open(QIODevice::WriteOnly));
        scenario.write(R"({"schema": "mfu-explorer/scenario@1",
            "parallel": {"tp": 1, "pp": 1, "dp": 8, "cp": 1, "vpp": 1, "zero": 0},
            "hardware": {"preset": "a100-40gb"}})");
        scenario.close();
        const Run run = runBinary({QStringLiteral("--import"), fixture("nanogpt_gpt2_124m.log"),
                                   QStringLiteral("--scenario"), scenarioPath});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject r = QJsonDocument::fromJson(run.out)
                                  .object()[QStringLiteral("runs")]
                                  .toArray()[0]
                                  .toObject();
        const QJsonObject sc = r[QStringLiteral("scenario")].toObject();
        QCOMPARE(sc[QStringLiteral("hardware")].toObject()[QStringLiteral("preset")].toString(),
                 QStringLiteral("a100-40gb"));
        QCOMPARE(sc[QStringLiteral("parallel")].toObject()[QStringLiteral("dp")].toInt(), 8);
        QCOMPARE(r[QStringLiteral("measured")].toObject()[QStringLiteral("step_time_s")].toDouble(),
                 0.5);
        QCOMPARE(
            r[QStringLiteral("provenance")].toObject()[QStringLiteral("parallel.dp")].toString(),
            QStringLiteral("scenario"));

        // Without it the default scenario's 1,024 GPUs cannot split nanoGPT's 480 sequences.
        const Run bad = runBinary({QStringLiteral("--import"), fixture("nanogpt_gpt2_124m.log")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.contains("parallel.dp"));
        QVERIFY(bad.out.isEmpty());
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("expected"); // in the one stderr line

        const QString csv = fixture("csv_not_a_number.csv");
        QTest::newRow("csv not a number")
            << QStringList{QStringLiteral("--import"), csv}
            << (QByteArray("mfu-explorer: ") + csv.toUtf8() +
                ": line 4: column measured.step_time_s: expected a number");
        const QString binary = fixture("megatron_llama2_7b.log.gz");
        QTest::newRow("binary") << QStringList{QStringLiteral("--import"), binary}
                                << (binary.toUtf8() + ": line 1: binary data");
        const QString noTiming = fixture("megatron_no_timing.log");
        QTest::newRow("no timing lines") << QStringList{QStringLiteral("--import"), noTiming}
                                         << (noTiming.toUtf8() + ": line 214: end of log");
        const QString truncated = fixture("truncated.json");
        QTest::newRow("truncated json")
            << QStringList{QStringLiteral("--import"), truncated}
            << (truncated.toUtf8() + ": line 71, column 19: invalid JSON");
        QTest::newRow("missing file")
            << QStringList{QStringLiteral("--import"), QStringLiteral("/nonexistent/run.log")}
            << QByteArray("/nonexistent/run.log: cannot open file");
        QTest::newRow("bad scenario")
            << QStringList{QStringLiteral("--import"), fixture("native.csv"),
                           QStringLiteral("--scenario"), fixture("native.csv")}
            << QByteArray("invalid JSON");
        QTest::newRow("no file") << QStringList{QStringLiteral("--import")}
                                 << QByteArray("--import expects one benchmark file");
        QTest::newRow("scenario without a value")
            << QStringList{QStringLiteral("--import"), fixture("native.csv"),
                           QStringLiteral("--scenario")}
            << QByteArray("--scenario expects a value");
        // The log's step time is possible on an H100, not on the V100 the scenario names.
        QTest::newRow("only run above the peak")
            << QStringList{QStringLiteral("--import"), fixture("megatron_llama2_7b.log"),
                           QStringLiteral("--scenario"), QStringLiteral("-")}
            << QByteArray("megatron_llama2_7b.log: measured.step_time_s: run "
                          "\"megatron_llama2_7b.log\": 3.6 implies MFU of 335.6% of the bf16 peak");
        QTest::newRow("unexpected argument")
            << QStringList{QStringLiteral("--import"), fixture("native.csv"), QStringLiteral("-o")}
            << QByteArray("--import: unexpected argument -o");
    }

    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, expected);
        // A scenario on standard input, where a row reads one.
        const Run run = runBinary(
            args, R"({"schema": "mfu-explorer/scenario@1", "hardware": {"preset": "v100"}})");
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(run.out, QByteArray());
        QVERIFY2(run.err.endsWith('\n') && run.err.count('\n') == 1, run.err.constData());
        QVERIFY2(run.err.startsWith("mfu-explorer: "), run.err.constData());
        QVERIFY2(run.err.contains(expected), run.err.constData());
    }

    // A run faster than the device's peak is left out with a note; the others import.
    void runAboveThePeakIsSkipped()
    {
        const Run run = runBinary({QStringLiteral("--import"), QStringLiteral("-")},
                                  "label,measured.step_time_s\nslow,30\nfast,0.03\n");
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.err, QByteArray());
        const QJsonObject root = QJsonDocument::fromJson(run.out).object();
        const QJsonArray runs = root[QStringLiteral("runs")].toArray();
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs[0].toObject()[QStringLiteral("label")].toString(), QStringLiteral("slow"));
        bool noted = false;
        for (const QJsonValue note : root[QStringLiteral("notes")].toArray())
            noted = noted || note.toString().startsWith(QStringLiteral(
                                 "run \"fast\" skipped: measured.step_time_s 0.03 implies MFU of"));
        QVERIFY2(noted, run.out.constData());
    }

    // "-" reads the benchmark file from standard input.
    void standardInput()
    {
        QFile csv(fixture("native.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const Run run = runBinary({QStringLiteral("--import"), QStringLiteral("-")}, csv.readAll());
        QCOMPARE(run.exitCode, 0);
        const QJsonObject root = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(root[QStringLiteral("format")].toString(), QStringLiteral("benchmarks-csv"));
        QCOMPARE(root[QStringLiteral("runs")].toArray().size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestImportCli)
#include "test_import_cli.moc"
