// The headless commands: in process through runHeadless (streams in, streams out), and the real
// binary through QProcess with no display, as a user or a script runs it.

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

#include <sys/stat.h>

#ifndef MFU_EXPLORER_BINARY
#error "MFU_EXPLORER_BINARY must name the mfu-explorer executable"
#endif
#ifndef MFU_SCENARIO_DIR
#error "MFU_SCENARIO_DIR must name presets/scenarios"
#endif
#ifndef MFU_EXPECTED_VERSION
#error "MFU_EXPECTED_VERSION must be the project version"
#endif

using nlohmann::json;

namespace {

using Run = CliRun;

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QString scenarioPath(const char *name)
{
    return QStringLiteral(MFU_SCENARIO_DIR) + QLatin1Char('/') + QLatin1String(name);
}

// An error is exactly one line on stderr and nothing on stdout.
// Fails the current test unless `doc` has every key of eval@1 (DESIGN.md) with the right kind
// of value.
void checkEvalDocument(const json &doc)
{
    QVERIFY(doc.is_object());
    QCOMPARE(q(doc.value("schema", "")), QStringLiteral("mfu-explorer/eval@1"));

    QVERIFY(doc.contains("scenario"));
    QVERIFY(doc["scenario"].is_object());
    QCOMPARE(q(doc["scenario"].value("schema", "")), QStringLiteral("mfu-explorer/scenario@1"));
    for (const char *key : {"name", "model", "batch", "parallel", "recompute", "precision",
                            "hardware", "conventions"})
        QVERIFY2(doc["scenario"].contains(key), key);

    QVERIFY(doc.contains("params"));
    for (const char *key : {"total", "embedding", "non_embedding"})
        QVERIFY2(isNumber(doc["params"][key]), key);
    QCOMPARE(doc["params"]["embedding"].get<double>() +
                 doc["params"]["non_embedding"].get<double>(),
             doc["params"]["total"].get<double>());

    QVERIFY(isNumber(doc["tokens_per_step"]));

    const json &flops = doc["flops"];
    QVERIFY(flops.is_object());
    const std::vector<std::string> modules = {"q_proj",       "k_proj", "v_proj", "attn_scores",
                                              "attn_context", "o_proj", "mlp_up", "mlp_gate",
                                              "mlp_down",     "lm_head"};
    QVERIFY(flops["forward"].is_object());
    // A plain MLP has no gate: its key is left out like those of the modules the model lacks.
    const bool gated = flops["forward"].contains("mlp_gate");
    QCOMPARE(flops["forward"].size(), modules.size() + (gated ? 1 : 0));
    double sum = 0;
    for (const std::string &m : modules) {
        if (m == "mlp_gate" && !gated)
            continue;
        QVERIFY2(isNumber(flops["forward"][m]), m.c_str());
        QVERIFY2(flops["forward"][m].get<double>() >= 0, m.c_str());
        sum += flops["forward"][m].get<double>();
    }
    QVERIFY(isNumber(flops["forward"]["total"]));
    QVERIFY(std::fabs(flops["forward"]["total"].get<double>() - sum) <= 1e-9 * sum);
    for (const char *key : {"model_per_step", "hardware_per_step", "exact_model_per_step"})
        QVERIFY2(isNumber(flops[key]) && flops[key].get<double>() > 0, key);
    QVERIFY(flops["approximations"].is_object());
    for (const char *key : {"gpt_closed_form", "llama_closed_form", "six_n", "palm", "megatron"})
        QVERIFY2(isNumber(flops["approximations"][key]) &&
                     flops["approximations"][key].get<double>() > 0,
                 key);

    // The memory and time models may not fill these; when they do, they are objects.
    const json &memory = doc["memory_per_gpu_bytes"];
    QVERIFY(doc.contains("memory_per_gpu_bytes"));
    QVERIFY(memory.is_null() || memory.is_object());
    if (memory.is_object()) {
        for (const char *key :
             {"weights", "gradients", "optimizer", "activations", "other", "total", "capacity"})
            QVERIFY2(isNumber(memory[key]) && memory[key].get<double>() >= 0, key);
        QVERIFY(memory["fits"].is_boolean());
    }
    const json &time = doc["time_s"];
    QVERIFY(doc.contains("time_s"));
    QVERIFY(time.is_null() || time.is_object());
    if (time.is_object()) {
        for (const char *key :
             {"step", "compute", "tp_comm", "pp_bubble", "dp_comm", "cp_comm", "optimizer"})
            QVERIFY2(isNumber(time[key]) && time[key].get<double>() >= 0, key);
        QVERIFY(time["step"].get<double>() > 0);
    }
    for (const char *block : {"predicted", "measured"}) {
        QVERIFY2(doc.contains(block), block);
        const json &u = doc[block];
        QVERIFY2(u.is_null() || u.is_object(), block);
        if (u.is_object())
            for (const char *key : {"mfu", "hfu", "tokens_per_s", "tflops_per_gpu", "step_time_s"})
                QVERIFY2(isNumber(u[key]) && u[key].get<double>() > 0, key);
    }
    QVERIFY(doc["warnings"].is_array());
    for (const json &w : doc["warnings"])
        QVERIFY(w.is_string());
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    // In process
    void version();
    void help_data();
    void help();
    void listPresets();
    void evalFile();
    void evalStdin();
    void evalMeasured();
    void evalEveryPresetScenario_data();
    void evalEveryPresetScenario();
    void badScenarioFile_data();
    void badScenarioFile();
    void badScenarioOnStdin();
    void usageError_data();
    void usageError();
    void missingFile();
    void directory();

    // The real binary
    void binaryEvalsPresetScenario_data();
    void binaryEvalsPresetScenario();
    void binaryRejectsBadFile_data();
    void binaryRejectsBadFile();
    void binaryNeedsNoDisplay();
    void binaryReadsStdin();
    void binarySurvivesBrokenUserPreset();
    void binaryRefusesFifosAndDevices();
    void binaryFailsWhenOutputIsLost();

private:
    // The real binary with no display and no user presets.
    BinaryRun runBinary(const QStringList &args, const QByteArray &input = {})
    {
        return runMfuExplorer(args, input, m_emptyPresetFolder);
    }
    QString writeTemp(const QString &name, const QByteArray &content);

    QTemporaryDir m_dir;
    QString m_emptyPresetFolder;
};

void TestCli::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    // No user presets: PresetLibrary::instance() reads this once, before the first command.
    m_emptyPresetFolder = m_dir.filePath(QStringLiteral("no-user-presets"));
    QVERIFY(QDir().mkpath(m_emptyPresetFolder));
    qputenv("MFU_EXPLORER_PRESETS", m_emptyPresetFolder.toLocal8Bit());
    QVERIFY(QFile::exists(QStringLiteral(MFU_EXPLORER_BINARY)));
}

