// --report runs the real binary with no display: the dashboard comes out as PNG, SVG or PDF,
// off screen whatever platform the environment names, and bad input exits 2 with one line on
// stderr and no output file.
#include "run_mfu_explorer.h"
#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <utility>

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
    void outputThatIsNoRegularFile();
    void outputLinkedToAFile();
    void drawsOffScreenWhateverThePlatform_data();
    void drawsOffScreenWhateverThePlatform();
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

// A FIFO, a directory or a link to either, or a link to nothing, is refused with one line naming
// the path, before anything is drawn: the FIFO stays a FIFO and nothing appears where the
// dangling link points. (Not /dev/null: a save that followed the link would replace it.)
void TestReport::outputThatIsNoRegularFile()
{
    const QDir dir(m_dir.filePath(QStringLiteral("special")));
    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("folder.png"))));
    const QString fifo = dir.filePath(QStringLiteral("fifo.png"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    for (const auto &[target, link] : {std::pair{"fifo.png", "to-fifo.png"},
                                       {"folder.png", "to-folder.png"},
                                       {"missing.png", "dangling.png"}})
        QVERIFY(QFile::link(QString::fromLatin1(target), dir.filePath(QString::fromLatin1(link))));

    for (const auto &[name, expected] :
         {std::pair{"fifo.png", ": is a FIFO"},
          {"folder.png", ": is a directory"},
          {"to-fifo.png", ": is a symbolic link to \"fifo.png\", a FIFO"},
          {"to-folder.png", ": is a symbolic link to \"folder.png\", a directory"},
          {"dangling.png", ": is a symbolic link to \"missing.png\", which does not exist"}}) {
        const QString out = dir.filePath(QString::fromLatin1(name));
        const Run run =
            runReport({QStringLiteral("--report"), kScenario, QStringLiteral("-o"), out});
        verifyOneLine(run);
        QVERIFY2(run.err.startsWith("mfu-explorer: " + QFile::encodeName(out) + expected),
                 run.err.constData());
    }
    struct stat st;
    QVERIFY(::stat(QFile::encodeName(fifo).constData(), &st) == 0 && S_ISFIFO(st.st_mode));
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("folder.png"))).isDir());
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("missing.png"))));
}

// A link to a regular file is followed: the file it points at gets the report, the link stays.
void TestReport::outputLinkedToAFile()
{
    const QString real = m_dir.filePath(QStringLiteral("real.png"));
    const QString link = m_dir.filePath(QStringLiteral("linked.png"));
    {
        QFile old(real);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old");
    }
    QVERIFY(QFile::link(QStringLiteral("real.png"), link));
    const Run run = runReport({QStringLiteral("--report"), kScenario, QStringLiteral("-o"), link});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(QFileInfo(link).isSymLink());
    QCOMPARE(QImage(real).size(), QSize(3200, 2000));
}

void TestReport::drawsOffScreenWhateverThePlatform_data()
{
    QTest::addColumn<QStringList>("environment");
    QTest::newRow("no such platform") << QStringList{QStringLiteral("QT_QPA_PLATFORM=nonexistent")};
    QTest::newRow("a display's platform without the display")
        << QStringList{QStringLiteral("QT_QPA_PLATFORM=xcb"), QStringLiteral("DISPLAY=:99"),
                       QStringLiteral("WAYLAND_DISPLAY=wayland-99")};
    QTest::newRow("a list of platforms")
        << QStringList{QStringLiteral("QT_QPA_PLATFORM=wayland;xcb")};
}

// A platform the environment names, usable or not, once aborted --report with Qt's fatal
// message; the report needs no display and is drawn off screen, the same as without one.
void TestReport::drawsOffScreenWhateverThePlatform()
{
    QFETCH(QStringList, environment);
    const QString out = m_dir.filePath(QStringLiteral("platform.png"));
    QFile::remove(out);
    const Run run = runMfuExplorer({QStringLiteral("--report"), kScenario, QStringLiteral("-o"),
                                    out, QStringLiteral("--size"), QStringLiteral("1000x700")},
                                   {}, QStringLiteral("/nonexistent"), environment);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(run.err, QByteArray());
    QCOMPARE(QImage(out).size(), QSize(2000, 1400));
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
