// libFuzzer target: the torchtitan log parser.
#include "fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace mfu::fuzz;
    consume(
        mfu::io::parseTorchtitanLog(text(data, size), "fuzz.log", currentScenario(), presets()));
    return 0;
}