QString TestCli::writeTemp(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(content);
    return path;
}

// -------------------------------------------------------------------------------- in process

void TestCli::version()
{
    const Run r = runInProcess({"--version"});
    QCOMPARE(r.code, 0);
    QCOMPARE(q(r.out), QStringLiteral("mfu-explorer " MFU_EXPECTED_VERSION "\n"));
    QCOMPARE(q(r.err), QString());
}

void TestCli::help_data()
{
    QTest::addColumn<QString>("option");
    QTest::newRow("--help") << "--help";
    QTest::newRow("-h") << "-h";
}

void TestCli::help()
{
    QFETCH(QString, option);
    const Run r = runInProcess({option.toStdString()});
    QCOMPARE(r.code, 0);
    QCOMPARE(q(r.err), QString());
    for (const char *word : {"--eval", "--list-presets", "--version", "--help", "Exit status"})
        QVERIFY2(r.out.find(word) != std::string::npos, word);
    // It says where user presets are read from.
    QVERIFY(q(r.out).contains(m_emptyPresetFolder));
}

void TestCli::listPresets()
{
    const Run r = runInProcess({"--list-presets"});
    QCOMPARE(r.code, 0);
    QCOMPARE(q(r.err), QString());
    const QString out = q(r.out);
    for (const char *id : {"gpt2",           "gpt2-xl",
                           "gpt3-175b",      "megatron-22b",
                           "turing-530b",    "megatron-1t",
                           "llama2-7b",      "llama2-13b",
                           "llama2-70b",     "llama3-8b",
                           "llama3-70b",     "llama3-405b",
                           "mistral-7b",     "qwen2.5-72b",
                           "a100-80gb",      "h100-sxm",
                           "mi300x",         "tpu-v5p",
                           "v100",           "default",
                           "gpt3-175b-a100", "megatron-core-2025",
                           "pytorch-2023",   "b300",
                           "gb300"})
        QVERIFY2(out.contains(QLatin1String("  ") + QLatin1String(id) + QLatin1Char(' ')) ||
                     out.contains(QLatin1String("  ") + QLatin1String(id) + QLatin1Char('\n')),
                 id);
    QVERIFY(out.contains(QLatin1String("models:")));
    QVERIFY(out.contains(QLatin1String("hardware:")));
    QVERIFY(out.contains(QLatin1String("software:")));
    QVERIFY(out.contains(QLatin1String("scenarios:")));
    QVERIFY2(!out.contains(QLatin1String("warning")), qPrintable(out));
}

