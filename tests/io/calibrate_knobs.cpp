// calibrate_knobs: runs the time model on the public runs and reports how far its predicted
// throughput is from the reported one, per source group. Knobs can be overridden to see what a
// different default would do, and a coordinate search can suggest values for a few of them.
// It only informs the choice: the defaults live in engine/hardware.h and the hardware presets,
// and are chosen once for all runs, never per run.
//
//   calibrate_knobs [--data FILE]... [--runs] [--set [PRESET:]KEY=VALUE]...
//                   [--fit [PRESET:]KEY,...] [--objective median|mean] [--objective-groups]
//                   [--fit-on TARGET] [--loso FAMILY,...] [--by-device]
//
// --data may be given more than once: the runs of every file are judged (and fitted) together.
// --by-device splits each source group by hardware preset and precision, the groups whose
// signed median error the modern-stack targets bound.
// --set applies a knob to every run (or only to runs on hardware preset PRESET, or with
// PRESET = group=PREFIX to the runs of the source groups starting with PREFIX); --fit searches
// the listed knobs (within their documented ranges) to minimise the overall median absolute
// error plus the Narayanan et al. 2021 Table 1 median (--objective mean: the means instead;
// --objective-groups: plus the mean over the --by-device groups of |median signed error|, so
// that a group's bias counts even where the overall median hides it; --fit-on TARGET: judged
// on those runs only, to check the result on the others); --runs prints every run.
// --loso FAMILY,... (with --fit) reports the fit honestly, leaving one source family out at a
// time: a family is a prefix of the source group, and a run belongs to the first family it
// matches (runs of no family are always fitted on). For each family the knobs are fitted,
// from the same starting values, on every other run, and the family's runs are judged with the
// result; the table sets those held-out errors next to the ones with the knobs fitted on every
// run (in-sample), and ends with the median over all the held-out runs.

#include "engine/efficiency_knobs.h"
#include "time_accuracy.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>

#ifndef MFU_TEST_DATA_DIR
#error "MFU_TEST_DATA_DIR must name the tests/data folder"
#endif

