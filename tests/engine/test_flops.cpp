// Per-module FLOPs and parameter counts, written out by hand (2·M·N·K per GEMM) for three
// real models, and the closed forms against the exact sum.
#include "engine_check.h"
#include "shapes.h"

#include "engine/flops.h"
#include "engine/params.h"

using namespace mfu::engine;

namespace {

// The ten modules of a dense model, in this order; every MLA, MoE and MTP module is zero.
constexpr Module kDenseModules[] = {
    Module::QProj, Module::KProj, Module::VProj,   Module::AttnScores, Module::AttnContext,
    Module::OProj, Module::MlpUp, Module::MlpGate, Module::MlpDown,    Module::LmHead};
constexpr std::size_t kDenseModuleCount = std::size(kDenseModules);

void checkModules(const ModelShape &m, long b, long s, const double (&expected)[kDenseModuleCount])
{
    const ForwardFlops f = forwardFlops(m, Batch{b, s, 1}, false);
    ForwardFlops want;
    double total = 0;
    for (std::size_t i = 0; i < kDenseModuleCount; ++i) {
        want.module[std::size_t(kDenseModules[i])] = expected[i];
        total += expected[i];
    }
    for (std::size_t i = 0; i < kModuleCount; ++i)
        CHECK_EQ(f.module[i], want.module[i]);
    CHECK_EQ(f.total(), total);
}

} // namespace

TEST(gpt2_small_per_module_forward_flops)
{
    // b 1, s 1024, h 768, n 12, d 64, ĥ 3072, V 50257, L 12; plain MLP so mlp_gate is 0.
    const double expected[kDenseModuleCount] = {
        12 * 2.0 * 1024 * 768 * 768,  12 * 2.0 * 1024 * 768 * 768,
        12 * 2.0 * 1024 * 768 * 768,  12 * 2.0 * 1024 * 1024 * 768,
        12 * 2.0 * 1024 * 1024 * 768, 12 * 2.0 * 1024 * 768 * 768,
        12 * 2.0 * 1024 * 768 * 3072, 0,
        12 * 2.0 * 1024 * 3072 * 768, 2.0 * 1024 * 768 * 50257};
    checkModules(shapes::gpt2Small(), 1, 1024, expected);
    CHECK_EQ(forwardFlops(shapes::gpt2Small(), Batch{1, 1024, 1}, false).total(), 291648307200.0);
}

TEST(llama2_70b_seed_example_per_module_forward_flops)
{
    // The seed's §4.4 example: b 1, s 4096, h 8192, r 8 (n 64, n_kv 8, d 128), ĥ 28672, V 32000.
    const double expected[kDenseModuleCount] = {
        43980465111040.0, 5497558138880.0,   5497558138880.0,   21990232555520.0,  21990232555520.0,
        43980465111040.0, 153931627888640.0, 153931627888640.0, 153931627888640.0, 2147483648000.0};
    checkModules(shapes::llama2_70b(), 1, 4096, expected);
    CHECK_EQ(forwardFlops(shapes::llama2_70b(), Batch{1, 4096, 1}, false).total(),
             606878878924800.0);
}

TEST(llama3_8b_per_module_forward_flops)
{
    // b 1, s 8192, h 4096, n 32, n_kv 8, d 128, ĥ 14336, V 128256, L 32.
    const double expected[kDenseModuleCount] = {
        8796093022208.0, 2199023255552.0,  2199023255552.0,  17592186044416.0, 17592186044416.0,
        8796093022208.0, 30786325577728.0, 30786325577728.0, 30786325577728.0, 8607114461184.0};
    checkModules(shapes::llama3_8b(), 1, 8192, expected);
}

TEST(causal_halves_only_the_attention_core)
{
    const ModelShape m = shapes::llama3_8b();
    const ForwardFlops full = forwardFlops(m, Batch{2, 8192, 1}, false);
    const ForwardFlops causal = forwardFlops(m, Batch{2, 8192, 1}, true);
    for (std::size_t i = 0; i < kModuleCount; ++i) {
        const bool core = Module(i) == Module::AttnScores || Module(i) == Module::AttnContext;
        CHECK_EQ(causal.module[i], core ? full.module[i] / 2 : full.module[i]);
    }
}