void TestCli::evalFile()
{
    const QString path =
        writeTemp(QStringLiteral("default.json"), readFile(scenarioPath("default.json")));
    QVERIFY(!path.isEmpty());
    const Run r = runInProcess({"--eval", path.toStdString()});
    QCOMPARE(q(r.err), QString());
    QCOMPARE(r.code, 0);
    QVERIFY(!r.out.empty() && r.out.back() == '\n');
    const json doc = json::parse(r.out);
    checkEvalDocument(doc);
    if (QTest::currentTestFailed())
        return;

    // Llama-2-70B, b = 1024, s = 4096 (DESIGN.md): figures from the published shape.
    const double b = 1024, s = 4096, h = 8192, L = 80, n = 64, d = 128, V = 32000, nkv = 8;
    QCOMPARE(doc["params"]["total"].get<double>(), 68'976'648'192.0);
    QCOMPARE(doc["tokens_per_step"].get<double>(), b * s);
    const json &fwd = doc["flops"]["forward"];
    QCOMPARE(fwd["q_proj"].get<double>(), 2 * b * s * h * n * d * L);
    QCOMPARE(fwd["k_proj"].get<double>(), 2 * b * s * h * nkv * d * L);
    QCOMPARE(fwd["lm_head"].get<double>(), 2 * b * s * h * V);
    QCOMPARE(fwd["attn_scores"].get<double>(), 2 * b * n * s * s * d * L);
    // Exact convention: training FLOPs are 3 × forward; selective recompute adds the attention
    // core.
    const double forward = fwd["total"].get<double>();
    QCOMPARE(doc["flops"]["model_per_step"].get<double>(), 3 * forward);
    QCOMPARE(doc["flops"]["exact_model_per_step"].get<double>(), 3 * forward);
    const double core = fwd["attn_scores"].get<double>() + fwd["attn_context"].get<double>();
    QCOMPARE(doc["flops"]["hardware_per_step"].get<double>(), 3 * forward + core);
    QCOMPARE(doc["flops"]["approximations"]["six_n"].get<double>(), 6 * 68'976'648'192.0 * b * s);
    QVERIFY(doc["measured"].is_null());
    QCOMPARE(q(doc["scenario"]["name"].get<std::string>()),
             QStringLiteral("Llama-2-70B on 1,024 H100"));
}

void TestCli::evalStdin()
{
    const QByteArray text = readFile(scenarioPath("default.json"));
    QVERIFY(!text.isEmpty());
    const Run fromStdin = runInProcess({"--eval", "-"}, text.toStdString());
    QCOMPARE(q(fromStdin.err), QString());
    QCOMPARE(fromStdin.code, 0);
    checkEvalDocument(json::parse(fromStdin.out));

    const QString path = writeTemp(QStringLiteral("same.json"), text);
    const Run fromFile = runInProcess({"--eval", path.toStdString()});
    QCOMPARE(q(fromStdin.out), q(fromFile.out));
}

void TestCli::evalMeasured()
{
    // IBM fms-fsdp Llama-2-7B: 4,550 tokens/s per GPU on 128 GPUs.
    const QString path =
        writeTemp(QStringLiteral("fsdp.json"), readFile(scenarioPath("llama2-7b-a100.json")));
    const Run r = runInProcess({"--eval", path.toStdString()});
    QCOMPARE(r.code, 0);
    const json doc = json::parse(r.out);
    checkEvalDocument(doc);
    QVERIFY(doc["measured"].is_object());
    const double tokensPerS = doc["measured"]["tokens_per_s"].get<double>();
    QVERIFY(std::fabs(tokensPerS - 4550.0 * 128) <= 1e-9 * tokensPerS);
    QVERIFY(std::fabs(doc["measured"]["step_time_s"].get<double>() -
                      256.0 * 4096 / (4550.0 * 128)) <= 1e-9);
    QCOMPARE(doc["params"]["total"].get<double>(), 6'738'415'616.0);
}

void TestCli::evalEveryPresetScenario_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(MFU_SCENARIO_DIR));
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 4);
    for (const QString &f : files)
        QTest::newRow(qPrintable(f)) << dir.filePath(f);
}

