// Memory per GPU. Expectations are written from the published formulas and by hand, tensor by
// tensor, never by calling the code under test a second way.
#include "engine_check.h"
#include "shapes.h"

#include "engine/evaluate.h"
#include "engine/memory.h"
#include "engine/params.h"
#include "engine/validate.h"

#include <cmath>
#include <string>

using namespace mfu::engine;

namespace {

// A GPT layer as Korthikanti et al. 2022 count it: plain MLP of width 4h, n_kv = n, d = h/n,
// dropout on. Sequence length 2048 and vocabulary 51200 as in their Table 3.
ModelShape gpt(long layers, long hidden, long heads)
{
    ModelShape m;
    m.family = "gpt";
    m.layers = layers;
    m.hidden = hidden;
    m.heads = heads;
    m.kvHeads = heads;
    m.headDim = hidden / heads;
    m.ffnHidden = 4 * hidden;
    m.vocab = 51200;
    m.gatedMlp = false;
    m.tiedEmbeddings = true;
    m.bias = true;
    m.norm = NormKind::LayerNorm;
    m.maxPositions = 2048;
    m.dropout = true;
    return m;
}

// The four models of Korthikanti's Table 3: 22B, GPT-3 175B, MT-NLG 530B and 1T.
struct KorthikantiModel
{
    const char *name;
    ModelShape shape;
};

const KorthikantiModel kKorthikanti[] = {
    {"22B", gpt(48, 6144, 64)},
    {"175B", gpt(96, 12288, 96)},
    {"530B", gpt(105, 20480, 128)},
    {"1T", gpt(128, 25600, 160)},
};

// Korthikanti's figures are for the attention kernels of 2022, which wrote the scores to HBM.
constexpr bool kUnfused = false;
constexpr bool kFused = true;

Parallel layout(long tp, bool sp)
{
    Parallel p;
    p.tp = tp;
    p.sequenceParallel = sp;
    return p;
}

bool sane(double v)
{
    return std::isfinite(v) && v >= 0;
}

} // namespace

TEST(korthikanti_closed_forms_per_layer_exactly)
{
    // Korthikanti Table 2, bytes per layer and micro-batch (s sequence, b micro-batch, a heads):
    //   no parallelism          s·b·h·(34 + 5·a·s/h)     = 34·s·b·h + 5·a·s²·b
    //   TP t                    s·b·h·(10 + 24/t + 5·a·s/(h·t))
    //   TP t + SP               s·b·h·(34/t + 5·a·s/(h·t))
    //   TP t + selective        s·b·h·(10 + 24/t)
    //   TP t + SP + selective   s·b·h·34/t
    //   full recompute          2·s·b·h (2·s·b·h/t with SP)
    // Every term is an integer or an integer over a power of two, so the comparison is exact.
    for (const KorthikantiModel &km : kKorthikanti) {
        const ModelShape &m = km.shape;
        const double h = double(m.hidden), a = double(m.heads);
        for (long b : {1L, 4L}) {
            const Batch batch{b, 2048, b};
            const double s = 2048, sbh = s * double(b) * h, scores = 5 * a * s * s * double(b);
            CHECK_EQ(activationBytesPerLayer(m, batch, layout(1, false), Recompute::None, kUnfused),
                     34 * sbh + scores);
            CHECK_EQ(
                activationBytesPerLayer(m, batch, layout(1, false), Recompute::Selective, kUnfused),
                34 * sbh);
            CHECK_EQ(activationBytesPerLayer(m, batch, layout(1, false), Recompute::Full, kUnfused),
                     2 * sbh);
            for (long t : {2L, 4L, 8L}) {
                const double td = double(t);
                CHECK_EQ(
                    activationBytesPerLayer(m, batch, layout(t, false), Recompute::None, kUnfused),
                    sbh * (10 + 24 / td) + scores / td);
                CHECK_EQ(
                    activationBytesPerLayer(m, batch, layout(t, true), Recompute::None, kUnfused),
                    sbh * 34 / td + scores / td);
                CHECK_EQ(activationBytesPerLayer(m, batch, layout(t, false), Recompute::Selective,
                                                 kUnfused),
                         sbh * (10 + 24 / td));
                CHECK_EQ(activationBytesPerLayer(m, batch, layout(t, true), Recompute::Selective,
                                                 kUnfused),
                         sbh * 34 / td);
                CHECK_EQ(
                    activationBytesPerLayer(m, batch, layout(t, false), Recompute::Full, kUnfused),
                    2 * sbh);
                CHECK_EQ(
                    activationBytesPerLayer(m, batch, layout(t, true), Recompute::Full, kUnfused),
                    2 * sbh / td);
            }
        }
    }
}