TEST(parameter_counts_of_real_models)
{
    CHECK_EQ(countParams(shapes::gpt2Small()).total, 124439808.0);
    CHECK_EQ(countParams(shapes::llama2_70b()).total, 68976648192.0);
    CHECK_EQ(countParams(shapes::llama3_8b()).total, 8030261248.0);

    // GPT-2: token and position tables are the embedding; lm_head is tied so adds nothing.
    const ParamCounts gpt2 = countParams(shapes::gpt2Small());
    CHECK_EQ(gpt2.embedding, 50257.0 * 768 + 1024.0 * 768);
    CHECK_EQ(gpt2.lmHead, 0.0);
    CHECK_EQ(gpt2.nonEmbedding, gpt2.total - gpt2.embedding);
    // Llama 3 8B: the untied lm_head is non-embedding (it does matmul work).
    const ParamCounts l8 = countParams(shapes::llama3_8b());
    CHECK_EQ(l8.embedding, 128256.0 * 4096);
    CHECK_EQ(l8.lmHead, 128256.0 * 4096);
}

TEST(gpt_closed_form_and_megatron_equal_exact_sum_for_gpt_shapes)
{
    for (long s : {512L, 1024L, 2048L, 8192L}) {
        ModelShape m = shapes::gpt2Small();
        for (long h : {768L, 1600L, 12288L}) {
            m.hidden = h;
            m.heads = h / 64;
            m.kvHeads = m.heads;
            m.headDim = 64;
            m.ffnHidden = 4 * h;
            Scenario sc = shapes::scenario(m, 8, s);
            const ClosedForms c = closedForms(m, sc.batch, ParamBasis::All);
            const double exact = exactModelFlopsPerStep(sc);
            CHECK_NEAR(c.gptClosedForm, exact, 1e-12);
            CHECK_NEAR(c.megatron, exact, 1e-12);
        }
    }
}

TEST(llama_closed_form_equals_exact_sum_when_head_dim_is_h_over_n)
{
    for (const ModelShape &m : {shapes::llama2_70b(), shapes::llama3_8b(),
                                shapes::llama(61, 7168, 56, 7, 19200, 65536)}) {
        Scenario sc = shapes::scenario(m, 4, 4096);
        CHECK_NEAR(closedForms(m, sc.batch, ParamBasis::All).llamaClosedForm,
                   exactModelFlopsPerStep(sc), 1e-12);
    }
}

TEST(closed_forms_differ_where_their_assumptions_fail)
{
    // GPT's form on a GQA + SwiGLU shape misses both.
    const ModelShape l70 = shapes::llama2_70b();
    Scenario sc = shapes::scenario(l70, 1, 4096);
    const ClosedForms c = closedForms(l70, sc.batch, ParamBasis::All);
    CHECK(std::fabs(c.gptClosedForm / exactModelFlopsPerStep(sc) - 1) > 0.05);
    // Llama's form assumes d = h/n: Gemma-like shapes with wider heads break it.
    ModelShape wide = shapes::llama(28, 3072, 16, 16, 24576, 256000);
    wide.headDim = 256;
    sc = shapes::scenario(wide, 1, 8192);
    CHECK(std::fabs(closedForms(wide, sc.batch, ParamBasis::All).llamaClosedForm /
                        exactModelFlopsPerStep(sc) -
                    1) > 0.05);
    // A plain MLP breaks the llama form's 3ĥ/2h term.
    const ModelShape gpt = shapes::gpt2Small();
    sc = shapes::scenario(gpt, 1, 1024);
    CHECK(std::fabs(closedForms(gpt, sc.batch, ParamBasis::All).llamaClosedForm /
                        exactModelFlopsPerStep(sc) -
                    1) > 0.05);
}

TEST(seed_worked_example_corrected)
{
    // Seed §4.4 with b = 1: the corrected closed form is training FLOPs and matches 3 × the
    // forward sum; the printed one (4m with m = 4, no lm_head outside L) overstates it ~2.5×.
    const ModelShape m = shapes::llama2_70b();
    const double b = 1, s = 4096, h = 8192, L = 80, r = 8, V = 32000;
    const double corrected =
        12 * L * b * s * h * h * (1 + 1 / r + 3 * 28672 / (2 * h) + s / h + V / (2 * L * h));
    const double printed = 12 * L * b * s * h * h * (1 + 1 / r + 4 * 4 + s / h + V / (2 * L * h));
    Scenario sc = shapes::scenario(m, 1, 4096);
    CHECK_NEAR(corrected, exactModelFlopsPerStep(sc), 1e-12);
    CHECK_NEAR(exactModelFlopsPerStep(sc), 3 * 606878878924800.0, 1e-15);
    CHECK(printed / corrected > 2.4 && printed / corrected < 2.7);
}