void TestCli::evalEveryPresetScenario()
{
    QFETCH(QString, path);
    const Run r = runInProcess({"--eval", path.toStdString()});
    QVERIFY2(r.code == 0, r.err.c_str());
    QCOMPARE(q(r.err), QString());
    const json doc = json::parse(r.out);
    checkEvalDocument(doc);
    const json file = json::parse(readFile(path).toStdString());
    QCOMPARE(q(doc["scenario"]["name"].get<std::string>()), q(file["name"].get<std::string>()));
    QVERIFY(doc["scenario"]["model"]["preset"] == file["model"]["preset"]);
    QCOMPARE(doc["measured"].is_object(), file.contains("measured"));
}

void TestCli::badScenarioFile_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("field");

    const QByteArray schema = R"({"schema": "mfu-explorer/scenario@1", )";
    QTest::newRow("string layers") << schema + R"("model": {"layers": "80"}})"
                                   << "model.layers";
    QTest::newRow("unknown key") << schema + R"("model": {"hiden": 8192}})"
                                 << "model.hiden";
    QTest::newRow("unknown preset") << schema + R"("hardware": {"preset": "h100"}})"
                                    << "hardware.preset";
    QTest::newRow("tp not dividing heads") << schema + R"("parallel": {"tp": 3}})"
                                           << "parallel.tp";
    QTest::newRow("fp8 on a100")
        << schema + R"("hardware": {"preset": "a100-80gb"}, "precision": "fp8"})"
        << "precision";
    // A measured figure faster than the device's peak names itself and the MFU it implies.
    QTest::newRow("measured above the peak")
        << schema + R"("measured": {"tokens_per_s": 1e300}})"
        << "measured.tokens_per_s: 1e+300 implies MFU of 4.39e+295% of the bf16 peak";
    QTest::newRow("measured TFLOP/s above the peak")
        << schema + R"("measured": {"tflops_per_gpu": 1000}})"
        << "measured.tflops_per_gpu: 1000 implies MFU of 101.1% of the bf16 peak";
    QTest::newRow("number overflow") << schema + "\n\"batch\": {\"seq_len\": 1e999}}"
                                     << "line 2, column 22";
    QTest::newRow("wrong schema") << QByteArray(R"({"schema": "mfu-explorer/eval@1"})") << "schema";
    QTest::newRow("truncated") << readFile(scenarioPath("default.json")).left(150) << "line ";
    QTest::newRow("empty") << QByteArray() << "empty file";
    QTest::newRow("top-level array") << QByteArray("[]") << "expected an object";
    QByteArray garbage;
    for (int i = 0; i < 256; ++i)
        garbage += char((i * 101 + 7) % 256);
    QTest::newRow("binary garbage") << garbage << "line 1, column 1";
}

// One line on stderr naming the file and the field; nothing on stdout.
void TestCli::badScenarioFile()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, field);
    const QString path = writeTemp(QStringLiteral("bad scenario.json"), content);
    const Run r = runInProcess({"--eval", path.toStdString()});
    VERIFY_ONE_ERROR_LINE(r);
    const QString line = q(r.err);
    QVERIFY2(line.startsWith(QLatin1String("mfu-explorer: ") + path + QLatin1String(": ")),
             qPrintable(line));
    QVERIFY2(line.contains(field), qPrintable(line));
    // Printable whatever the file held.
    for (const QChar c : line.chopped(1))
        QVERIFY2(c.isPrint() || c == QLatin1Char(' '), qPrintable(line));
}

