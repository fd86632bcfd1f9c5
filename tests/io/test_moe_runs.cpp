// Published MoE training runs (tests/data/moe_runs.json, generated from validation/moe_runs.json
// by tests/data/make_moe_runs.py) and the MoE model presets: Megatron-LM's FLOPs per token for
// every run, each source's TFLOP/s from its tokens/s, and the parameter counts the models'
// authors publish.

#include "engine/evaluate.h"
#include "engine/flops.h"
#include "engine/params.h"
#include "io/preset_library.h"
#include "io/scenario_io.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#ifndef MFU_TEST_DATA_DIR
#error "MFU_TEST_DATA_DIR must name the tests/data folder"
#endif

namespace {

using nlohmann::json;

constexpr double kFlopsTolerance = 0.005; // Megatron-LM's count per token, relative
constexpr double kTflopsTolerance = 0.01; // a source's TFLOP/s from its tokens/s, relative

std::string number(double v)
{
    std::ostringstream out;
    out.precision(6);
    out << v;
    return out.str();
}

const mfu::io::PresetLibrary &presets()
{
    return mfu::io::PresetLibrary::builtin();
}

} // namespace

class MoeRunsTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void megatronCoreFlopsPerToken_data() { runRows(); }
    void megatronCoreFlopsPerToken();
    void reproducesReportedTflops_data() { runRows(); }
    void reproducesReportedTflops();
    void publishedParameterCounts_data();
    void publishedParameterCounts();

private:
    void runRows();
    json m_runs;
};

void MoeRunsTest::initTestCase()
{
    const std::string path = std::string(MFU_TEST_DATA_DIR) + "/moe_runs.json";
    std::ifstream in(path);
    QVERIFY2(in.good(), ("cannot open " + path).c_str());
    try {
        m_runs = json::parse(in);
    } catch (const json::exception &e) {
        QFAIL((path + ": " + e.what()).c_str());
    }
    QVERIFY2(m_runs.is_array() && m_runs.size() >= 30, "expected the 30 published MoE runs");
}

void MoeRunsTest::runRows()
{
    QTest::addColumn<int>("index");
    for (std::size_t i = 0; i < m_runs.size(); ++i)
        QTest::newRow(m_runs[i].at("id").get<std::string>().c_str()) << int(i);
}

// The FLOPs per token Megatron-LM logs (which reproduce each source's TFLOP/s over its
// tokens/s), for every run, those without a full layout included.
void MoeRunsTest::megatronCoreFlopsPerToken()
{
    QFETCH(int, index);
    const json &run = m_runs.at(std::size_t(index));
    const auto sc = mfu::io::parseScenarioJson(run.at("scenario"), presets());
    QVERIFY2(sc.ok(), sc.ok() ? "" : sc.error().toString().c_str());
    QCOMPARE(sc->conventions.flops, mfu::engine::FlopsConvention::MegatronCore);
    const double expected = run.at("mcore_flops_per_token").get<double>();
    const double actual = mfu::engine::modelFlopsPerStep(*sc) / sc->batch.tokensPerStep();
    QVERIFY2(std::fabs(actual / expected - 1) <= kFlopsTolerance,
             ("FLOPs per token " + number(actual) + ", Megatron-LM " + number(expected)).c_str());
}

void MoeRunsTest::reproducesReportedTflops()
{
    QFETCH(int, index);
    const json &run = m_runs.at(std::size_t(index));
    const auto sc = mfu::io::parseScenarioJson(run.at("scenario"), presets());
    QVERIFY2(sc.ok(), sc.ok() ? "" : sc.error().toString().c_str());
    const auto ev = mfu::engine::evaluate(*sc);
    QVERIFY2(ev.ok(), ev.ok() ? "" : ev.error().toString().c_str());
    QVERIFY(ev->measured.has_value());
    if (!run.at("skip_reason").is_null())
        QSKIP(run.at("skip_reason").get<std::string>().c_str());
    QCOMPARE(run.at("check").get<std::string>(), std::string("tflops"));
    const double expected = run.at("reported").at("tflops_per_gpu").get<double>();
    const double actual = ev->measured->tflopsPerGpu;
    QVERIFY2(std::fabs(actual / expected - 1) <= kTflopsTolerance,
             ("TFLOP/s per GPU " + number(actual) + ", reported " + number(expected)).c_str());
}

void MoeRunsTest::publishedParameterCounts_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<double>("total");
    QTest::addColumn<double>("active");
    QTest::addColumn<bool>("activeWithoutEmbedding");
    QTest::addColumn<double>("tolerance");
    // The authors' figures, rounded as they print them; the tolerance is half their last digit
    // unless said otherwise.
    QTest::newRow("mixtral-8x7b") << "mixtral-8x7b" << 46.7e9 << 12.9e9 << false << 0.005;
    QTest::newRow("mixtral-8x22b") << "mixtral-8x22b" << 141e9 << 39e9 << false << 0.005;
    // DeepSeek-V3's report: 671B total, 37B activated. Its README_WEIGHTS says 36.7B with the
    // embedding and the head; the configuration gives 37.55B counted that way, a gap of
    // 0.85B no public counting explains, so the active figure is held to 2%.
    QTest::newRow("deepseek-v3") << "deepseek-v3" << 671e9 << 37e9 << false << 0.02;
    QTest::newRow("qwen3-235b-a22b") << "qwen3-235b-a22b" << 235e9 << 22e9 << false << 0.01;
    QTest::newRow("qwen3-30b-a3b") << "qwen3-30b-a3b" << 30.5e9 << 3.3e9 << false << 0.02;
    // gpt-oss counts active parameters without the input embedding (its model card).
    QTest::newRow("gpt-oss-120b") << "gpt-oss-120b" << 116.8e9 << 5.1e9 << true << 0.01;
    QTest::newRow("gpt-oss-20b") << "gpt-oss-20b" << 20.9e9 << 3.6e9 << true << 0.01;
    QTest::newRow("deepseek-v2-lite") << "deepseek-v2-lite" << 15.7e9 << 2.4e9 << true << 0.03;
}

void MoeRunsTest::publishedParameterCounts()
{
    QFETCH(QString, id);
    QFETCH(double, total);
    QFETCH(double, active);
    QFETCH(bool, activeWithoutEmbedding);
    QFETCH(double, tolerance);
    const mfu::io::ModelPreset *preset = presets().model(id.toStdString());
    QVERIFY(preset);
    const mfu::engine::ParamCounts p = mfu::engine::countParams(preset->shape);
    const double activeCount = activeWithoutEmbedding ? p.active - p.embedding : p.active;
    QVERIFY2(std::fabs(p.total / total - 1) <= tolerance,
             ("total " + number(p.total) + ", published " + number(total)).c_str());
    QVERIFY2(std::fabs(activeCount / active - 1) <= tolerance,
             ("active " + number(activeCount) + ", published " + number(active)).c_str());
}

QTEST_APPLESS_MAIN(MoeRunsTest)

#include "test_moe_runs.moc"
