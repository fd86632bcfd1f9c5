// The knob fit the command line and the window share, without either: the knob list, the knobs
// a fit moves when none are named, one device per fit, knobs recovered from timings the model
// made with known knobs, errors that name the run, the fitted device with its sources, and the
// fit@1 document.
#include "engine/time_model.h"
#include "io/benchmark_import.h"
#include "io/fit_output.h"
#include "io/knob_fit.h"
#include "io/preset_library.h"
#include "io/scenario_io.h"

#include <QtTest>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

using mfu::engine::KnobSpec;
using mfu::io::ImportedRun;
using mfu::io::PresetLibrary;

namespace {

// The knobs the synthetic timings are made with: off the h100-sxm preset's own (0.52, 0.18,
// 0.8) so that the fit has somewhere to go.
constexpr double kGemm = 0.45, kAttention = 0.15, kDpOverlap = 0.6;

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

std::vector<std::string> names(const std::vector<KnobSpec> &knobs)
{
    std::vector<std::string> out;
    for (const KnobSpec &k : knobs)
        out.emplace_back(k.name);
    return out;
}

// A benchmarks@1 run with a step time of 100 seconds (slow enough for any of these runs to be
// possible), replaced by the test where it matters.
nlohmann::json run(const char *label, const char *model, int batch, int seq, int tp, int pp, int dp,
                   int zero, const char *hardware = "h100-sxm")
{
    return {{"label", label},
            {"model", {{"preset", model}}},
            {"batch", {{"global_batch", batch}, {"seq_len", seq}, {"micro_batch", 1}}},
            {"parallel",
             {{"tp", tp}, {"pp", pp}, {"dp", dp}, {"sequence_parallel", tp > 1}, {"zero", zero}}},
            {"hardware", {{"preset", hardware}}},
            {"measured", {{"step_time_s", 100.0}}}};
}

std::vector<ImportedRun> importRuns(const nlohmann::json &runs)
{
    const nlohmann::json doc = {{"schema", "mfu-explorer/benchmarks@1"}, {"runs", runs}};
    const auto imported = mfu::io::importBenchmarks(
        doc.dump(), "runs.json", mfu::io::defaultScenario(), PresetLibrary::builtin());
    if (!imported)
        qFatal("import: %s", imported.error().toString().c_str());
    return imported->runs;
}

// Runs on h100-sxm that lean on the three default knobs differently: a long sequence under
// tensor parallelism, FSDP and ZeRO-1 traffic over the network, a pipelined 70B.
std::vector<ImportedRun> variedRuns()
{
    return importRuns(
        nlohmann::json::array({run("8B TP2 DP4, 8k", "llama3-8b", 64, 8192, 2, 1, 4, 1),
                               run("8B FSDP 16", "llama3-8b", 32, 2048, 1, 1, 16, 3),
                               run("8B ZeRO-1 DP32", "llama3-8b", 64, 2048, 1, 1, 32, 1),
                               run("70B TP8 PP4 DP4", "llama2-70b", 256, 4096, 8, 4, 4, 1)}));
}

// Each run's step time as the model predicts it with the known knobs.
std::vector<ImportedRun> timedWithKnownKnobs(std::vector<ImportedRun> runs)
{
    for (ImportedRun &r : runs) {
        mfu::engine::Scenario sc = r.scenario;
        sc.hardware.knobs.gemmMaxEfficiency = kGemm;
        sc.hardware.knobs.attentionEfficiencyFlash3 = kAttention; // the default stack's kernel
        sc.hardware.knobs.dpOverlap = kDpOverlap;
        r.stepTimeS = mfu::engine::predictStepTime(sc).step;
    }
    return runs;
}

bool near(double actual, double expected, double relTol)
{
    return std::fabs(actual - expected) <= relTol * std::fabs(expected);
}

} // namespace

class TestKnobFit : public QObject
{
    Q_OBJECT

private slots:
    void knobListKeepsTheOrderGiven();
    void knobListErrors_data();
    void knobListErrors();
    void defaultKnobsAreThoseTheRunsDependOn();
    void defaultKnobsAreNoMoreThanTheRuns();
    void namedKnobsAreFittedAsNamed();
    void noRuns();
    void oneDeviceAtATime();
    void recoversTheKnobsTheTimingsWereMadeWith();
    void errorsNameTheRun();
    void fittedDeviceOfAPreset();
    void fittedDeviceWithoutAPreset();
    void fitDocument();
};