TEST(korthikanti_published_ratios)
{
    // §4.2.3: for GPT-3 5·a·s/h = 80, for MT-NLG 530B 64, so selective recomputation removes
    // 80/114 = 70% and 64/98 = 65% of the activations without parallelism.
    const Batch batch{1, 2048, 1};
    const ModelShape &gpt3 = kKorthikanti[1].shape, &mtnlg = kKorthikanti[2].shape;
    const auto saved = [&](const ModelShape &m) {
        const double none =
            activationBytesPerLayer(m, batch, layout(1, false), Recompute::None, kUnfused);
        const double sel =
            activationBytesPerLayer(m, batch, layout(1, false), Recompute::Selective, kUnfused);
        return 1 - sel / none;
    };
    CHECK_NEAR(saved(gpt3), 80.0 / 114.0, 1e-12);
    CHECK_NEAR(saved(mtnlg), 64.0 / 98.0, 1e-12);
    CHECK(std::round(100 * saved(gpt3)) == 70);
    CHECK(std::round(100 * saved(mtnlg)) == 65);

    // Abstract: sequence parallelism with selective recomputation cuts activation memory about
    // 5× against the tensor-parallel baseline (t = 8): 530B and 1T give 21/4.25 = 4.94.
    for (const ModelShape *m : {&kKorthikanti[2].shape, &kKorthikanti[3].shape}) {
        const double base =
            activationBytesPerLayer(*m, batch, layout(8, false), Recompute::None, kUnfused);
        const double best =
            activationBytesPerLayer(*m, batch, layout(8, true), Recompute::Selective, kUnfused);
        CHECK_NEAR(base / best, 21.0 / 4.25, 1e-12);
        CHECK(base / best > 4.5 && base / best < 5.5);
    }
}

TEST(korthikanti_first_stage_total)
{
    // §4.3: 1F1B keeps p micro-batches of L/p layers on the first stage, so its layers hold
    // L·(per layer) whatever p; interleaving multiplies by 1 + (p−1)/(p·v). GPT-3 175B, t 8,
    // p 8, SP, b 1: per layer s·b·h·34/8 + 5·a·s²·b/8.
    const ModelShape m = kKorthikanti[1].shape;
    Scenario sc = shapes::scenario(m, 512, 2048);
    sc.software.attention = AttentionKernel::Unfused;
    sc.parallel = layout(8, true);
    sc.parallel.pp = 8;
    const double s = 2048, h = 12288, a = 96, L = 96;
    const double perLayer = s * h * 34 / 8 + 5 * a * s * s / 8;

    MemoryBreakdown first = stageMemory(sc, PipelineStage::First);
    CHECK_EQ(first.activations, L * perLayer);
    // Outside the layers, the first stage keeps the embedding dropout's mask, s·b·h·p/t.
    CHECK_EQ(first.other, s * h * 8 / 8);

    // Without a pipeline the one stage also keeps the final norm's and lm_head's inputs and the
    // fp32 logits: 4·s·b·h/t·(1 + V/h), plus the embedding mask s·b·h/t.
    sc.parallel.pp = 1;
    const double V = 51200;
    CHECK_EQ(stageMemory(sc, PipelineStage::First).other, s * h / 8 + 4 * s * h / 8 * (1 + V / h));

    // Interleaved, v = 2 (48 chunks of 2 layers): 12 layers × 8·(1 + 7/16) micro-batches.
    sc.parallel.pp = 8;
    sc.parallel.vpp = 2;
    first = stageMemory(sc, PipelineStage::First);
    CHECK_EQ(first.activations, L * (1 + 7.0 / 16.0) * perLayer);
    // Chunk 0 runs two rounds of p micro-batches before its first backward.
    CHECK_EQ(first.other, s * h * 16 / 8);
}

