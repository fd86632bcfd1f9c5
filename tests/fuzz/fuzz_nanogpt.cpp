// libFuzzer target: the nanoGPT log parser.
#include "fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace mfu::fuzz;
    consume(mfu::io::parseNanogptLog(text(data, size), "fuzz.log", currentScenario()));
    return 0;
}