namespace {

using time_accuracy::Run;
using time_accuracy::RunError;

struct Setting
{
    std::string preset; // empty: every run
    const mfu::engine::KnobSpec *knob = nullptr;
    double value = 0;
};

// "[PRESET:]KEY" → preset and knob; exits on an unknown key.
std::pair<std::string, const mfu::engine::KnobSpec *> parseTarget(const std::string &text)
{
    const auto colon = text.rfind(':');
    const std::string preset = colon == std::string::npos ? "" : text.substr(0, colon);
    const std::string key = colon == std::string::npos ? text : text.substr(colon + 1);
    const mfu::engine::KnobSpec *knob = mfu::engine::findKnob(key);
    if (!knob) {
        std::fprintf(stderr, "unknown knob '%s'; known:", key.c_str());
        for (const mfu::engine::KnobSpec &k : mfu::engine::efficiencyKnobs())
            std::fprintf(stderr, " %s", k.name);
        std::fprintf(stderr, "\n");
        std::exit(2);
    }
    return {preset, knob};
}

// A target is every run, a hardware preset id, or "group=PREFIX" (runs whose source group
// starts with PREFIX), or any of these negated with a leading '!'.
bool matches(const Run &r, const std::string &target)
{
    if (target.empty())
        return true;
    if (target[0] == '!')
        return !matches(r, target.substr(1));
    if (target.rfind("group=", 0) == 0)
        return r.group.rfind(target.substr(6), 0) == 0;
    return r.scenario.hardwarePreset == target;
}

void apply(std::vector<Run> &runs, const Setting &s)
{
    for (Run &r : runs)
        if (matches(r, s.preset))
            r.scenario.hardware.knobs.*(s.knob->member) = s.value;
}

std::vector<RunError> evaluateAll(const std::vector<Run> &runs)
{
    std::vector<RunError> out;
    out.reserve(runs.size());
    for (const Run &r : runs)
        out.push_back(time_accuracy::evaluateRun(r));
    return out;
}

bool g_meanObjective = false;   // --objective mean: mean instead of median absolute errors
bool g_groupsObjective = false; // --objective-groups: plus the mean |median signed| per group
bool g_byDevice = false;        // --by-device: groups are source · hardware preset · precision
std::string g_fitOn;            // --fit-on TARGET: the objective sees only these runs

// Which runs the objective sees: seen[i] for runs[i].
using Mask = std::vector<char>;

double objective(const std::vector<Run> &runs, const Mask &seen)
{
    std::vector<RunError> errors;
    std::vector<RunError> byDevice;
    errors.reserve(runs.size());
    for (std::size_t i = 0; i < runs.size(); ++i) {
        if (!seen[i])
            continue;
        errors.push_back(time_accuracy::evaluateRun(runs[i]));
        if (g_groupsObjective) {
            byDevice.push_back(errors.back());
            byDevice.back().group = time_accuracy::deviceGroup(runs[i]);
        }
    }
    const auto stats = time_accuracy::statsByGroup(errors);
    const auto all = stats.find("");
    const auto nar = stats.find(time_accuracy::kNarayananGroup);
    auto pick = [](const time_accuracy::Stats &s) {
        return g_meanObjective ? s.meanAbs : s.medianAbs;
    };
    double value = (all == stats.end() ? 1.0 : pick(all->second)) +
                   (nar == stats.end() ? 0.0 : pick(nar->second));
    if (g_groupsObjective) {
        double sum = 0;
        int groups = 0;
        for (const auto &[group, s] : time_accuracy::statsByGroup(byDevice))
            if (!group.empty()) {
                sum += std::fabs(s.medianSigned);
                ++groups;
            }
        value += groups ? sum / groups : 0.0;
    }
    return value;
}

void report(const std::vector<Run> &runs, bool perRun)
{
    const std::vector<RunError> errors = evaluateAll(runs);
    if (perRun) {
        // The shares of the predicted step: GEMMs and attention, elementwise, recomputation,
        // TP, pipeline bubble, pipeline sends, DP, CP, EP, host waits, optimizer (percent).
        std::printf("%-50s %11s %11s %7s | %4s %4s %4s %4s %4s %4s %4s %4s %4s %4s %4s\n", "run",
                    "predicted", "reported", "error", "gemm", "mem", "rec", "tp", "bub", "ppc",
                    "dp", "cp", "ep", "host", "opt");
        for (std::size_t i = 0; i < errors.size(); ++i) {
            const RunError &e = errors[i];
            if (!e.ok) {
                std::printf("%-50s failed: %s\n", e.id.c_str(), e.failure.c_str());
                continue;
            }
            const auto t = mfu::engine::predictStepTime(runs[i].scenario);
            auto pct = [&](double x) { return int(100 * x / t.step + 0.5); };
            std::printf("%-50.50s %11.0f %11.0f %+6.1f%% | %4d %4d %4d %4d %4d %4d %4d %4d %4d "
                        "%4d %4d\n",
                        e.id.c_str(), e.predictedTokensPerS, e.measuredTokensPerS, 100 * e.relError,
                        pct(t.compute - t.memoryBound - t.recompute), pct(t.memoryBound),
                        pct(t.recompute), pct(t.tpComm), pct(t.ppBubble), pct(t.ppComm),
                        pct(t.dpComm), pct(t.cpComm), pct(t.epComm), pct(t.host), pct(t.optimizer));
        }
        std::printf("\n");
    }
    std::vector<RunError> grouped = errors;
    if (g_byDevice)
        for (std::size_t i = 0; i < grouped.size(); ++i)
            grouped[i].group = time_accuracy::deviceGroup(runs[i]);
    std::printf("%-92s %5s %9s %9s %9s\n", "source group", "runs", "median|e|", "median e",
                "mean|e|");
    for (const auto &[group, s] : time_accuracy::statsByGroup(grouped))
        std::printf("%-92.92s %5d %8.1f%% %+8.1f%% %8.1f%%\n",
                    group.empty() ? "ALL" : group.c_str(), s.count, 100 * s.medianAbs,
                    100 * s.medianSigned, 100 * s.meanAbs);
}

using Targets = std::vector<std::pair<std::string, const mfu::engine::KnobSpec *>>;

// Coordinate search over the targets, judged on the runs `seen` marks; leaves the best values
// applied to every run. With untilStill, stops after the first round that changes nothing (the
// rounds after it would repeat it exactly).
void fit(std::vector<Run> &runs, const Targets &targets, const Mask &seen, bool untilStill = false)
{
    std::vector<double> values;
    for (const auto &[preset, knob] : targets) {
        double v = knob->member ? runs.front().scenario.hardware.knobs.*(knob->member) : 0;
        for (const Run &r : runs)
            if (matches(r, preset)) {
                v = r.scenario.hardware.knobs.*(knob->member);
                break;
            }
        values.push_back(v);
    }
    double best = objective(runs, seen);
    for (int round = 0; round < 6; ++round) {
        const double before = best;
        for (std::size_t i = 0; i < targets.size(); ++i) {
            const auto &[preset, knob] = targets[i];
            const double lo = knob->min,
                         hi = std::min(knob->max, knob->max > 100 ? 100.0 : knob->max);
            double bestV = values[i];
            // A grid over the range, then a finer one around the best point.
            for (int pass = 0; pass < 2; ++pass) {
                const double span = pass == 0 ? hi - lo : (hi - lo) / 20;
                const double from = pass == 0 ? lo : std::max(lo, bestV - span / 2);
                for (int j = 0; j <= 40; ++j) {
                    const double v = std::min(hi, from + span * j / 40);
                    apply(runs, {preset, knob, v});
                    const double obj = objective(runs, seen);
                    if (obj < best - 1e-12) {
                        best = obj;
                        bestV = v;
                    }
                }
            }
            values[i] = bestV;
            apply(runs, {preset, knob, bestV});
        }
        std::printf("round %d: objective %.4f:", round, best);
        for (std::size_t i = 0; i < targets.size(); ++i)
            std::printf(" %s%s%s=%.4g", targets[i].first.c_str(),
                        targets[i].first.empty() ? "" : ":", targets[i].second->name, values[i]);
        std::printf("\n");
        if (untilStill && best == before)
            break;
    }
}

// Leave-one-source-out: for each family, fits on the runs outside it (and inside --fit-on),
// judges its runs with the result, and prints the held-out errors next to the in-sample ones.
void leaveOneSourceOut(const std::vector<Run> &initial, const Targets &targets,
                       const std::vector<std::string> &families)
{
    // Each run's family: the first whose prefix its source group starts with, or -1.
    std::vector<int> family(initial.size(), -1);
    for (std::size_t i = 0; i < initial.size(); ++i)
        for (std::size_t f = 0; f < families.size() && family[i] < 0; ++f)
            if (initial[i].group.rfind(families[f], 0) == 0)
                family[i] = int(f);
    Mask fitOn(initial.size());
    for (std::size_t i = 0; i < initial.size(); ++i)
        fitOn[i] = matches(initial[i], g_fitOn);

    auto errorsOf = [&](const std::vector<Run> &runs, int f) {
        std::vector<double> out;
        for (std::size_t i = 0; i < runs.size(); ++i)
            if (family[i] == f) {
                const RunError e = time_accuracy::evaluateRun(runs[i]);
                if (e.ok)
                    out.push_back(e.relError);
            }
        return out;
    };

    std::printf("leave-one-source-out: fitted on every run\n");
    std::vector<Run> inSample = initial;
    fit(inSample, targets, fitOn, true);

    std::vector<std::vector<double>> heldOut(families.size()), fitted(families.size());
    for (std::size_t f = 0; f < families.size(); ++f) {
        fitted[f] = errorsOf(inSample, int(f));
        Mask seen = fitOn;
        int out = 0;
        for (std::size_t i = 0; i < initial.size(); ++i)
            if (family[i] == int(f)) {
                seen[i] = 0;
                ++out;
            }
        if (out == 0) {
            std::printf("leave-one-source-out: no run in family '%s'\n", families[f].c_str());
            continue;
        }
        std::printf("leave-one-source-out: without '%s' (%d runs)\n", families[f].c_str(), out);
        std::vector<Run> runs = initial;
        fit(runs, targets, seen, true);
        heldOut[f] = errorsOf(runs, int(f));
    }

    std::printf("\n%-28s %5s | %-19s | %s\n", "left-out family", "runs", "held out",
                "in-sample (fitted on all)");
    std::printf("%-28s %5s | %9s %9s | %9s %9s\n", "", "", "median|e|", "median e", "median|e|",
                "median e");
    std::vector<double> allHeldOut, allFitted;
    for (std::size_t f = 0; f < families.size(); ++f) {
        const time_accuracy::Stats h = time_accuracy::statsOf(heldOut[f]);
        const time_accuracy::Stats s = time_accuracy::statsOf(fitted[f]);
        std::printf("%-28.28s %5d | %8.1f%% %+8.1f%% | %8.1f%% %+8.1f%%\n", families[f].c_str(),
                    h.count, 100 * h.medianAbs, 100 * h.medianSigned, 100 * s.medianAbs,
                    100 * s.medianSigned);
        allHeldOut.insert(allHeldOut.end(), heldOut[f].begin(), heldOut[f].end());
        allFitted.insert(allFitted.end(), fitted[f].begin(), fitted[f].end());
    }
    const time_accuracy::Stats h = time_accuracy::statsOf(allHeldOut);
    const time_accuracy::Stats s = time_accuracy::statsOf(allFitted);
    std::printf("%-28s %5d | %8.1f%% %+8.1f%% | %8.1f%% %+8.1f%%\n", "ALL held out", h.count,
                100 * h.medianAbs, 100 * h.medianSigned, 100 * s.medianAbs, 100 * s.medianSigned);
    const time_accuracy::Stats none = time_accuracy::statsOf(errorsOf(inSample, -1));
    if (none.count > 0) {
        std::printf("%-28s %5d | %9s %9s | %8.1f%% %+8.1f%%\n", "(in no family, never out)",
                    none.count, "-", "-", 100 * none.medianAbs, 100 * none.medianSigned);
        std::set<std::string> groups;
        for (std::size_t i = 0; i < initial.size(); ++i)
            if (family[i] < 0)
                groups.insert(initial[i].group);
        for (const std::string &g : groups)
            std::printf("  in no family: %s\n", g.c_str());
    }
}

} // namespace

