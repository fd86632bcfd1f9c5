#include "hardware.h"
#include "scenario.h"

namespace mfu::engine {

const char *precisionName(Precision p)
{
    switch (p) {
    case Precision::Bf16:
        return "bf16";
    case Precision::Fp16:
        return "fp16";
    case Precision::Fp8:
        return "fp8";
    }
    return "?";
}

const char *recomputeName(Recompute r)
{
    switch (r) {
    case Recompute::None:
        return "none";
    case Recompute::Selective:
        return "selective";
    case Recompute::Full:
        return "full";
    }
    return "?";
}

const char *conventionName(FlopsConvention c)
{
    switch (c) {
    case FlopsConvention::Exact:
        return "exact";
    case FlopsConvention::SixN:
        return "six_n";
    case FlopsConvention::Palm:
        return "palm";
    case FlopsConvention::Megatron:
        return "megatron";
    }
    return "?";
}

} // namespace mfu::engine