TEST(pipeline_in_flight_micro_batches)
{
    const Batch many{512, 2048, 1}; // M = 512 micro-batches with dp 1
    Parallel p;
    p.pp = 8;
    CHECK_EQ(inFlightMicroBatches(p, many, PipelineStage::First), 8);
    CHECK_EQ(inFlightMicroBatches(p, many, PipelineStage::Last), 1);

    // Fewer micro-batches than stages: all of them are in flight at once.
    CHECK_EQ(inFlightMicroBatches(p, Batch{4, 2048, 1}, PipelineStage::First), 4);
    // M = b/(dp·m) = 512/(16·4) = 8.
    p.dp = 16;
    CHECK_EQ(inFlightMicroBatches(p, Batch{512, 2048, 4}, PipelineStage::First), 8);
    p.dp = 32; // M = 4
    CHECK_EQ(inFlightMicroBatches(p, Batch{512, 2048, 4}, PipelineStage::First), 4);

    // Interleaving: p·(1 + (p−1)/(p·v)) = 8 + 7/v on the first stage; the last runs (v−1)·p
    // forwards of its other chunks first: ((v−1)·p + 1)/v.
    p.dp = 1;
    p.vpp = 2;
    CHECK_EQ(inFlightMicroBatches(p, many, PipelineStage::First), 8 * (1 + 7.0 / 16.0));
    CHECK_EQ(inFlightMicroBatches(p, many, PipelineStage::Last), 9.0 / 2.0);
    p.vpp = 4;
    CHECK_EQ(inFlightMicroBatches(p, many, PipelineStage::First), 8 * (1 + 7.0 / 32.0));
    CHECK_EQ(inFlightMicroBatches(p, many, PipelineStage::Last), 25.0 / 4.0);
    // Never more than the step's micro-batches (M = 8 < 9.75).
    CHECK_EQ(inFlightMicroBatches(p, Batch{8, 2048, 1}, PipelineStage::First), 8);

    // The second stage warms up with one forward fewer than the first: 7 of 8; interleaved,
    // (2·(p − 2) + (v − 1)·p + 1)/v = (12 + 24 + 1)/4 chunk rounds.
    CHECK_EQ(inFlightMicroBatches(p, many, PipelineStage::Middle), 37.0 / 4.0);
    p.vpp = 1;
    CHECK_EQ(inFlightMicroBatches(p, many, PipelineStage::Middle), 7);

    // No pipeline: one micro-batch.
    Parallel none;
    CHECK_EQ(inFlightMicroBatches(none, many, PipelineStage::First), 1);
    CHECK_EQ(inFlightMicroBatches(none, many, PipelineStage::Last), 1);
}

TEST(gqa_swiglu_layer_by_hand)
{
    // Llama-2-70B: h 8192, n 64, n_kv 8, d 128, ĥ 28672, no dropout; s 4096, m 1, t 8, SP.
    //   norm inputs + QKV input + up/gate input: 4 · 2·s·h / 8           =  33,554,432
    //   Q and context: 2 · 2·s·(n·d/8 = 1024)                            =  16,777,216
    //   K and V:       2 · 2·s·(n_kv·d/8 = 128)                          =   2,097,152
    //   softmax output, no dropout: 2·(n/8 = 8)·s·s                      = 268,435,456
    //   up out, gate out, SiLU out, product: 4 · 2·s·(ĥ/8 = 3584)        = 117,440,512
    //   total                                                             = 438,304,768
    const ModelShape m = shapes::llama2_70b();
    const Batch batch{1024, 4096, 1};
    CHECK_EQ(activationBytesPerLayer(m, batch, layout(8, true), Recompute::None, kUnfused),
             438304768.0);
    // Selective drops the softmax output: 438,304,768 − 268,435,456.
    CHECK_EQ(activationBytesPerLayer(m, batch, layout(8, true), Recompute::Selective, kUnfused),
             169869312.0);
    // Without SP the 33,554,432 of h-wide tensors are 8× larger: 268,435,456.
    CHECK_EQ(activationBytesPerLayer(m, batch, layout(8, false), Recompute::Selective, kUnfused),
             268435456.0 + 16777216.0 + 2097152.0 + 117440512.0);

    // Llama-3-8B at t 16 > n_kv 8: each rank keeps a whole KV head (d = 128 wide), no SP,
    // selective, s 8192, m 1:
    //   4 · 2·s·h = 268,435,456; Q + context 2 · 2·s·256 = 8,388,608;
    //   K + V 2 · 2·s·128 = 4,194,304; MLP 4 · 2·s·(14336/16 = 896) = 58,720,256.
    const ModelShape l3 = shapes::llama3_8b();
    CHECK_EQ(activationBytesPerLayer(l3, Batch{16, 8192, 1}, layout(16, false),
                                     Recompute::Selective, kUnfused),
             268435456.0 + 8388608.0 + 4194304.0 + 58720256.0);
}

