#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mfu::io {

// Reads the members of one JSON object strictly: every read names its dotted path in the
// error, wrong types and out-of-range values are errors, and finish() rejects any key that
// was never read, so that a typo ("hiden") cannot pass silently.
class JsonFields
{
public:
    // Throws InputError unless `value` is an object.
    JsonFields(const nlohmann::json &value, std::string path);

    bool has(std::string_view key) const;
    std::string path(std::string_view key) const;

    std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max);
    std::optional<double> number(std::string_view key, double min, double max);
    std::optional<bool> boolean(std::string_view key);
    std::optional<std::string> string(std::string_view key);
    // One of `choices`; the error lists them.
    std::optional<std::string> choice(std::string_view key,
                                      std::initializer_list<std::string_view> choices);
    std::optional<std::string> choice(std::string_view key,
                                      std::span<const std::string_view> choices);
    // A nested object; nullopt when absent.
    std::optional<JsonFields> object(std::string_view key);
    // Marks a key as known without reading it (free-form members such as `sources`).
    const nlohmann::json *raw(std::string_view key);

    // Throws InputError naming the first key that was not read.
    void finish() const;

private:
    const nlohmann::json *find(std::string_view key);

    const nlohmann::json *m_object;
    std::string m_path;
    std::set<std::string, std::less<>> m_read;
};

// Parses JSON text; a syntax error names the line and column. An empty, truncated or binary
// input is a syntax error like any other.
nlohmann::json parseJsonText(std::string_view text);

// Short description of a JSON value for error messages ("a string \"x\"", "an array").
std::string describeJson(const nlohmann::json &value);

} // namespace mfu::io
