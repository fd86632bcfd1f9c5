#include "eval_output.h"

#include "scenario_io.h"

namespace mfu::io {

using nlohmann::ordered_json;

ordered_json utilizationToJson(const std::optional<engine::Utilization> &u)
{
    if (!u)
        return nullptr;
    return {{"mfu", u->mfu},
            {"hfu", u->hfu},
            {"tokens_per_s", u->tokensPerS},
            {"tflops_per_gpu", u->tflopsPerGpu},
            {"step_time_s", u->stepTimeS}};
}

namespace {

ordered_json memoryJson(const std::optional<engine::MemoryBreakdown> &m)
{
    if (!m)
        return nullptr;
    return {{"weights", m->weights},     {"gradients", m->gradients},
            {"optimizer", m->optimizer}, {"activations", m->activations},
            {"other", m->other},         {"total", m->total},
            {"capacity", m->capacity},   {"fits", m->fits}};
}

ordered_json timeJson(const std::optional<engine::TimeBreakdown> &t)
{
    if (!t)
        return nullptr;
    // memory_bound and recompute are parts of compute, listed so the share of each shows;
    // step is the sum of compute and the exposed communication, bubble and optimizer.
    return {{"step", t->step},           {"compute", t->compute}, {"memory_bound", t->memoryBound},
            {"recompute", t->recompute}, {"tp_comm", t->tpComm},  {"pp_bubble", t->ppBubble},
            {"pp_comm", t->ppComm},      {"dp_comm", t->dpComm},  {"cp_comm", t->cpComm},
            {"ep_comm", t->epComm},      {"host_wait", t->host},  {"optimizer", t->optimizer}};
}

} // namespace

ordered_json evaluationToJson(const engine::Scenario &sc, const engine::Evaluation &ev)
{
    ordered_json forward;
    for (std::size_t i = 0; i < engine::kModuleCount; ++i)
        if (engine::moduleApplies(sc.model, engine::Module(i)))
            forward[engine::moduleKey(engine::Module(i))] = ev.forward.module[i];
    forward["total"] = ev.forward.total();

    const engine::ClosedForms &a = ev.approximations;
    ordered_json out;
    out["schema"] = kEvalSchema;
    out["scenario"] = scenarioToJson(sc);
    out["gpus"] = sc.parallel.gpus();
    out["peak_tflops_per_gpu"] = ev.peakTflopsPerGpu;
    out["params"] = {{"total", ev.params.total},
                     {"active", ev.params.active},
                     {"embedding", ev.params.embedding},
                     {"non_embedding", ev.params.nonEmbedding},
                     {"mtp", ev.params.mtp}};
    out["tokens_per_step"] = ev.tokensPerStep;
    out["flops"] = {{"forward", forward},
                    {"model_per_step", ev.modelFlopsPerStep},
                    {"hardware_per_step", ev.hardwareFlopsPerStep},
                    {"exact_model_per_step", ev.exactModelFlopsPerStep},
                    {"approximations",
                     {{"gpt_closed_form", a.gptClosedForm},
                      {"llama_closed_form", a.llamaClosedForm},
                      {"six_n", a.sixN},
                      {"palm", a.palm},
                      {"megatron", a.megatron},
                      {"megatron_core", a.megatronCore}}}};
    out["memory_per_gpu_bytes"] = memoryJson(ev.memory);
    out["time_s"] = timeJson(ev.time);
    out["predicted"] = utilizationToJson(ev.predicted);
    out["measured"] = utilizationToJson(ev.measured);
    out["warnings"] = ev.warnings;
    return out;
}

} // namespace mfu::io