TEST(conventions_count_as_their_sources_do)
{
    const ModelShape m = shapes::llama3_8b();
    Scenario sc = shapes::scenario(m, 64, 8192);
    const double tokens = 64.0 * 8192;
    const double N = 8030261248.0;

    sc.conventions.flops = FlopsConvention::SixN;
    CHECK_NEAR(modelFlopsPerStep(sc), 6 * N * tokens, 1e-15);
    sc.conventions.flops = FlopsConvention::Palm;
    CHECK_NEAR(modelFlopsPerStep(sc), (6 * N + 12.0 * 32 * 32 * 128 * 8192) * tokens, 1e-15);
    sc.conventions.params = ParamBasis::NonEmbedding;
    CHECK_NEAR(modelFlopsPerStep(sc),
               (6 * (N - 128256.0 * 4096) + 12.0 * 32 * 32 * 128 * 8192) * tokens, 1e-15);
    sc.conventions.flops = FlopsConvention::Megatron;
    const double h = 4096, L = 32, s = 8192, V = 128256;
    CHECK_NEAR(modelFlopsPerStep(sc),
               72 * tokens * L * h * h * (1 + s / (6 * h) + V / (12 * h * L)), 1e-15);
    sc.recompute = Recompute::Full;
    CHECK_NEAR(hardwareFlopsPerStep(sc),
               96 * tokens * L * h * h * (1 + s / (6 * h) + V / (16 * h * L)), 1e-15);
    sc.recompute = Recompute::Selective;
    CHECK_NEAR(hardwareFlopsPerStep(sc),
               72 * tokens * L * h * h * (1 + s / (3 * h) + V / (12 * h * L)), 1e-15);
}

TEST(hardware_flops_add_what_recomputation_runs_again)
{
    Scenario sc = shapes::scenario(shapes::llama2_70b(), 16, 4096);
    const ForwardFlops fwd = forwardFlops(sc.model, sc.batch, false);
    const double model = modelFlopsPerStep(sc);
    CHECK_EQ(model, 3 * fwd.total());
    CHECK_EQ(hardwareFlopsPerStep(sc), model);
    sc.recompute = Recompute::Selective;
    CHECK_NEAR(hardwareFlopsPerStep(sc), model + fwd.attentionCore(), 1e-15);
    sc.recompute = Recompute::Full;
    CHECK_NEAR(hardwareFlopsPerStep(sc), model + fwd.total() - fwd[Module::LmHead], 1e-15);
    // Causal counting applies to the recomputed attention too.
    sc.conventions.causal = true;
    sc.recompute = Recompute::Selective;
    const ForwardFlops causal = forwardFlops(sc.model, sc.batch, true);
    CHECK_NEAR(hardwareFlopsPerStep(sc), 3 * causal.total() + causal.attentionCore(), 1e-15);
}

TEST(no_overflow_at_a_billion_tokens_and_a_million_wide)
{
    // b·s = 10⁹ tokens and h = 10⁶: every product stays in double range and exact enough.
    ModelShape m = shapes::llama(100, 1000000, 1000, 100, 4000000, 1000000);
    const Batch batch{250000, 4000, 1};
    const ForwardFlops f = forwardFlops(m, batch, false);
    const double tokens = 1e9;
    CHECK_NEAR(f[Module::QProj], 100 * 2 * tokens * 1e6 * 1e6, 1e-15);
    CHECK_NEAR(f[Module::AttnScores], 100 * 2 * tokens * 4000 * 1e6, 1e-15);
    CHECK_NEAR(f[Module::LmHead], 2 * tokens * 1e6 * 1e6, 1e-15);
    CHECK(std::isfinite(f.total()) && f.total() > 0);
    CHECK_NEAR(countParams(m).total, 100 * (2e12 + 2 * 1e6 * 1e5 + 3 * 4e12 + 2e6) + 1e6 + 2e12,
               1e-15);
}

