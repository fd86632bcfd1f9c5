#pragma once

#include "efficiency_knobs.h"
#include "hardware.h"
#include "result.h"
#include "scenario.h"

#include <string>
#include <vector>

namespace mfu::engine {

// One timed run: its scenario (shape, batch, layout, hardware with its knobs) and the step
// time the cluster measured for it.
struct CalibrationSample
{
    Scenario scenario;
    double measuredStepTimeS = 0; // seconds per optimizer step, measured
};

struct CalibrationResult
{
    // Knob values in the order of the specs: where the fit started (the first sample's
    // hardware) and where it ended.
    std::vector<double> before, after;
    // Over the samples: root mean square of log(predicted / measured), and the median of
    // |predicted / measured − 1|, with each sample's own knobs and with the fitted ones.
    double rmsLogErrorBefore = 0, rmsLogErrorAfter = 0;
    double medianAbsRelErrorBefore = 0, medianAbsRelErrorAfter = 0;
    // Predicted seconds per step of every sample, before and after.
    std::vector<double> stepTimeBeforeS, stepTimeAfterS;
    int iterations = 0;
    bool converged = false;
    // Knobs the fit drove onto a physical limit (an efficiency of 1, an overlap of 0, …): the
    // runs ask for more than the knob can give, so the model lacks a term for them.
    std::vector<std::string> atBound;
    // Knobs the runs leave free: no sample's step time changes with them anywhere in their
    // range (no data-parallel traffic for dp_overlap), or near the value the fit ended at (the
    // traffic outlasts the backward it could hide behind, whatever the overlap). A knob that
    // stayed where it started keeps its value exactly.
    std::vector<std::string> unidentified;
};

// Fits the knobs to the samples by least squares on log(predicted / measured step time), one
// set of knobs for all samples (they come from one cluster), starting from the first sample's
// knobs and staying inside each knob's [min, max]. Errors: no samples, no knobs, more knobs
// than samples, a knob spec without a member or with min ≥ max, a sample whose scenario does
// not evaluate or whose measured time is not a positive number (the error names its index).
Result<CalibrationResult> calibrate(const std::vector<CalibrationSample> &samples,
                                    const std::vector<KnobSpec> &knobs);

// The knobs of `knobs` that change the predicted step time of at least one sample somewhere in
// their range: those the samples can identify. Samples that do not evaluate are skipped.
std::vector<KnobSpec> identifiableKnobs(const std::vector<CalibrationSample> &samples,
                                        const std::vector<KnobSpec> &knobs);

} // namespace mfu::engine
