// Invalid scenarios are errors that name their field, never numbers.
#include "engine_check.h"
#include "shapes.h"

#include "engine/evaluate.h"
#include "engine/validate.h"

#include <cmath>
#include <limits>

using namespace mfu::engine;

namespace {

std::string failingField(const Scenario &sc)
{
    const auto error = validateScenario(sc);
    return error ? error->field : std::string();
}

Scenario base()
{
    Scenario sc = shapes::scenario(shapes::llama2_70b(), 1024, 4096);
    sc.parallel.tp = 8;
    sc.parallel.pp = 4;
    sc.parallel.dp = 32;
    return sc;
}

Scenario moeBase()
{
    Scenario sc = shapes::scenario(shapes::deepseekV3(), 1024, 4096);
    sc.parallel.pp = 16;
    sc.parallel.dp = 128;
    sc.parallel.ep = 64;
    sc.parallel.etp = 1;
    return sc;
}

} // namespace

TEST(malformed_moe_and_mla_blocks_are_named)
{
    CHECK(failingField(moeBase()).empty());
    struct Case
    {
        const char *field;
        void (*breakIt)(Scenario &);
    };
    const Case cases[] = {
        {"model.moe.top_k", [](Scenario &s) { s.model.moe.topK = 300; }},
        {"model.moe.top_k", [](Scenario &s) { s.model.moe.topK = 0; }},
        {"model.moe.expert_ffn_hidden", [](Scenario &s) { s.model.moe.expertFfnHidden = 0; }},
        {"model.moe.shared_expert_ffn_hidden",
         [](Scenario &s) { s.model.moe.sharedExpertFfnHidden = 0; }},
        {"model.moe.dense_layers", [](Scenario &s) { s.model.moe.denseLayers = 61; }},
        {"model.moe.top_k",
         [](Scenario &s) {
             s.model.moe.experts = 0; // the rest of the block without experts
             s.parallel.ep = 1;
         }},
        {"model.moe.capacity_factor", [](Scenario &s) { s.model.moe.capacityFactor = -1; }},
        {"model.mla.qk_rope_head_dim", [](Scenario &s) { s.model.mla.qkRopeHeadDim = 0; }},
        {"model.mla.v_head_dim", [](Scenario &s) { s.model.mla.vHeadDim = 0; }},
        {"model.kv_heads", [](Scenario &s) { s.model.kvHeads = 16; }},
        {"model.mla.q_lora_rank", [](Scenario &s) { s.model.mla.kvLoraRank = 0; }},
        {"model.sliding_window.full_attention_interval",
         [](Scenario &s) { s.model.slidingWindow.fullAttentionInterval = 2; }},
        {"parallel.ep", [](Scenario &s) { s.parallel.ep = 48; }},
        {"parallel.etp", [](Scenario &s) { s.parallel.etp = 4; }},
        {"parallel.ep", [](Scenario &s) { s.parallel.ep = 256; }},
    };
    for (const Case &c : cases) {
        Scenario sc = moeBase();
        c.breakIt(sc);
        CHECK(failingField(sc) == c.field);
    }
    // Expert parallelism needs experts.
    Scenario dense = base();
    dense.parallel.ep = 2;
    CHECK(failingField(dense) == "parallel.ep");
}

TEST(a_sound_scenario_validates)
{
    CHECK(failingField(base()).empty());
}

TEST(each_invalid_field_is_named)
{
    struct Case
    {
        const char *field;
        void (*breakIt)(Scenario &);
    };
    const Case cases[] = {
        {"model.layers", [](Scenario &s) { s.model.layers = 0; }},
        {"model.hidden", [](Scenario &s) { s.model.hidden = -8192; }},
        {"model.hidden", [](Scenario &s) { s.model.hidden = 2'000'000'000; }},
        {"model.heads", [](Scenario &s) { s.model.heads = 0; }},
        {"model.kv_heads", [](Scenario &s) { s.model.kvHeads = 3; }},
        {"model.kv_heads", [](Scenario &s) { s.model.kvHeads = 128; }},
        {"model.vocab", [](Scenario &s) { s.model.vocab = 0; }},
        {"batch.global_batch", [](Scenario &s) { s.batch.globalBatch = 0; }},
        {"batch.seq_len", [](Scenario &s) { s.batch.seqLen = -1; }},
        {"batch",
         [](Scenario &s) {
             s.batch.globalBatch = 1'000'000'000;
             s.batch.seqLen = 100'000;
         }},
        {"batch.micro_batch", [](Scenario &s) { s.batch.microBatch = 3; }},
        {"parallel.tp", [](Scenario &s) { s.parallel.tp = 3; }},
        {"parallel.tp", [](Scenario &s) { s.parallel.tp = 0; }},
        {"parallel.pp", [](Scenario &s) { s.parallel.pp = 81; }},
        {"parallel.dp", [](Scenario &s) { s.parallel.dp = 3; }},
        {"parallel.cp", [](Scenario &s) { s.parallel.cp = 3; }},
        {"parallel.zero", [](Scenario &s) { s.parallel.zero = 4; }},
        {"parallel.vpp",
         [](Scenario &s) {
             s.parallel.pp = 1;
             s.parallel.vpp = 2;
         }},
        {"parallel.first_stage_layers", [](Scenario &s) { s.parallel.firstStageLayers = -1; }},
        {"parallel.first_stage_layers",
         [](Scenario &s) {
             s.parallel.pp = 1;
             s.parallel.dp = 128;
             s.parallel.firstStageLayers = 3;
         }},
        {"parallel.last_stage_layers",
         [](Scenario &s) {
             s.software.embeddingInPipelineSplit = true;
             s.parallel.lastStageLayers = 19;
         }},
        {"parallel.last_stage_layers", // pp 2: the two ends are the whole model
         [](Scenario &s) {
             s.parallel.pp = 2;
             s.parallel.dp = 64;
             s.parallel.firstStageLayers = 39;
             s.parallel.lastStageLayers = 40;
         }},
        {"parallel.first_stage_layers", // 2 stages × vpp 2 need 4 of the 3 left
         [](Scenario &s) {
             s.parallel.vpp = 2;
             s.parallel.firstStageLayers = 77;
         }},
        {"hardware.memory_gib", [](Scenario &s) { s.hardware.memoryGib = std::nan(""); }},
        {"hardware.peak_tflops.bf16",
         [](Scenario &s) { s.hardware.peakTflopsBf16 = std::numeric_limits<double>::infinity(); }},
        {"measured",
         [](Scenario &s) {
             s.measured = {Measured::Kind::StepTime, -1, {}};
         }},
    };
    for (const Case &c : cases) {
        Scenario sc = base();
        c.breakIt(sc);
        const std::string field = failingField(sc);
        if (field != c.field)
            engine_check::fail(__FILE__, __LINE__,
                               std::string("expected an error on ") + c.field + ", got '" + field +
                                   "'");
        CHECK(!evaluate(sc).ok());
    }
}

TEST(errors_say_what_was_expected_and_found)
{
    Scenario sc = base();
    sc.parallel.tp = 3;
    const auto error = validateScenario(sc);
    CHECK(error.has_value());
    CHECK(error->message.find("divisor of heads (64)") != std::string::npos);
    CHECK(error->message.find("found 3") != std::string::npos);
}
