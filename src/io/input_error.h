#pragma once

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

} // namespace mfu::io