void TestKnobFit::knobListKeepsTheOrderGiven()
{
    const auto knobs = mfu::io::parseKnobList("dp_overlap,gemm_max_efficiency");
    QVERIFY(knobs.ok());
    QCOMPARE(names(*knobs), (std::vector<std::string>{"dp_overlap", "gemm_max_efficiency"}));
    QVERIFY(knobs->front().member == &mfu::engine::EfficiencyKnobs::dpOverlap);
    QCOMPARE(knobs->front().max, 1.0);
}

void TestKnobFit::knobListErrors_data()
{
    QTest::addColumn<QString>("list");
    QTest::addColumn<QString>("message");
    const QString known = QStringLiteral(
        "known: gemm_max_efficiency, gemm_half_efficiency_gflop, "
        "gemm_max_efficiency_low_precision, gemm_max_efficiency_fp4, attention_efficiency, "
        "attention_efficiency_flash3, "
        "attention_half_efficiency_tokens, "
        "memory_efficiency, intra_node_efficiency, inter_node_efficiency, all_to_all_efficiency, "
        "collective_latency_us, tp_overlap, dp_overlap, usable_memory_fraction");
    QTest::newRow("unknown") << QStringLiteral("gemm_max_efficiency,bogus")
                             << QStringLiteral("unknown knob \"bogus\"; ") + known;
    QTest::newRow("empty") << QString() << QStringLiteral("unknown knob \"\"; ") + known;
    QTest::newRow("trailing comma")
        << QStringLiteral("dp_overlap,") << QStringLiteral("unknown knob \"\"; ") + known;
    QTest::newRow("a switch") << QStringLiteral("dp_overlap,fused_attention")
                              << QStringLiteral("fused_attention is a switch of the stack "
                                                "(software.attention), not a knob a fit can "
                                                "move; set it in the scenario");
}

void TestKnobFit::knobListErrors()
{
    QFETCH(QString, list);
    QFETCH(QString, message);
    const auto knobs = mfu::io::parseKnobList(list.toStdString());
    QVERIFY(!knobs.ok());
    QCOMPARE(q(knobs.error().field), QStringLiteral("knobs"));
    QCOMPARE(q(knobs.error().message), message);
}

void TestKnobFit::defaultKnobsAreThoseTheRunsDependOn()
{
    // Tensor parallelism on one node and no data parallelism: no run has data-parallel
    // traffic for dp_overlap to hide.
    const auto plan = mfu::io::planKnobFit(
        importRuns(nlohmann::json::array({run("8B TP8, 8k", "llama3-8b", 8, 8192, 8, 1, 1, 0),
                                          run("8B TP4, 2k", "llama3-8b", 32, 2048, 4, 1, 1, 0),
                                          run("8B TP2, 4k", "llama3-8b", 16, 4096, 2, 1, 1, 0)})));
    QVERIFY2(plan.ok(), plan.ok() ? "" : plan.error().toString().c_str());
    QCOMPARE(names(plan->knobs),
             (std::vector<std::string>{"gemm_max_efficiency", "attention_efficiency_flash3"}));
    QCOMPARE(plan->samples.size(), std::size_t(3));
    QCOMPARE(q(plan->labels[1]), QStringLiteral("8B TP4, 2k"));
    QCOMPARE(q(plan->hardwareId), QStringLiteral("h100-sxm"));

    // With data-parallel traffic, all three.
    const auto varied = mfu::io::planKnobFit(variedRuns());
    QVERIFY(varied.ok());
    QCOMPARE(names(varied->knobs),
             (std::vector<std::string>{"gemm_max_efficiency", "attention_efficiency_flash3",
                                       "dp_overlap"}));
}

void TestKnobFit::defaultKnobsAreNoMoreThanTheRuns()
{
    std::vector<ImportedRun> runs = variedRuns();
    runs.resize(2);
    const auto plan = mfu::io::planKnobFit(runs);
    QVERIFY(plan.ok());
    QCOMPARE(names(plan->knobs),
             (std::vector<std::string>{"gemm_max_efficiency", "attention_efficiency_flash3"}));
}

void TestKnobFit::namedKnobsAreFittedAsNamed()
{
    // Named knobs are the user's choice: kept even where no run depends on them, and even when
    // they outnumber the runs (the fit then says so).
    const auto named = mfu::io::parseKnobList("tp_overlap,dp_overlap");
    QVERIFY(named.ok());
    std::vector<ImportedRun> one = variedRuns();
    one.resize(1);
    const auto plan = mfu::io::planKnobFit(one, *named);
    QVERIFY(plan.ok());
    QCOMPARE(names(plan->knobs), (std::vector<std::string>{"tp_overlap", "dp_overlap"}));
    const auto fit = mfu::io::runKnobFit(*plan);
    QVERIFY(!fit.ok());
    QCOMPARE(q(fit.error().toString()),
             QStringLiteral("knobs: 2 knobs cannot be fitted to 1 run: give at least as many "
                            "runs as knobs, or fewer knobs"));
}

