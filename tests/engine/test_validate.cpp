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

} // namespace

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
