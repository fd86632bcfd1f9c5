#pragma once

#include "engine/result.h"

#include <stdexcept>
#include <string>

namespace mfu::io {

// Thrown inside the io layer while reading a file; the public functions catch it and return
// an engine::Error, so nothing throws across layers. `field` is a dotted path ("model.heads")
// or "line N" for text formats.
class InputError : public std::runtime_error
{
public:
    InputError(std::string field, const std::string &message)
        : std::runtime_error(message), m_field(std::move(field))
    {
    }
    const std::string &field() const { return m_field; }

private:
    std::string m_field;
};

// Runs `read`, which reads by throwing InputError on the first problem, and returns what it
// returns or that problem as an engine::Error: how a public io function ends.
template <typename T, typename Read> engine::Result<T> catchInputError(Read &&read)
{
    try {
        return read();
    } catch (const InputError &e) {
        return engine::Error{e.field(), e.what()};
    }
}

} // namespace mfu::io
