#pragma once

#include <string>
#include <utility>
#include <variant>

namespace mfu::engine {

// A failure that names what was wrong: `field` is a dotted path into the scenario
// ("model.heads"), `message` says what was found and what was expected.
struct Error
{
    std::string field;
    std::string message;

    std::string toString() const { return field.empty() ? message : field + ": " + message; }
};

// A value or an Error. GCC 12 ships no std::expected in C++20, and errors must cross
// layer boundaries as values, not exceptions.
template <typename T> class Result
{
public:
    Result(T value) : m_state(std::move(value)) {}
    Result(Error error) : m_state(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_state); }
    T &value() & { return std::get<T>(m_state); }
    T &&value() && { return std::get<T>(std::move(m_state)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }

    const Error &error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

} // namespace mfu::engine
