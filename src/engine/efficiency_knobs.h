#pragma once

#include "hardware.h"

#include <string_view>
#include <vector>

namespace mfu::engine {

// One efficiency knob: where it lives in EfficiencyKnobs, the physical range it must stay in,
// its name in files and on the command line, and what it means. The file readers and writers,
// the documentation and the fit all read the one table below, so they cannot drift apart.
struct KnobSpec
{
    double EfficiencyKnobs::*member = nullptr;
    double min = 0;
    double max = 1;
    const char *name = "";
    const char *doc = "";
};

// Every knob of EfficiencyKnobs, in the order files list them.
const std::vector<KnobSpec> &efficiencyKnobs();

// The knob of efficiencyKnobs() called `name`, or nullptr.
const KnobSpec *findKnob(std::string_view name);

} // namespace mfu::engine
