#include "search_output.h"

#include "engine/names.h"

namespace mfu::io {

using nlohmann::ordered_json;

ordered_json searchToJson(const engine::SearchResult &result)
{
    ordered_json layouts = ordered_json::array();
    for (const engine::LayoutResult &l : result.layouts) {
        const engine::Parallel &p = l.parallel;
        layouts.push_back({{"tp", p.tp},
                           {"pp", p.pp},
                           {"dp", p.dp},
                           {"cp", p.cp},
                           {"vpp", p.vpp},
                           {"micro_batch", l.microBatch},
                           {"recompute", engine::nameOf(l.recompute)},
                           {"sequence_parallel", p.sequenceParallel},
                           {"zero", p.zero},
                           {"step_time_s", l.stepTimeS},
                           {"mfu", l.mfu},
                           {"memory_per_gpu_bytes", l.memoryPerGpuBytes},
                           {"fits", l.fits}});
        // Expert layouts only where the model has experts (the search always sets etp then).
        if (p.etp > 0) {
            layouts.back()["ep"] = p.ep;
            layouts.back()["etp"] = p.etp;
        }
    }
    ordered_json out;
    out["schema"] = kSearchSchema;
    out["evaluated"] = result.evaluated;
    out["feasible"] = result.feasible;
    out["layouts"] = std::move(layouts);
    return out;
}

} // namespace mfu::io
