#pragma once

// Timing helpers shared by the benchmarks: medians of repeated batches, printed as
// "BENCH <name> <median> <unit>", the one line per benchmark scripts/bench.sh collects.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

namespace bench {

// Runs `body` in batches of `perBatch` calls, `batches` times; returns the median seconds of
// one call.
template <typename Body> double medianSecondsPerCall(Body &&body, int batches, int perBatch)
{
    std::vector<double> samples;
    samples.reserve(std::size_t(batches));
    for (int b = 0; b < batches; ++b) {
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < perBatch; ++i)
            body();
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
        samples.push_back(elapsed.count() / perBatch);
    }
    std::nth_element(samples.begin(), samples.begin() + samples.size() / 2, samples.end());
    return samples[samples.size() / 2];
}

inline void report(const char *name, double value, const char *unit)
{
    std::printf("BENCH %s %.3f %s\n", name, value, unit);
    std::fflush(stdout);
}

} // namespace bench
