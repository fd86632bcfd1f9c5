// --report runs the real binary with no display: the dashboard comes out as PNG, SVG or PDF,
// and bad input exits 2 with one line on stderr and no output file.
#include "run_mfu_explorer.h"
#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

namespace {

using Run = BinaryRun;
BinaryRun runReport(const QStringList &args, const QByteArray &input = {})
{
    return runMfuExplorer(args, input);
}

const QString kScenario = QStringLiteral(MFU_SOURCE_DIR "/presets/scenarios/default.json");

} // namespace

class TestReport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void writesEachFormat_data();
    void writesEachFormat();
    void readsStandardInput();
    void defaultSize();
    void badScenario_data();
    void badScenario();
    void badSize_data();
    void badSize();
    void badArguments_data();
    void badArguments();
    void unwritableOutput();
    void helpMentionsReport();

private:
    static void verifyOneLine(const Run &run);
    QTemporaryDir m_dir;
};

void TestReport::verifyOneLine(const Run &run)
{
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.endsWith('\n') && run.err.count('\n') == 1, run.err.constData());
    QVERIFY2(run.err.startsWith("mfu-explorer: "), run.err.constData());
}

void TestReport::writesEachFormat_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::newRow("png") << QStringLiteral("png");
    QTest::newRow("svg") << QStringLiteral("svg");
    QTest::newRow("pdf") << QStringLiteral("pdf");
}

void TestReport::writesEachFormat()
{
    QFETCH(QString, suffix);
    const QString out = m_dir.filePath(QStringLiteral("report.") + suffix);
    const Run run = runReport({QStringLiteral("--report"), kScenario, QStringLiteral("-o"), out,
                               QStringLiteral("--size"), QStringLiteral("1200x800")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.out.isEmpty(), run.out.constData());
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    if (suffix == QLatin1String("png")) {
        const QImage image(out);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(2400, 1600));
    } else if (suffix == QLatin1String("svg")) {
        QSvgRenderer renderer(out);
        QVERIFY(renderer.isValid());
        QCOMPARE(renderer.viewBox(), QRect(0, 0, 1200, 800));
        QVERIFY(bytes.contains("Llama-2-70B on 1,024 H100"));
        QVERIFY(bytes.contains("MFU Explorer"));
    } else {
        QVERIFY(bytes.startsWith("%PDF"));
        QVERIFY(bytes.trimmed().endsWith("%%EOF"));
    }
}

void TestReport::readsStandardInput()
{
    QFile scenario(kScenario);
    QVERIFY(scenario.open(QIODevice::ReadOnly));
    const QString out = m_dir.filePath(QStringLiteral("stdin.png"));
    const Run run =
        runReport({QStringLiteral("--report"), QStringLiteral("-"), QStringLiteral("-o"), out,
                   QStringLiteral("--size"), QStringLiteral("1000x700")},
                  scenario.readAll());
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(QImage(out).size(), QSize(2000, 1400));
}

void TestReport::defaultSize()
{
    const QString out = m_dir.filePath(QStringLiteral("default.png"));
    const Run run = runReport({QStringLiteral("--report"), kScenario, QStringLiteral("-o"), out});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(QImage(out).size(), QSize(3200, 2000));
}

void TestReport::badScenario_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("named"); // what the error line must name
    QTest::newRow("unknown key") << QByteArray(
                                        R"({"schema":"mfu-explorer/scenario@1","parallell":{}})")
                                 << QByteArray("parallell");
    QTest::newRow("bad value")
        << QByteArray(R"({"schema":"mfu-explorer/scenario@1","parallel":{"tp":"eight"}})")
        << QByteArray("parallel.tp");
    QTest::newRow("not json") << QByteArray("{\"schema\": ") << QByteArray("bad.json");
    QTest::newRow("empty") << QByteArray() << QByteArray("bad.json");
}

