#include "json_fields.h"

#include "input_error.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>
#include <cstdio>

namespace mfu::io {

using nlohmann::json;

namespace {

std::string formatNumber(double v)
{
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15)
        return std::to_string(static_cast<long long>(v));
    // Not std::to_string: it prints 1e-300 as "0.000000" and 1e300 with 301 digits.
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", v);
    return buffer;
}

} // namespace

std::string describeJson(const json &v)
{
    switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return v.dump();
    case json::value_t::string: {
        std::string s = v.get<std::string>();
        if (s.size() > 40)
            s = s.substr(0, 40) + "…";
        return "the string " + json(s).dump(-1, ' ', false, json::error_handler_t::replace);
    }
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    default: return "an unsupported value";
    }
}

JsonFields::JsonFields(const json &value, std::string path)
    : m_object(&value), m_path(std::move(path))
{
    if (!value.is_object())
        throw InputError(m_path, "expected an object, found " + describeJson(value));
}

bool JsonFields::has(std::string_view key) const
{
    return m_object->find(std::string(key)) != m_object->end();
}

std::string JsonFields::path(std::string_view key) const
{
    return m_path.empty() ? std::string(key) : m_path + "." + std::string(key);
}

const json *JsonFields::find(std::string_view key)
{
    m_read.insert(std::string(key));
    auto it = m_object->find(std::string(key));
    return it == m_object->end() ? nullptr : &*it;
}

const json *JsonFields::raw(std::string_view key)
{
    return find(key);
}

std::optional<std::int64_t> JsonFields::integer(std::string_view key, std::int64_t min,
                                                std::int64_t max)
{
    const json *v = find(key);
    if (!v)
        return std::nullopt;
    const std::string expected =
        "expected an integer from " + std::to_string(min) + " to " + std::to_string(max);
    double d = 0;
    if (v->is_number_integer() || v->is_number_unsigned()) {
        // Unsigned values above int64 range and huge negatives fail the range check below.
        d = v->is_number_unsigned() ? double(v->get<std::uint64_t>())
                                    : double(v->get<std::int64_t>());
    } else if (v->is_number_float()) {
        d = v->get<double>();
        if (!std::isfinite(d) || d != std::floor(d))
            throw InputError(path(key), expected + ", found " + describeJson(*v));
    } else {
        throw InputError(path(key), expected + ", found " + describeJson(*v));
    }
    if (d < double(min) || d > double(max))
        throw InputError(path(key), expected + ", found " + describeJson(*v));
    return static_cast<std::int64_t>(d);
}

std::optional<double> JsonFields::number(std::string_view key, double min, double max)
{
    const json *v = find(key);
    if (!v)
        return std::nullopt;
    const std::string expected =
        "expected a number from " + formatNumber(min) + " to " + formatNumber(max);
    if (!v->is_number())
        throw InputError(path(key), expected + ", found " + describeJson(*v));
    const double d = v->get<double>();
    if (!std::isfinite(d) || d < min || d > max)
        throw InputError(path(key), expected + ", found " + describeJson(*v));
    return d;
}

std::optional<bool> JsonFields::boolean(std::string_view key)
{
    const json *v = find(key);
    if (!v)
        return std::nullopt;
    if (!v->is_boolean())
        throw InputError(path(key), "expected true or false, found " + describeJson(*v));
    return v->get<bool>();
}

std::optional<std::string> JsonFields::string(std::string_view key)
{
    const json *v = find(key);
    if (!v)
        return std::nullopt;
    if (!v->is_string())
        throw InputError(path(key), "expected a string, found " + describeJson(*v));
    return v->get<std::string>();
}

std::optional<std::string> JsonFields::choice(std::string_view key,
                                              std::initializer_list<std::string_view> choices)
{
    return choice(key, std::span<const std::string_view>(choices.begin(), choices.size()));
}

std::optional<std::string> JsonFields::choice(std::string_view key,
                                              std::span<const std::string_view> choices)
{
    const json *v = find(key);
    if (!v)
        return std::nullopt;
    std::string list;
    for (std::string_view c : choices)
        list += (list.empty() ? "" : ", ") + std::string(c);
    if (v->is_string()) {
        const std::string s = v->get<std::string>();
        for (std::string_view c : choices)
            if (s == c)
                return s;
    }
    throw InputError(path(key), "expected one of " + list + ", found " + describeJson(*v));
}

std::optional<JsonFields> JsonFields::object(std::string_view key)
{
    const json *v = find(key);
    if (!v)
        return std::nullopt;
    return JsonFields(*v, path(key));
}

