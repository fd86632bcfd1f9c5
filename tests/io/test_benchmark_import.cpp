// Benchmark import: every fixture in tests/data/import — one or more per format, written in
// that framework's own log format — imports with the median step time, spread, step counts,
// measured MFU and provenance worked out by hand below; every bad fixture is an error that
// names its line (or JSON path); and the limits hold (size, line length, run count).

#include "engine/evaluate.h"
#include "io/benchmark_import.h"
#include "io/benchmark_parsers.h"
#include "io/import_output.h"
#include "io/preset_library.h"
#include "io/scenario_io.h"
#include "io/scenario_schema.h"
#include "io/step_stats.h"

#include <QFile>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>
#include <tuple>
#include <vector>

using mfu::engine::Scenario;
using mfu::io::ImportResult;
using mfu::io::PresetLibrary;

namespace {

const PresetLibrary &presets()
{
    return PresetLibrary::builtin();
}

QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(MFU_TEST_DATA_DIR "/import/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s", qPrintable(name));
    return file.readAll();
}

// The current scenario a run's missing fields come from: the embedded default with `members`
// (scenario@1 keys) over it.
Scenario currentScenario(const char *members)
{
    if (!*members)
        return mfu::io::defaultScenario();
    const std::string text =
        std::string(R"({"schema": "mfu-explorer/scenario@1", )") + members + "}";
    const auto sc = mfu::io::applyScenarioJson(nlohmann::json::parse(text),
                                               mfu::io::defaultScenario(), presets());
    if (!sc)
        qFatal("bad test scenario: %s", sc.error().toString().c_str());
    return *sc;
}

mfu::engine::Result<ImportResult> importText(const QByteArray &text, const QString &name,
                                             const Scenario &current = mfu::io::defaultScenario())
{
    return mfu::io::importBenchmarks(std::string_view(text.constData(), std::size_t(text.size())),
                                     name.toStdString(), current, presets());
}

// Training FLOPs per token under the exact convention (3 × the forward GEMMs of DESIGN.md's
// table, attention not halved): per layer 2h·nd (q) + 2·2h·n_kv·d (k, v) + 2nd·h (o) +
// 2·2s·nd (scores, context) + (3 or 2)·2h·ĥ (MLP), plus 2h·V for lm_head. Written out here, not
// taken from the engine, so that a wrong engine cannot agree with itself.
double trainingFlopsPerToken(double L, double h, double n, double nkv, double d, double ffn,
                             double V, double s, bool gated)
{
    const double layer = 2 * h * n * d + 2 * 2 * h * nkv * d + 2 * n * d * h + 2 * 2 * s * n * d +
                         (gated ? 3 : 2) * 2 * h * ffn;
    return 3 * (L * layer + 2 * h * V);
}

// The models of the fixtures, at their sequence lengths.
const double kLlama2_7bAt4096 =
    trainingFlopsPerToken(32, 4096, 32, 32, 128, 11008, 32000, 4096, true);
const double kLlama3_8bAt8192 =
    trainingFlopsPerToken(32, 4096, 32, 8, 128, 14336, 128256, 8192, true);
const double kLlama2_70bAt4096 =
    trainingFlopsPerToken(80, 8192, 64, 8, 128, 28672, 32000, 4096, true);
const double kGpt2_124mAt1024 =
    trainingFlopsPerToken(12, 768, 12, 12, 64, 3072, 50304, 1024, false);
const double kLlama31_405bAt8192 =
    trainingFlopsPerToken(126, 16384, 128, 8, 128, 53248, 128256, 8192, true);
// ffn: 2/3 · 4 · 8192 = 21845, × 1.3 = 28398, up to a multiple of 4096 = 28672.
const double kLlama3_70bAt8192 =
    trainingFlopsPerToken(80, 8192, 64, 8, 128, 28672, 128256, 8192, true);

// Megatron-Core's training FLOPs per token (num_floating_point_operations, 2025 on) for
// DeepSeek-V3 at 4096 tokens, written out as Megatron's source writes it: 61 layers of MLA
// (r_q 1536, r_kv 512, d_n 128, d_r 64, d_v 128, 128 heads), the first 3 with a dense SwiGLU MLP
// of 18432, the other 58 and the MTP module with 8 of 256 experts of 2048 plus a shared one of
// 2048; causal attention halved; logits twice (the MTP module has its own).
double deepseekV3MegatronCoreFlopsPerToken()
{
    const double h = 7168, s = 4096, V = 129280, n = 128;
    const double rq = 1536, rkv = 512, dn = 128, dr = 64, dv = 128;
    const double attentionLayers = 61 + 1, denseLayers = 3, moeLayers = 58 + 1, mtp = 1;
    const double mlp = 3 * 18432 * denseLayers + 3 * (8 * 2048 + 2048) * moeLayers;
    const double projections =
        rq * (h + n * (dn + dr) + 1) + rkv * (h + n * (dn + dv) + 1) + h * dr + n * dv * h;
    const double core = n * (dn + dr) + n * dv;
    return 6 * h * mlp + 6 * projections * attentionLayers + 6 * core * attentionLayers * s / 2 +
           6 * mtp * (3 * h + 2 * h * h) + 6 * h * V * (1 + mtp);
}

constexpr double kH100 = 989.4e12, kA100 = 312e12; // dense BF16 peaks of the presets, FLOP/s
constexpr double kH100Fp8 = 1978.9e12;

double expectedMfu(double flopsPerToken, double tokensPerStep, double stepS, double gpus,
                   double peak)
{
    return flopsPerToken * tokensPerStep / (stepS * gpus * peak);
}

// torchtitan's step times are 16 sequences × 8192 tokens / (tps × 8 GPUs): 16384 / tps.
double titanStep(double tps)
{
    return 16384.0 / tps;
}

const char *kA100x8Nano = R"("parallel": {"tp": 1, "pp": 1, "dp": 8, "cp": 1, "vpp": 1,
    "sequence_parallel": false, "zero": 0}, "hardware": {"preset": "a100-40gb"})";
const char *kA100x8Llama7b = R"("model": {"preset": "llama2-7b"}, "parallel": {"tp": 1, "pp": 1,
    "dp": 8, "cp": 1, "vpp": 1, "sequence_parallel": false, "zero": 3}, "recompute": "none",
    "hardware": {"preset": "a100-80gb"})";

std::string sourceOf(const mfu::io::ImportedRun &run, const std::string &field)
{
    for (const auto &[f, source] : run.provenance)
        if (f == field)
            return source;
    return "missing";
}

// A current scenario whose stack no importer starts from, so that a stack a log leaves alone
// shows.
const char *kPytorchStack = R"("software": {"preset": "pytorch-2023"})";

// The stack's fields in the provenance.
const char *const kSoftwareFields[] = {"software.preset",
                                       "software.attention",
                                       "software.elementwise",
                                       "software.tp_comm_overlap",
                                       "software.tp_overlap_sm_fraction",
                                       "software.overlap_grad_reduce",
                                       "software.grad_reduce",
                                       "software.fp8_param_gather",
                                       "software.fp8_recipe",
                                       "software.embedding_in_pipeline_split",
                                       "software.defer_embedding_wgrad",
                                       "software.overlap_p2p_comm",
                                       "software.cuda_graphs"};

// A scenario field as a file writes it: a choice's name, true or false.
std::string fieldText(const Scenario &sc, const QString &path)
{
    const mfu::io::KeyInfo *info = mfu::io::keyForPath(path.toStdString());
    if (!info)
        return "no field " + path.toStdString();
    switch (info->type) {
    case mfu::io::ValueType::Choice: return mfu::io::choiceName(*info, sc);
    case mfu::io::ValueType::Boolean: return info->get(sc) != 0 ? "true" : "false";
    case mfu::io::ValueType::Text: return info->text(sc);
    default: return QString::number(info->get(sc)).toStdString();
    }
}

// The name of a Megatron argument line ("  num_layers ..... 32"); empty for another line.
QByteArray argumentName(const QByteArray &line)
{
    const QByteArray t = line.trimmed();
    const int space = t.indexOf(' ');
    if (space <= 0 || !t.mid(space).trimmed().startsWith('.'))
        return {};
    return t.left(space);
}

// A Megatron log with its arguments block edited: "name=value" sets (or adds, in Megatron's
// sorted place) an argument as Megatron prints it, "name=-" removes it.
QByteArray withArguments(const QByteArray &text, const QStringList &edits)
{
    QList<QByteArray> lines = text.split('\n');
    for (const QString &edit : edits) {
        const QByteArray name = edit.section(QLatin1Char('='), 0, 0).toUtf8();
        const QByteArray value = edit.section(QLatin1Char('='), 1).toUtf8();
        const QByteArray line = "  " + name + " " + QByteArray(48 - name.size(), '.') + " " + value;
        qsizetype at = 0, end = lines.indexOf("-------------------- end of arguments "
                                              "---------------------");
        while (at < end && argumentName(lines[at]) != name &&
               (argumentName(lines[at]).isEmpty() ||
                argumentName(lines[at]).toLower() < name.toLower()))
            ++at;
        const bool found = at < end && argumentName(lines[at]) == name;
        if (value == "-" && !found)
            qFatal("no argument %s to remove", name.constData());
        if (value == "-")
            lines.removeAt(at);
        else if (found)
            lines[at] = line;
        else
            lines.insert(at, line);
    }
    return lines.join('\n');
}

// `text` with "old=>new" replaced and the lines holding "-needle" removed.
QByteArray edited(const QByteArray &text, const QStringList &edits)
{
    QByteArray out = text;
    for (const QString &edit : edits) {
        if (edit.startsWith(QLatin1Char('-'))) {
            QList<QByteArray> lines = out.split('\n');
            lines.removeIf([&](const QByteArray &l) { return l.contains(edit.mid(1).toUtf8()); });
            out = lines.join('\n');
            continue;
        }
        const QByteArray from = edit.section(QStringLiteral("=>"), 0, 0).toUtf8();
        if (!out.contains(from))
            qFatal("edit %s matches nothing", qPrintable(edit));
        out.replace(from, edit.section(QStringLiteral("=>"), 1).toUtf8());
    }
    return out;
}

// The number of the first line of `text` that holds `needle`.
int lineHolding(const QByteArray &text, const QByteArray &needle)
{
    const QList<QByteArray> lines = text.split('\n');
    for (int i = 0; i < lines.size(); ++i)
        if (lines[i].contains(needle))
            return i + 1;
    return 0;
}

} // namespace

