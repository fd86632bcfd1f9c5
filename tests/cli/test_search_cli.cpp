// --search: in process through runHeadless, and the real binary with no display. The document
// (search@1 with every key), --top, agreement with --eval, and bad input (exit 2, one stderr
// line, nothing on stdout).

#include "cli_checks.h"
#include "run_mfu_explorer.h"
#include "cli/cli.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#ifndef MFU_EXPLORER_BINARY
#error "MFU_EXPLORER_BINARY must name the mfu-explorer executable"
#endif
#ifndef MFU_SCENARIO_DIR
#error "MFU_SCENARIO_DIR must name presets/scenarios"
#endif

using nlohmann::json;

namespace {

using Run = CliRun;

std::string scenarioPath(const char *name)
{
    return std::string(MFU_SCENARIO_DIR) + "/" + name;
}

std::string readText(const std::string &path)
{
    QFile file(q(path));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll().toStdString();
}

// An error is exactly one line on stderr and nothing on stdout.
bool isPositiveInteger(const json &v)
{
    return v.is_number_integer() && v.get<long long>() >= 1;
}

const std::vector<std::string> kLayoutKeys = {
    "tp",   "pp",          "dp",        "cp",
    "vpp",  "micro_batch", "recompute", "sequence_parallel",
    "zero", "step_time_s", "mfu",       "memory_per_gpu_bytes",
    "fits"};

// Fails the current test unless `doc` is a search@1 document with every key, whose layouts
// use `gpus` GPUs, fit, and come fastest first.
void checkSearchDocument(const json &doc, double gpus)
{
    QVERIFY(doc.is_object());
    QCOMPARE(doc.size(), std::size_t(4));
    QCOMPARE(q(doc.value("schema", "")), QStringLiteral("mfu-explorer/search@1"));
    QVERIFY(doc["evaluated"].is_number_unsigned());
    QVERIFY(doc["feasible"].is_number_unsigned());
    QVERIFY(doc["evaluated"].get<long long>() > 0);
    QVERIFY(doc["feasible"].get<long long>() <= doc["evaluated"].get<long long>());
    QVERIFY(doc["layouts"].is_array());
    QVERIFY(doc["layouts"].size() <= doc["feasible"].get<std::size_t>());

    double previous = 0;
    for (const json &l : doc["layouts"]) {
        QVERIFY(l.is_object());
        QCOMPARE(l.size(), kLayoutKeys.size());
        for (const std::string &key : kLayoutKeys)
            QVERIFY2(l.contains(key), key.c_str());
        for (const char *key : {"tp", "pp", "dp", "cp", "vpp", "micro_batch"})
            QVERIFY2(isPositiveInteger(l[key]), key);
        QVERIFY(l["zero"].is_number_integer());
        QVERIFY(l["zero"].get<int>() >= 0 && l["zero"].get<int>() <= 3);
        QVERIFY(l["recompute"] == "none" || l["recompute"] == "selective" ||
                l["recompute"] == "full");
        QVERIFY(l["sequence_parallel"].is_boolean());
        QVERIFY(l["fits"].is_boolean());
        QVERIFY(l["fits"].get<bool>());
        for (const char *key : {"step_time_s", "mfu", "memory_per_gpu_bytes"}) {
            QVERIFY2(isNumber(l[key]), key);
            QVERIFY2(l[key].get<double>() > 0, key);
        }
        QVERIFY(l["mfu"].get<double>() < 1);
        QCOMPARE(l["tp"].get<double>() * l["pp"].get<double>() * l["dp"].get<double>() *
                     l["cp"].get<double>(),
                 gpus);
        QVERIFY(l["step_time_s"].get<double>() >= previous);
        previous = l["step_time_s"].get<double>();
    }
}

json parseOrFail(const std::string &text, bool *ok)
{
    try {
        *ok = true;
        return json::parse(text);
    } catch (const json::exception &) {
        *ok = false;
        return {};
    }
}

// The GPUs of presets/scenarios/default.json, from its own --eval.
double defaultGpus()
{
    const Run r = runInProcess({"--eval", scenarioPath("default.json")});
    bool ok = false;
    const json doc = parseOrFail(r.out, &ok);
    return ok && doc.contains("gpus") ? doc["gpus"].get<double>() : 0;
}

} // namespace

class TestSearchCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    // In process
    void helpListsSearch();
    void searchDefault();
    void searchTop3();
    void searchStdin();
    void bestLayoutEvaluatesAlike();
    void badScenario_data();
    void badScenario();
    void badTop_data();
    void badTop();
    void usageError_data();
    void usageError();

    // The real binary
    void binarySearchesWithoutDisplay();
    void binaryRejectsBadTop();

