// libFuzzer target: the native benchmarks@1 CSV parser.
#include "fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace mfu::fuzz;
    consume(
        mfu::io::parseBenchmarksCsv(text(data, size), "fuzz.csv", currentScenario(), presets()));
    return 0;
}