TEST(dropout_off_drops_masks_and_dropout_outputs)
{
    // Without dropout the two h-wide masks (1 byte each) and the attention dropout's mask and
    // output (1 + 2 bytes per score) go: 34·sbh + 5·a·s²·b becomes 32·sbh + 2·a·s²·b.
    ModelShape m = kKorthikanti[1].shape;
    m.dropout = false;
    const double s = 2048, h = 12288, a = 96, b = 2;
    const Batch batch{2, 2048, 2};
    CHECK_EQ(activationBytesPerLayer(m, batch, layout(1, false), Recompute::None, kUnfused),
             32 * s * b * h + 2 * a * s * s * b);
    CHECK_EQ(activationBytesPerLayer(m, batch, layout(8, false), Recompute::None, kUnfused),
             s * b * h * (8 + 24.0 / 8) + 2 * a * s * s * b / 8);
}

TEST(context_parallel_divides_the_sequence)
{
    // Each CP rank keeps s/cp tokens of every tensor, and scores its s/cp queries against all
    // s keys: every term halves with cp 2.
    for (const ModelShape &m : {kKorthikanti[0].shape, shapes::llama2_70b()}) {
        for (Recompute r : {Recompute::None, Recompute::Selective, Recompute::Full}) {
            Parallel p = layout(4, true);
            const double one = activationBytesPerLayer(m, Batch{8, 8192, 1}, p, r, kUnfused);
            p.cp = 2;
            CHECK_EQ(activationBytesPerLayer(m, Batch{8, 8192, 1}, p, r, kUnfused), one / 2);
            p.cp = 8;
            CHECK_EQ(activationBytesPerLayer(m, Batch{8, 8192, 1}, p, r, kUnfused), one / 8);
        }
    }
}

TEST(params_per_gpu_match_the_model_without_parallelism)
{
    // One GPU holds every parameter: the DESIGN's counts.
    const Parallel one;
    CHECK_EQ(paramsPerGpu(shapes::gpt2Small(), one, Software{}, PipelineStage::First), 124439808.0);
    CHECK_EQ(paramsPerGpu(shapes::llama2_70b(), one, Software{}, PipelineStage::First),
             68976648192.0);
    CHECK_EQ(paramsPerGpu(shapes::llama3_8b(), one, Software{}, PipelineStage::Last), 8030261248.0);
}

TEST(llama2_70b_tp8_pp4_zero1_dp32_by_hand)
{
    // One layer: Q and o_proj 8192·8192 = 67,108,864 each, K and V 8192·1024 = 8,388,608 each,
    // MLP 3·8192·28672 = 704,643,072, two RMSNorms 2·8192. On a TP-8 rank the matrices split,
    // (150,994,944 + 704,643,072)/8 = 106,954,752, the norms do not: 106,971,136 per layer.
    // 20 layers per stage: 2,139,422,720. First stage + token table 32000·8192/8 = 32,768,000:
    // 2,172,190,720. Last stage + final norm 8,192 + lm_head 32,768,000: 2,172,198,912.
    Scenario sc = shapes::scenario(shapes::llama2_70b(), 1024, 4096);
    sc.software.attention =
        AttentionKernel::Unfused; // the softmax output is kept, as in the sum above
    sc.parallel.tp = 8;
    sc.parallel.pp = 4;
    sc.parallel.dp = 32;
    sc.parallel.sequenceParallel = true;
    sc.parallel.zero = 1;
    CHECK_EQ(paramsPerGpu(sc.model, sc.parallel, Software{}, PipelineStage::First), 2172190720.0);
    CHECK_EQ(paramsPerGpu(sc.model, sc.parallel, Software{}, PipelineStage::Last), 2172198912.0);

    // First stage: weights 2 B, gradients 4 B, optimizer 12 B / 32 (ZeRO-1 over dp):
    // 4,344,381,440; 8,688,762,880; 26,066,288,640/32 = 814,571,520. Activations: 438,304,768
    // per layer (see gqa_swiglu_layer_by_hand) × 20 layers × min(p 4, M 1024/32) = 35,064,381,440.
    // No dropout: nothing else. Total 48,912,097,280.
    const MemoryBreakdown first = stageMemory(sc, PipelineStage::First);
    CHECK_EQ(first.weights, 4344381440.0);
    CHECK_EQ(first.gradients, 8688762880.0);
    CHECK_EQ(first.optimizer, 814571520.0);
    CHECK_EQ(first.activations, 35064381440.0);
    CHECK_EQ(first.other, 0);
    CHECK_EQ(first.total, 48912097280.0);

    // Last stage: one micro-batch of 20 layers, 8,766,095,360; final norm and lm_head inputs
    // 2 · 2·4096·8192/8 = 16,777,216 and fp32 logits 4·4096·32000/8 = 65,536,000.
    const MemoryBreakdown last = stageMemory(sc, PipelineStage::Last);
    CHECK_EQ(last.weights, 4344397824.0);
    CHECK_EQ(last.gradients, 8688795648.0);
    CHECK_EQ(last.optimizer, 814574592.0);
    CHECK_EQ(last.activations, 8766095360.0);
    CHECK_EQ(last.other, 82313216.0);
    CHECK_EQ(last.total, 22696176640.0);

    // The busiest GPU is the first stage; 80 GiB × 0.9 = 77,309,411,328 bytes usable.
    const MemoryBreakdown busiest = memoryPerGpu(sc);
    CHECK_EQ(busiest.total, 48912097280.0);
    CHECK_EQ(busiest.capacity, 77309411328.0);
    CHECK(busiest.fits);
}