class TestBenchmarkImport : public QObject
{
    Q_OBJECT

private slots:
    void stepStatistics()
    {
        using mfu::io::TimedStep;
        auto steps = [](std::vector<double> seconds) {
            std::vector<TimedStep> out;
            for (double s : seconds)
                out.push_back({s, 0, false, false});
            return out;
        };
        QCOMPARE(mfu::io::defaultWarmupSteps(1), std::size_t(0));
        QCOMPARE(mfu::io::defaultWarmupSteps(2), std::size_t(1));
        QCOMPARE(mfu::io::defaultWarmupSteps(19), std::size_t(1));
        QCOMPARE(mfu::io::defaultWarmupSteps(30), std::size_t(3));

        // Odd count after the warm-up: the middle one. 9.0 is the warm-up, 7.0 a straggler the
        // median ignores.
        auto s = mfu::io::summarizeSteps(steps({9.0, 1.0, 3.0, 2.0, 7.0, 4.0}));
        QVERIFY(s);
        QCOMPARE(s->warmupSkipped, 1);
        QCOMPARE(s->used, 5);
        QCOMPARE(s->medianS, 3.0);
        // Sorted 1 2 3 4 7: p25 = 2, p75 = 4.
        QCOMPARE(s->iqrS, 2.0);

        // Even count: the mean of the middle two.
        s = mfu::io::summarizeSteps(steps({9.0, 1.0, 2.0, 4.0, 5.0}));
        QVERIFY(s);
        QCOMPARE(s->medianS, 3.0);

        // One step: nothing to skip, nothing to spread.
        s = mfu::io::summarizeSteps(steps({2.5}));
        QVERIFY(s);
        QCOMPARE(s->used, 1);
        QCOMPARE(s->warmupSkipped, 0);
        QCOMPARE(s->iqrS, 0.0);

        // Marked warm-up replaces the 10 % rule; disturbed steps are left out too.
        std::vector<TimedStep> marked = steps({40.0, 30.0, 1.0, 1.2, 18.0, 1.1});
        marked[0].warmup = marked[1].warmup = true;
        marked[4].disturbed = true;
        s = mfu::io::summarizeSteps(marked);
        QVERIFY(s);
        QCOMPARE(s->warmupSkipped, 2);
        QCOMPARE(s->disturbedSkipped, 1);
        QCOMPARE(s->used, 3);
        QCOMPARE(s->medianS, 1.1);

        // Nothing left.
        std::vector<TimedStep> only = steps({40.0});
        only[0].warmup = true;
        QVERIFY(!mfu::io::summarizeSteps(only));
        QVERIFY(!mfu::io::summarizeSteps({}));
    }

    void goodFixtures_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("scenario"); // members over the default scenario
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("runCount");
        QTest::addColumn<int>("run");
        QTest::addColumn<QString>("label");
        QTest::addColumn<double>("stepS");
        QTest::addColumn<double>("iqrS");
        QTest::addColumn<int>("used");
        QTest::addColumn<int>("skipped");
        QTest::addColumn<double>("measuredMfu");
        QTest::addColumn<QStringList>("provenance"); // "field=source"