private:
    // The real binary with no display at all (--search must answer before any platform is
    // needed) and no user presets.
    BinaryRun runBinary(const QStringList &args)
    {
        return runMfuExplorer(args, {}, m_emptyPresetFolder);
    }
    std::string writeTemp(const QString &name, const QByteArray &content);

    QTemporaryDir m_dir;
    QString m_emptyPresetFolder;
    double m_gpus = 0;
};

void TestSearchCli::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    // No user presets: PresetLibrary::instance() reads this once, before the first command.
    m_emptyPresetFolder = m_dir.filePath(QStringLiteral("no-user-presets"));
    QVERIFY(QDir().mkpath(m_emptyPresetFolder));
    qputenv("MFU_EXPLORER_PRESETS", m_emptyPresetFolder.toLocal8Bit());
    QVERIFY(QFile::exists(QStringLiteral(MFU_EXPLORER_BINARY)));
    m_gpus = defaultGpus();
    QVERIFY(m_gpus > 1);
}

std::string TestSearchCli::writeTemp(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(content);
    return path.toStdString();
}

// -------------------------------------------------------------------------------- in process

void TestSearchCli::helpListsSearch()
{
    const Run r = runInProcess({"--help"});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.find("--search SCENARIO.json|- [--top N]") != std::string::npos, r.out.c_str());
}

void TestSearchCli::searchDefault()
{
    const Run r = runInProcess({"--search", scenarioPath("default.json")});
    QVERIFY2(r.code == 0, r.err.c_str());
    QCOMPARE(q(r.err), QString());
    bool ok = false;
    const json doc = parseOrFail(r.out, &ok);
    QVERIFY2(ok, r.out.c_str());
    checkSearchDocument(doc, m_gpus);
    // The default scenario's own layout fits, so there is something to rank: up to 20 of it.
    QVERIFY(doc["feasible"].get<long long>() > 0);
    QCOMPARE(doc["layouts"].size(), std::min<std::size_t>(20, doc["feasible"].get<std::size_t>()));
}

void TestSearchCli::searchTop3()
{
    const Run all = runInProcess({"--search", scenarioPath("default.json")});
    const Run top = runInProcess({"--search", scenarioPath("default.json"), "--top", "3"});
    QVERIFY2(top.code == 0, top.err.c_str());
    bool ok = false;
    const json doc = parseOrFail(top.out, &ok);
    QVERIFY2(ok, top.out.c_str());
    checkSearchDocument(doc, m_gpus);
    QCOMPARE(doc["layouts"].size(), std::size_t(3));
    // The best three of the default twenty, and the same counts.
    const json full = parseOrFail(all.out, &ok);
    QVERIFY(ok);
    QCOMPARE(doc["evaluated"], full["evaluated"]);
    QCOMPARE(doc["feasible"], full["feasible"]);
    for (std::size_t i = 0; i < 3; ++i)
        QVERIFY(doc["layouts"][i] == full["layouts"][i]);
}

void TestSearchCli::searchStdin()
{
    const Run file = runInProcess({"--search", scenarioPath("default.json"), "--top", "5"});
    const Run stdinRun =
        runInProcess({"--search", "-", "--top", "5"}, readText(scenarioPath("default.json")));
    QVERIFY2(stdinRun.code == 0, stdinRun.err.c_str());
    QCOMPARE(q(stdinRun.out), q(file.out));
}

// The search's figures for its best layout are those --eval gives for that layout.
void TestSearchCli::bestLayoutEvaluatesAlike()
{
    const Run r = runInProcess({"--search", scenarioPath("default.json"), "--top", "1"});
    bool ok = false;
    const json doc = parseOrFail(r.out, &ok);
    QVERIFY2(ok && doc["layouts"].size() == 1, r.out.c_str());
    const json &best = doc["layouts"][0];

    json scenario = parseOrFail(readText(scenarioPath("default.json")), &ok);
    QVERIFY(ok);
    scenario["parallel"] = {{"tp", best["tp"]},    {"pp", best["pp"]},
                            {"dp", best["dp"]},    {"cp", best["cp"]},
                            {"vpp", best["vpp"]},  {"sequence_parallel", best["sequence_parallel"]},
                            {"zero", best["zero"]}};
    scenario["batch"]["micro_batch"] = best["micro_batch"];
    scenario["recompute"] = best["recompute"];
    const Run eval = runInProcess({"--eval", "-"}, scenario.dump());
    QVERIFY2(eval.code == 0, eval.err.c_str());
    const json ev = parseOrFail(eval.out, &ok);
    QVERIFY(ok);
    QCOMPARE(ev["predicted"]["step_time_s"].get<double>(), best["step_time_s"].get<double>());
    QCOMPARE(ev["predicted"]["mfu"].get<double>(), best["mfu"].get<double>());
    QCOMPARE(ev["memory_per_gpu_bytes"]["total"].get<double>(),
             best["memory_per_gpu_bytes"].get<double>());
}

