// Scenario and preset files: every built-in preset loads, model presets have the parameter
// counts their publishers give, scenarios survive a write and a read, explicit fields override
// presets, and every class of bad input is an error that names its field (never a crash, never
// a silently accepted value).

#include "engine/evaluate.h"
#include "engine/params.h"
#include "engine/validate.h"
#include "io/preset_library.h"
#include "io/scenario_io.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>
#include <vector>

using mfu::engine::Scenario;
using mfu::io::PresetLibrary;

namespace {

const PresetLibrary &presets()
{
    return PresetLibrary::builtin();
}

// A scenario@1 document with the given members after the schema.
QByteArray scenarioText(const char *members)
{
    QByteArray text = R"({"schema": "mfu-explorer/scenario@1")";
    if (*members)
        text += QByteArray(", ") + members;
    return text + "}";
}

mfu::engine::Result<Scenario> parse(const QByteArray &text)
{
    return mfu::io::parseScenario(std::string_view(text.constData(), std::size_t(text.size())),
                                  presets());
}

// Parses and fails the test with the error when the text is rejected.
Scenario parseOk(const QByteArray &text)
{
    const auto sc = parse(text);
    if (!sc) {
        QTest::qFail(
            qPrintable(QString::fromStdString("unexpected error: " + sc.error().toString())),
            __FILE__, __LINE__);
        return {};
    }
    return *sc;
}

QByteArray dumped(const Scenario &sc)
{
    return QByteArray::fromStdString(mfu::io::scenarioToJson(sc).dump());
}

QStringList toQStringList(const std::vector<std::string> &items)
{
    QStringList out;
    for (const std::string &s : items)
        out << QString::fromStdString(s);
    return out;
}

} // namespace

class TestScenarioIo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    // Presets
    void builtinPresetsLoadWithoutWarnings();
    void modelIds();
    void hardwareIds();
    void scenarioIds();
    void modelPresetIsSound_data();
    void modelPresetIsSound();
    void hardwarePresetHasSources_data();
    void hardwarePresetHasSources();
    void hardwareDatasheetFigures_data();
    void hardwareDatasheetFigures();
    void publishedParameterCount_data();
    void publishedParameterCount();
    void roundedPublishedParameterCount_data();
    void roundedPublishedParameterCount();

    // Scenarios
    void defaultScenarioIsTheDocumentedOne();
    void roundTrip_data();
    void roundTrip();
    void emptyDocumentTakesTheDefaults();
    void stacklessPresetIsTheEngineDefault();
    void legacyFusedAttentionKnobSetsTheStack();
    void softwarePresetAndOverride();
    void presetFieldIsOverridden();
    void headsWithoutHeadDimRederivesHeadDim_data();
    void headsWithoutHeadDimRederivesHeadDim();
    void explicitHeadDimIsKept();
    void gpusInsteadOfDp_data();
    void gpusInsteadOfDp();
    void onePeakOverrideKeepsTheOthers();
    void oneKnobOverrideKeepsTheOthers();
    void handWrittenGptShapeTakesGptSwitches();
    void measuredForms_data();
    void measuredForms();

    // Bad input
    void badScenario_data();
    void badScenario();
    void unparsableText_data();
    void unparsableText();
    void fp8OnA100FailsOnEvaluate();
    void badPresetFile_data();
    void badPresetFile();
    void userFolderSkipsBrokenFilesAndOverridesBuiltins();
};

void TestScenarioIo::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

// ---------------------------------------------------------------------------------- presets

void TestScenarioIo::builtinPresetsLoadWithoutWarnings()
{
    QCOMPARE(toQStringList(presets().loadWarnings()), QStringList());
}

void TestScenarioIo::modelIds()
{
    QStringList expected = {"gpt2",          "gpt2-xl",          "gpt3-175b",
                            "megatron-22b",  "turing-530b",      "megatron-1t",
                            "llama2-7b",     "llama2-13b",       "llama2-70b",
                            "llama3-8b",     "llama3-70b",       "llama3-405b",
                            "mistral-7b",    "qwen2.5-72b",      "mixtral-8x7b",
                            "mixtral-8x22b", "deepseek-v2-lite", "deepseek-v3",
                            "kimi-k2",       "qwen3-30b-a3b",    "qwen3-235b-a22b",
                            "gpt-oss-20b",   "gpt-oss-120b"};
    expected.sort();
    QStringList ids = toQStringList(presets().modelIds());
    ids.sort();
    QCOMPARE(ids, expected);
}

void TestScenarioIo::hardwareIds()
{
    QStringList expected = {"a100-40gb", "a100-80gb", "ascend-910a", "ascend-910b", "b200",
                            "b300",      "gaudi2",    "gaudi3",      "gb200",       "gb300",
                            "h100-pcie", "h100-sxm",  "h200",        "h800",        "l40s",
                            "mi250x",    "mi300x",    "mi325x",      "mi355x",      "rtx4090",
                            "tpu-v4",    "tpu-v5e",   "tpu-v5p",     "tpu-v6e",     "v100"};
    QCOMPARE(expected.size(), 25);
    expected.sort();
    QStringList ids = toQStringList(presets().hardwareIds());
    ids.sort();
    QCOMPARE(ids, expected);
}

void TestScenarioIo::scenarioIds()
{
    const QStringList ids = toQStringList(presets().scenarioIds());
    for (const char *id : {"default", "gpt3-175b-a100", "llama2-7b-a100", "llama3-8b-h100"})
        QVERIFY2(ids.contains(QLatin1String(id)), id);
}

void TestScenarioIo::modelPresetIsSound_data()
{
    QTest::addColumn<QString>("id");
    for (const std::string &id : presets().modelIds())
        QTest::newRow(id.c_str()) << QString::fromStdString(id);
}

