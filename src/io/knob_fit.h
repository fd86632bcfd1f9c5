#pragma once

#include "benchmark_import.h"
#include "engine/calibration.h"
#include "engine/efficiency_knobs.h"
#include "engine/hardware.h"
#include "engine/result.h"
#include "preset_library.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace mfu::io {

// A device's efficiency knobs fitted to imported runs, the one way the command line (--fit) and
// the window's fit dialog both do it: which knobs move, the fit, and the fitted device that a
// user preset is saved from.

// The knobs a fit moves when none are named: the compute efficiencies that set most of every
// step (of the attention kernels, the one the runs' stacks use), then the overlap that decides
// what data-parallel traffic costs.
inline constexpr std::string_view kDefaultFitKnobs[] = {
    "gemm_max_efficiency", "attention_efficiency", "attention_efficiency_flash3", "dp_overlap"};

// The suffix of a fitted device's name, so that a saved preset is told apart from the one it
// was fitted from wherever presets are listed.
inline constexpr std::string_view kFittedNameSuffix = " (fitted)";

// Knob names separated by commas ("gemm_max_efficiency,dp_overlap") as knobs of
// engine::efficiencyKnobs(), in the order given. Errors (field "knobs"): an unknown name (the
// message lists the knobs a fit can move) and fused_attention, a switch with no slope to follow.
engine::Result<std::vector<engine::KnobSpec>> parseKnobList(std::string_view list);

// A fit set up: the runs as calibration samples, and the knobs it moves.
struct KnobFitPlan
{
    std::vector<engine::CalibrationSample> samples;
    std::vector<std::string> labels; // each sample's run label, for errors and fit@1
    std::vector<engine::KnobSpec> knobs;
    // The runs' hardware preset id, or the device's name when they name no preset.
    std::string hardwareId;
};

// Sets up a fit to `runs`: one cluster, so one set of knobs for every run. `knobs` empty takes
// those of kDefaultFitKnobs that some run depends on, and no more of them than there are runs:
// a knob no run depends on, or more knobs than runs, would leave the fit free to put anything
// there. Errors: no runs (no field), runs on different devices (field "hardware", naming two of
// the runs), and, only when `knobs` is empty, no run that depends on a default knob (field
// "knobs").
engine::Result<KnobFitPlan> planKnobFit(const std::vector<ImportedRun> &runs,
                                        std::vector<engine::KnobSpec> knobs = {});

// A finished fit: its plan and what engine::calibrate made of it.
struct KnobFit
{
    KnobFitPlan plan;
    engine::CalibrationResult result;
};

// Fits the plan's knobs (engine::calibrate). An error about one run names the run by its label,
// as the import output does, instead of by its index.
engine::Result<KnobFit> runKnobFit(KnobFitPlan plan);

// The device a fitted preset holds: the runs' hardware with the fitted knobs, its name followed
// by kFittedNameSuffix, and the sources it cites: those of the preset the runs were on, with
// `efficiency` saying which knobs were fitted to how many runs of `label` (the file or files they
// came from), the step-time error before and after, and where the other knobs come from.
struct FittedHardware
{
    engine::Hardware hardware;
    std::map<std::string, std::string> sources;
};
FittedHardware fittedHardware(const KnobFit &fit, const std::string &label,
                              const PresetLibrary &presets = PresetLibrary::instance());

} // namespace mfu::io