void TestCli::badScenarioOnStdin()
{
    const Run r = runInProcess({"--eval", "-"},
                               R"({"schema": "mfu-explorer/scenario@1", "recompute": "some"})");
    VERIFY_ONE_ERROR_LINE(r);
    QVERIFY2(r.err.rfind("mfu-explorer: <stdin>: recompute: ", 0) == 0, r.err.c_str());

    // The stack: an unknown preset and a setting outside its physical range name their field.
    const Run unknownStack = runInProcess(
        {"--eval", "-"},
        R"({"schema": "mfu-explorer/scenario@1", "software": {"preset": "megatron-2099"}})");
    VERIFY_ONE_ERROR_LINE(unknownStack);
    QVERIFY2(unknownStack.err.rfind("mfu-explorer: <stdin>: software.preset: unknown software "
                                    "preset \"megatron-2099\"",
                                    0) == 0,
             unknownStack.err.c_str());
    const Run smFraction = runInProcess(
        {"--eval", "-"},
        R"({"schema": "mfu-explorer/scenario@1", "software": {"tp_overlap_sm_fraction": 0.8}})");
    VERIFY_ONE_ERROR_LINE(smFraction);
    QVERIFY2(smFraction.err.rfind("mfu-explorer: <stdin>: software.tp_overlap_sm_fraction: ", 0) ==
                 0,
             smFraction.err.c_str());

    const Run empty = runInProcess({"--eval", "-"}, "");
    VERIFY_ONE_ERROR_LINE(empty);
    QVERIFY2(empty.err.find("<stdin>") != std::string::npos, empty.err.c_str());
}

void TestCli::usageError_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("unknown option") << QStringList{"--frobnicate"} << "--frobnicate";
    QTest::newRow("eval without file") << QStringList{"--eval"} << "--eval";
    QTest::newRow("eval with two files") << QStringList{"--eval", "a.json", "b.json"} << "--eval";
    QTest::newRow("list-presets with argument")
        << QStringList{"--list-presets", "x"} << "--list-presets";
    QTest::newRow("no command") << QStringList{} << "no command";
    QTest::newRow("binary option")
        << QStringList{QString::fromLatin1("--\x01\x7f")} << "unknown option";
}

void TestCli::usageError()
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

void TestCli::missingFile()
{
    const QString path = m_dir.filePath(QStringLiteral("does-not-exist.json"));
    const Run r = runInProcess({"--eval", path.toStdString()});
    VERIFY_ONE_ERROR_LINE(r);
    QVERIFY2(q(r.err).contains(path), r.err.c_str());
    QVERIFY2(r.err.find("cannot open") != std::string::npos, r.err.c_str());
}

void TestCli::directory()
{
    const Run r = runInProcess({"--eval", m_dir.path().toStdString()});
    VERIFY_ONE_ERROR_LINE(r);
    QVERIFY2(q(r.err).contains(m_dir.path()), r.err.c_str());
    QVERIFY2(r.err.find("directory") != std::string::npos, r.err.c_str());
}

// --------------------------------------------------------------------------- the real binary

void TestCli::binaryEvalsPresetScenario_data()
{
    evalEveryPresetScenario_data();
}

void TestCli::binaryEvalsPresetScenario()
{
    QFETCH(QString, path);
    const BinaryRun p = runBinary({QStringLiteral("--eval"), path});
    QVERIFY2(p.exitCode == 0, p.err.constData());
    QCOMPARE(p.err, QByteArray());
    json doc;
    try {
        doc = json::parse(p.out.toStdString());
    } catch (const json::exception &e) {
        QFAIL(e.what());
    }
    QCOMPARE(q(doc.value("schema", "")), QStringLiteral("mfu-explorer/eval@1"));
    checkEvalDocument(doc);
}

void TestCli::binaryRejectsBadFile_data()
{
    QTest::addColumn<QByteArray>("content");
    QByteArray garbage("\x7f"
                       "ELF\x02\x01\x01\0\0\0\xff\xfe\xc3\x28\n\r\x1b[2J",
                       20);
    for (int i = 0; i < 4096; ++i)
        garbage += char((i * 37 + 11) % 256);
    QTest::newRow("binary garbage") << garbage;
    QTest::newRow("empty") << QByteArray();
}

void TestCli::binaryRejectsBadFile()
{
    QFETCH(QByteArray, content);
    const QString path = writeTemp(QStringLiteral("bad.json"), content);
    const BinaryRun p = runBinary({QStringLiteral("--eval"), path});
    QCOMPARE(p.exitCode, 2);
    QCOMPARE(p.out, QByteArray());
    QVERIFY2(p.err.endsWith('\n') && p.err.count('\n') == 1, p.err.constData());
    QVERIFY2(p.err.startsWith("mfu-explorer: " + path.toLocal8Bit() + ": "), p.err.constData());
}