// FlashAttention recomputes the scores inside its backward kernel: "no recomputation" with a
// fused kernel keeps exactly what selective recomputation keeps, and nothing is alive again
// while a layer's backward runs.
TEST(fused_attention_never_keeps_the_scores)
{
    const ModelShape m = shapes::llama2_70b();
    const Batch batch{1024, 4096, 1};
    CHECK_EQ(activationBytesPerLayer(m, batch, layout(8, true), Recompute::None, kFused),
             169869312.0);
    CHECK_EQ(activationBytesPerLayer(m, batch, layout(8, true), Recompute::Selective, kFused),
             169869312.0);
    CHECK_EQ(activationBytesPerLayer(m, batch, layout(8, true), Recompute::Full, kFused),
             activationBytesPerLayer(m, batch, layout(8, true), Recompute::Full, kUnfused));

    // The Llama-2-70B layout above with FlashAttention: 20 layers × 4 micro-batches × 169,869,312.
    Scenario sc = shapes::scenario(m, 1024, 4096);
    sc.software.attention = AttentionKernel::Flash2;
    sc.parallel.tp = 8;
    sc.parallel.pp = 4;
    sc.parallel.dp = 32;
    sc.parallel.sequenceParallel = true;
    sc.parallel.zero = 1;
    CHECK_EQ(stageMemory(sc, PipelineStage::First).activations, 20 * 4 * 169869312.0);
    sc.recompute = Recompute::Selective;
    CHECK_EQ(stageMemory(sc, PipelineStage::First).activations, 20 * 4 * 169869312.0);
}

TEST(zero_stages_shard_what_they_should)
{
    // Shards over dp·cp = 16·2 = 32, where Megatron's distributed optimizer shards.
    Scenario sc = shapes::scenario(shapes::llama3_8b(), 256, 8192);
    sc.parallel.tp = 2;
    sc.parallel.dp = 16;
    sc.parallel.cp = 2;
    const double P = paramsPerGpu(sc.model, sc.parallel, Software{}, PipelineStage::First);
    // tp 2: a layer's matrices (2·4096² + 2·4096·1024 + 3·4096·14336 = 218,103,808) / 2,
    // its norms (2·4096) whole; token table and lm_head 128256·4096 / 2 each; final norm 4096.
    CHECK_EQ(P, 32 * (218103808.0 / 2 + 8192) + 2 * 128256.0 * 4096 / 2 + 4096);

    MemoryBreakdown z[4];
    for (int stage = 0; stage < 4; ++stage) {
        sc.parallel.zero = stage;
        z[stage] = memoryPerGpu(sc);
    }
    CHECK_EQ(z[0].weights, 2 * P);
    CHECK_EQ(z[0].gradients, 4 * P);
    CHECK_EQ(z[0].optimizer, 12 * P);
    CHECK_EQ(z[1].weights, 2 * P);
    CHECK_EQ(z[1].gradients, 4 * P);
    CHECK_EQ(z[1].optimizer, 12 * P / 32);
    CHECK_EQ(z[2].weights, 2 * P);
    CHECK_EQ(z[2].gradients, 4 * P / 32);
    CHECK_EQ(z[2].optimizer, 12 * P / 32);
    CHECK_EQ(z[3].weights, 2 * P / 32);
    CHECK_EQ(z[3].gradients, 4 * P / 32);
    CHECK_EQ(z[3].optimizer, 12 * P / 32);
    for (int stage = 1; stage < 4; ++stage) {
        CHECK_EQ(z[stage].activations, z[0].activations);
        CHECK(z[stage].total < z[stage - 1].total);
    }
    // ZeRO-3 gathers the largest unit (here the 128256·4096/2 token table) and prefetches the
    // next: two of them in bf16 on top of what stage 2 keeps.
    CHECK_EQ(z[3].other - z[2].other, 2 * 2 * 128256.0 * 4096 / 2);

    // With nobody to shard with, ZeRO changes nothing.
    sc.parallel.dp = 1;
    sc.parallel.cp = 1;
    sc.parallel.zero = 0;
    const MemoryBreakdown alone = memoryPerGpu(sc);
    sc.parallel.zero = 3;
    CHECK_EQ(memoryPerGpu(sc).total, alone.total);
}