int main(int argc, char **argv)
{
    std::vector<std::string> paths;
    std::vector<Setting> settings;
    Targets fitTargets;
    std::vector<std::string> families;
    bool perRun = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--data" && i + 1 < argc) {
            paths.push_back(argv[++i]);
        } else if (arg == "--by-device") {
            g_byDevice = true;
        } else if (arg == "--objective" && i + 1 < argc) {
            g_meanObjective = std::string(argv[++i]) == "mean";
        } else if (arg == "--objective-groups") {
            g_groupsObjective = true;
        } else if (arg == "--loso" && i + 1 < argc) {
            const std::string list = argv[++i];
            std::size_t start = 0;
            while (start <= list.size()) {
                const auto comma = list.find(',', start);
                std::string item = list.substr(start, comma == std::string::npos ? std::string::npos
                                                                                 : comma - start);
                item.erase(0, item.find_first_not_of(' '));
                item.erase(item.find_last_not_of(' ') + 1);
                if (!item.empty())
                    families.push_back(item);
                if (comma == std::string::npos)
                    break;
                start = comma + 1;
            }
        } else if (arg == "--fit-on" && i + 1 < argc) {
            g_fitOn = argv[++i];
        } else if (arg == "--runs") {
            perRun = true;
        } else if (arg == "--set" && i + 1 < argc) {
            const std::string text = argv[++i];
            const auto eq = text.rfind('=');
            if (eq == std::string::npos) {
                std::fprintf(stderr, "--set expects [PRESET:]KEY=VALUE, found '%s'\n",
                             text.c_str());
                return 2;
            }
            const auto [preset, knob] = parseTarget(text.substr(0, eq));
            settings.push_back({preset, knob, std::atof(text.c_str() + eq + 1)});
        } else if (arg == "--fit" && i + 1 < argc) {
            std::string list = argv[++i];
            std::size_t start = 0;
            while (start <= list.size()) {
                const auto comma = list.find(',', start);
                const std::string item = list.substr(
                    start, comma == std::string::npos ? std::string::npos : comma - start);
                if (!item.empty())
                    fitTargets.push_back(parseTarget(item));
                if (comma == std::string::npos)
                    break;
                start = comma + 1;
            }
        } else {
            std::fprintf(stderr, "usage: calibrate_knobs [--data FILE]... [--runs] "
                                 "[--set [PRESET:]KEY=VALUE]... [--fit [PRESET:]KEY,...] "
                                 "[--objective median|mean] [--objective-groups] [--fit-on TARGET] "
                                 "[--loso FAMILY,...] [--by-device]\n");
            return 2;
        }
    }

    if (!families.empty() && fitTargets.empty()) {
        std::fprintf(stderr, "--loso needs the knobs to fit (--fit)\n");
        return 2;
    }

    if (paths.empty())
        paths.push_back(std::string(MFU_TEST_DATA_DIR) + "/published_runs.json");
    time_accuracy::RunSet set;
    for (const std::string &path : paths) {
        time_accuracy::RunSet one = time_accuracy::loadRuns(path);
        if (!one.error.empty()) {
            std::fprintf(stderr, "%s\n", one.error.c_str());
            return 2;
        }
        set.runs.insert(set.runs.end(), one.runs.begin(), one.runs.end());
        set.excluded.insert(set.excluded.end(), one.excluded.begin(), one.excluded.end());
    }
    for (const auto &x : set.excluded)
        std::printf("excluded %s: %s\n", x.id.c_str(), x.reason.c_str());
    for (const Setting &s : settings)
        apply(set.runs, s);
    if (!families.empty()) {
        leaveOneSourceOut(set.runs, fitTargets, families);
        return 0;
    }
    if (!fitTargets.empty()) {
        Mask seen(set.runs.size());
        for (std::size_t i = 0; i < set.runs.size(); ++i)
            seen[i] = matches(set.runs[i], g_fitOn);
        fit(set.runs, fitTargets, seen);
    }
    report(set.runs, perRun);
    return 0;
}
