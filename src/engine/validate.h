#pragma once

#include "result.h"
#include "scenario.h"

#include <optional>

namespace mfu::engine {

// Upper bounds past which a size is taken for a typo, not a model. They keep every product
// the engine forms far below the range where doubles lose integer precision.
namespace limits {
inline constexpr double kMaxLayers = 1e5;
inline constexpr double kMaxHidden = 1e6;
inline constexpr double kMaxVocab = 1e8;
inline constexpr double kMaxSeqLen = 1e8;
inline constexpr double kMaxGlobalBatch = 1e9;
inline constexpr double kMaxTokensPerStep = 1e12;
inline constexpr double kMaxParallel = 1e7; // any one parallel degree, and the GPU count
inline constexpr double kMaxTflops = 1e6;
inline constexpr double kMaxMemoryGib = 1e5;
inline constexpr double kMaxBandwidthGbs = 1e6;
inline constexpr double kMaxExperts = 1e5;
inline constexpr double kMaxMtpLayers = 64;
} // namespace limits

// The first reason the scenario cannot be evaluated, naming its field; nullopt when sound.
// Covers the shape (divisibility of heads), the layout (tp, pp, micro-batches), the
// hardware and the measured figure.
std::optional<Error> validateScenario(const Scenario &sc);

} // namespace mfu::engine