TEST(recomputation_keeps_its_working_set)
{
    // Full recomputation keeps each layer's input for every micro-batch in flight, and while a
    // layer's backward runs, that layer's recomputed activations for one micro-batch.
    // GPT-3 175B, t 8, SP, p 8, b 1: input s·h/8 · 2, full layer s·h·34/8 + 5·a·s²/8.
    Scenario sc = shapes::scenario(kKorthikanti[1].shape, 512, 2048);
    sc.software.attention = AttentionKernel::Unfused;
    sc.parallel = layout(8, true);
    sc.parallel.pp = 8;
    sc.recompute = Recompute::Full;
    const double s = 2048, h = 12288, a = 96;
    const double input = 2 * s * h / 8, full = s * h * 34 / 8 + 5 * a * s * s / 8;
    CHECK_EQ(stageMemory(sc, PipelineStage::First).activations, 96 * input + (full - input));
    sc.recompute = Recompute::Selective;
    const double kept = s * h * 34 / 8;
    CHECK_EQ(stageMemory(sc, PipelineStage::First).activations, 96 * kept + (full - kept));
}

TEST(fits_on_clear_cases)
{
    // GPT-3 175B on one 80 GB GPU: 18 bytes × 175e9 parameters alone are 3 TB.
    Scenario big = shapes::scenario(kKorthikanti[1].shape, 1, 2048);
    const MemoryBreakdown bigMem = memoryPerGpu(big);
    CHECK(!bigMem.fits);
    CHECK(bigMem.weights + bigMem.gradients + bigMem.optimizer > 3e12);
    const Result<Evaluation> ev = evaluate(big);
    CHECK(ev.ok());
    if (ev.ok()) {
        CHECK(ev->memory.has_value() && !ev->memory->fits);
        bool warned = false;
        for (const std::string &w : ev->warnings)
            warned = warned || w.find("does not fit") != std::string::npos;
        CHECK(warned);
    }

    // GPT-2 small, b 8, s 1024 on one GPU, unfused attention: 12 layers of 34·s·b·h + 5·a·s²·b
    // (717,225,984 B), logits 4·s·b·V = 1.65 GB, 124M × 18 B = 2.2 GB: about 12.6 GB.
    Scenario small = shapes::scenario(shapes::gpt2Small(), 8, 1024);
    small.software.attention = AttentionKernel::Unfused;
    small.batch.microBatch = 8;
    const MemoryBreakdown unfusedMem = memoryPerGpu(small);
    CHECK(unfusedMem.fits);
    CHECK_EQ(unfusedMem.activations, 12 * (34.0 * 1024 * 8 * 768 + 5.0 * 12 * 1024 * 1024 * 8));
    CHECK(unfusedMem.total > 12e9 && unfusedMem.total < 13e9);
    // With FlashAttention the scores are never stored: 12 · 34·s·b·h, about 6.5 GB in all.
    small.software.attention = AttentionKernel::Flash2;
    const MemoryBreakdown smallMem = memoryPerGpu(small);
    CHECK_EQ(smallMem.activations, 12 * 34.0 * 1024 * 8 * 768);
    CHECK(smallMem.total > 6e9 && smallMem.total < 7e9);
    const Result<Evaluation> smallEv = evaluate(small);
    CHECK(smallEv.ok());
    if (smallEv.ok()) {
        CHECK(smallEv->memory.has_value() && smallEv->memory->fits);
        for (const std::string &w : smallEv->warnings)
            CHECK(w.find("does not fit") == std::string::npos);
    }
}

