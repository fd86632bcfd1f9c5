// libFuzzer target: the Hugging Face trainer_state.json parser.
#include "fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace mfu::fuzz;
    consume(
        mfu::io::parseHfTrainerState(text(data, size), "trainer_state.json", currentScenario()));
    return 0;
}