void TestKnobFit::noRuns()
{
    const auto plan = mfu::io::planKnobFit({});
    QVERIFY(!plan.ok());
    QCOMPARE(q(plan.error().toString()), QStringLiteral("no runs to fit the knobs to"));
}

void TestKnobFit::oneDeviceAtATime()
{
    const auto plan = mfu::io::planKnobFit(importRuns(
        nlohmann::json::array({run("on H100", "llama3-8b", 32, 2048, 1, 1, 16, 3),
                               run("on A100", "llama3-8b", 32, 2048, 1, 1, 16, 3, "a100-80gb")})));
    QVERIFY(!plan.ok());
    QCOMPARE(q(plan.error().field), QStringLiteral("hardware"));
    QCOMPARE(q(plan.error().message),
             QStringLiteral("run \"on A100\" is on NVIDIA A100 SXM4 80GB, run \"on H100\" on "
                            "NVIDIA H100 SXM5 80GB: fit one device at a time"));
}

void TestKnobFit::recoversTheKnobsTheTimingsWereMadeWith()
{
    const std::vector<ImportedRun> runs = timedWithKnownKnobs(variedRuns());
    const auto plan = mfu::io::planKnobFit(runs);
    QVERIFY(plan.ok());
    const auto fit = mfu::io::runKnobFit(*plan);
    QVERIFY2(fit.ok(), fit.ok() ? "" : fit.error().toString().c_str());
    const mfu::engine::CalibrationResult &r = fit->result;
    // Started from the preset's knobs, ended on the ones the timings were made with.
    QCOMPARE(r.before, (std::vector<double>{0.6, 0.32, 0.8}));
    QVERIFY2(near(r.after[0], kGemm, 0.01), qPrintable(QString::number(r.after[0])));
    QVERIFY2(near(r.after[1], kAttention, 0.01), qPrintable(QString::number(r.after[1])));
    QVERIFY2(near(r.after[2], kDpOverlap, 0.01), qPrintable(QString::number(r.after[2])));
    QVERIFY(r.medianAbsRelErrorBefore > 0.05);
    QVERIFY(r.medianAbsRelErrorAfter < 1e-6);
    QVERIFY(r.converged);
    QCOMPARE(names(fit->plan.knobs), names(plan->knobs));
}

void TestKnobFit::errorsNameTheRun()
{
    std::vector<ImportedRun> runs = variedRuns();
    runs[2].stepTimeS = 0;
    const auto plan = mfu::io::planKnobFit(runs);
    QVERIFY(plan.ok());
    const auto fit = mfu::io::runKnobFit(*plan);
    QVERIFY(!fit.ok());
    QCOMPARE(q(fit.error().field), QStringLiteral("measured_step_time_s"));
    QVERIFY2(fit.error().message.rfind("run \"8B ZeRO-1 DP32\": expected a positive number", 0) ==
                 0,
             fit.error().message.c_str());
}

void TestKnobFit::fittedDeviceOfAPreset()
{
    const auto plan = mfu::io::planKnobFit(timedWithKnownKnobs(variedRuns()));
    QVERIFY(plan.ok());
    const auto fit = mfu::io::runKnobFit(*plan);
    QVERIFY(fit.ok());
    const PresetLibrary &lib = PresetLibrary::builtin();
    const mfu::io::HardwarePreset &base = *lib.hardware("h100-sxm");
    const mfu::io::FittedHardware fitted = mfu::io::fittedHardware(*fit, "runs.json", lib);

    QCOMPARE(q(fitted.hardware.name), q(base.hardware.name) + QStringLiteral(" (fitted)"));
    QCOMPARE(fitted.hardware.peakTflopsBf16, base.hardware.peakTflopsBf16);
    QCOMPARE(fitted.hardware.knobs.gemmMaxEfficiency, fit->result.after[0]);
    QCOMPARE(fitted.hardware.knobs.attentionEfficiencyFlash3, fit->result.after[1]);
    QCOMPARE(fitted.hardware.knobs.dpOverlap, fit->result.after[2]);
    // A knob the fit did not move keeps the preset's value.
    QCOMPARE(fitted.hardware.knobs.memoryEfficiency, base.hardware.knobs.memoryEfficiency);

    // The preset's sources stay, and `efficiency` says what was fitted and keeps what it said.
    for (const auto &[field, source] : base.sources)
        if (field != "efficiency")
            QCOMPARE(q(fitted.sources.at(field)), q(source));
    const QString efficiency = q(fitted.sources.at("efficiency"));
    QVERIFY2(efficiency.startsWith(QStringLiteral(
                 "Fitted by mfu-explorer --fit (gemm_max_efficiency, attention_efficiency_flash3, "
                 "dp_overlap) to 4 runs of runs.json: median |error| of the step time ")),
             qPrintable(efficiency));
    QVERIFY2(efficiency.contains(QStringLiteral("% after. Other knobs as in h100-sxm: ") +
                                 q(base.sources.at("efficiency"))),
             qPrintable(efficiency));
}