TEST(never_negative_or_non_finite)
{
    const ModelShape models[] = {shapes::gpt2Small(), shapes::llama2_70b(), shapes::llama3_8b(),
                                 kKorthikanti[3].shape,
                                 shapes::llama(100000, 1000000, 1000, 1, 64000000, 100000000)};
    for (const ModelShape &m : models)
        for (long seq : {1L, 2048L, 100000000L})
            for (long tp : {1L, 8L})
                for (long pp : {1L, 4L})
                    for (long cp : {1L, 2L})
                        for (long vpp : {1L, 2L})
                            for (int zero = 0; zero <= 3; ++zero)
                                for (Recompute r :
                                     {Recompute::None, Recompute::Selective, Recompute::Full})
                                    for (bool sp : {false, true}) {
                                        Scenario sc = shapes::scenario(m, 1000000000L, seq);
                                        sc.parallel.tp = tp;
                                        sc.parallel.pp = pp;
                                        sc.parallel.cp = cp;
                                        sc.parallel.vpp = vpp;
                                        sc.parallel.dp = 64;
                                        sc.parallel.zero = zero;
                                        sc.parallel.sequenceParallel = sp;
                                        sc.recompute = r;
                                        for (PipelineStage st :
                                             {PipelineStage::First, PipelineStage::Last}) {
                                            const MemoryBreakdown mem = stageMemory(sc, st);
                                            CHECK(sane(mem.weights) && sane(mem.gradients) &&
                                                  sane(mem.optimizer) && sane(mem.activations) &&
                                                  sane(mem.other) && sane(mem.total) &&
                                                  sane(mem.capacity));
                                            CHECK(mem.total >= mem.activations);
                                        }
                                    }

    // Unvalidated degrees of 0 or below count as 1; negative sizes as 0.
    Scenario odd = shapes::scenario(shapes::llama3_8b(), -5, -7);
    odd.parallel.tp = 0;
    odd.parallel.pp = -3;
    odd.parallel.dp = 0;
    odd.parallel.cp = -1;
    odd.parallel.vpp = 0;
    odd.batch.microBatch = 0;
    const MemoryBreakdown mem = memoryPerGpu(odd);
    CHECK(sane(mem.weights) && sane(mem.activations) && sane(mem.other) && sane(mem.total));
}

TEST(explicit_end_stages_share_the_rest_and_a_heavier_middle_stage_sets_the_peak)
{
    // Llama 3 405B's 126 layers on pp 16: seven on each end stage and eight on the fourteen
    // between them is the split the embedding and the loss as stage layers give, field by field.
    Scenario sc = shapes::llama3_405bOnPp16();
    const MemoryBreakdown split = memoryPerGpu(sc);
    for (PipelineStage stage : {PipelineStage::First, PipelineStage::Middle, PipelineStage::Last})
        CHECK_EQ(layersOnStage(sc.model, sc.parallel, sc.software, stage),
                 stage == PipelineStage::Middle ? 8 : 7);
    sc.software.embeddingInPipelineSplit = false;
    sc.parallel.firstStageLayers = 7;
    sc.parallel.lastStageLayers = 7;
    CHECK(validateScenario(sc) == std::nullopt);
    CHECK_EQ(layersOnStage(sc.model, sc.parallel, sc.software, PipelineStage::Middle), 8);
    CHECK_EQ(memoryPerGpu(sc).total, split.total);

    // One layer on each end leaves ⌈124/14⌉ = 9 on the others: the second stage, nine layers
    // of seven micro-batches in flight against the first's one of eight, holds the most.
    sc.parallel.firstStageLayers = 1;
    sc.parallel.lastStageLayers = 1;
    CHECK_EQ(layersOnStage(sc.model, sc.parallel, sc.software, PipelineStage::Middle), 9);
    const MemoryBreakdown middle = stageMemory(sc, PipelineStage::Middle);
    CHECK(middle.total > stageMemory(sc, PipelineStage::First).total);
    CHECK_EQ(memoryPerGpu(sc).total, middle.total);
}
