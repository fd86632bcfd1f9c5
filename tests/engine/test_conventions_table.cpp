// The derivation's side-by-side figures: every convention at one step time, the closed forms
// against the exact sum, and the exact sum term by term, written out from the formulas.
#include "engine_check.h"
#include "shapes.h"

#include "engine/conventions_table.h"
#include "engine/evaluate.h"
#include "engine/params.h"

using namespace mfu::engine;

namespace {

Scenario llama70b()
{
    return shapes::llama2_70bOn1024();
}

Scenario gpt3()
{
    ModelShape m = shapes::llama(96, 12288, 96, 96, 4 * 12288, 51200);
    m.family = "gpt";
    m.gatedMlp = false;
    m.norm = NormKind::LayerNorm;
    m.bias = true;
    m.maxPositions = 2048;
    Scenario sc = shapes::scenario(m, 1536, 2048);
    sc.parallel.tp = 8;
    sc.parallel.pp = 8;
    sc.parallel.dp = 16;
    sc.recompute = Recompute::Full;
    return sc;
}

} // namespace

TEST(llama_closed_form_is_exact_for_llama_shapes_and_gpt_form_is_not)
{
    const Scenario sc = llama70b();
    const auto ev = evaluate(sc);
    CHECK(ev.ok());
    const ConventionsTable t = conventionsTable(sc, *ev);
    CHECK_NEAR(t.exactFlops, ev->exactModelFlopsPerStep, 1e-15);
    CHECK(std::fabs(t.closedFormError.llamaClosedForm) < 1e-12);
    // GPT's 24bsh² undercounts Llama's 4 + 4/8 + 6·3.5 = 25.5bsh² of GEMMs per layer.
    CHECK(t.closedFormError.gptClosedForm < -0.01);
    CHECK_NEAR(t.closedFormError.gptClosedForm,
               t.closedForms.gptClosedForm / ev->exactModelFlopsPerStep - 1, 1e-12);
    // The bracket terms: 1, 1/8, 3·28672/(2·8192), 4096/8192, 32000/(2·80·8192).
    CHECK_NEAR(t.llamaBracket[1], 0.125, 1e-15);
    CHECK_NEAR(t.llamaBracket[2], 5.25, 1e-15);
    CHECK_NEAR(t.llamaBracket[3], 0.5, 1e-15);
    CHECK_NEAR(t.llamaBracket[4], 32000.0 / (2 * 80 * 8192), 1e-15);
    CHECK_NEAR(t.gptBracket[1], 4096.0 / (6 * 8192), 1e-15);
    CHECK_NEAR(t.seedFfnMultiplier, 3 * 28672.0 / (8 * 8192), 1e-15);
    // The seed's §4.4 m = 4 puts 16 where 5.25 belongs: about 2.5× the exact count.
    const double bracket = 1 + 0.125 + 5.25 + 0.5 + t.llamaBracket[4];
    const double printed = 1 + 0.125 + 16 + 0.5 + t.llamaBracket[4];
    CHECK_NEAR(t.seedPrintedLlama / t.closedForms.llamaClosedForm, printed / bracket, 1e-12);
    CHECK(t.seedPrintedLlamaError > 1.4 && t.seedPrintedLlamaError < 1.7);
}

TEST(gpt_closed_form_and_megatron_are_exact_for_gpt_shapes)
{
    const Scenario sc = gpt3();
    const auto ev = evaluate(sc);
    CHECK(ev.ok());
    const ConventionsTable t = conventionsTable(sc, *ev);
    CHECK(std::fabs(t.closedFormError.gptClosedForm) < 1e-12);
    CHECK(std::fabs(t.closedFormError.megatron) < 1e-12);
    // The Llama form counts three MLP matrices (3ĥ/2h = 6 for ĥ = 4h); GPT has two.
    CHECK(t.closedFormError.llamaClosedForm > 0.2);
}

TEST(every_convention_at_one_step_time)
{
    Scenario sc = llama70b();
    sc.measured.kind = Measured::Kind::StepTime;
    sc.measured.value = 20.0;
    const auto ev = evaluate(sc);
    CHECK(ev.ok());
    const ConventionsTable t = conventionsTable(sc, *ev);
    CHECK(t.fromMeasured);
    CHECK_EQ(t.stepTimeS, 20.0);
    CHECK_EQ(t.gpus, 1024.0);
    const FlopsConvention order[] = {FlopsConvention::Exact,    FlopsConvention::Exact,
                                     FlopsConvention::SixN,     FlopsConvention::Palm,
                                     FlopsConvention::Megatron, FlopsConvention::MegatronCore};
    for (std::size_t i = 0; i < kConventionRowCount; ++i) {
        const ConventionRow &row = t.conventions[i];
        CHECK(row.flops == order[i]);
        Scenario copy = sc;
        copy.conventions.flops = row.flops;
        copy.conventions.causal = row.causal;
        CHECK_NEAR(row.modelFlopsPerStep, modelFlopsPerStep(copy), 1e-15);
        CHECK_NEAR(row.hardwareFlopsPerStep, hardwareFlopsPerStep(copy), 1e-15);
        // MFU = model FLOPs / (step × GPUs × peak), peak 1000 TFLOP/s.
        CHECK_NEAR(row.mfu, row.modelFlopsPerStep / (20.0 * 1024 * 1000e12), 1e-12);
        CHECK_NEAR(row.hfu, row.hardwareFlopsPerStep / (20.0 * 1024 * 1000e12), 1e-12);
        CHECK(row.current == (i == 0));
    }
    CHECK(t.conventions[1].causal);
    // For a dense model without biases Megatron-Core's count is the exact causal sum.
    CHECK_NEAR(t.conventions[5].modelFlopsPerStep, t.conventions[1].modelFlopsPerStep, 1e-12);
    CHECK_NEAR(t.conventions[0].mfu, ev->measured->mfu, 1e-12);
    CHECK_NEAR(t.conventions[2].modelFlopsPerStep, 6 * 68976648192.0 * 1024 * 4096, 1e-12);
}