void TestSearchCli::badScenario_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("field");

    const QByteArray schema = R"({"schema": "mfu-explorer/scenario@1", )";
    QTest::newRow("unknown key") << schema + R"("model": {"hiden": 8192}})"
                                 << "model.hiden";
    QTest::newRow("tp not dividing heads") << schema + R"("parallel": {"tp": 3}})"
                                           << "parallel.tp";
    QTest::newRow("fp8 on a100")
        << schema + R"("hardware": {"preset": "a100-80gb"}, "precision": "fp8"})"
        << "precision";
    QTest::newRow("zero GPUs") << schema + R"("parallel": {"dp": 0}})"
                               << "parallel.dp";
    QTest::newRow("empty") << QByteArray() << "empty file";
    QTest::newRow("garbage") << QByteArray("\x7f"
                                           "ELF\x02\x01\xff\xfe",
                                           8)
                             << "line 1, column 1";
}

// The same one line as --eval gives for the file, naming it and the field.
void TestSearchCli::badScenario()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, field);
    const std::string path = writeTemp(QStringLiteral("bad scenario.json"), content);
    const Run r = runInProcess({"--search", path});
    VERIFY_ONE_ERROR_LINE(r);
    QVERIFY2(r.err.rfind("mfu-explorer: " + path + ": ", 0) == 0, r.err.c_str());
    QVERIFY2(q(r.err).contains(field), r.err.c_str());
    QCOMPARE(q(r.err), q(runInProcess({"--eval", path}).err));

    const Run missing = runInProcess({"--search", path + ".missing"});
    VERIFY_ONE_ERROR_LINE(missing);
    QCOMPARE(q(missing.err), q(runInProcess({"--eval", path + ".missing"}).err));
}

void TestSearchCli::badTop_data()
{
    QTest::addColumn<QString>("value");
    for (const char *v : {"0", "x", "-1", "", "3x", "1.5", "+3", " 3", "00"})
        QTest::newRow(v[0] ? v : "(empty)") << QString::fromLatin1(v);
}

void TestSearchCli::badTop()
{
    QFETCH(QString, value);
    const Run r =
        runInProcess({"--search", scenarioPath("default.json"), "--top", value.toStdString()});
    VERIFY_ONE_ERROR_LINE(r);
    QVERIFY2(r.err.find("--top: expected a positive integer, found \"" + value.toStdString() +
                        "\"") != std::string::npos,
             r.err.c_str());
}

void TestSearchCli::usageError_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("fragment");
    const QString file = q(scenarioPath("default.json"));
    QTest::newRow("no file") << QStringList{"--search"} << "--search expects";
    QTest::newRow("option for file") << QStringList{"--search", "--top", "3"} << "--search expects";
    QTest::newRow("top without value") << QStringList{"--search", file, "--top"} << "--top expects";
    QTest::newRow("top twice") << QStringList{"--search", file, "--top", "3", "--top", "4"}
                               << "--top given twice";
    QTest::newRow("second file") << QStringList{"--search", file, file} << "unexpected argument";
}

void TestSearchCli::usageError()
{
    QFETCH(QStringList, args);
    QFETCH(QString, fragment);
    std::vector<std::string> argv;
    for (const QString &a : args)
        argv.push_back(a.toStdString());
    const Run r = runInProcess(argv);
    VERIFY_ONE_ERROR_LINE(r);
    QVERIFY2(q(r.err).contains(fragment), r.err.c_str());
}

// --------------------------------------------------------------------------- the real binary

void TestSearchCli::binarySearchesWithoutDisplay()
{
    const BinaryRun p = runBinary({QStringLiteral("--search"), q(scenarioPath("default.json")),
                                   QStringLiteral("--top"), QStringLiteral("3")});
    QVERIFY2(p.exitCode == 0, p.err.constData());
    QCOMPARE(p.err, QByteArray());
    bool ok = false;
    const json doc = parseOrFail(p.out.toStdString(), &ok);
    QVERIFY2(ok, p.out.constData());
    checkSearchDocument(doc, m_gpus);
    QCOMPARE(doc["layouts"].size(), std::size_t(3));
}

void TestSearchCli::binaryRejectsBadTop()
{
    for (const char *value : {"0", "x"}) {
        const BinaryRun p = runBinary({QStringLiteral("--search"), q(scenarioPath("default.json")),
                                       QStringLiteral("--top"), QLatin1String(value)});
        QCOMPARE(p.exitCode, 2);
        QCOMPARE(p.out, QByteArray());
        QVERIFY2(p.err.endsWith('\n') && p.err.count('\n') == 1, p.err.constData());
        QVERIFY2(p.err.contains("--top: expected a positive integer"), p.err.constData());
    }
}

QTEST_GUILESS_MAIN(TestSearchCli)
#include "test_search_cli.moc"