TEST(deepseek_v3_megatron_core_flops_per_token)
{
    // Megatron-LM's num_floating_point_operations for DeepSeek-V3 with MTP 1 at s 4096 logs
    // 259,992,950,784 FLOPs per token (validation/moe_runs.json, which reproduces the
    // Megatron-LM recipes' TFLOP/s over their tokens/s).
    Scenario sc = shapes::scenario(shapes::deepseekV3(), 1, 4096);
    sc.conventions.flops = FlopsConvention::MegatronCore;
    CHECK_NEAR(modelFlopsPerStep(sc) / 4096, 259992950784.0, 2e-3);
    // Without the MTP module: 2.498e11 (MOE.md §1.2, the Bridge rows "w/o MTP").
    sc.model.moe.mtpLayers = 0;
    CHECK_NEAR(modelFlopsPerStep(sc) / 4096, 2.498e11, 2e-3);
}

TEST(moe_modules_count_top_k_experts_and_the_router)
{
    const ModelShape m = shapes::deepseekV3();
    const double T = 4096, h = 7168;
    const ForwardFlops f = forwardFlops(m, Batch{1, 4096, 1}, true);
    // 58 MoE layers plus the MTP module's, which is of the last layer's kind.
    CHECK_EQ(f[Module::Router], 59 * 2 * T * h * 256);
    CHECK_EQ(f[Module::ExpertUp], 59 * 2 * T * h * 8 * 2048);
    CHECK_EQ(f[Module::ExpertGate], f[Module::ExpertUp]);
    CHECK_EQ(f[Module::SharedDown], 59 * 2 * T * 2048 * h);
    CHECK_EQ(f[Module::MlpUp], 3 * 2 * T * h * 18432);
    CHECK_EQ(f[Module::MtpProj], 2 * T * 2 * h * h);
    CHECK_EQ(f[Module::LmHead], 2 * 2 * T * h * 129280);
    // MLA: 62 attention layers; the queries come down to 1536 and up to 128 heads of 192.
    CHECK_EQ(f[Module::QDown], 62 * 2 * T * h * 1536);
    CHECK_EQ(f[Module::QProj], 62 * 2 * T * 1536 * 128 * 192);
    CHECK_EQ(f[Module::KvDown], 62 * 2 * T * h * (512 + 64));
    CHECK_EQ(f[Module::AttnScores], 62 * 2 * T * (T / 2) * 128 * 192);
    CHECK_EQ(f[Module::AttnContext], 62 * 2 * T * (T / 2) * 128 * 128);
    CHECK(!moduleApplies(shapes::llama3_8b(), Module::Router));
    CHECK(moduleApplies(m, Module::QDown));
}

TEST(moe_parameters_total_and_active)
{
    // Mixtral 8x7B: 46.7B total, 12.9B active (Jiang et al. 2024, Table 1).
    const ParamCounts mixtral = countParams(shapes::mixtral8x7b());
    CHECK_NEAR(mixtral.total, 46.7e9, 2e-3);
    CHECK_NEAR(mixtral.active, 12.9e9, 5e-3);
    // DeepSeek-V3: 671B without the MTP module; MLA attention 187M per layer (MOE.md §1.7).
    const ModelShape ds = shapes::deepseekV3();
    const ParamCounts p = countParams(ds);
    CHECK_NEAR(p.total, 671e9, 1e-3);
    CHECK_NEAR(attentionParams(ds), 187e6, 5e-3);
    CHECK(p.mtp > 11e9 && p.mtp < 12e9);
    // A dense model is all active.
    const ParamCounts dense = countParams(shapes::llama3_8b());
    CHECK_EQ(dense.active, dense.total);
}

TEST(sliding_window_layers_attend_to_the_window)
{
    // gpt-oss: every second layer full, the others over the last 128 keys.
    ModelShape m = shapes::llama(36, 2880, 64, 8, 2880, 201088);
    m.headDim = 64;
    m.slidingWindow = {128, 2};
    const double s = 4096;
    const ForwardFlops f = forwardFlops(m, Batch{1, 4096, 1}, true);
    const double keys = 18 * s / 2 + 18 * (128 - 128.0 * 128 / (2 * s));
    CHECK_EQ(f[Module::AttnScores], 2 * s * keys * 64 * 64);
    CHECK_EQ(keysPerQuery(s, 128, false), 128.0);
    CHECK_EQ(keysPerQuery(s, 0, false), s);
}
