// libFuzzer target: the native benchmarks@1 JSON parser.
#include "fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace mfu::fuzz;
    consume(
        mfu::io::parseBenchmarksJson(text(data, size), "fuzz.json", currentScenario(), presets()));
    return 0;
}
