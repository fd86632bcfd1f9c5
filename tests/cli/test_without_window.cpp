// The command line without a window (MFU_BUILD_GUI=OFF, or no report renderer handed in): the
// window and --report are refused with one line that says why, --help leaves them out, and every
// other command works. The real binary is checked for what its build has.
#include "cli_checks.h"
#include "run_mfu_explorer.h"

#include <QTemporaryDir>
#include <QTest>

#ifndef MFU_EXPLORER_HAS_WINDOW
#error "MFU_EXPLORER_HAS_WINDOW must say whether the binary was built with the window"
#endif

namespace {

const std::string kScenario = MFU_SCENARIO_DIR "/default.json";

CliRun runWindowless(const std::vector<std::string> &args)
{
    std::istringstream in;
    std::ostringstream out, err;
    CliRun r;
    r.code = mfu::cli::runWithoutWindow(args, in, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

} // namespace

class TestWithoutWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void reportIsRefused();
    void windowIsRefused_data();
    void windowIsRefused();
    void helpLeavesTheWindowOut();
    void otherCommandsWork();
    void binaryHasWhatItsBuildHas();

private:
    QTemporaryDir m_dir;
};

void TestWithoutWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("MFU_EXPLORER_PRESETS", QFile::encodeName(m_dir.filePath(QStringLiteral("none"))));
}

void TestWithoutWindow::reportIsRefused()
{
    const std::string out = m_dir.filePath(QStringLiteral("report.png")).toStdString();
    // Refused whatever the arguments: the missing window is the news, not a missing -o.
    for (const std::vector<std::string> &args :
         {std::vector<std::string>{"--report", kScenario, "-o", out},
          std::vector<std::string>{"--report"}}) {
        const CliRun r = runInProcess(args);
        VERIFY_ONE_ERROR_LINE(r);
        QCOMPARE(q(r.err), QStringLiteral("mfu-explorer: --report draws the window's dashboard, "
                                          "and this build has no window (configured with "
                                          "MFU_BUILD_GUI=OFF)\n"));
    }
    QVERIFY(!QFile::exists(q(out)));
}

void TestWithoutWindow::windowIsRefused_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("no arguments") << QStringList();
    QTest::newRow("a scenario to open") << QStringList{q(kScenario)};
}

void TestWithoutWindow::windowIsRefused()
{
    QFETCH(QStringList, args);
    std::vector<std::string> argv;
    for (const QString &a : args)
        argv.push_back(a.toStdString());
    const CliRun r = runWindowless(argv);
    VERIFY_ONE_ERROR_LINE(r);
    QCOMPARE(q(r.err), QStringLiteral("mfu-explorer: this build has no window (configured with "
                                      "MFU_BUILD_GUI=OFF); --help lists the commands it has\n"));
}

void TestWithoutWindow::helpLeavesTheWindowOut()
{
    const CliRun r = runWindowless({"--help"});
    QCOMPARE(r.code, 0);
    QCOMPARE(q(r.err), QString());
    QVERIFY2(r.out.find("--report SCENARIO") == std::string::npos, r.out.c_str());
    QVERIFY2(r.out.find("open the explorer window") == std::string::npos, r.out.c_str());
    QVERIFY2(r.out.find("This build has no window") != std::string::npos, r.out.c_str());
    for (const char *word :
         {"--eval", "--search", "--import", "--fit", "--list-presets", "--version", "Exit status"})
        QVERIFY2(r.out.find(word) != std::string::npos, word);
}

void TestWithoutWindow::otherCommandsWork()
{
    const CliRun eval = runWindowless({"--eval", kScenario});
    QCOMPARE(eval.code, 0);
    QCOMPARE(q(nlohmann::json::parse(eval.out).at("schema").get<std::string>()),
             QStringLiteral("mfu-explorer/eval@1"));
    const CliRun version = runWindowless({"--version"});
    QCOMPARE(version.code, 0);
    QVERIFY(version.out.rfind("mfu-explorer ", 0) == 0);
}

void TestWithoutWindow::binaryHasWhatItsBuildHas()
{
    const QString out = m_dir.filePath(QStringLiteral("binary.png"));
    const BinaryRun help = runMfuExplorer({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    const BinaryRun report =
        runMfuExplorer({QStringLiteral("--report"), q(kScenario), QStringLiteral("-o"), out});
    if (MFU_EXPLORER_HAS_WINDOW) {
        QVERIFY(help.out.contains("open the explorer window"));
        QVERIFY(help.out.contains("--report SCENARIO.json"));
        QVERIFY(!help.out.contains("no window"));
        QCOMPARE(report.exitCode, 0);
        QVERIFY(QFile::exists(out));
        return;
    }
    QVERIFY(!help.out.contains("open the explorer window"));
    QVERIFY(help.out.contains("This build has no window"));
    QCOMPARE(report.exitCode, 2);
    QCOMPARE(report.out, QByteArray());
    QCOMPARE(report.err, QByteArray("mfu-explorer: --report draws the window's dashboard, and "
                                    "this build has no window (configured with "
                                    "MFU_BUILD_GUI=OFF)\n"));
    QVERIFY(!QFile::exists(out));
    // Without arguments the binary would open the window: here it says it has none.
    for (const QStringList &args : {QStringList(), QStringList{q(kScenario)}}) {
        const BinaryRun window = runMfuExplorer(args);
        QCOMPARE(window.exitCode, 2);
        QCOMPARE(window.out, QByteArray());
        QVERIFY2(window.err.startsWith("mfu-explorer: this build has no window") &&
                     window.err.count('\n') == 1,
                 window.err.constData());
    }
}

QTEST_GUILESS_MAIN(TestWithoutWindow)
#include "test_without_window.moc"