void JsonFields::finish() const
{
    for (auto it = m_object->begin(); it != m_object->end(); ++it) {
        if (m_read.find(it.key()) != m_read.end())
            continue;
        std::string known;
        for (const std::string &k : m_read)
            known += (known.empty() ? "" : ", ") + k;
        throw InputError(path(it.key()), "unknown key (known keys here: " + known + ")");
    }
}

namespace {

// "line L, column C" of a byte offset into `text`.
std::string linePosition(std::string_view text, std::size_t offset)
{
    offset = std::min(offset, text.size());
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// Builds nothing; only remembers where the parser gave up. nlohmann reports a number too large
// for a double ("1e999") as out_of_range without a position, but hands the position to SAX.
class ErrorPositionSax : public nlohmann::json_sax<json>
{
public:
    std::size_t offset = 0;

    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t &) override { return true; }
    bool string(string_t &) override { return true; }
    bool binary(binary_t &) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t &) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position, const std::string &lastToken,
                     const nlohmann::detail::exception &) override
    {
        // `position` is just past the offending token; point at its first character.
        offset = position >= lastToken.size() ? position - lastToken.size() : 0;
        return false;
    }
};

} // namespace

namespace {

// Nesting past which a document is refused. No file of ours nests more than five levels, and
// the parser's values nest by recursion: a few hundred kilobytes of brackets would take memory
// out of proportion and, copied or destroyed, the stack.
constexpr int kMaxJsonDepth = 64;

// The offset of the first bracket past kMaxJsonDepth, outside strings; npos when none.
std::size_t tooDeepAt(std::string_view text)
{
    int depth = 0;
    bool inString = false, escaped = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth)
                return i;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return std::string_view::npos;
}

} // namespace

json parseJsonText(std::string_view text)
{
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        throw InputError("", "empty file: expected a JSON object");
    if (const std::size_t deep = tooDeepAt(text); deep != std::string_view::npos)
        throw InputError(linePosition(text, deep), "invalid JSON: nested deeper than " +
                                                       std::to_string(kMaxJsonDepth) + " levels");
    // The parser keeps the last of two equal keys; a duplicated field is as silent a mistake
    // as a misspelt one, so it is an error naming its path.
    struct Level
    {
        std::set<std::string> keys;
        std::string path;
        std::string lastKey;
    };
    std::vector<Level> levels;
    const json::parser_callback_t rejectDuplicates = [&](int, json::parse_event_t event,
                                                         json &parsed) {
        switch (event) {
        case json::parse_event_t::object_start: {
            std::string path;
            if (!levels.empty())
                path = levels.back().path.empty()
                           ? levels.back().lastKey
                           : levels.back().path + "." + levels.back().lastKey;
            levels.push_back({{}, path, {}});
            break;
        }
        case json::parse_event_t::object_end:
            if (!levels.empty())
                levels.pop_back();
            break;
        case json::parse_event_t::key:
            if (!levels.empty()) {
                Level &level = levels.back();
                const std::string key = parsed.get<std::string>();
                if (!level.keys.insert(key).second)
                    throw InputError(level.path.empty() ? key : level.path + "." + key,
                                     "duplicate key (each key may appear once)");
                level.lastKey = key;
            }
            break;
        default: break;
        }
        return true;
    };
    try {
        json doc = json::parse(text.begin(), text.end(), rejectDuplicates);
        // The parser stops at a NUL as at the end of the text, so a document followed by binary
        // data would pass.
        if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos)
            throw InputError(linePosition(text, nul),
                             "invalid JSON: a NUL byte (binary data, not JSON text)");
        return doc;
    } catch (const json::parse_error &e) {
        std::string what = e.what();
        // nlohmann's message is "[json.exception.parse_error.101] parse error at line…: <detail>"
        const auto colon = what.rfind(": ");
        const std::string detail = colon == std::string::npos ? what : what.substr(colon + 2);
        throw InputError(linePosition(text, e.byte ? e.byte - 1 : 0), "invalid JSON: " + detail);
    } catch (const json::exception &e) {
        // A number that overflows a double: valid syntax, but no value can hold it.
        ErrorPositionSax sax;
        json::sax_parse(text.begin(), text.end(), &sax);
        std::string what = e.what();
        const auto bracket = what.find("] ");
        const std::string detail = bracket == std::string::npos ? what : what.substr(bracket + 2);
        throw InputError(linePosition(text, sax.offset),
                         "invalid JSON: " + detail + ", expected a finite number");
    }
}

} // namespace mfu::io