void TestKnobFit::fittedDeviceWithoutAPreset()
{
    std::vector<ImportedRun> runs = timedWithKnownKnobs(variedRuns());
    for (ImportedRun &r : runs) {
        r.scenario.hardwarePreset.clear();
        r.scenario.hardware.name = "Lab GPU";
    }
    const auto plan = mfu::io::planKnobFit(runs);
    QVERIFY(plan.ok());
    QCOMPARE(q(plan->hardwareId), QStringLiteral("Lab GPU"));
    const auto fit = mfu::io::runKnobFit(*plan);
    QVERIFY(fit.ok());
    const mfu::io::FittedHardware fitted =
        mfu::io::fittedHardware(*fit, "a.log, b.log", PresetLibrary::builtin());
    QCOMPARE(q(fitted.hardware.name), QStringLiteral("Lab GPU (fitted)"));
    QCOMPARE(fitted.sources.size(), std::size_t(1));
    const QString efficiency = q(fitted.sources.at("efficiency"));
    QVERIFY2(efficiency.contains(QStringLiteral(" to 4 runs of a.log, b.log: ")),
             qPrintable(efficiency));
    QVERIFY2(efficiency.endsWith(QStringLiteral("% after.")), qPrintable(efficiency));
}

void TestKnobFit::fitDocument()
{
    const std::vector<ImportedRun> runs = timedWithKnownKnobs(variedRuns());
    const auto plan = mfu::io::planKnobFit(runs);
    QVERIFY(plan.ok());
    const auto fit = mfu::io::runKnobFit(*plan);
    QVERIFY(fit.ok());
    const auto doc = mfu::io::fitToJson(*fit, "runs.json", std::nullopt);
    std::vector<std::string> keys;
    for (auto it = doc.begin(); it != doc.end(); ++it)
        keys.push_back(it.key());
    QCOMPARE(keys, (std::vector<std::string>{"schema", "file", "hardware", "knobs", "error",
                                             "converged", "iterations", "at_bound", "unidentified",
                                             "runs", "saved_preset"}));
    QCOMPARE(q(doc.at("schema").get<std::string>()), QStringLiteral("mfu-explorer/fit@1"));
    QCOMPARE(q(doc.at("file").get<std::string>()), QStringLiteral("runs.json"));
    QCOMPARE(q(doc.at("hardware").get<std::string>()), QStringLiteral("h100-sxm"));
    // Knobs in the order fitted, each before and after.
    std::vector<std::string> knobs;
    for (auto it = doc.at("knobs").begin(); it != doc.at("knobs").end(); ++it)
        knobs.push_back(it.key());
    QCOMPARE(knobs, names(plan->knobs));
    QCOMPARE(doc.at("knobs").at("dp_overlap").at("before").get<double>(), 0.8);
    QCOMPARE(doc.at("knobs").at("dp_overlap").at("after").get<double>(), fit->result.after[2]);
    QCOMPARE(doc.at("error").at("median_abs_rel_after").get<double>(),
             fit->result.medianAbsRelErrorAfter);
    QCOMPARE(doc.at("runs").size(), runs.size());
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const auto &r = doc.at("runs").at(i);
        QCOMPARE(q(r.at("label").get<std::string>()), q(runs[i].label));
        QCOMPARE(r.at("measured_step_time_s").get<double>(), runs[i].stepTimeS);
        QCOMPARE(r.at("predicted_after_s").get<double>(), fit->result.stepTimeAfterS[i]);
    }
    QVERIFY(doc.at("saved_preset").is_null());
    const auto saved = mfu::io::fitToJson(*fit, "runs.json", std::string("/p/h.json"));
    QCOMPARE(q(saved.at("saved_preset").get<std::string>()), QStringLiteral("/p/h.json"));
}

QTEST_APPLESS_MAIN(TestKnobFit)
#include "test_knob_fit.moc"