// Each model shape, on one GPU, passes the engine's checks, names itself and cites a source.
void TestScenarioIo::modelPresetIsSound()
{
    QFETCH(QString, id);
    const mfu::io::ModelPreset *preset = presets().model(id.toStdString());
    QVERIFY(preset);
    QVERIFY(!preset->name.empty());
    QVERIFY(preset->name != preset->id);
    QVERIFY(!preset->sources.empty());
    for (const std::string &source : preset->sources)
        QVERIFY(!source.empty());
    QVERIFY(preset->shape.family == "gpt" || preset->shape.family == "llama");
    // Heads of h/n unless the config gives its own head width (Qwen3, gpt-oss) or the heads are
    // MLA's, d_n + d_r wide.
    const mfu::engine::ModelShape &m = preset->shape;
    const bool ownHeadDim =
        std::any_of(preset->sources.begin(), preset->sources.end(),
                    [](const std::string &s) { return s.find("head_dim") != std::string::npos; });
    if (m.mla.enabled())
        QCOMPARE(m.headDim, m.mla.qkNopeHeadDim + m.mla.qkRopeHeadDim);
    else if (!ownHeadDim)
        QCOMPARE(m.heads * m.headDim, m.hidden);

    Scenario sc = mfu::io::defaultScenario();
    sc.model = preset->shape;
    sc.parallel = {};
    const auto error = mfu::engine::validateScenario(sc);
    QVERIFY2(!error, error ? error->toString().c_str() : "");
}

void TestScenarioIo::hardwarePresetHasSources_data()
{
    QTest::addColumn<QString>("id");
    for (const std::string &id : presets().hardwareIds())
        QTest::newRow(id.c_str()) << QString::fromStdString(id);
}

// Every figure of a hardware preset says where it comes from.
void TestScenarioIo::hardwarePresetHasSources()
{
    QFETCH(QString, id);
    const mfu::io::HardwarePreset *preset = presets().hardware(id.toStdString());
    QVERIFY(preset);
    QVERIFY(!preset->hardware.name.empty());
    QVERIFY(!preset->hardware.vendor.empty());
    for (const char *figure : {"peak_tflops", "memory_gib", "memory_bw_gbs", "intra_node_gbs",
                               "inter_node_gbs", "gpus_per_node"}) {
        const auto it = preset->sources.find(figure);
        QVERIFY2(it != preset->sources.end(), figure);
        QVERIFY2(it->second.size() > 10, figure);
    }
    const mfu::engine::Hardware &hw = preset->hardware;
    QVERIFY(hw.peakTflopsBf16 > 0 || hw.peakTflopsFp16 > 0);
    QVERIFY(hw.memoryGib > 0);
    QVERIFY(hw.memoryBwGbs > 0);
    QVERIFY(hw.intraNodeGbs > 0);
    QVERIFY(hw.interNodeGbs > 0);
    QVERIFY(hw.gpusPerNode > 0);
}

void TestScenarioIo::hardwareDatasheetFigures_data()
{
    // Dense peaks (TFLOP/s) and HBM from the vendors' datasheets; 0 = no such mode.
    QTest::addColumn<QString>("id");
    QTest::addColumn<double>("bf16");
    QTest::addColumn<double>("fp16");
    QTest::addColumn<double>("fp8");
    QTest::addColumn<double>("memoryGib");
    QTest::newRow("a100-80gb") << "a100-80gb" << 312.0 << 312.0 << 0.0 << 80.0;
    QTest::newRow("a100-40gb") << "a100-40gb" << 312.0 << 312.0 << 0.0 << 40.0;
    QTest::newRow("h100-sxm") << "h100-sxm" << 989.4 << 989.4 << 1978.9 << 80.0;
    QTest::newRow("h100-pcie") << "h100-pcie" << 756.0 << 756.0 << 1513.0 << 80.0;
    QTest::newRow("h200") << "h200" << 989.4 << 989.4 << 1978.9 << 141.0;
    QTest::newRow("v100") << "v100" << 0.0 << 125.0 << 0.0 << 32.0;
    QTest::newRow("mi300x") << "mi300x" << 1307.4 << 1307.4 << 2614.9 << 192.0;
    QTest::newRow("tpu-v4") << "tpu-v4" << 275.0 << 0.0 << 0.0 << 32.0;
    QTest::newRow("tpu-v5e") << "tpu-v5e" << 197.0 << 0.0 << 0.0 << 16.0;
    QTest::newRow("tpu-v5p") << "tpu-v5p" << 459.0 << 0.0 << 459.0 << 95.0;
}

void TestScenarioIo::hardwareDatasheetFigures()
{
    QFETCH(QString, id);
    QFETCH(double, bf16);
    QFETCH(double, fp16);
    QFETCH(double, fp8);
    QFETCH(double, memoryGib);
    const mfu::io::HardwarePreset *preset = presets().hardware(id.toStdString());
    QVERIFY(preset);
    const mfu::engine::Hardware &hw = preset->hardware;
    auto near = [](double actual, double expected) {
        return expected == 0 ? actual == 0 : std::fabs(actual - expected) <= 0.005 * expected;
    };
    QVERIFY2(near(hw.peakTflopsBf16, bf16), QByteArray::number(hw.peakTflopsBf16));
    QVERIFY2(near(hw.peakTflopsFp16, fp16), QByteArray::number(hw.peakTflopsFp16));
    QVERIFY2(near(hw.peakTflopsFp8, fp8), QByteArray::number(hw.peakTflopsFp8));
    QCOMPARE(hw.memoryGib, memoryGib);
}