        // Megatron-LM, Llama-2-7B, TP 2 × DP 32 on 64 H100, 512 × 4096 tokens, 12 intervals of 5
        // iterations. The first (5120.4 ms, start-up) is warm-up; the other 11 sorted are
        // 3589.3 3595.4 3597.0 3598.1 3599.5 [3600.0] 3601.2 3602.5 3604.6 3608.8 3611.9 ms:
        // median 3600.0, p25 = 3597.0 + 0.5·1.1 = 3597.55, p75 = 3602.5 + 0.5·2.1 = 3603.55.
        // Its Megatron-Core switches (tp_comm_overlap, accumulate_allreduce_grads_in_fp32, …)
        // over the megatron-core-2025 stack give the software; attention_backend came later.
        QTest::newRow("megatron") << "megatron_llama2_7b.log"
                                  << ""
                                  << "megatron-lm" << 1 << 0 << "megatron_llama2_7b.log" << 3.6
                                  << 0.006 << 11 << 1
                                  << expectedMfu(kLlama2_7bAt4096, 512 * 4096, 3.6, 64, kH100)
                                  << QStringList{"model.layers=log",
                                                 "model.kv_heads=log",
                                                 "model.vocab=log",
                                                 "batch.global_batch=log",
                                                 "parallel.dp=log",
                                                 "parallel.zero=log",
                                                 "recompute=log",
                                                 "precision=log",
                                                 "hardware=scenario",
                                                 "software.preset=default",
                                                 "software.tp_comm_overlap=log",
                                                 "software.grad_reduce=log",
                                                 "software.attention=default"};
        // Megatron-Core, Llama 3.1 405B in FP8 on 512 H100 (TP 8, PP 8 × VPP 8, CP 2, DP 4),
        // 512 × 8192 tokens, ten iterations: the first is warm-up; the other nine sorted are
        // 28578.1 28583.3 28590.8 28596.9 [28606.2] 28612.3 28621.4 28633.5 28644.7 ms.
        QTest::newRow("megatron-core fp8")
            << "megatron_llama31_405b_fp8.log"
            << ""
            << "megatron-lm" << 1 << 0 << "megatron_llama31_405b_fp8.log" << 28.6062
            << (28.6214 - 28.5908) << 9 << 1
            << expectedMfu(kLlama31_405bAt8192, 512 * 8192, 28.6062, 512, kH100Fp8)
            << QStringList{"parallel.vpp=log", "precision=log", "software.attention=log",
                           "software.fp8_param_gather=log", "software.elementwise=default"};
        // Megatron-Core, DeepSeek-V3 in FP8 (blockwise) on 1024 H100 (TP 2, PP 8 × VPP 4, DP 64;
        // experts over EP 64 × ETP 1), 8192 × 4096 tokens, ten iterations: the first is warm-up;
        // the other nine sorted are 25808.1 25816.9 25820.4 25829.5 [25834.7] 25843.6 25851.3
        // 25862.9 25891.2 ms, the quartiles the third and the seventh. MoE and MLA: the FLOPs
        // are Megatron-Core's count.
        QTest::newRow("megatron-core moe")
            << "megatron_deepseek_v3_moe.log"
            << ""
            << "megatron-lm" << 1 << 0 << "megatron_deepseek_v3_moe.log" << 25.8347
            << (25.8513 - 25.8204) << 9 << 1
            << expectedMfu(deepseekV3MegatronCoreFlopsPerToken(), 8192 * 4096, 25.8347, 1024,
                           kH100Fp8)
            << QStringList{"model.kv_heads=log",
                           "model.moe.experts=log",
                           "model.moe.dense_layers=log",
                           "model.moe.capacity_factor=log",
                           "model.mla.q_lora_rank=log",
                           "model.sliding_window.tokens=log",
                           "parallel.ep=log",
                           "parallel.etp=log",
                           "software.moe_token_dispatcher=log",
                           "software.moe_a2a_overlap=log",
                           "software.moe_force_balance=log",
                           "conventions.flops=log",
                           "hardware=scenario"};
        // torchtitan, Llama 3 8B, FSDP on 8 H100, 16 × 8192 tokens: step 1 is warm-up, the
        // median of the other ten is at tps 5,760 (both middle lines), 16384 / 5760 s. The
        // quartiles interpolate between the step times of tps 5768/5763 and 5755/5752.
        QTest::newRow("torchtitan")
            << "torchtitan_llama3_8b.log"
            << ""
            << "torchtitan" << 1 << 0 << "torchtitan_llama3_8b.log" << titanStep(5760)
            << (titanStep(5755) + 0.75 * (titanStep(5752) - titanStep(5755))) -
                   (titanStep(5768) + 0.25 * (titanStep(5763) - titanStep(5768)))
            << 10 << 1 << expectedMfu(kLlama3_8bAt8192, 16 * 8192, titanStep(5760), 8, kH100)
            << QStringList{"model.ffn_hidden=log",
                           "model.kv_heads=log",
                           "parallel.dp=log",
                           "parallel.zero=log",
                           "batch.micro_batch=log",
                           "recompute=log",
                           "hardware=scenario",
                           "software.preset=scenario",
                           "software.elementwise=scenario"};
        // torchtitan, Llama 3 70B in Float8 rowwise with async TP and torch.compile on 256
        // H100 (FSDP 32 × TP 8), 512 × 8192 tokens: 16384 / tps seconds. Step 1 is warm-up;
        // the median is at tps 625, the quartiles halfway to 626 and to 624.
        QTest::newRow("torchtitan float8")
            << "torchtitan_llama3_70b_float8.log"
            << ""
            << "torchtitan" << 1 << 0 << "torchtitan_llama3_70b_float8.log" << 16384.0 / 625
            << 0.5 * (16384.0 / 624 - 16384.0 / 626) << 3 << 1
            << expectedMfu(kLlama3_70bAt8192, 512 * 8192, 16384.0 / 625, 256, kH100Fp8)
            << QStringList{"parallel.tp=log",
                           "precision=log",
                           "software.preset=default",
                           "software.elementwise=log",
                           "software.tp_comm_overlap=log",
                           "software.fp8_recipe=log",
                           "software.attention=default"};
        // nanoGPT, GPT-2 124M, 491,520 tokens per iteration on 8 A100 (the GPU count is the
        // scenario's). Iteration 0 is marked warm-up (mfu -100.00%); 100 and 200 include an
        // evaluation and a checkpoint. The 18 left sorted have 500.00 ms in the middle two;
        // p25 = 498.76 + 0.25·0.26, p75 = 501.15 + 0.75·0.62 ms.
        QTest::newRow("nanogpt") << "nanogpt_gpt2_124m.log" << kA100x8Nano << "nanogpt" << 1 << 0
                                 << "nanogpt_gpt2_124m.log" << 0.5 << 0.002790 << 18 << 3
                                 << expectedMfu(kGpt2_124mAt1024, 491520, 0.5, 8, kA100)
                                 << QStringList{"model.layers=default",   "model.vocab=log",
                                                "batch.global_batch=log", "batch.seq_len=log",
                                                "parallel.dp=scenario",   "parallel.tp=default",
                                                "hardware=scenario"};
        // Hugging Face Trainer: 500 steps in 13,107.2 s; 4.883 samples/s × 13107.2 s / 500 =
        // 128 sequences per step; 262,144,000 tokens seen / 500 / 128 = 4096 per sequence.
        // The model and the 8 A100 come from the scenario.
        QTest::newRow("hf-trainer")
            << "hf_trainer_state.json" << kA100x8Llama7b << "hf-trainer-state" << 1 << 0
            << "hf_trainer_state.json" << 26.2144 << 0.0 << 500 << 0
            << expectedMfu(kLlama2_7bAt4096, 128 * 4096, 26.2144, 8, kA100)
            << QStringList{"model.layers=scenario", "batch.global_batch=log", "batch.seq_len=log",
                           "batch.micro_batch=log", "parallel.dp=scenario",   "hardware=scenario"};
        // The native JSON: a step time, tokens per second per GPU (32 × 8192 / (4096 × 16) =
        // 4 s), and a step time again.
        const QStringList nativeJsonSources{"model.layers=log", "batch.global_batch=log",
                                            "parallel.cp=scenario", "hardware=log"};
        QTest::newRow("native-json-0")
            << "native.json"
            << ""
            << "benchmarks-json" << 3 << 0 << "FSDP, 8 GPUs, batch 16" << 2.5 << 0.0 << 1 << 0
            << expectedMfu(kLlama3_8bAt8192, 16 * 8192, 2.5, 8, kH100) << nativeJsonSources;
        QTest::newRow("native-json-1")
            << "native.json"
            << ""
            << "benchmarks-json" << 3 << 1 << "FSDP, 16 GPUs, batch 32" << 4.0 << 0.0 << 1 << 0
            << expectedMfu(kLlama3_8bAt8192, 32 * 8192, 4.0, 16, kH100)
            << (nativeJsonSources + QStringList{"parallel.dp=log"});
        QTest::newRow("native-json-2")
            << "native.json"
            << ""
            << "benchmarks-json" << 3 << 2 << QString::fromUtf8("TP 2 × FSDP 4 — full recompute")
            << 3.2 << 0.0 << 1 << 0 << expectedMfu(kLlama3_8bAt8192, 16 * 8192, 3.2, 8, kH100)
            << (nativeJsonSources + QStringList{"recompute=log"});
        // The native CSV: Llama-2-70B on 1,024 H100, 1024 × 4096 tokens per step.
        const QStringList csvSources{"model.layers=log",   "parallel.tp=log",
                                     "recompute=log",      "parallel.zero=scenario",
                                     "precision=scenario", "hardware=log"};
        QTest::newRow("native-csv-0")
            << "native.csv"
            << ""
            << "benchmarks-csv" << 3 << 0 << "Llama-2-70B, TP8 PP4 (baseline)" << 5.52 << 0.0 << 1
            << 0 << expectedMfu(kLlama2_70bAt4096, 1024 * 4096, 5.52, 1024, kH100) << csvSources;
        QTest::newRow("native-csv-2")
            << "native.csv"
            << ""
            << "benchmarks-csv" << 3 << 2 << "Llama-2-70B TP4 PP8 full recompute" << 7.06 << 0.0
            << 1 << 0 << expectedMfu(kLlama2_70bAt4096, 1024 * 4096, 7.06, 1024, kH100)
            << csvSources;
    }

    void goodFixtures()
    {
        QFETCH(QString, file);
        QFETCH(QString, scenario);
        QFETCH(QString, format);
        QFETCH(int, runCount);
        QFETCH(int, run);
        QFETCH(QString, label);
        QFETCH(double, stepS);
        QFETCH(double, iqrS);
        QFETCH(int, used);
        QFETCH(int, skipped);
        QFETCH(double, measuredMfu);
        QFETCH(QStringList, provenance);

        const auto result =
            importText(fixture(file), file, currentScenario(scenario.toUtf8().constData()));
        if (!result)
            QFAIL(qPrintable(QString::fromStdString(result.error().toString())));
        QCOMPARE(QString::fromStdString(result->format), format);
        QCOMPARE(int(result->runs.size()), runCount);
        const mfu::io::ImportedRun &r = result->runs[std::size_t(run)];
        QCOMPARE(QString::fromStdString(r.label), label);
        QVERIFY2(std::fabs(r.stepTimeS - stepS) < 1e-9 * stepS,
                 qPrintable(QString("step %1 s, expected %2 s")
                                .arg(r.stepTimeS, 0, 'g', 12)
                                .arg(stepS, 0, 'g', 12)));
        QVERIFY2(std::fabs(r.stepTimeSpreadS - iqrS) < 1e-9,
                 qPrintable(QString("IQR %1 s, expected %2 s")
                                .arg(r.stepTimeSpreadS, 0, 'g', 12)
                                .arg(iqrS, 0, 'g', 12)));
        QCOMPARE(r.stepsUsed, used);
        QCOMPARE(r.stepsSkipped, skipped);

        // The measured figures are the engine's, from the imported scenario and step time.
        const auto ev = mfu::engine::evaluate(r.scenario);
        if (!ev)
            QFAIL(qPrintable(QString::fromStdString(ev.error().toString())));
        QVERIFY(ev->measured);
        QVERIFY2(std::fabs(ev->measured->mfu - measuredMfu) < 1e-9,
                 qPrintable(QString("measured MFU %1, expected %2")
                                .arg(ev->measured->mfu, 0, 'g', 12)
                                .arg(measuredMfu, 0, 'g', 12)));
        QCOMPARE(ev->measured->stepTimeS, r.stepTimeS);

        for (const QString &entry : provenance) {
            const QStringList parts = entry.split(QLatin1Char('='));
            QCOMPARE(QString::fromStdString(sourceOf(r, parts[0].toStdString())) + " for " +
                         parts[0],
                     parts[1] + " for " + parts[0]);
        }
        QCOMPARE(r.provenance.size(), mfu::io::importing::provenanceFields().size());

        // The import@1 document carries the same run.
        const auto doc = mfu::io::importToJson(*result, file.toStdString());
        QVERIFY(doc);
        const auto &out = (*doc)["runs"][std::size_t(run)];
        QCOMPARE((*doc)["schema"].get<std::string>(), std::string(mfu::io::kImportSchema));
        QCOMPARE(out["measured"]["step_time_s"].get<double>(), r.stepTimeS);
        QCOMPARE(out["measured"]["mfu"].get<double>(), ev->measured->mfu);
        QVERIFY(out["predicted"]["step_time_s"].get<double>() > 0);
        QCOMPARE(out["error"].get<double>(),
                 ev->predicted->stepTimeS / ev->measured->stepTimeS - 1);
        QCOMPARE(out["scenario"], mfu::io::scenarioToJson(r.scenario));
    }

    // What each log says about the run, beyond its timing.
    void megatronArguments()
    {
        const auto result = importText(fixture("megatron_llama2_7b.log"), "megatron_llama2_7b.log");
        QVERIFY(result);
        const mfu::io::ImportedRun &r = result->runs[0];
        const Scenario &sc = r.scenario;
        QCOMPARE(sc.model.layers, 32);
        QCOMPARE(sc.model.hidden, 4096);
        QCOMPARE(sc.model.heads, 32);
        QCOMPARE(sc.model.kvHeads, 32); // group_query_attention False
        QCOMPARE(sc.model.headDim, 128);
        QCOMPARE(sc.model.ffnHidden, 11008);
        QCOMPARE(sc.model.vocab, 32000);
        QVERIFY(sc.model.gatedMlp);
        QVERIFY(!sc.model.tiedEmbeddings);
        QVERIFY(sc.modelPreset.empty());
        QCOMPARE(sc.batch.globalBatch, 512);
        QCOMPARE(sc.batch.seqLen, 4096);
        QCOMPARE(sc.batch.microBatch, 1);
        QCOMPARE(sc.parallel.tp, 2);
        QCOMPARE(sc.parallel.pp, 1);
        QCOMPARE(sc.parallel.dp, 32);
        QCOMPARE(sc.parallel.cp, 1);
        QVERIFY(sc.parallel.sequenceParallel);
        QCOMPARE(sc.parallel.zero, 1); // use_distributed_optimizer True
        QCOMPARE(sc.recompute, mfu::engine::Recompute::Selective);
        QCOMPARE(sc.precision, mfu::engine::Precision::Bf16);
        QCOMPARE(sc.hardwarePreset, std::string("h100-sxm"));
        // Megatron's throughput counts the same FLOPs as the exact convention for this model
        // (GEMMs, attention not halved, the padded vocabulary), so the log's own median figure
        // matches the measured one to its printed 0.1 TFLOP/s.
        QVERIFY(r.reportedTflopsPerGpu);
        QCOMPARE(*r.reportedTflopsPerGpu, 419.5);
        const auto ev = mfu::engine::evaluate(sc);
        QVERIFY(ev);
        QVERIFY(std::fabs(ev->measured->tflopsPerGpu - *r.reportedTflopsPerGpu) < 0.05);
    }

    void torchtitanModelArgs()
    {
        const auto result =
            importText(fixture("torchtitan_llama3_8b.log"), "torchtitan_llama3_8b.log");
        QVERIFY(result);
        const mfu::io::ImportedRun &r = result->runs[0];
        const Scenario &sc = r.scenario;
        // ffn: 2/3 · 4 · 4096 = 10922, × 1.3 = 14198, up to a multiple of 1024 = 14336.
        QCOMPARE(sc.model.ffnHidden, 14336);
        QCOMPARE(sc.model.kvHeads, 8);
        QCOMPARE(sc.model.vocab, 128256);
        QCOMPARE(sc.parallel.gpus(), 8.0);
        QCOMPARE(sc.parallel.zero, 3);
        QCOMPARE(sc.batch.microBatch, 2);
        QCOMPARE(sc.batch.globalBatch, 16);
        QCOMPARE(sc.batch.seqLen, 8192);
        QCOMPARE(sc.recompute, mfu::engine::Recompute::Selective);
        // The log's own figures: the median of the ten lines used (both middle lines say these).
        QCOMPARE(*r.reportedTflopsPerGpu, 333.59);
        QCOMPARE(*r.reportedMfu, 0.3373);
    }

    // torchtitan's first releases: no colours, "wps" for the per-device rate, the batch in the
    // "Training starts" line, FSDP named "dp" in the mesh.
    void torchtitanEarlyFormat()
    {
        const QByteArray text =
            "[rank0]:2024-05-02 11:20:02,114 - root - INFO - Building 2-D device mesh with ['dp', 'tp'], [4, 2]\n"
            "[rank0]:2024-05-02 11:20:10,101 - root - INFO - Training starts at step 1, with local batch "
            "size 1, global batch size 4, sequence length 8192, total steps 30 (warmup 10)\n"
            "[rank0]:2024-05-02 11:20:40,101 - root - INFO - step:  1  loss: 12.2641  memory: 33.10GiB(41.81%)  wps: 612  mfu: 3.71%\n"
            "[rank0]:2024-05-02 11:21:02,101 - root - INFO - step: 10  loss:  9.1022  memory: 45.00GiB(56.84%)  wps: 2,048  mfu: 12.40%\n";
        const auto result = importText(text, "titan.log");
        QVERIFY2(result, result ? "" : result.error().toString().c_str());
        const mfu::io::ImportedRun &r = result->runs[0];
        QCOMPARE(r.scenario.parallel.tp, 2);
        QCOMPARE(r.scenario.parallel.dp, 4);
        QCOMPARE(r.scenario.parallel.zero, 3);
        // 4 × 8192 tokens at 2,048 tokens/s on each of 8 GPUs: 2 s.
        QCOMPARE(r.stepTimeS, 2.0);
        QCOMPARE(r.stepsSkipped, 1);
    }

    // The stack Megatron-Core's arguments state (Llama 3.1 405B in FP8 on 512 H100, as
    // NVIDIA's recipes run it), over the megatron-core-2025 stack that replaces the current
    // scenario's.
    void megatronStack()
    {
        const auto result = importText(fixture("megatron_llama31_405b_fp8.log"), "m.log",
                                       currentScenario(kPytorchStack));
        QVERIFY2(result, result ? "" : result.error().toString().c_str());
        const mfu::io::ImportedRun &r = result->runs[0];
        const Scenario &sc = r.scenario;
        using namespace mfu::engine;
        QCOMPARE(sc.softwarePreset, std::string("megatron-core-2025"));
        QCOMPARE(sc.precision, Precision::Fp8);
        QCOMPARE(sc.parallel.vpp, 8);
        const Software &sw = sc.software;
        QCOMPARE(sw.attention, AttentionKernel::Flash3); // AttnBackend.fused: cuDNN
        QCOMPARE(sw.tpOverlap, TpOverlap::Pipelined);
        QVERIFY(sw.overlapGradReduce);
        QCOMPARE(sw.gradReduce, GradReduce::Bf16);
        QVERIFY(sw.fp8ParamGather);
        QCOMPARE(sw.fp8Recipe, Fp8Recipe::Tensorwise);
        QVERIFY(sw.embeddingInPipelineSplit);
        QVERIFY(sw.deferEmbeddingWgrad);
        QVERIFY(sw.overlapP2pComm);
        QVERIFY(!sw.cudaGraphs); // enable_cuda_graph False
        for (const char *field :
             {"software.attention", "software.tp_comm_overlap", "software.overlap_grad_reduce",
              "software.grad_reduce", "software.fp8_param_gather", "software.fp8_recipe",
              "software.embedding_in_pipeline_split", "software.defer_embedding_wgrad",
              "software.overlap_p2p_comm", "software.cuda_graphs"})
            QCOMPARE(sourceOf(r, field) + " for " + field, std::string("log for ") + field);
        // Megatron prints no switch for these: the preset's.
        for (const char *field :
             {"software.preset", "software.elementwise", "software.tp_overlap_sm_fraction"})
            QCOMPARE(sourceOf(r, field) + " for " + field, std::string("default for ") + field);
        QCOMPARE(sw.elementwise, ElementwiseKernels::Fused);
        QVERIFY(result->notes.size() == 1); // the warm-up only
    }

    // Each argument and value, changed in the same log: the field it sets and where the field
    // comes from.
    void megatronStackArguments_data()
    {
        QTest::addColumn<QStringList>("arguments"); // name=value, name=- removes
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("note"); // part of a note the import adds; empty: none

        const QString attention = "software.attention";
        QTest::newRow("flash-attn")
            << QStringList{"attention_backend=AttnBackend.flash"} << attention << "flash2"
            << "log"
            << "";
        QTest::newRow("auto") << QStringList{"attention_backend=AttnBackend.auto"} << attention
                              << "flash3"
                              << "log"
                              << "";
        QTest::newRow("unfused") << QStringList{"attention_backend=AttnBackend.unfused"}
                                 << attention << "unfused"
                                 << "log"
                                 << "";
        QTest::newRow("local") << QStringList{"attention_backend=AttnBackend.local"} << attention
                               << "unfused"
                               << "log"
                               << "";
        QTest::newRow("backend without its class")
            << QStringList{"attention_backend=flash"} << attention << "flash2"
            << "log"
            << "";

        const QString tp = "software.tp_comm_overlap";
        QTest::newRow("tp overlap off") << QStringList{"tp_comm_overlap=False"} << tp << "none"
                                        << "log"
                                        << "";
        // Without TP the switch is False and says nothing: the preset's stays. (DP takes up the
        // GPUs TP leaves, so that the step time stays possible on them.)
        QTest::newRow("no tp") << QStringList{"tensor_model_parallel_size=1",
                                              "data_parallel_size=32", "sequence_parallel=False",
                                              "tp_comm_overlap=False"}
                               << tp << "pipelined"
                               << "default"
                               << "";

        const QString dp = "software.overlap_grad_reduce";
        QTest::newRow("dp overlap off")
            << QStringList{"overlap_grad_reduce=False", "overlap_param_gather=False"} << dp
            << "false"
            << "log"
            << "";
        QTest::newRow("param gather implies grad reduce")
            << QStringList{"overlap_grad_reduce=-"} << dp << "true"
            << "log"
            << "";
        QTest::newRow("param gather exposed")
            << QStringList{"overlap_param_gather=False"} << dp << "true"
            << "log"
            << "overlap_param_gather is False";

        const QString grads = "software.grad_reduce";
        QTest::newRow("fp32 grads")
            << QStringList{"grad_reduce_in_bf16=False", "accumulate_allreduce_grads_in_fp32=True"}
            << grads << "fp32"
            << "log"
            << "";
        QTest::newRow("bf16 grads, older logs")
            << QStringList{"grad_reduce_in_bf16=-", "accumulate_allreduce_grads_in_fp32=False"}
            << grads << "bf16"
            << "log"
            << "";
        QTest::newRow("grad_reduce_in_fp32")
            << QStringList{"grad_reduce_in_bf16=-", "accumulate_allreduce_grads_in_fp32=-",
                           "grad_reduce_in_fp32=True"}
            << grads << "fp32"
            << "log"
            << "";

        const QString recipe = "software.fp8_recipe";
        QTest::newRow("delayed") << QStringList{"fp8_recipe=delayed"} << recipe << "delayed"
                                 << "log"
                                 << "";
        QTest::newRow("blockwise") << QStringList{"fp8_recipe=blockwise"} << recipe << "blockwise"
                                   << "log"
                                   << "";
        // MXFP8 is a precision: the per-tensor recipe stays the preset's.
        QTest::newRow("mxfp8") << QStringList{"fp8_recipe=mxfp8"} << "precision"
                               << "mxfp8"
                               << "log"
                               << "";
        QTest::newRow("mxfp8 recipe") << QStringList{"fp8_recipe=mxfp8"} << recipe << "tensorwise"
                                      << "default"
                                      << "";
        QTest::newRow("mxfp8 recipe without fp8")
            << QStringList{"fp8=None", "fp8_recipe=mxfp8", "fp8_param_gather=False"} << "precision"
            << "bf16"
            << "log"
            << "";
        QTest::newRow("bf16 gather")
            << QStringList{"fp8_param_gather=False"} << "software.fp8_param_gather"
            << "false"
            << "log"
            << "";

        const QString split = "software.embedding_in_pipeline_split";
        QTest::newRow("even split") << QStringList{"account_for_embedding_in_pipeline_split=False",
                                                   "account_for_loss_in_pipeline_split=False"}
                                    << split << "false"
                                    << "log"
                                    << "";
        QTest::newRow("loss only")
            << QStringList{"account_for_embedding_in_pipeline_split=False"} << split << "true"
            << "log"
            << "only one of account_for_embedding_in_pipeline_split";
        QTest::newRow("wgrad not deferred") << QStringList{"defer_embedding_wgrad_compute=False"}
                                            << "software.defer_embedding_wgrad"
                                            << "false"
                                            << "log"
                                            << "";
        QTest::newRow("p2p exposed")
            << QStringList{"overlap_p2p_comm=False"} << "software.overlap_p2p_comm"
            << "false"
            << "log"
            << "";
        QTest::newRow("uneven end stages")
            << QStringList{"account_for_embedding_in_pipeline_split=False",
                           "account_for_loss_in_pipeline_split=False",
                           "decoder_first_pipeline_num_layers=14",
                           "decoder_last_pipeline_num_layers=14"}
            << "parallel.last_stage_layers"
            << "14"
            << "log"
            << "";
        QTest::newRow("per-layer graphs")
            << QStringList{"enable_cuda_graph=True"} << "software.cuda_graphs"
            << "true"
            << "log"
            << "";
        QTest::newRow("graph implementation")
            << QStringList{"cuda_graph_impl=transformer_engine"} << "software.cuda_graphs"
            << "true"
            << "log"
            << "";
        QTest::newRow("no graph implementation")
            << QStringList{"enable_cuda_graph=True", "cuda_graph_impl=none"}
            << "software.cuda_graphs"
            << "false"
            << "log"
            << "";
    }

    void megatronStackArguments()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, source);
        QFETCH(QString, note);
        const auto result =
            importText(withArguments(fixture("megatron_llama31_405b_fp8.log"), arguments), "m.log");
        QVERIFY2(result, result ? "" : result.error().toString().c_str());
        const mfu::io::ImportedRun &r = result->runs[0];
        QCOMPARE(QString::fromStdString(fieldText(r.scenario, field)), value);
        QCOMPARE(QString::fromStdString(sourceOf(r, field.toStdString())), source);
        bool noted = false;
        for (const std::string &n : result->notes)
            noted = noted || (!note.isEmpty() && QString::fromStdString(n).contains(note));
        QCOMPARE(noted, !note.isEmpty());
    }

    // A log without Megatron-Core's switches (Megatron-LM before 2024) leaves the scenario's
    // stack alone, and says so.
    void megatronWithoutStack()
    {
        const QByteArray text = withArguments(
            fixture("megatron_llama31_405b_fp8.log"),
            {"tp_comm_overlap=-", "overlap_grad_reduce=-", "overlap_param_gather=-",
             "grad_reduce_in_bf16=-", "accumulate_allreduce_grads_in_fp32=-", "fp8_recipe=-",
             "fp8_param_gather=-", "attention_backend=-",
             "account_for_embedding_in_pipeline_split=-", "account_for_loss_in_pipeline_split=-",
             "defer_embedding_wgrad_compute=-", "overlap_p2p_comm=-", "enable_cuda_graph=-"});
        const Scenario current = currentScenario(kPytorchStack);
        const auto result = importText(text, "m.log", current);
        QVERIFY2(result, result ? "" : result.error().toString().c_str());
        const mfu::io::ImportedRun &r = result->runs[0];
        QCOMPARE(r.scenario.softwarePreset, std::string("pytorch-2023"));
        QVERIFY(r.scenario.software == current.software);
        for (const char *field : kSoftwareFields)
            QCOMPARE(sourceOf(r, field) + " for " + field, std::string("scenario for ") + field);
    }

    void megatronBadStack_data()
    {
        QTest::addColumn<QString>("argument"); // name=value
        QTest::addColumn<QString>("message");

        QTest::newRow("attention backend")
            << "attention_backend=AttnBackend.sdpa"
            << "attention_backend: expected flash, fused, unfused, local or auto, found "
               "\"AttnBackend.sdpa\"";
        QTest::newRow("custom fp8 recipe")
            << "fp8_recipe=custom"
            << "fp8_recipe: expected delayed, tensorwise, mxfp8 or blockwise, found \"custom\"";
        QTest::newRow("switch") << "overlap_p2p_comm=yes"
                                << "overlap_p2p_comm: expected True or False, found \"yes\"";
        QTest::newRow("pipeline split") << "account_for_loss_in_pipeline_split=1"
                                        << "account_for_loss_in_pipeline_split: expected True or "
                                           "False, found \"1\"";
    }

    void megatronBadStack()
    {
        QFETCH(QString, argument);
        QFETCH(QString, message);
        const QByteArray text = withArguments(fixture("megatron_llama31_405b_fp8.log"), {argument});
        const auto result = importText(text, "m.log");
        QVERIFY2(!result, "imported a bad argument");
        const QByteArray name = argument.section(QLatin1Char('='), 0, 0).toUtf8();
        QCOMPARE(result.error().field,
                 "line " + std::to_string(lineHolding(text, "  " + name + " ")));
        QCOMPARE(QString::fromStdString(result.error().message), message);
    }

    // What a Mixture-of-Experts log says (DeepSeek-V3 as Megatron-LM's MoE recipes run it): the
    // experts and MLA, the expert-parallel layout, the MoE switches over the megatron-core-2025
    // stack, and the FLOPs convention of the TFLOP/s it prints.
    void megatronMoe()
    {
        const auto result = importText(fixture("megatron_deepseek_v3_moe.log"), "m.log",
                                       currentScenario(kPytorchStack));
        QVERIFY2(result, result ? "" : result.error().toString().c_str());
        const mfu::io::ImportedRun &r = result->runs[0];
        const Scenario &sc = r.scenario;
        using namespace mfu::engine;
        const MoeShape &e = sc.model.moe;
        QCOMPARE(e.experts, 256);
        QCOMPARE(e.topK, 8);
        QCOMPARE(e.expertFfnHidden, 2048);
        QCOMPARE(e.sharedExperts, 1); // moe_shared_expert_intermediate_size 2048: one of 2048
        QCOMPARE(e.sharedExpertFfnHidden, 2048);
        QCOMPARE(e.denseLayers, 3); // moe_layer_freq [0, 0, 0, 1, …, 1]
        QCOMPARE(e.mtpLayers, 1);
        QCOMPARE(e.capacityFactor, 0.0); // None: dropless
        const MlaShape &a = sc.model.mla;
        QCOMPARE(a.qLoraRank, 1536);
        QCOMPARE(a.kvLoraRank, 512);
        QCOMPARE(a.qkNopeHeadDim, 128);
        QCOMPARE(a.qkRopeHeadDim, 64);
        QCOMPARE(a.vHeadDim, 128);
        QCOMPARE(sc.model.heads, 128);
        QCOMPARE(sc.model.kvHeads, 128); // MLA: every head its own keys and values
        QCOMPARE(sc.model.ffnHidden, 18432);
        QVERIFY(!sc.model.slidingWindow.enabled());
        QCOMPARE(sc.parallel.tp, 2);
        QCOMPARE(sc.parallel.pp, 8);
        QCOMPARE(sc.parallel.vpp, 4);
        QCOMPARE(sc.parallel.dp, 64);
        QCOMPARE(sc.parallel.ep, 64);
        QCOMPARE(sc.parallel.etp, 1);
        QCOMPARE(sc.precision, Precision::Fp8);
        QCOMPARE(sc.softwarePreset, std::string("megatron-core-2025"));
        const Software &sw = sc.software;
        QCOMPARE(sw.moeDispatcher, MoeDispatcher::Flex);
        QVERIFY(sw.moeA2aOverlap);
        QVERIFY(sw.moeForceBalance);
        QCOMPARE(sw.fp8Recipe, Fp8Recipe::Blockwise);
        for (const char *field :
             {"model.moe.top_k", "model.moe.expert_ffn_hidden", "model.moe.shared_experts",
              "model.moe.shared_expert_ffn_hidden", "model.moe.mtp_layers",
              "model.mla.kv_lora_rank", "model.mla.qk_nope_head_dim", "model.mla.qk_rope_head_dim",
              "model.mla.v_head_dim", "model.sliding_window.full_attention_interval",
              "software.moe_token_dispatcher", "software.moe_a2a_overlap",
              "software.moe_force_balance", "conventions.flops"})
            QCOMPARE(sourceOf(r, field) + " for " + field, std::string("log for ") + field);
        // Megatron-LM's throughput counts this model as Megatron-Core does: the measured figure
        // recounts the log's own median to its printed 0.1 TFLOP/s.
        QCOMPARE(sc.conventions.flops, FlopsConvention::MegatronCore);
        QVERIFY(r.reportedTflopsPerGpu);
        QCOMPARE(*r.reportedTflopsPerGpu, 329.8);
        const auto ev = evaluate(sc);
        QVERIFY(ev);
        QVERIFY2(std::fabs(ev->measured->tflopsPerGpu - *r.reportedTflopsPerGpu) < 0.05,
                 qPrintable(QString::number(ev->measured->tflopsPerGpu)));
        QCOMPARE(int(result->notes.size()), 2);
        QVERIFY(QString::fromStdString(result->notes[0])
                    .contains("conventions.flops is "
                              "megatron_core"));
    }

    // A dense log over an MoE scenario: the log's shape has neither experts, MLA nor a window,
    // nor expert parallelism, and the scenario's convention stays.
    void megatronDenseOverMoeScenario()
    {
        Scenario current = mfu::io::defaultScenario();
        current.model.moe = {64, 6, 1408, 2, 2816, 1, 0, 0};
        current.model.mla = {0, 512, 128, 64, 128};
        current.model.slidingWindow = {4096, 4};
        current.parallel.ep = 8;
        current.parallel.etp = 1;
        const auto result =
            importText(fixture("megatron_llama2_7b.log"), "megatron_llama2_7b.log", current);
        QVERIFY2(result, result ? "" : result.error().toString().c_str());
        const mfu::io::ImportedRun &r = result->runs[0];
        const Scenario &sc = r.scenario;
        QVERIFY(sc.model.moe == mfu::engine::MoeShape{});
        QVERIFY(sc.model.mla == mfu::engine::MlaShape{});
        QVERIFY(sc.model.slidingWindow == mfu::engine::SlidingWindow{});
        QCOMPARE(sc.model.kvHeads, 32);
        QCOMPARE(sc.parallel.ep, 1);
        QCOMPARE(sc.parallel.etp, 0);
        QVERIFY(sc.conventions == current.conventions);
        QCOMPARE(sc.software.moeDispatcher, current.software.moeDispatcher);
        for (const char *field : {"model.moe.experts", "model.moe.top_k", "model.mla.kv_lora_rank",
                                  "model.sliding_window.tokens", "parallel.ep", "parallel.etp"})
            QCOMPARE(sourceOf(r, field) + " for " + field, std::string("log for ") + field);
        QCOMPARE(sourceOf(r, "conventions.flops"), std::string("scenario"));
    }

    // Each MoE, MLA and window argument, changed in the DeepSeek-V3 log: the field it sets and
    // where the field comes from.
    void megatronMoeArguments_data()
    {
        QTest::addColumn<QStringList>("arguments"); // name=value
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("note"); // part of a note the import adds; empty: none

        const QString dense = "model.moe.dense_layers";
        QTest::newRow("layer pattern as passed")
            << QStringList{"moe_layer_freq=([0]*3+[1]*58)"} << dense << "3"
            << "log"
            << "";
        QTest::newRow("layer pattern, list")
            << QStringList{"moe_layer_freq=[0,0," + QString("1,").repeated(58) + "1]"} << dense
            << "2"
            << "log"
            << "";
        QTest::newRow("every layer") << QStringList{"moe_layer_freq=1"} << dense << "0"
                                     << "log"
                                     << "";
        QTest::newRow("no shared expert")
            << QStringList{"moe_shared_expert_intermediate_size=None"} << "model.moe.shared_experts"
            << "0"
            << "log"
            << "";
        QTest::newRow("expert width by default")
            << QStringList{"moe_ffn_hidden_size=None"} << "model.moe.expert_ffn_hidden"
            << "18432"
            << "log"
            << "";
        QTest::newRow("no mtp") << QStringList{"mtp_num_layers=None"} << "model.moe.mtp_layers"
                                << "0"
                                << "log"
                                << "";
        QTest::newRow("capacity factor")
            << QStringList{"moe_expert_capacity_factor=1.25"} << "model.moe.capacity_factor"
            << "1.25"
            << "log"
            << "moe_pad_expert_input_to_capacity is False";
        QTest::newRow("padded capacity") << QStringList{"moe_expert_capacity_factor=1.0",
                                                        "moe_pad_expert_input_to_capacity=True"}
                                         << "model.moe.capacity_factor"
                                         << "1"
                                         << "log"
                                         << "";
        QTest::newRow("queries without a latent")
            << QStringList{"q_lora_rank=None"} << "model.mla.q_lora_rank"
            << "0"
            << "log"
            << "";
        QTest::newRow("no mla") << QStringList{"multi_latent_attention=False"}
                                << "model.mla.kv_lora_rank"
                                << "0"
                                << "log"
                                << "";
        QTest::newRow("no mla: moe convention")
            << QStringList{"multi_latent_attention=False"} << "conventions.flops"
            << "megatron_core"
            << "log"
            << "";
        QTest::newRow("dense mla: convention")
            << QStringList{"num_experts=None"} << "conventions.flops"
            << "megatron_core"
            << "log"
            << "";
        QTest::newRow("dense mla: no ep") << QStringList{"num_experts=None"} << "parallel.ep"
                                          << "1"
                                          << "log"
                                          << "";
        QTest::newRow("etp as tp")
            << QStringList{"expert_tensor_parallel_size=None"} << "parallel.etp"
            << "0"
            << "log"
            << "";
        const QString dispatcher = "software.moe_token_dispatcher";
        QTest::newRow("alltoall") << QStringList{"moe_token_dispatcher_type=alltoall"} << dispatcher
                                  << "alltoall"
                                  << "log"
                                  << "";
        QTest::newRow("allgather")
            << QStringList{"moe_token_dispatcher_type=allgather"} << dispatcher << "alltoall"
            << "log"
            << "moe_token_dispatcher_type is allgather";
        QTest::newRow("a2a exposed")
            << QStringList{"overlap_moe_expert_parallel_comm=False"} << "software.moe_a2a_overlap"
            << "false"
            << "log"
            << "";
        QTest::newRow("a2a overlap unprinted")
            << QStringList{"overlap_moe_expert_parallel_comm=-"} << "software.moe_a2a_overlap"
            << "false"
            << "default"
            << "";
        QTest::newRow("routed as trained")
            << QStringList{"moe_router_force_load_balancing=False"} << "software.moe_force_balance"
            << "false"
            << "log"
            << "";
        const QStringList window{"window_size=(4096, 0)", "window_attn_skip_freq=4"};
        QTest::newRow("window") << window << "model.sliding_window.tokens"
                                << "4096"
                                << "log"
                                << "";
        QTest::newRow("window: full layers")
            << window << "model.sliding_window.full_attention_interval"
            << "4"
            << "log"
            << "";
        QTest::newRow("window pattern")
            << QStringList{"window_size=(4096, 0)", "window_attn_skip_freq=([1]*3+[0])*15+[1]"}
            << "model.sliding_window.full_attention_interval"
            << "4"
            << "log"
            << "";
        QTest::newRow("window everywhere") << QStringList{"window_size=(4096, 0)"}
                                           << "model.sliding_window.full_attention_interval"
                                           << "0"
                                           << "log"
                                           << "";
    }

    void megatronMoeArguments()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, source);
        QFETCH(QString, note);
        const auto result =
            importText(withArguments(fixture("megatron_deepseek_v3_moe.log"), arguments), "m.log");
        QVERIFY2(result, result ? "" : result.error().toString().c_str());
        const mfu::io::ImportedRun &r = result->runs[0];
        QCOMPARE(QString::fromStdString(fieldText(r.scenario, field)), value);
        QCOMPARE(QString::fromStdString(sourceOf(r, field.toStdString())), source);
        bool noted = false;
        for (const std::string &n : result->notes)
            noted = noted || (!note.isEmpty() && QString::fromStdString(n).contains(note));
        QCOMPARE(noted, !note.isEmpty());
    }

    // An MoE argument the engine cannot take: one line naming the argument and its line.
    void megatronBadMoe_data()
    {
        QTest::addColumn<QStringList>("arguments"); // name=value
        QTest::addColumn<QString>("name");          // the argument whose line the error names
        QTest::addColumn<QString>("message");

        const QString layerFreq = "moe_layer_freq: expected 1, or dense layers then MoE layers "
                                  "over all 61 layers as \"([0]*3+[1]*58)\", found ";
        QTest::newRow("every other layer")
            << QStringList{"moe_layer_freq=2"} << "moe_layer_freq" << layerFreq + "\"2\"";
        QTest::newRow("interleaved pattern") << QStringList{"moe_layer_freq=[0,1]*30+[1]"}
                                             << "moe_layer_freq" << layerFreq + "\"[0,1]*30+[1]\"";
        QTest::newRow("dense layers last") << QStringList{"moe_layer_freq=([1]*58+[0]*3)"}
                                           << "moe_layer_freq" << layerFreq + "\"([1]*58+[0]*3)\"";
        QTest::newRow("pattern too short") << QStringList{"moe_layer_freq=([0]*3+[1]*50)"}
                                           << "moe_layer_freq" << layerFreq + "\"([0]*3+[1]*50)\"";
        QTest::newRow("no moe layer")
            << QStringList{"moe_layer_freq=[0]*61"} << "moe_layer_freq" << layerFreq + "\"[0]*61\"";
        QTest::newRow("not a pattern")
            << QStringList{"moe_layer_freq=[0]*3+list(range(58))"} << "moe_layer_freq"
            << layerFreq + "\"[0]*3+list(range(58))\"";
        QTest::newRow("dispatcher")
            << QStringList{"moe_token_dispatcher_type=ragged"} << "moe_token_dispatcher_type"
            << "moe_token_dispatcher_type: expected alltoall, flex or "
               "allgather, found \"ragged\"";
        QTest::newRow("capacity") << QStringList{"moe_expert_capacity_factor=0"}
                                  << "moe_expert_capacity_factor"
                                  << "moe_expert_capacity_factor: expected a positive number or "
                                     "None, found \"0\"";
        QTest::newRow("window size")
            << QStringList{"window_size=(4096, 128)"} << "window_size"
            << "window_size: expected (W, 0) with W from 1 to 1e9, found \"(4096, 128)\"";
        QTest::newRow("window pattern")
            << QStringList{"window_size=(4096, 0)", "window_attn_skip_freq=[1,0,0]*20+[1]"}
            << "window_attn_skip_freq"
            << "window_attn_skip_freq: expected N (every N-th layer attends to the whole "
               "sequence) or its pattern over all 61 layers, found \"[1,0,0]*20+[1]\"";
    }

    void megatronBadMoe()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, name);
        QFETCH(QString, message);
        const QByteArray text = withArguments(fixture("megatron_deepseek_v3_moe.log"), arguments);
        const auto result = importText(text, "m.log");
        QVERIFY2(!result, "imported a bad argument");
        QCOMPARE(result.error().field,
                 "line " + std::to_string(lineHolding(text, "  " + name.toUtf8() + " ")));
        QCOMPARE(QString::fromStdString(result.error().message), message);
        QVERIFY(!result.error().message.empty());
        QVERIFY(result.error().message.find('\n') == std::string::npos);
    }

    // The stack torchtitan's start-up lines state (Llama 3 70B, Float8 rowwise, async TP,
    // torch.compile), over the torchtitan-2025 stack.
    void torchtitanStack()
    {
        const auto result = importText(fixture("torchtitan_llama3_70b_float8.log"), "t.log",
                                       currentScenario(kPytorchStack));
        QVERIFY2(result, result ? "" : result.error().toString().c_str());
        const mfu::io::ImportedRun &r = result->runs[0];
        const Scenario &sc = r.scenario;
        using namespace mfu::engine;
        QCOMPARE(sc.softwarePreset, std::string("torchtitan-2025"));
        QCOMPARE(sc.precision, Precision::Fp8);
        QCOMPARE(sc.recompute, Recompute::Full);
        QCOMPARE(sc.model.ffnHidden, 28672);
        const Software &sw = sc.software;
        QCOMPARE(sw.elementwise, ElementwiseKernels::Fused);
        QCOMPARE(sw.tpOverlap, TpOverlap::Pipelined);
        QCOMPARE(sw.fp8Recipe, Fp8Recipe::Rowwise);
        QVERIFY(!sw.fp8ParamGather);
        for (const char *field : {"software.elementwise", "software.tp_comm_overlap",
                                  "software.fp8_recipe", "software.fp8_param_gather"})
            QCOMPARE(sourceOf(r, field) + " for " + field, std::string("log for ") + field);
        // torchtitan logs nothing of these: the preset's (SDPA's flash backend, FSDP2 with FP32
        // gradient reduction).
        QCOMPARE(sw.attention, AttentionKernel::Flash2);
        QCOMPARE(sw.gradReduce, GradReduce::Fp32);
        for (const char *field :
             {"software.preset", "software.attention", "software.overlap_grad_reduce",
              "software.grad_reduce", "software.embedding_in_pipeline_split"})
            QCOMPARE(sourceOf(r, field) + " for " + field, std::string("default for ") + field);
    }

    // The same log edited as other runs print it: the field each line (or the configuration
    // dump alone) sets, and where it comes from.
    void torchtitanStackLines_data()
    {
        QTest::addColumn<QStringList>("edits"); // old=>new, -needle removes the lines
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("source");

        // job.print_args's dump alone, without the lines that announce each part.
        const QStringList dumpOnly{"-Compiling each", "-Applied Async", "-Swapped to",
                                   "with recipe rowwise=>"};
        QTest::newRow("dump: compile") << dumpOnly << "software.elementwise"
                                       << "fused"
                                       << "log";
        QTest::newRow("dump: async tp") << dumpOnly << "software.tp_comm_overlap"
                                        << "pipelined"
                                        << "log";
        QTest::newRow("dump: recipe") << dumpOnly << "software.fp8_recipe"
                                      << "rowwise"
                                      << "log";
        const QStringList vanillaTp{
            "Applied Async Tensor=>Applied Tensor",
            "'enable_async_tensor_parallel': True=>'enable_async_tensor_parallel': False"};
        QTest::newRow("vanilla tp") << vanillaTp << "software.tp_comm_overlap"
                                    << "none"
                                    << "log";
        QTest::newRow("eager") << (vanillaTp + QStringList{"-Compiling each",
                                                           "'compile': True=>'compile': False"})
                               << "software.elementwise"
                               << "eager"
                               << "log";
        QTest::newRow("async tp, 2026")
            << QStringList{"Applied Async Tensor Parallelism to the model=>Async TP is enabled"}
            << "software.tp_comm_overlap"
            << "pipelined"
            << "log";
        // torchtitan's default recipe, with FSDP gathering FP8 weights.
        const QStringList tensorwise{
            "Float8 training active with recipe rowwise=>Float8 tensorwise scaled training active",
            "'recipe_name': 'rowwise'=>'recipe_name': None",
            "'enable_fsdp_float8_all_gather': False=>'enable_fsdp_float8_all_gather': True",
            "Applied Async Tensor=>Applied Float8 tensorwise Async Tensor"};
        QTest::newRow("tensorwise") << tensorwise << "software.fp8_recipe"
                                    << "tensorwise"
                                    << "log";
        QTest::newRow("fp8 gather")
            << (tensorwise + QStringList{"all_gather=False=>all_gather=True"})
            << "software.fp8_param_gather"
            << "true"
            << "log";
        QTest::newRow("dump: fp8 gather")
            << (tensorwise + QStringList{"-Swapped to"}) << "software.fp8_param_gather"
            << "true"
            << "log";
        QTest::newRow("float8 2024")
            << QStringList{"Float8 training active with recipe rowwise=>Float8 training active",
                           "'recipe_name': 'rowwise'=>'recipe_name': None"}
            << "software.fp8_recipe"
            << "tensorwise"
            << "log";
        const QStringList mx{
            "Float8 training active with recipe rowwise=>MX training active with recipe "
            "mxfp8_cublas",
            "-Swapped to"};
        QTest::newRow("mx") << mx << "precision"
                            << "mxfp8"
                            << "log";
        QTest::newRow("mx recipe") << mx << "software.fp8_recipe"
                                   << "tensorwise"
                                   << "default";
        // The warning of a GPU without FP8: the run trained in BF16.
        const QStringList noFp8{"Float8 training active with recipe rowwise=>Failed to swap to "
                                "Float8Linear because float8 is only supported on SM89 or later",
                                "-Swapped to"};
        QTest::newRow("no fp8 on the gpu") << noFp8 << "precision"
                                           << "bf16"
                                           << "log";
        QTest::newRow("no fp8 recipe") << noFp8 << "software.fp8_recipe"
                                       << "tensorwise"
                                       << "default";
    }

    void torchtitanStackLines()
    {
        QFETCH(QStringList, edits);
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, source);
        const auto result =
            importText(edited(fixture("torchtitan_llama3_70b_float8.log"), edits), "t.log");
        QVERIFY2(result, result ? "" : result.error().toString().c_str());
        const mfu::io::ImportedRun &r = result->runs[0];
        QCOMPARE(QString::fromStdString(fieldText(r.scenario, field)), value);
        QCOMPARE(QString::fromStdString(sourceOf(r, field.toStdString())), source);
    }

    // A log that states nothing of the stack (no compile, Float8 or async TP line, no dump)
    // leaves the scenario's stack alone, and says so.
    void torchtitanWithoutStack()
    {
        const Scenario current = currentScenario(kPytorchStack);
        const auto result =
            importText(fixture("torchtitan_llama3_8b.log"), "torchtitan_llama3_8b.log", current);
        QVERIFY2(result, result ? "" : result.error().toString().c_str());
        const mfu::io::ImportedRun &r = result->runs[0];
        QCOMPARE(r.scenario.softwarePreset, std::string("pytorch-2023"));
        QVERIFY(r.scenario.software == current.software);
        for (const char *field : kSoftwareFields)
            QCOMPARE(sourceOf(r, field) + " for " + field, std::string("scenario for ") + field);
    }

    // print_config's JSON over many lines (2026), each with torchrun's rank prefix: the model
    // is compiled only where compile.components names it.
    void torchtitanJsonDump()
    {
        const QByteArray dump =
            "[rank0]:[titan] 2025-01-15 09:12:03,401 - root - INFO - Running with configs: {\n"
            "[rank0]:  \"job\": {\n"
            "[rank0]:    \"description\": \"Llama 3 8B training\",\n"
            "[rank0]:    \"print_config\": true\n"
            "[rank0]:  },\n"
            "[rank0]:  \"compile\": {\n"
            "[rank0]:    \"enable\": true,\n"
            "[rank0]:    \"enable_async_tensor_parallel\": false,\n"
            "[rank0]:    \"components\": [\n"
            "[rank0]:      \"loss\"\n"
            "[rank0]:    ],\n"
            "[rank0]:    \"backend\": \"inductor\"\n"
            "[rank0]:  }\n"
            "[rank0]:}\n";
        QByteArray text = fixture("torchtitan_llama3_8b.log");
        const qsizetype start = text.indexOf('\n', text.indexOf("Starting job")) + 1;
        text.insert(start, dump);
        auto result = importText(text, "t.log");
        QVERIFY2(result, result ? "" : result.error().toString().c_str());
        const mfu::io::ImportedRun &r = result->runs[0];
        QCOMPARE(r.scenario.software.elementwise, mfu::engine::ElementwiseKernels::Eager);
        QCOMPARE(sourceOf(r, "software.elementwise"), std::string("log"));
        QCOMPARE(sourceOf(r, "software.tp_comm_overlap"), std::string("default")); // no TP
        QCOMPARE(r.stepsUsed, 10); // the metrics after the dump are read

        // A value that is no switch names its own line of the dump.
        text.replace("\"enable\": true", "\"enable\": \"yes\"");
        result = importText(text, "t.log");
        QVERIFY(!result);
        QCOMPARE(result.error().field,
                 "line " + std::to_string(lineHolding(text, "\"enable\": \"yes\"")));
        QCOMPARE(result.error().message,
                 std::string("compile.enable: expected True or False, found \"yes\""));
    }

    void torchtitanBadStack_data()
    {
        QTest::addColumn<QStringList>("edits");
        QTest::addColumn<QString>("line"); // what the line the error names holds
        QTest::addColumn<QString>("message");

        QTest::newRow("recipe") << QStringList{"with recipe rowwise=>with recipe fancy"}
                                << "with recipe fancy"
                                << "Float8 recipe: expected tensorwise, rowwise, "
                                   "rowwise_with_gw_hp or mxfp8, found \"fancy\"";
        QTest::newRow("compile") << QStringList{"-Compiling each",
                                                "'compile': True=>'compile': 'yes'"}
                                 << "Running with args"
                                 << "training.compile: expected True or False, found \"yes\"";
        QTest::newRow("fp8 gather")
            << QStringList{"all_gather=False=>all_gather=maybe"} << "Swapped to Float8Linear"
            << "enable_fsdp_float8_all_gather: expected True or False, "
               "found \"maybe\"";
    }

    void torchtitanBadStack()
    {
        QFETCH(QStringList, edits);
        QFETCH(QString, line);
        QFETCH(QString, message);
        const QByteArray text = edited(fixture("torchtitan_llama3_70b_float8.log"), edits);
        const auto result = importText(text, "t.log");
        QVERIFY2(!result, "imported a bad stack");
        QCOMPARE(result.error().field, "line " + std::to_string(lineHolding(text, line.toUtf8())));
        QCOMPARE(QString::fromStdString(result.error().message), message);
    }

    // benchmarks@1: a run's software preset gives every field of the stack; a field on its
    // own gives itself.
    void nativeSoftwareProvenance()
    {
        const QByteArray text = R"({"schema": "mfu-explorer/benchmarks@1", "runs": [
            {"label": "a", "software": {"preset": "torchtitan-2025"}, "measured": {"step_time_s": 2}},
            {"label": "b", "software": {"attention": "flash3"}, "measured": {"step_time_s": 2}}]})";
        const auto result = importText(text, "runs.json");
        QVERIFY2(result, result ? "" : result.error().toString().c_str());
        const mfu::io::ImportedRun &a = result->runs[0];
        QCOMPARE(a.scenario.softwarePreset, std::string("torchtitan-2025"));
        for (const char *field : kSoftwareFields)
            QCOMPARE(sourceOf(a, field) + " for " + field, std::string("log for ") + field);
        const mfu::io::ImportedRun &b = result->runs[1];
        QCOMPARE(sourceOf(b, "software.attention"), std::string("log"));
        QCOMPARE(sourceOf(b, "software.elementwise"), std::string("scenario"));
        QCOMPARE(sourceOf(b, "software.preset"), std::string("scenario"));
    }

    // A run whose measured figure implies MFU above 100% is left out with a note naming it and
    // the figure; the others import, and the import@1 document is written without it.
    void impossibleRunsAreSkippedWithANote()
    {
        const QByteArray json = R"({"schema": "mfu-explorer/benchmarks@1", "runs": [
            {"label": "a", "measured": {"step_time_s": 20}},
            {"label": "b", "measured": {"tokens_per_s": 1e300}},
            {"label": "c", "measured": {"tokens_per_s_per_gpu": 200}}]})";
        // The default scenario at 4096 tokens/s/GPU would be 100 times faster than at 40.
        const QByteArray csv = "label,measured.tokens_per_s_per_gpu\na,40\nb,400000\nc,200\n";
        for (const auto &[text, name, figure] :
             {std::tuple{json, "runs.json", "measured.tokens_per_s"},
              std::tuple{csv, "runs.csv", "measured.tokens_per_s_per_gpu"}}) {
            const auto result = importText(text, QString::fromLatin1(name));
            QVERIFY2(result, result ? "" : result.error().toString().c_str());
            QCOMPARE(result->runs.size(), std::size_t(2));
            QCOMPARE(result->runs[0].label, std::string("a"));
            QCOMPARE(result->runs[1].label, std::string("c"));
            const std::string expected = std::string("run \"b\" skipped: ") + figure + " ";
            bool noted = false;
            for (const std::string &n : result->notes)
                noted = noted ||
                        (n.rfind(expected, 0) == 0 && n.find("above 100%") != std::string::npos);
            QVERIFY2(noted, result->notes.empty() ? "no notes" : result->notes.back().c_str());
            const auto doc = mfu::io::importToJson(*result, name);
            QVERIFY2(doc, doc ? "" : doc.error().toString().c_str());
            QCOMPARE((*doc)["runs"].size(), std::size_t(2));
        }
    }

    // A log whose only run is impossible on the current scenario's hardware imports nothing:
    // an error naming the figure, and the hint that the hardware is the scenario's.
    void impossibleOnlyRunIsAnError()
    {
        const auto result = importText(fixture("megatron_llama2_7b.log"), "m.log",
                                       currentScenario(R"("hardware": {"preset": "v100"})"));
        QVERIFY2(!result, "imported a run faster than the V100's peak");
        QCOMPARE(result.error().field, std::string("measured.step_time_s"));
        const QString message = QString::fromStdString(result.error().message);
        QVERIFY2(message.startsWith(QStringLiteral("run \"m.log\": ")) &&
                     message.contains(QStringLiteral("above 100%")) &&
                     message.contains(QStringLiteral("the hardware comes from the current "
                                                     "scenario")),
                 qPrintable(message));
    }

    void nanogptSettings()
    {
        const auto result = importText(fixture("nanogpt_gpt2_124m.log"), "nanogpt_gpt2_124m.log",
                                       currentScenario(kA100x8Nano));
        QVERIFY(result);
        const mfu::io::ImportedRun &r = result->runs[0];
        const Scenario &sc = r.scenario;
        QCOMPARE(sc.model.family, std::string("gpt"));
        QVERIFY(sc.model.tiedEmbeddings);
        QVERIFY(!sc.model.gatedMlp);
        QVERIFY(!sc.model.bias); // train.py's default bias = False
        QCOMPARE(sc.model.maxPositions, 1024);
        QCOMPARE(sc.batch.globalBatch, 480); // 491,520 / 1024
        QCOMPARE(sc.batch.microBatch, 12);
        QCOMPARE(sc.parallel.dp, 8);
        // The median of the 18 running-average MFU figures printed for the iterations used.
        QCOMPARE(*r.reportedMfu, 0.3305);
        QVERIFY(result->notes.size() >= 2);
    }

    void badFixtures_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");

        QTest::newRow("empty") << "empty.log"
                               << "line 1"
                               << "empty file";
        QTest::newRow("truncated json") << "truncated.json"
                                        << "line 71, column 19"
                                        << "invalid JSON";
        QTest::newRow("binary") << "megatron_llama2_7b.log.gz"
                                << "line 1"
                                << "binary data";
        QTest::newRow("no timing lines") << "megatron_no_timing.log"
                                         << "line 214"
                                         << "no iteration line";
        QTest::newRow("csv missing column") << "csv_missing_column.csv"
                                            << "line 3"
                                            << "expected 12 cells as in the header";
        QTest::newRow("csv not a number")
            << "csv_not_a_number.csv"
            << "line 4"
            << "column measured.step_time_s: expected a number from 1e-300 to 1e+300, found the "
               "string \"n/a\"";
        QTest::newRow("csv unknown column") << "csv_no_measured_column.csv"
                                            << "line 1"
                                            << "unknown column \"step_time_ms\"";
        QTest::newRow("only warm-up") << "nanogpt_warmup_only.log"
                                      << "line 46"
                                      << "only warm-up or evaluation iterations";
        QTest::newRow("unfinished trainer state") << "hf_trainer_state_unfinished.json"
                                                  << "log_history"
                                                  << "no entry with train_runtime";
        // The default scenario's 1,024 GPUs cannot run nanoGPT's 480 sequences in DDP.
        QTest::newRow("gpu count from the scenario") << "nanogpt_gpt2_124m.log"
                                                     << "parallel.dp"
                                                     << "taken from the current scenario";
    }

    void badFixtures()
    {
        QFETCH(QString, file);
        QFETCH(QString, field);
        QFETCH(QString, message);
        const auto result = importText(fixture(file), file);
        QVERIFY2(!result, "imported a bad fixture");
        QCOMPARE(QString::fromStdString(result.error().field), field);
        QVERIFY2(QString::fromStdString(result.error().message).contains(message),
                 qPrintable(QString::fromStdString(result.error().message)));
    }

    void badText_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");

        QTest::newRow("unknown format") << QByteArray("hello\nworld\n") << "notes.txt"
                                        << "line 1"
                                        << "unrecognised format";
        QTest::newRow("whitespace only") << QByteArray(" \n\t\n") << "x.log"
                                         << "line 1"
                                         << "empty file";
        QTest::newRow("other schema")
            << QByteArray(R"({"schema": "mfu-explorer/scenario@1", "runs": []})") << "x.json"
            << "schema"
            << "mfu-explorer/benchmarks@1";
        QTest::newRow("typo in a run")
            << QByteArray(R"({"schema": "mfu-explorer/benchmarks@1", "runs": [{"label": "a",
                 "modle": {"layers": 2}, "measured": {"step_time_s": 1}}]})")
            << "x.json"
            << "runs[0].modle"
            << "unknown key";
        QTest::newRow("run without a figure")
            << QByteArray(R"({"schema": "mfu-explorer/benchmarks@1", "runs": [{"label": "a"}]})")
            << "x.json"
            << "runs[0].measured"
            << "expected one measured figure";
        QTest::newRow("no runs") << QByteArray(
                                        R"({"schema": "mfu-explorer/benchmarks@1", "runs": []})")
                                 << "x.json"
                                 << "runs"
                                 << "at least one run";
        QTest::newRow("every run impossible")
            << QByteArray(R"({"schema": "mfu-explorer/benchmarks@1", "runs": [
                 {"label": "a", "measured": {"samples_per_s": 1e6}},
                 {"label": "b", "measured": {"step_time_s": 1e-6}}]})")
            << "x.json"
            << "measured.samples_per_s"
            << "run \"a\": 1e+06 implies MFU of";
        QTest::newRow("megatron nan time")
            << QByteArray(" iteration       10/     100 | elapsed time per iteration (ms): nan |\n")
            << "x.log"
            << "line 1"
            << "expected a positive number";
        QTest::newRow("torchtitan negative tps")
            << QByteArray("[titan] step: 10  loss: 9.1  tps: -5  tflops: 1.0  mfu: 0.1%\n")
            << "x.log"
            << "line 1"
            << "tokens per second";
        QTest::newRow("torchtitan mesh")
            << QByteArray("[titan] Building 2-D device mesh with ['dp_shard', 'tp'], [4]\n"
                          "[titan] step: 1  loss: 9.1  tps: 5  tflops: 1.0  mfu: 0.1%\n")
            << "x.log"
            << "line 1"
            << "as many mesh sizes as names";
        QTest::newRow("nanogpt bad product")
            << QByteArray(
                   "gradient_accumulation_steps = 5 * x\niter 1: loss 3.0, time 100.00ms, mfu 10.00%\n")
            << "x.log"
            << "line 1"
            << "gradient_accumulation_steps";
        QTest::newRow("csv unterminated quote")
            << QByteArray("label,measured.step_time_s\n\"open,1.0\n") << "x.csv"
            << "line 2"
            << "unterminated quoted cell";
        QTest::newRow("csv header only") << QByteArray("label,measured.step_time_s\n") << "x.csv"
                                         << "line 1"
                                         << "no runs";
        QTest::newRow("csv duplicate column")
            << QByteArray("label,label,measured.step_time_s\na,b,1\n") << "x.csv"
            << "line 1"
            << "appears twice";
    }

    void badText()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, name);
        QFETCH(QString, field);
        QFETCH(QString, message);
        const auto result = importText(text, name);
        QVERIFY2(!result, "imported bad text");
        QCOMPARE(QString::fromStdString(result.error().field), field);
        QVERIFY2(QString::fromStdString(result.error().message).contains(message),
                 qPrintable(QString::fromStdString(result.error().message)));
    }

    // A spreadsheet's CSV: byte-order mark, CRLF line ends, quoted label with a comma and a
    // doubled quote.
    void csvFromSpreadsheet()
    {
        const QByteArray text = "\xEF\xBB\xBFlabel,model.preset,measured.tokens_per_s\r\n"
                                "\"run \"\"a\"\", 8k\",llama3-8b,4194304\r\n";
        const auto result = importText(text, "runs.csv");
        QVERIFY2(result, result ? "" : result.error().toString().c_str());
        QCOMPARE(result->runs.size(), std::size_t(1));
        QCOMPARE(result->runs[0].label, std::string("run \"a\", 8k"));
        // The default scenario's 1024 × 4096 tokens at 4,194,304 tokens/s: one second.
        QCOMPARE(result->runs[0].stepTimeS, 1.0);
    }

    void limits()
    {
        // Larger than 64 MiB: refused before anything is read.
        QByteArray huge(int(mfu::io::kMaxImportBytes) + 1, 'a');
        auto result = importText(huge, "huge.log");
        QVERIFY(!result);
        QVERIFY(QString::fromStdString(result.error().message).contains("larger than 64 MiB"));

        // A line longer than 1 MiB.
        QByteArray longLine = "iter 1: loss 3.0, time 100.00ms, mfu 10.00%\n";
        longLine += QByteArray(int(mfu::io::kMaxImportLineBytes) + 1, 'x') + "\n";
        result = importText(longLine, "long.log");
        QVERIFY(!result);
        QCOMPARE(QString::fromStdString(result.error().field), QStringLiteral("line 2"));
        QVERIFY(QString::fromStdString(result.error().message).contains("longer than 1 MiB"));

        // More than a million runs, CSV and JSON.
        QByteArray csv = "label,measured.step_time_s\n";
        csv.reserve(int(mfu::io::kMaxImportRuns) * 4 + 64);
        for (std::size_t i = 0; i <= mfu::io::kMaxImportRuns; ++i)
            csv += "a,1\n";
        result = importText(csv, "many.csv");
        QVERIFY(!result);
        QCOMPARE(result.error().field, "line " + std::to_string(mfu::io::kMaxImportRuns + 2));
        QVERIFY(QString::fromStdString(result.error().message).contains("more than 1000000 runs"));

        QByteArray json = R"({"schema": "mfu-explorer/benchmarks@1", "runs": [)";
        json.reserve(int(mfu::io::kMaxImportRuns) * 2 + 64);
        for (std::size_t i = 0; i <= mfu::io::kMaxImportRuns; ++i)
            json += i ? ",0" : "0";
        json += "]}";
        result = importText(json, "many.json");
        QVERIFY(!result);
        QCOMPARE(result.error().field, std::string("runs"));
        QVERIFY(QString::fromStdString(result.error().message).contains("at most 1000000 runs"));
    }

    // Parsers are pure: the same text gives the same result, whatever was imported before.
    void pure()
    {
        const QByteArray text = fixture("torchtitan_llama3_8b.log");
        const auto first = importText(text, "a.log");
        importText(fixture("native.csv"), "native.csv");
        const auto second = importText(text, "a.log");
        QVERIFY(first && second);
        QCOMPARE(mfu::io::importToJson(*first, "a.log")->dump(),
                 mfu::io::importToJson(*second, "a.log")->dump());
    }
};

QTEST_GUILESS_MAIN(TestBenchmarkImport)
#include "test_benchmark_import.moc"
