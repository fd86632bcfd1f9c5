#pragma once

// The time model against the public runs of tests/data/published_runs.json: each run's scenario
// (its layout, hardware preset and FLOPs convention) is evaluated with the default knobs, and the
// predicted throughput is compared with the reported one (the scenario's `measured` figure).
// Shared by the accuracy test and the calibration tool, so both judge the same set of runs.

#include "engine/evaluate.h"
#include "engine/names.h"
#include "io/preset_library.h"
#include "io/scenario_io.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace time_accuracy {

struct Run
{
    std::string id;
    std::string group; // source_group
    mfu::engine::Scenario scenario;
};

struct Excluded
{
    std::string id;
    std::string reason;
};

struct RunSet
{
    std::vector<Run> runs;
    std::vector<Excluded> excluded;
    std::string error; // non-empty when the file could not be read
};

// Runs the time model covers: dense models (every public run is), a scenario that parses and has
// a measured figure, and a stated layout (including the pipeline's micro-batch count). A layout the
// source does not state was filled in by guesswork, so the time model would be judged on the guess
// rather than on the run.
inline RunSet loadRuns(const std::string &path)
{
    RunSet set;
    std::ifstream in(path);
    if (!in.good()) {
        set.error = "cannot open " + path;
        return set;
    }
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception &e) {
        set.error = path + ": " + e.what();
        return set;
    }
    if (!doc.is_array()) {
        set.error = path + ": expected an array of runs";
        return set;
    }
    for (const auto &entry : doc) {
        const std::string id = entry.value("id", std::string("?"));
        if (!entry.contains("scenario")) {
            set.excluded.push_back({id, "no scenario"});
            continue;
        }
        const std::string notes = entry.contains("notes") && entry["notes"].is_string()
                                      ? entry["notes"].get<std::string>()
                                      : std::string();
        if (notes.find("layout not stated") != std::string::npos) {
            set.excluded.push_back({id, "layout not stated by the source"});
            continue;
        }
        auto sc = mfu::io::parseScenarioJson(entry["scenario"], mfu::io::PresetLibrary::builtin());
        if (!sc) {
            set.excluded.push_back({id, "scenario: " + sc.error().toString()});
            continue;
        }
        if (sc->measured.kind == mfu::engine::Measured::Kind::None) {
            set.excluded.push_back({id, "no measured figure"});
            continue;
        }
        // A pipeline fed fewer micro-batches than it has stages idles most of the step; no
        // published run does that. Such a record gives the local batch as micro-batch, which
        // the pipeline schedule splits further by an amount the source does not state.
        const auto &b = sc->batch;
        const auto &p = sc->parallel;
        if (p.pp > 1 && b.globalBatch / (p.dp * b.microBatch) < p.pp) {
            set.excluded.push_back({id, "pipeline micro-batch count not stated"});
            continue;
        }
        set.runs.push_back({id, entry.value("source_group", std::string("?")), *sc});
    }
    return set;
}

struct RunError
{
    std::string id;
    std::string group;
    double predictedTokensPerS = 0;
    double measuredTokensPerS = 0;
    double relError = 0; // predicted / measured − 1
    bool ok = false;     // false when the evaluation failed
    std::string failure;
};

inline RunError evaluateRun(const Run &run)
{
    RunError e;
    e.id = run.id;
    e.group = run.group;
    const auto ev = mfu::engine::evaluate(run.scenario);
    if (!ev) {
        e.failure = ev.error().toString();
        return e;
    }
    if (!ev->predicted || !ev->measured) {
        e.failure = "no predicted or measured throughput";
        return e;
    }
    e.predictedTokensPerS = ev->predicted->tokensPerS;
    e.measuredTokensPerS = ev->measured->tokensPerS;
    e.relError = e.predictedTokensPerS / e.measuredTokensPerS - 1;
    e.ok = std::isfinite(e.relError);
    return e;
}

struct Stats
{
    int count = 0;
    double medianAbs = 0; // median |relative error|
    double meanAbs = 0;   // mean |relative error|
    double meanSigned = 0;
    double medianSigned = 0; // median relative error, with its sign
};

inline Stats statsOf(std::vector<double> errors)
{
    Stats s;
    s.count = int(errors.size());
    if (errors.empty())
        return s;
    for (double e : errors)
        s.meanSigned += e;
    s.meanSigned /= double(errors.size());
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        const std::size_t n = v.size();
        return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    };
    s.medianSigned = median(errors);
    for (double &e : errors)
        e = std::fabs(e);
    for (double e : errors)
        s.meanAbs += e;
    s.meanAbs /= double(errors.size());
    std::sort(errors.begin(), errors.end());
    const std::size_t n = errors.size();
    s.medianAbs = n % 2 ? errors[n / 2] : (errors[n / 2 - 1] + errors[n / 2]) / 2;
    return s;
}

// Per source group and overall ("" key), from the runs that evaluated.
inline std::map<std::string, Stats> statsByGroup(const std::vector<RunError> &errors)
{
    std::map<std::string, std::vector<double>> byGroup;
    for (const RunError &e : errors) {
        if (!e.ok)
            continue;
        byGroup[e.group].push_back(e.relError);
        byGroup[""].push_back(e.relError);
    }
    std::map<std::string, Stats> out;
    for (auto &[group, list] : byGroup)
        out[group] = statsOf(list);
    return out;
}

// The run's source group split by what it ran on: hardware preset and precision
// ("… · h100-sxm · fp8"), the groups whose signed error the modern-stack targets bound.
inline std::string deviceGroup(const Run &run)
{
    return run.group + " · " + run.scenario.hardwarePreset + " · " +
           mfu::engine::nameOf(run.scenario.precision);
}

inline constexpr const char *kNarayananGroup = "Narayanan et al. 2021 (Megatron-LM, SC21) Table 1";

} // namespace time_accuracy