TEST(measured_tflops_fix_the_step_time_under_the_scenarios_own_convention)
{
    // A throughput reported in Megatron TFLOP/s says how long the step took; the other
    // conventions then divide their own FLOPs by that same time.
    Scenario sc = gpt3();
    sc.conventions.flops = FlopsConvention::Megatron;
    sc.measured.kind = Measured::Kind::TflopsPerGpu;
    sc.measured.value = 140;
    sc.measured.tflopsKind = Measured::TflopsKind::Hardware;
    const auto ev = evaluate(sc);
    CHECK(ev.ok());
    const ConventionsTable t = conventionsTable(sc, *ev);
    CHECK_NEAR(t.stepTimeS, ev->hardwareFlopsPerStep / (140e12 * 1024), 1e-12);
    CHECK(t.conventions[4].current && !t.conventions[0].current);
    CHECK_NEAR(t.conventions[4].hfu, 0.14, 1e-12);
    CHECK_NEAR(t.conventions[4].mfu, ev->measured->mfu, 1e-12);
    CHECK_NEAR(t.conventions[2].mfu / t.conventions[4].mfu,
               t.conventions[2].modelFlopsPerStep / t.conventions[4].modelFlopsPerStep, 1e-12);
}

TEST(predicted_step_time_when_nothing_is_measured)
{
    const Scenario sc = llama70b();
    const auto ev = evaluate(sc);
    CHECK(ev.ok() && ev->predicted.has_value());
    const ConventionsTable t = conventionsTable(sc, *ev);
    CHECK(!t.fromMeasured);
    CHECK_EQ(t.stepTimeS, ev->predicted->stepTimeS);
    CHECK_NEAR(t.conventions[0].mfu, ev->predicted->mfu, 1e-12);
}

TEST(derivation_totals_add_up_term_by_term)
{
    // Per layer with b 1024, s 4096, h 8192, r 8, ĥ 28672, written out as the seed's §4.2.
    const double b = 1024, s = 4096, h = 8192, L = 80, f = 28672, V = 32000;
    const Scenario sc = llama70b();
    const DerivationTotals d = derivationTotals(sc);
    CHECK_EQ(d.layer.projections, 4 * b * s * h * h);
    CHECK_EQ(d.layer.keyValue, 4 * b * s * h * h / 8);
    CHECK_EQ(d.layer.core, 4 * b * s * s * h);
    CHECK_EQ(d.layer.mlp, 6 * b * s * h * f);
    CHECK_NEAR(d.layer.total, d.layer.projections + d.layer.keyValue + d.layer.core + d.layer.mlp,
               1e-15);
    CHECK_EQ(d.perLayer[Module::LmHead], 2 * b * s * h * V);
    CHECK_NEAR(d.layers, L * d.layer.total, 1e-15);
    CHECK_EQ(d.lmHead, 2 * b * s * h * V);
    CHECK_NEAR(d.forward, d.layers + d.lmHead, 1e-15);
    CHECK_NEAR(d.backward, 2 * d.forward, 1e-15);
    CHECK_NEAR(d.training, exactModelFlopsPerStep(sc), 1e-15);
    // Selective recomputation runs the attention core of every layer again.
    CHECK_NEAR(d.recompute, L * 4 * b * s * s * h, 1e-15);
    CHECK_NEAR(d.hardware, d.training + d.recompute, 1e-15);

    Scenario full = sc;
    full.recompute = Recompute::Full;
    full.conventions.causal = true;
    const DerivationTotals df = derivationTotals(full);
    CHECK_EQ(df.layer.core, 2 * b * s * s * h);
    CHECK_NEAR(df.recompute, df.layers, 1e-15);
    CHECK_NEAR(df.hardware, hardwareFlopsPerStep(full), 1e-15);
}

TEST(parameter_terms_add_up_to_the_counts)
{
    for (const ModelShape &m :
         {shapes::llama2_70b(), shapes::gpt2Small(), shapes::llama3_8b(), gpt3().model}) {
        const ParamTerms t = paramTerms(m);
        const ParamCounts c = countParams(m);
        CHECK_NEAR(t.attention + t.mlp + t.norms + t.biases, c.perLayer, 1e-15);
        CHECK_NEAR(t.layers + t.finalNorm + t.lmHead, c.nonEmbedding, 1e-15);
        CHECK_NEAR(t.tokenTable + t.positionTable, c.embedding, 1e-15);
        CHECK_NEAR(t.embedding + t.nonEmbedding, c.total, 1e-15);
    }
    const ParamTerms llama = paramTerms(shapes::llama2_70b());
    CHECK_EQ(llama.attention, 2 * 8192.0 * 8192 + 2 * 8192.0 * 1024);
    CHECK_EQ(llama.mlp, 3 * 8192.0 * 28672);
    CHECK_EQ(llama.norms, 2 * 8192.0);
}
