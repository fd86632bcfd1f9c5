// libFuzzer target: format detection and dispatch, the entry point --import uses.
#include "fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace mfu::fuzz;
    consume(mfu::io::importBenchmarks(text(data, size), "fuzz", currentScenario(), presets()));
    return 0;
}