void TestCli::binaryNeedsNoDisplay()
{
    // runMfuExplorer() removes every variable a display could come from.
    const BinaryRun eval = runBinary({QStringLiteral("--eval"), scenarioPath("default.json")});
    QVERIFY2(eval.exitCode == 0, eval.err.constData());
    QCOMPARE(eval.err, QByteArray());
    checkEvalDocument(json::parse(eval.out.toStdString()));

    const BinaryRun version = runBinary({QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QCOMPARE(version.out, QByteArray("mfu-explorer " MFU_EXPECTED_VERSION "\n"));
}

void TestCli::binaryReadsStdin()
{
    const BinaryRun p = runBinary({QStringLiteral("--eval"), QStringLiteral("-")},
                                  readFile(scenarioPath("gpt3-175b-a100.json")));
    QVERIFY2(p.exitCode == 0, p.err.constData());
    const json doc = json::parse(p.out.toStdString());
    checkEvalDocument(doc);
    QVERIFY(doc["measured"].is_object());
}

void TestCli::binarySurvivesBrokenUserPreset()
{
    // A user model preset without heads once divided by zero while the library loaded.
    const QString folder = m_dir.filePath(QStringLiteral("user-presets"));
    QVERIFY(QDir().mkpath(folder + QStringLiteral("/models")));
    QFile file(folder + QStringLiteral("/models/broken.json"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"schema": "mfu-explorer/model@1", "hidden": 1024})");
    file.close();
    const BinaryRun list = runMfuExplorer({QStringLiteral("--list-presets")}, {}, folder);
    QCOMPARE(list.exitCode, 0);
    QVERIFY2(list.out.contains("warning: ") && list.out.contains("broken.json") &&
                 list.out.contains("heads"),
             list.out.constData());

    const BinaryRun eval =
        runMfuExplorer({QStringLiteral("--eval"), scenarioPath("default.json")}, {}, folder);
    QCOMPARE(eval.exitCode, 0);
}

// A FIFO as a scenario, or in the user preset folder, once hung every command; a device never
// ended. Both are refused before they are opened, a preset with a warning.
void TestCli::binaryRefusesFifosAndDevices()
{
    const QString folder = m_dir.filePath(QStringLiteral("fifo-presets"));
    QVERIFY(QDir().mkpath(folder + QStringLiteral("/models")));
    const QString pipe = folder + QStringLiteral("/models/pipe.json");
    QCOMPARE(::mkfifo(QFile::encodeName(pipe).constData(), 0600), 0);
    for (const QString &path : {pipe, QStringLiteral("/dev/zero")}) {
        const BinaryRun eval = runBinary({QStringLiteral("--eval"), path});
        QCOMPARE(eval.exitCode, 2);
        QVERIFY2(eval.err.contains("not a regular file") && eval.err.count('\n') == 1,
                 eval.err.constData());
        QVERIFY(eval.out.isEmpty());
    }
    const BinaryRun list = runMfuExplorer({QStringLiteral("--list-presets")}, {}, folder);
    QCOMPARE(list.exitCode, 0);
    QVERIFY2(list.out.contains("pipe.json: not a regular file, skipped"), list.out.constData());
}

// A full disk must not pass for a success: the evaluation went nowhere, so the exit status says
// so, with one line.
void TestCli::binaryFailsWhenOutputIsLost()
{
    if (!QFile::exists(QStringLiteral("/dev/full")))
        QSKIP("no /dev/full on this system");
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("MFU_EXPLORER_PRESETS"), m_emptyPresetFolder);
    process.setProcessEnvironment(env);
    process.setStandardOutputFile(QStringLiteral("/dev/full"));
    process.start(QStringLiteral(MFU_EXPLORER_BINARY),
                  {QStringLiteral("--eval"), scenarioPath("default.json")});
    QVERIFY(process.waitForFinished(120000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 1);
    const QByteArray err = process.readAllStandardError();
    QCOMPARE(err.count('\n'), 1);
    QVERIFY2(err.contains("cannot write the output"), err.constData());
}

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