void TestReport::badScenario()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, named);
    const QString scenario = m_dir.filePath(QStringLiteral("bad.json"));
    {
        QFile file(scenario);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(text);
    }
    const QString out = m_dir.filePath(QStringLiteral("bad.png"));
    const Run run = runReport({QStringLiteral("--report"), scenario, QStringLiteral("-o"), out});
    verifyOneLine(run);
    QVERIFY2(run.err.contains("bad.json"), run.err.constData());
    QVERIFY2(run.err.contains(named), run.err.constData());
    QVERIFY(!QFile::exists(out));

    const Run missing =
        runReport({QStringLiteral("--report"), m_dir.filePath(QStringLiteral("none.json")),
                   QStringLiteral("-o"), out});
    verifyOneLine(missing);
    QVERIFY(missing.err.contains("none.json"));
    QVERIFY(!QFile::exists(out));
}

void TestReport::badSize_data()
{
    QTest::addColumn<QString>("size");
    for (const char *size : {"big", "1600", "1600x", "x1000", "1600X1000", "-1600x1000",
                             "1600x1000x2", "10x10", "99999x1000", "1600x 1000", ""})
        QTest::newRow(size) << QString::fromLatin1(size);
}

void TestReport::badSize()
{
    QFETCH(QString, size);
    const QString out = m_dir.filePath(QStringLiteral("size.png"));
    const Run run = runReport({QStringLiteral("--report"), kScenario, QStringLiteral("-o"), out,
                               QStringLiteral("--size"), size});
    verifyOneLine(run);
    QVERIFY2(run.err.contains("--size: expected WxH such as 1600x1000"), run.err.constData());
    QVERIFY(!QFile::exists(out));
}

void TestReport::badArguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("named");
    const QString out = QStringLiteral("OUT/report.png");
    QTest::newRow("no -o") << QStringList{QStringLiteral("--report"), kScenario}
                           << QByteArray("-o");
    QTest::newRow("-o without value")
        << QStringList{QStringLiteral("--report"), kScenario, QStringLiteral("-o")}
        << QByteArray("-o");
    QTest::newRow("no scenario") << QStringList{QStringLiteral("--report")}
                                 << QByteArray("--report");
    QTest::newRow("option for scenario")
        << QStringList{QStringLiteral("--report"), QStringLiteral("-o"), out}
        << QByteArray("--report");
    QTest::newRow("stray argument")
        << QStringList{QStringLiteral("--report"), kScenario, QStringLiteral("-o"), out,
                       QStringLiteral("extra")}
        << QByteArray("extra");
    QTest::newRow("-o twice") << QStringList{QStringLiteral("--report"), kScenario,
                                             QStringLiteral("-o"),       out,
                                             QStringLiteral("-o"),       out}
                              << QByteArray("-o");
    QTest::newRow("unknown suffix")
        << QStringList{QStringLiteral("--report"), kScenario, QStringLiteral("-o"),
                       QStringLiteral("OUT/report.bmp")}
        << QByteArray(".bmp");
    QTest::newRow("no suffix") << QStringList{QStringLiteral("--report"), kScenario,
                                              QStringLiteral("-o"), QStringLiteral("OUT/report")}
                               << QByteArray(".png");
}

void TestReport::badArguments()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, named);
    for (QString &a : args)
        a.replace(QStringLiteral("OUT/"), m_dir.path() + QStringLiteral("/"));
    const Run run = runReport(args);
    verifyOneLine(run);
    QVERIFY2(run.err.contains(named), run.err.constData());
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("report"))));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("report.bmp"))));
}

void TestReport::unwritableOutput()
{
    const QString out = m_dir.filePath(QStringLiteral("no/such/folder/report.pdf"));
    const Run run = runReport({QStringLiteral("--report"), kScenario, QStringLiteral("-o"), out,
                               QStringLiteral("--size"), QStringLiteral("1000x700")});
    verifyOneLine(run);
    QVERIFY2(run.err.contains("report.pdf"), run.err.constData());
    QVERIFY(!QFile::exists(out));
}

void TestReport::helpMentionsReport()
{
    const Run run = runReport({QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("--report SCENARIO.json|- -o OUT.png|.svg|.pdf [--size WxH]"));
}

QTEST_MAIN(TestReport)
#include "test_report.moc"
