#include "import_output.h"

#include "eval_output.h"
#include "run_comparison.h"
#include "scenario_io.h"

namespace mfu::io {

using nlohmann::ordered_json;

namespace {

ordered_json optionalNumber(const std::optional<double> &v)
{
    return v ? ordered_json(*v) : ordered_json(nullptr);
}

} // namespace

engine::Result<ordered_json> importToJson(const ImportResult &result, std::string_view fileName)
{
    ordered_json runs = ordered_json::array();
    for (const ImportedRun &run : result.runs) {
        const auto comparison = compareRun(run);
        if (!comparison)
            return engine::Error{comparison.error().field,
                                 "run \"" + run.label + "\": " + comparison.error().message};
        ordered_json provenance = ordered_json::object();
        for (const auto &[field, source] : run.provenance)
            provenance[field] = source;
        ordered_json out;
        out["label"] = run.label;
        out["scenario"] = scenarioToJson(run.scenario);
        out["measured"] = utilizationToJson(comparison->measured);
        out["predicted"] = utilizationToJson(comparison->predicted);
        out["error"] = optionalNumber(comparison->error);
        out["steps"] = {{"used", run.stepsUsed},
                        {"skipped", run.stepsSkipped},
                        {"step_time_iqr_s", run.stepTimeSpreadS}};
        out["provenance"] = provenance;
        out["reported"] = {{"tflops_per_gpu", optionalNumber(run.reportedTflopsPerGpu)},
                           {"mfu", optionalNumber(run.reportedMfu)}};
        runs.push_back(std::move(out));
    }
    ordered_json doc;
    doc["schema"] = kImportSchema;
    doc["file"] = std::string(fileName);
    doc["format"] = result.format;
    doc["notes"] = result.notes;
    doc["runs"] = std::move(runs);
    return doc;
}

} // namespace mfu::io