void TestScenarioIo::publishedParameterCount_data()
{
    // Exact parameter counts as the Hugging Face checkpoints report them (sum of the tensor
    // sizes; GPT-2 with its tied lm_head counted once).
    QTest::addColumn<QString>("id");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("gpt2") << "gpt2" << qint64(124'439'808);
    QTest::newRow("gpt2-xl") << "gpt2-xl" << qint64(1'557'611'200);
    QTest::newRow("llama2-7b") << "llama2-7b" << qint64(6'738'415'616);
    QTest::newRow("llama2-13b") << "llama2-13b" << qint64(13'015'864'320);
    QTest::newRow("llama2-70b") << "llama2-70b" << qint64(68'976'648'192);
    QTest::newRow("llama3-8b") << "llama3-8b" << qint64(8'030'261'248);
    QTest::newRow("llama3-70b") << "llama3-70b" << qint64(70'553'706'496);
    QTest::newRow("llama3-405b") << "llama3-405b" << qint64(405'853'388'800);
    QTest::newRow("mistral-7b") << "mistral-7b" << qint64(7'241'732'096);
}

void TestScenarioIo::publishedParameterCount()
{
    QFETCH(QString, id);
    QFETCH(qint64, expected);
    const mfu::io::ModelPreset *preset = presets().model(id.toStdString());
    QVERIFY(preset);
    const double total = mfu::engine::countParams(preset->shape).total;
    QCOMPARE(qint64(total), expected);
    QCOMPARE(total, double(expected)); // no fractional part hidden by the cast
}

void TestScenarioIo::roundedPublishedParameterCount_data()
{
    // Counts that their sources print rounded; the tolerance is half the last printed digit.
    QTest::addColumn<QString>("id");
    QTest::addColumn<double>("published");
    QTest::addColumn<double>("halfDigit");
    // Narayanan et al. 2021, Table 1: 529.6B and 1008.0B (12lh² + 13lh + (V + s)h).
    QTest::newRow("turing-530b") << "turing-530b" << 529.6e9 << 0.05e9;
    QTest::newRow("megatron-1t") << "megatron-1t" << 1008.0e9 << 0.05e9;
    // Brown et al. 2020, Table 2.1: 175.0B; Korthikanti et al. 2022, Table 3: 22B.
    QTest::newRow("gpt3-175b") << "gpt3-175b" << 175.0e9 << 0.5e9;
    QTest::newRow("megatron-22b") << "megatron-22b" << 22.0e9 << 0.5e9;
    // Qwen2.5 model card: 72.7B; the preset leaves out the q/k/v biases (0.8M), see its sources.
    QTest::newRow("qwen2.5-72b") << "qwen2.5-72b" << 72.7e9 << 0.05e9;
}

void TestScenarioIo::roundedPublishedParameterCount()
{
    QFETCH(QString, id);
    QFETCH(double, published);
    QFETCH(double, halfDigit);
    const mfu::io::ModelPreset *preset = presets().model(id.toStdString());
    QVERIFY(preset);
    const double total = mfu::engine::countParams(preset->shape).total;
    QVERIFY2(std::fabs(total - published) <= halfDigit, QByteArray::number(total, 'f', 0));
}

// --------------------------------------------------------------------------------- scenarios

void TestScenarioIo::defaultScenarioIsTheDocumentedOne()
{
    // DESIGN.md: Llama-2-70B on 1,024 H100, b = 1024, s = 4096, tp 8, pp 4, dp 32.
    const Scenario &sc = mfu::io::defaultScenario();
    QCOMPARE(QString::fromStdString(sc.modelPreset), QStringLiteral("llama2-70b"));
    QCOMPARE(QString::fromStdString(sc.hardwarePreset), QStringLiteral("h100-sxm"));
    QCOMPARE(sc.model.layers, 80);
    QCOMPARE(sc.model.hidden, 8192);
    QCOMPARE(sc.model.heads, 64);
    QCOMPARE(sc.model.kvHeads, 8);
    QCOMPARE(sc.batch.globalBatch, 1024);
    QCOMPARE(sc.batch.seqLen, 4096);
    QCOMPARE(sc.parallel.tp, 8);
    QCOMPARE(sc.parallel.pp, 4);
    QCOMPARE(sc.parallel.dp, 32);
    QCOMPARE(sc.parallel.gpus(), 1024.0);
    QVERIFY(sc.measured.kind == Scenario{}.measured.kind);
    QVERIFY(!mfu::engine::validateScenario(sc));
}

void TestScenarioIo::roundTrip_data()
{
    QTest::addColumn<QByteArray>("text");
    for (const std::string &id : presets().scenarioIds())
        QTest::newRow(id.c_str()) << QByteArray::fromStdString(*presets().scenarioText(id));
    QTest::newRow("hand-written gpt with hardware tflops")
        << scenarioText(R"("model": {"family": "gpt", "layers": 24, "hidden": 2048, "heads": 16,
                                     "ffn_hidden": 8192, "vocab": 50304, "max_positions": 2048},
                           "parallel": {"tp": 2, "pp": 2, "gpus": 64},
                           "recompute": "full", "precision": "fp16",
                           "hardware": {"name": "lab card", "vendor": "lab",
                                        "peak_tflops": {"bf16": 100, "fp16": 120.5, "fp8": 0},
                                        "memory_gib": 40, "memory_bw_gbs": 1500,
                                        "intra_node_gbs": 200, "inter_node_gbs": 12.5,
                                        "gpus_per_node": 4,
                                        "efficiency": {"tp_overlap": 0.25}},
                           "conventions": {"flops": "six_n", "causal": true, "peak": "bf16",
                                           "params": "non_embedding"},
                           "measured": {"tflops_per_gpu": 55.5, "tflops_kind": "hardware"})");
    QTest::newRow("samples per second") << scenarioText(R"("measured": {"samples_per_s": 12.25})");
}

// parse → write → parse gives the same scenario, and writing it again gives the same text.
void TestScenarioIo::roundTrip()
{
    QFETCH(QByteArray, text);
    const Scenario first = parseOk(text);
    const QByteArray written = dumped(first);
    const Scenario second = parseOk(written);
    QCOMPARE(dumped(second), written);
    QCOMPARE(QString::fromStdString(second.name), QString::fromStdString(first.name));
    QCOMPARE(int(second.measured.kind), int(first.measured.kind));
    QCOMPARE(second.measured.value, first.measured.value);

    // What the file said survives the trip.
    const auto doc = nlohmann::json::parse(text.constData());
    const auto out = nlohmann::json::parse(written.constData());
    for (const char *block : {"batch", "parallel", "conventions", "measured"}) {
        if (!doc.contains(block))
            continue;
        for (auto it = doc[block].begin(); it != doc[block].end(); ++it)
            QVERIFY2(out[block][it.key()] == it.value(),
                     (std::string(block) + "." + it.key()).c_str());
    }
    for (const char *key : {"name", "recompute", "precision"})
        if (doc.contains(key))
            QVERIFY2(out[key] == doc[key], key);
}

// Everything but the stack comes from the default scenario; a document without a software block
// was written before stacks had one and runs on the stack every scenario then assumed.
void TestScenarioIo::emptyDocumentTakesTheDefaults()
{
    const Scenario sc = parseOk(scenarioText(""));
    Scenario expected = mfu::io::defaultScenario();
    QCOMPARE(QString::fromStdString(expected.softwarePreset), QStringLiteral("megatron-core-2025"));
    const mfu::io::SoftwarePreset *stackless =
        presets().software(mfu::io::kStacklessSoftwarePreset);
    QVERIFY(stackless);
    expected.software = stackless->software;
    expected.softwarePreset = mfu::io::kStacklessSoftwarePreset;
    QCOMPARE(dumped(sc), dumped(expected));
}

// The stack of files without a software block is engine::Software's defaults, named by a preset
// the window can show: the two must not drift apart.
void TestScenarioIo::stacklessPresetIsTheEngineDefault()
{
    const mfu::io::SoftwarePreset *stackless =
        presets().software(mfu::io::kStacklessSoftwarePreset);
    QVERIFY(stackless);
    mfu::engine::Software software = stackless->software;
    software.name.clear();
    QVERIFY(software == mfu::engine::Software{});
}

// An old file that switched the fused kernel off in the efficiency knobs still means the unfused
// kernel, now a setting of the stack.
void TestScenarioIo::legacyFusedAttentionKnobSetsTheStack()
{
    const Scenario unfused = parseOk(scenarioText(
        R"("hardware": {"preset": "a100-80gb", "efficiency": {"fused_attention": 0}})"));
    QCOMPARE(int(unfused.software.attention), int(mfu::engine::AttentionKernel::Unfused));
    const Scenario fused = parseOk(scenarioText(
        R"("hardware": {"preset": "a100-80gb", "efficiency": {"fused_attention": 1}})"));
    QCOMPARE(int(fused.software.attention), int(mfu::engine::AttentionKernel::Flash2));
}

// A software preset sets the whole stack and any field can be set over it; an unknown preset is
// an error naming the field.
void TestScenarioIo::softwarePresetAndOverride()
{
    const Scenario sc = parseOk(scenarioText(
        R"("software": {"preset": "megatron-core-2025", "tp_comm_overlap": "none", "fp8_recipe": "rowwise"})"));
    QCOMPARE(QString::fromStdString(sc.softwarePreset), QStringLiteral("megatron-core-2025"));
    QCOMPARE(int(sc.software.attention), int(mfu::engine::AttentionKernel::Flash3));
    QCOMPARE(int(sc.software.tpOverlap), int(mfu::engine::TpOverlap::None));
    QCOMPARE(int(sc.software.fp8Recipe), int(mfu::engine::Fp8Recipe::Rowwise));
    QCOMPARE(int(sc.software.gradReduce), int(mfu::engine::GradReduce::Bf16));
    const auto unknown = mfu::io::parseScenario(
        scenarioText(R"("software": {"preset": "megatron-2099"})").toStdString(), presets());
    QVERIFY(!unknown.ok());
    QCOMPARE(QString::fromStdString(unknown.error().field), QStringLiteral("software.preset"));
    const auto badField = mfu::io::parseScenario(
        scenarioText(R"("software": {"tp_overlap_sm_fraction": 0.9})").toStdString(), presets());
    QVERIFY(!badField.ok());
    QCOMPARE(QString::fromStdString(badField.error().field),
             QStringLiteral("software.tp_overlap_sm_fraction"));
    const auto typo = mfu::io::parseScenario(
        scenarioText(R"("software": {"atention": "flash3"})").toStdString(), presets());
    QVERIFY(!typo.ok());
    QCOMPARE(QString::fromStdString(typo.error().field), QStringLiteral("software.atention"));
}

void TestScenarioIo::presetFieldIsOverridden()
{
    const Scenario sc = parseOk(scenarioText(R"("model": {"preset": "llama2-70b", "layers": 40})"));
    QCOMPARE(QString::fromStdString(sc.modelPreset), QStringLiteral("llama2-70b"));
    QCOMPARE(sc.model.layers, 40);
    QCOMPARE(sc.model.hidden, 8192);
    QCOMPARE(sc.model.heads, 64);
    QCOMPARE(sc.model.kvHeads, 8);
    QCOMPARE(sc.model.headDim, 128);
    QCOMPARE(sc.model.ffnHidden, 28672);
    QCOMPARE(sc.model.vocab, 32000);

    const Scenario vocab = parseOk(scenarioText(R"("model": {"preset": "gpt3-175b", "vocab": 51200},
                                                   "parallel": {"tp": 8, "pp": 8, "dp": 16})"));
    QCOMPARE(vocab.model.vocab, 51200);
    QCOMPARE(vocab.model.hidden, 12288);
    QVERIFY(vocab.model.tiedEmbeddings);
}

void TestScenarioIo::headsWithoutHeadDimRederivesHeadDim_data()
{
    QTest::addColumn<QByteArray>("model");
    QTest::addColumn<qint64>("heads");
    QTest::addColumn<qint64>("kvHeads");
    QTest::addColumn<qint64>("headDim");
    // A GQA base keeps its KV heads; a multi-head base stays multi-head.
    QTest::newRow("gqa heads") << QByteArray(R"({"preset": "llama2-70b", "heads": 32})")
                               << qint64(32) << qint64(8) << qint64(256);
    QTest::newRow("mha heads") << QByteArray(R"({"preset": "llama2-7b", "heads": 16})")
                               << qint64(16) << qint64(16) << qint64(256);
    QTest::newRow("hidden") << QByteArray(R"({"preset": "llama2-7b", "hidden": 2048})")
                            << qint64(32) << qint64(32) << qint64(64);
    QTest::newRow("both") << QByteArray(R"({"preset": "llama3-8b", "hidden": 6144, "heads": 48})")
                          << qint64(48) << qint64(8) << qint64(128);
}

void TestScenarioIo::headsWithoutHeadDimRederivesHeadDim()
{
    QFETCH(QByteArray, model);
    QFETCH(qint64, heads);
    QFETCH(qint64, kvHeads);
    QFETCH(qint64, headDim);
    const Scenario sc = parseOk(scenarioText(("\"model\": " + model).constData()));
    QCOMPARE(qint64(sc.model.heads), heads);
    QCOMPARE(qint64(sc.model.kvHeads), kvHeads);
    QCOMPARE(qint64(sc.model.headDim), headDim);
}

void TestScenarioIo::explicitHeadDimIsKept()
{
    // Heads × head_dim need not equal hidden when head_dim is given.
    const Scenario sc = parseOk(scenarioText(
        R"("model": {"preset": "llama2-70b", "heads": 60, "kv_heads": 4, "head_dim": 128},
           "parallel": {"tp": 4, "pp": 4, "dp": 32})"));
    QCOMPARE(sc.model.heads, 60);
    QCOMPARE(sc.model.kvHeads, 4);
    QCOMPARE(sc.model.headDim, 128);
    QCOMPARE(sc.model.hidden, 8192);
}

void TestScenarioIo::gpusInsteadOfDp_data()
{
    QTest::addColumn<QByteArray>("parallel");
    QTest::addColumn<qint64>("dp");
    QTest::newRow("with tp and pp")
        << QByteArray(R"({"tp": 8, "pp": 4, "gpus": 2048})") << qint64(64);
    QTest::newRow("default tp and pp") << QByteArray(R"({"gpus": 512})") << qint64(16);
    QTest::newRow("with cp") << QByteArray(R"({"tp": 8, "pp": 1, "cp": 2, "gpus": 256})")
                             << qint64(16);
    QTest::newRow("agreeing dp") << QByteArray(R"({"tp": 8, "pp": 4, "dp": 8, "gpus": 256})")
                                 << qint64(8);
}

void TestScenarioIo::gpusInsteadOfDp()
{
    QFETCH(QByteArray, parallel);
    QFETCH(qint64, dp);
    const Scenario sc = parseOk(scenarioText(("\"parallel\": " + parallel).constData()));
    QCOMPARE(qint64(sc.parallel.dp), dp);
    const auto doc = nlohmann::json::parse(parallel.constData());
    QCOMPARE(sc.parallel.gpus(), doc["gpus"].get<double>());
}

void TestScenarioIo::onePeakOverrideKeepsTheOthers()
{
    const Scenario sc = parseOk(
        scenarioText(R"("hardware": {"preset": "h100-sxm", "peak_tflops": {"bf16": 800}})"));
    QCOMPARE(QString::fromStdString(sc.hardwarePreset), QStringLiteral("h100-sxm"));
    QCOMPARE(sc.hardware.peakTflopsBf16, 800.0);
    QCOMPARE(sc.hardware.peakTflopsFp16, 989.4);
    QCOMPARE(sc.hardware.peakTflopsFp8, 1978.9);
    QCOMPARE(sc.hardware.memoryGib, 80.0);
    QCOMPARE(sc.hardware.memoryBwGbs, 3350.0);

    // Without naming the preset, the override lands on the default scenario's hardware.
    const Scenario fp8 = parseOk(scenarioText(R"("hardware": {"peak_tflops": {"fp8": 1500}})"));
    QCOMPARE(fp8.hardware.peakTflopsFp8, 1500.0);
    QCOMPARE(fp8.hardware.peakTflopsBf16, 989.4);
    QCOMPARE(fp8.hardware.peakTflopsFp16, 989.4);
}

void TestScenarioIo::oneKnobOverrideKeepsTheOthers()
{
    const Scenario sc = parseOk(
        scenarioText(R"("hardware": {"preset": "a100-80gb", "efficiency": {"dp_overlap": 0.5}})"));
    const mfu::engine::EfficiencyKnobs &preset = presets().hardware("a100-80gb")->hardware.knobs;
    QCOMPARE(sc.hardware.knobs.dpOverlap, 0.5);
    QCOMPARE(sc.hardware.knobs.gemmMaxEfficiency, preset.gemmMaxEfficiency);
    QCOMPARE(sc.hardware.knobs.tpOverlap, preset.tpOverlap);
    QCOMPARE(sc.hardware.knobs.usableMemoryFraction, preset.usableMemoryFraction);
    QCOMPARE(sc.hardware.peakTflopsBf16, 312.0);
}

void TestScenarioIo::handWrittenGptShapeTakesGptSwitches()
{
    // GPT-2 small written out by hand as its config.json gives it: no preset, no switches.
    const Scenario sc = parseOk(scenarioText(
        R"("model": {"family": "gpt", "layers": 12, "hidden": 768, "heads": 12,
                     "ffn_hidden": 3072, "vocab": 50257, "max_positions": 1024},
           "parallel": {"tp": 1, "pp": 1, "dp": 8})"));
    QVERIFY(sc.modelPreset.empty());
    QVERIFY(!sc.model.gatedMlp);
    QVERIFY(sc.model.tiedEmbeddings);
    QVERIFY(sc.model.bias);
    QVERIFY(sc.model.norm == mfu::engine::NormKind::LayerNorm);
    QCOMPARE(sc.model.kvHeads, 12); // GPT has no grouped-query attention
    QCOMPARE(sc.model.headDim, 64);
    QCOMPARE(qint64(mfu::engine::countParams(sc.model).total), qint64(124'439'808));

    // The same shape as the gpt2 preset, switch for switch.
    auto model = [](const Scenario &s) {
        auto m = mfu::io::scenarioToJson(s)["model"];
        m.erase("preset");
        return QByteArray::fromStdString(m.dump());
    };
    const Scenario preset = parseOk(scenarioText(R"("model": {"preset": "gpt2"},
                                                    "parallel": {"tp": 1, "pp": 1, "dp": 8})"));
    QCOMPARE(model(sc), model(preset));

    // A Llama shape written by hand on top of a GPT scenario takes the Llama switches.
    const auto llama = mfu::io::applyScenarioJson(
        nlohmann::json::parse(
            scenarioText(
                R"("model": {"family": "llama", "layers": 32, "hidden": 4096, "heads": 32,
                     "kv_heads": 32, "ffn_hidden": 11008, "vocab": 32000})")
                .constData()),
        preset, presets());
    QVERIFY(llama.ok());
    QVERIFY(llama->model.gatedMlp);
    QVERIFY(!llama->model.tiedEmbeddings);
    QVERIFY(!llama->model.bias);
    QVERIFY(llama->model.norm == mfu::engine::NormKind::RmsNorm);
    QCOMPARE(llama->model.maxPositions, 0);
    QCOMPARE(qint64(mfu::engine::countParams(llama->model).total), qint64(6'738'415'616));
}

void TestScenarioIo::measuredForms_data()
{
    using Kind = mfu::engine::Measured::Kind;
    QTest::addColumn<QByteArray>("measured");
    QTest::addColumn<int>("kind");
    QTest::addColumn<double>("value");
    QTest::newRow("step_time_s") << QByteArray(R"({"step_time_s": 12.5})") << int(Kind::StepTime)
                                 << 12.5;
    QTest::newRow("tokens_per_s") << QByteArray(R"({"tokens_per_s": 3e6})") << int(Kind::TokensPerS)
                                  << 3e6;
    QTest::newRow("tokens_per_s_per_gpu")
        << QByteArray(R"({"tokens_per_s_per_gpu": 4550})") << int(Kind::TokensPerSPerGpu) << 4550.0;
    QTest::newRow("samples_per_s")
        << QByteArray(R"({"samples_per_s": 80})") << int(Kind::SamplesPerS) << 80.0;
    QTest::newRow("tflops_per_gpu")
        << QByteArray(R"({"tflops_per_gpu": 400, "tflops_kind": "model"})")
        << int(Kind::TflopsPerGpu) << 400.0;
}

void TestScenarioIo::measuredForms()
{
    QFETCH(QByteArray, measured);
    QFETCH(int, kind);
    QFETCH(double, value);
    const Scenario sc = parseOk(scenarioText(("\"measured\": " + measured).constData()));
    QCOMPARE(int(sc.measured.kind), kind);
    QCOMPARE(sc.measured.value, value);
}

// ------------------------------------------------------------------------------- bad input

void TestScenarioIo::badScenario_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("fragment");

    auto row = [](const char *name, const QByteArray &text, const char *field,
                  const char *fragment) {
        QTest::newRow(name) << text << QString::fromUtf8(field) << QString::fromUtf8(fragment);
    };
    auto sc = scenarioText;

    // Wrong types
    row("string layers", sc(R"("model": {"layers": "80"})"), "model.layers",
        "found the string \"80\"");
    row("float heads", sc(R"("model": {"heads": 1.5})"), "model.heads", "found 1.5");
    row("bool hidden", sc(R"("model": {"hidden": true})"), "model.hidden", "found true");
    row("null vocab", sc(R"("model": {"vocab": null})"), "model.vocab", "found null");
    // 64 levels in all are JSON like any other; the reader names the field.
    row("63 levels in a value",
        sc((R"("name": )" + QByteArray(63, '[') + QByteArray(63, ']')).constData()), "name",
        "expected a string, found an array");
    row("array model", sc(R"("model": [80, 8192])"), "model", "expected an object, found an array");
    row("null model", sc(R"("model": null)"), "model", "expected an object, found null");
    row("string hardware", sc(R"("hardware": "h100-sxm")"), "hardware", "expected an object");
    row("number name", sc(R"("name": 7)"), "name", "expected a string");
    row("string bool", sc(R"("parallel": {"sequence_parallel": "yes"})"),
        "parallel.sequence_parallel", "expected true or false");
    row("number preset", sc(R"("model": {"preset": 70})"), "model.preset", "expected a string");
    row("string peak", sc(R"("hardware": {"peak_tflops": {"bf16": "989"}})"),
        "hardware.peak_tflops.bf16", "expected a number");
    row("array measured", sc(R"("measured": [12.5])"), "measured", "expected an object");

    // The same key twice: the parser would keep the last one silently
    row("duplicate top key", sc(R"("recompute": "full", "recompute": "none")"), "recompute",
        "duplicate key");
    row("duplicate nested key", sc(R"("model": {"layers": 80, "hidden": 8192, "layers": 40})"),
        "model.layers", "duplicate key");
    row("duplicate deep key", sc(R"("hardware": {"peak_tflops": {"bf16": 900, "bf16": 989}})"),
        "hardware.peak_tflops.bf16", "duplicate key");

    // Negative, zero, out of range
    row("negative layers", sc(R"("model": {"layers": -80})"), "model.layers",
        "expected an integer from 1");
    row("zero hidden", sc(R"("model": {"hidden": 0})"), "model.hidden", "found 0");
    row("zero heads", sc(R"("model": {"heads": 0})"), "model.heads", "found 0");
    row("zero global_batch", sc(R"("batch": {"global_batch": 0})"), "batch.global_batch",
        "found 0");
    row("negative seq_len", sc(R"("batch": {"seq_len": -4096})"), "batch.seq_len", "found -4096");
    row("zero micro_batch", sc(R"("batch": {"micro_batch": 0})"), "batch.micro_batch", "found 0");
    row("zero tp", sc(R"("parallel": {"tp": 0})"), "parallel.tp", "found 0");
    row("zero 4", sc(R"("parallel": {"zero": 4})"), "parallel.zero", "found 4");
    row("negative memory", sc(R"("hardware": {"memory_gib": -80})"), "hardware.memory_gib",
        "found -80");
    row("negative peak", sc(R"("hardware": {"peak_tflops": {"fp8": -1}})"),
        "hardware.peak_tflops.fp8", "found -1");
    row("zero gpus_per_node", sc(R"("hardware": {"gpus_per_node": 0})"), "hardware.gpus_per_node",
        "found 0");
    row("knob above 1", sc(R"("hardware": {"efficiency": {"tp_overlap": 1.5}})"),
        "hardware.efficiency.tp_overlap", "found 1.5");
    row("zero step time", sc(R"("measured": {"step_time_s": 0})"), "measured.step_time_s",
        "found 0");
    row("negative tokens", sc(R"("measured": {"tokens_per_s": -5})"), "measured.tokens_per_s",
        "found -5");
    row("underflowing step time", sc(R"("measured": {"step_time_s": 1e-400})"),
        "measured.step_time_s", "expected a number from 1e-300 to 1e+300, found 0");

    // Absurd sizes
    row("hidden 1e12", sc(R"("model": {"hidden": 1e12})"), "model.hidden",
        "expected an integer from 1 to");
    row("layers 1e6", sc(R"("model": {"layers": 1000000})"), "model.layers", "found 1000000");
    row("layers beyond uint64", sc(R"("model": {"layers": 99999999999999999999999})"),
        "model.layers", "expected an integer");
    row("tokens per step", sc(R"("batch": {"global_batch": 1000000, "seq_len": 10000000})"),
        "batch", "1e12");
    row("tp·pp·cp overflows",
        sc(R"("parallel": {"tp": 4194304, "pp": 4194304, "cp": 4194304, "gpus": 8})"),
        "parallel.gpus", "multiple of tp·pp·cp");
    row("too many gpus", sc(R"("parallel": {"tp": 8, "pp": 4, "dp": 1000000})"), "parallel",
        "GPUs");

    // Numbers no double holds
    row("1e999",
        "{\n  \"schema\": \"mfu-explorer/scenario@1\",\n  \"batch\": {\"seq_len\": 1e999}\n}",
        "line 3, column 24", "number overflow");
    row("-1e999",
        "{\"schema\": \"mfu-explorer/scenario@1\",\n\"measured\": {\"step_time_s\": -1e999}}",
        "line 2, column 29", "number overflow");

    // Shapes and layouts that do not divide
    row("heads not dividing hidden", sc(R"("model": {"preset": "llama2-70b", "heads": 60})"),
        "model.heads", "divisor of hidden");
    row("kv_heads not dividing heads", sc(R"("model": {"kv_heads": 7})"), "model.kv_heads",
        "divisor of heads");
    row("kv_heads above heads", sc(R"("model": {"kv_heads": 128})"), "model.kv_heads", "found 128");
    row("tp not dividing heads", sc(R"("parallel": {"tp": 3})"), "parallel.tp", "divisor of heads");
    row("pp above layers", sc(R"("parallel": {"pp": 81})"), "parallel.pp", "layers (80)");
    row("micro_batch not dividing", sc(R"("batch": {"micro_batch": 3})"), "batch.micro_batch",
        "divisor of global_batch / dp");
    row("dp not dividing batch", sc(R"("parallel": {"dp": 3})"), "parallel.dp",
        "divisor of global_batch");
    row("cp not dividing seq_len", sc(R"("parallel": {"cp": 3})"), "parallel.cp",
        "divisor of seq_len");
    row("vpp without pp", sc(R"("parallel": {"pp": 1, "vpp": 2})"), "parallel.vpp", "pp = 1");
    row("gpus not a multiple", sc(R"("parallel": {"tp": 8, "pp": 4, "gpus": 100})"),
        "parallel.gpus", "multiple of tp·pp·cp (32), found 100");
    row("gpus disagreeing with dp", sc(R"("parallel": {"tp": 8, "pp": 4, "dp": 32, "gpus": 2048})"),
        "parallel.gpus", "1024");

    // Unknown keys, at every level
    row("unknown top key", sc(R"("modle": {"preset": "llama2-70b"})"), "modle", "unknown key");
    row("unknown model key", sc(R"("model": {"hiden": 8192})"), "model.hiden", "unknown key");
    row("unknown batch key", sc(R"("batch": {"seqlen": 4096})"), "batch.seqlen", "unknown key");
    row("unknown parallel key", sc(R"("parallel": {"tpp": 8})"), "parallel.tpp", "unknown key");
    row("unknown hardware key", sc(R"("hardware": {"peak": 989})"), "hardware.peak", "unknown key");
    row("unknown peak key", sc(R"("hardware": {"peak_tflops": {"int8": 1979}})"),
        "hardware.peak_tflops.int8", "unknown key");
    row("unknown knob", sc(R"("hardware": {"efficiency": {"gemm_eff": 0.7}})"),
        "hardware.efficiency.gemm_eff", "unknown key");
    row("unknown conventions key", sc(R"("conventions": {"flop": "exact"})"), "conventions.flop",
        "unknown key");
    row("unknown measured key", sc(R"("measured": {"step_time_s": 12.5, "step_tme_s": 12.5})"),
        "measured.step_tme_s", "unknown key");
    row("sources in a scenario", sc(R"("hardware": {"sources": {}})"), "hardware.sources",
        "unknown key");

    // Unknown presets list the known ones
    row("unknown model preset", sc(R"("model": {"preset": "llama-70b"})"), "model.preset",
        "llama3-405b");
    row("unknown hardware preset", sc(R"("hardware": {"preset": "h100"})"), "hardware.preset",
        "h100-sxm");

    // Unknown enum values list the choices
    row("recompute some", sc(R"("recompute": "some")"), "recompute", "none, selective, full");
    row("recompute true", sc(R"("recompute": true)"), "recompute", "none, selective, full");
    row("precision fp4", sc(R"("precision": "fp4")"), "precision", "bf16, fp16, fp8");
    row("precision upper case", sc(R"("precision": "BF16")"), "precision", "bf16, fp16, fp8");
    row("flops convention", sc(R"("conventions": {"flops": "6n"})"), "conventions.flops", "six_n");
    row("peak basis", sc(R"("conventions": {"peak": "fp8"})"), "conventions.peak",
        "precision, bf16");
    row("params basis", sc(R"("conventions": {"params": "some"})"), "conventions.params",
        "non_embedding");
    row("norm", sc(R"("model": {"norm": "batchnorm"})"), "model.norm", "layernorm, rmsnorm");
    row("family", sc(R"("model": {"family": "bert"})"), "model.family", "gpt, llama");
    row("tflops_kind", sc(R"("measured": {"tflops_per_gpu": 400, "tflops_kind": "peak"})"),
        "measured.tflops_kind", "model, hardware");

    // Schema
    row("wrong schema", R"({"schema": "mfu-explorer/scenario@2"})", "schema",
        "mfu-explorer/scenario@1");
    row("preset schema", R"({"schema": "mfu-explorer/model@1", "layers": 80})", "schema",
        "found \"mfu-explorer/model@1\"");
    row("missing schema", R"({"model": {"preset": "llama2-70b"}})", "schema", "missing");
    row("number schema", R"({"schema": 1})", "schema", "expected a string");

    // Not an object at the top
    row("top-level array", R"([{"schema": "mfu-explorer/scenario@1"}])", "",
        "expected an object, found an array");
    row("top-level number", "42", "", "expected an object, found 42");
    row("top-level string", R"("mfu-explorer/scenario@1")", "",
        "expected an object, found the string");
    row("top-level null", "null", "", "expected an object, found null");
    row("empty text", "", "", "empty");
    row("whitespace only", " \n\t\r\n  ", "", "empty");

    // Measured figures
    row("two measured figures", sc(R"("measured": {"step_time_s": 12.5, "tokens_per_s": 3e6})"),
        "measured.tokens_per_s", "one measured figure");
    row("tflops_kind without tflops",
        sc(R"("measured": {"step_time_s": 12.5, "tflops_kind": "model"})"), "measured.tflops_kind",
        "tflops_per_gpu");
    row("tflops_kind alone", sc(R"("measured": {"tflops_kind": "model"})"), "measured.tflops_kind",
        "tflops_per_gpu");
    row("empty measured", sc(R"("measured": {})"), "measured", "step_time_s");
}

void TestScenarioIo::badScenario()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, field);
    QFETCH(QString, fragment);
    const auto result = parse(text);
    QVERIFY2(!result.ok(), "accepted");
    const QString message = QString::fromStdString(result.error().message);
    QCOMPARE(QString::fromStdString(result.error().field), field);
    QVERIFY2(message.contains(fragment), qPrintable(message));
}

void TestScenarioIo::unparsableText_data()
{
    QTest::addColumn<QByteArray>("text");

    const QByteArray defaultText = QByteArray::fromStdString(*presets().scenarioText("default"));
    QTest::newRow("truncated default") << defaultText.left(defaultText.size() / 2);
    QTest::newRow("truncated by one") << defaultText.left(defaultText.trimmed().size() - 1);
    QTest::newRow("unterminated string") << QByteArray(R"({"schema": "mfu-explorer/scen)");
    QTest::newRow("NaN") << scenarioText(R"("measured": {"step_time_s": NaN})");
    QTest::newRow("Infinity") << scenarioText(R"("measured": {"step_time_s": Infinity})");
    QTest::newRow("trailing comma") << scenarioText(R"("batch": {"seq_len": 4096,})");
    QTest::newRow("single quotes") << QByteArray("{'schema': 'mfu-explorer/scenario@1'}");
    QTest::newRow("comment") << QByteArray("// scenario\n") + scenarioText("");
    QTest::newRow("two documents") << scenarioText("") + scenarioText("");
    QTest::newRow("invalid utf-8 in a string") << scenarioText("\"name\": \"caf\xC3\x28\"");
    QTest::newRow("NUL inside") << QByteArray("{\"schema\"\0: 1}", 14);
    // Fixed bytes, so that a failure reproduces: NUL, invalid UTF-8, control characters.
    QByteArray garbage;
    for (int i = 0; i < 512; ++i)
        garbage += char((i * 167 + 13) % 256);
    QTest::newRow("binary garbage") << garbage;
    QTest::newRow("binary after a brace") << QByteArray("{\0\xff\xfe\x80\x01", 6);
    QTest::newRow("deeply nested") << QByteArray(100000, '[');
    QTest::newRow("NUL after the document") << scenarioText("") + QByteArray("\0\0", 2);
    QTest::newRow("65 levels in a value")
        << scenarioText((R"("name": )" + QByteArray(65, '[') + QByteArray(65, ']')).constData());
}

// Text that is not JSON: the error names the line and column, never a crash.
void TestScenarioIo::unparsableText()
{
    QFETCH(QByteArray, text);
    const auto result = parse(text);
    QVERIFY2(!result.ok(), "accepted");
    const QString field = QString::fromStdString(result.error().field);
    const QString message = QString::fromStdString(result.error().message);
    QVERIFY2(QRegularExpression(QStringLiteral("^line \\d+, column \\d+$")).match(field).hasMatch(),
             qPrintable(field));
    QVERIFY2(message.startsWith(QLatin1String("invalid JSON")), qPrintable(message));
}

void TestScenarioIo::fp8OnA100FailsOnEvaluate()
{
    // Ampere has no FP8: the file parses, evaluation names the precision.
    const Scenario sc =
        parseOk(scenarioText(R"("hardware": {"preset": "a100-80gb"}, "precision": "fp8")"));
    const auto ev = mfu::engine::evaluate(sc);
    QVERIFY(!ev.ok());
    QCOMPARE(QString::fromStdString(ev.error().field), QStringLiteral("precision"));
    QVERIFY(QString::fromStdString(ev.error().message).contains(QLatin1String("fp8")));

    // Hopper has FP8.
    const Scenario h100 =
        parseOk(scenarioText(R"("hardware": {"preset": "h100-sxm"}, "precision": "fp8")"));
    const auto hopper = mfu::engine::evaluate(h100);
    QVERIFY2(hopper.ok(), hopper.ok() ? "" : hopper.error().toString().c_str());
}

void TestScenarioIo::badPresetFile_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("field");

    QTest::newRow("model without heads")
        << "models/x.json" << QByteArray(R"({"schema": "mfu-explorer/model@1", "hidden": 1024})")
        << "heads";
    QTest::newRow("model typo")
        << "models/x.json"
        << QByteArray(
               R"({"schema": "mfu-explorer/model@1", "layers": 2, "hidden": 64, "heads": 4, "hiden": 1})")
        << "hiden";
    QTest::newRow("model with hardware schema")
        << "models/x.json" << QByteArray(R"({"schema": "mfu-explorer/hardware@1"})") << "schema";
    QTest::newRow("model sources not a list")
        << "models/x.json"
        << QByteArray(R"({"schema": "mfu-explorer/model@1", "sources": "paper"})") << "sources";
    QTest::newRow("hardware without sources")
        << "hardware/x.json"
        << QByteArray(R"({"schema": "mfu-explorer/hardware@1", "peak_tflops": {"bf16": 100}})")
        << "sources";
    QTest::newRow("hardware source not a string")
        << "hardware/x.json"
        << QByteArray(R"({"schema": "mfu-explorer/hardware@1", "sources": {"peak_tflops": 100}})")
        << "sources.peak_tflops";
}

void TestScenarioIo::badPresetFile()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, text);
    QFETCH(QString, field);
    PresetLibrary lib;
    const auto added =
        lib.add(path.toStdString(), std::string_view(text.constData(), std::size_t(text.size())));
    QVERIFY(!added.ok());
    QCOMPARE(QString::fromStdString(added.error().field), field);
    QVERIFY(lib.modelIds().empty());
    QVERIFY(lib.hardwareIds().empty());
}

void TestScenarioIo::userFolderSkipsBrokenFilesAndOverridesBuiltins()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("models")));
    auto write = [&](const char *name, const QByteArray &text) {
        QFile file(dir.filePath(QLatin1String(name)));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
    };
    write("models/broken.json", R"({"schema": "mfu-explorer/model@1", "hidden": 1024})");
    write("models/gpt2.json",
          R"({"schema": "mfu-explorer/model@1", "name": "my gpt2", "family": "gpt",
                                  "layers": 2, "hidden": 64, "heads": 4, "ffn_hidden": 256, "vocab": 100})");
    write("models/notes.txt", "not a preset");

    PresetLibrary lib = presets();
    lib.addFolder(dir.path().toStdString());
    QCOMPARE(lib.loadWarnings().size(), std::size_t(1));
    const QString warning = QString::fromStdString(lib.loadWarnings().front());
    QVERIFY2(warning.contains(QLatin1String("broken.json")) &&
                 warning.contains(QLatin1String("heads")),
             qPrintable(warning));
    QVERIFY(!lib.model("broken"));
    QCOMPARE(QString::fromStdString(lib.model("gpt2")->name), QStringLiteral("my gpt2"));
    QCOMPARE(lib.model("gpt2")->shape.layers, 2);
    QCOMPARE(lib.modelIds().size(), presets().modelIds().size());
    // The built-in library is untouched.
    QCOMPARE(presets().model("gpt2")->shape.layers, 12);
}

QTEST_APPLESS_MAIN(TestScenarioIo)
#include "test_scenario_io.moc"
