#include "field_readers.h"

#include "input_error.h"

namespace mfu::io {

using engine::ModelShape;

void requireSchema(JsonFields &fields, std::string_view expected)
{
    const auto schema = fields.string("schema");
    if (!schema)
        throw InputError(fields.path("schema"),
                         "missing; expected \"" + std::string(expected) + "\"");
    if (*schema != expected)
        throw InputError(fields.path("schema"),
                         "expected \"" + std::string(expected) + "\", found \"" + *schema + "\"");
}

namespace {

// The attention switch of the efficiency knobs before the stack had a block of its own.
constexpr const char *kLegacyFusedAttention = "fused_attention";

using K = ScenarioKey;

bool isUnder(std::string_view path, std::string_view section)
{
    return section.empty() ||
           (path.size() > section.size() && path.substr(0, section.size()) == section &&
            path[section.size()] == '.');
}

void readPlain(const KeyInfo &info, JsonFields &f, engine::Scenario &sc)
{
    const std::string_view key = info.member();
    switch (info.type) {
    case ValueType::Integer:
        if (auto v = f.integer(key, std::int64_t(info.min), std::int64_t(info.max)))
            info.set(sc, double(*v));
        break;
    case ValueType::Number:
        if (auto v = f.number(key, info.min, info.max))
            info.set(sc, *v);
        break;
    case ValueType::Boolean:
        if (auto v = f.boolean(key))
            info.set(sc, *v ? 1 : 0);
        break;
    case ValueType::Choice: {
        std::vector<std::string_view> names;
        for (const ChoiceItem &item : info.choices())
            names.push_back(item.name);
        if (auto v = f.choice(key, names))
            for (const ChoiceItem &item : info.choices())
                if (*v == item.name)
                    info.set(sc, item.value);
        break;
    }
    case ValueType::Text:
        if (auto v = f.string(key))
            info.setText(sc, *v);
        break;
    case ValueType::Group: break;
    }
}

// `rows` are the schema's rows from the first under `section` on; a section's rows follow one
// another in the schema, so each nested object is one stretch of them.
void readRows(JsonFields &f, std::string_view section, std::span<const KeyInfo> rows,
              engine::Scenario &sc, const ByHandReader &byHand)
{
    std::size_t i = 0;
    while (i < rows.size()) {
        const KeyInfo &info = rows[i];
        if (info.storage == Storage::View || !isUnder(info.path, section)) {
            ++i;
            continue;
        }
        const std::string_view path = info.path;
        const std::string_view rest = section.empty() ? path : path.substr(section.size() + 1);
        const std::size_t dot = rest.find('.');
        if (dot == std::string_view::npos) {
            if (info.storage == Storage::ByHand)
                byHand(info, f, sc);
            else
                readPlain(info, f, sc);
            ++i;
            continue;
        }
        const std::string_view child = path.substr(0, path.size() - rest.size() + dot);
        std::size_t end = i;
        while (end < rows.size() &&
               (rows[end].storage == Storage::View || isUnder(rows[end].path, child)))
            ++end;
        if (auto nested = f.object(rest.substr(0, dot))) {
            readRows(*nested, child, rows.subspan(i, end - i), sc, byHand);
            nested->finish();
        }
        i = end;
    }
}

std::optional<std::int64_t> readInteger(JsonFields &f, ScenarioKey key)
{
    const KeyInfo &info = keyInfo(key);
    return f.integer(info.member(), std::int64_t(info.min), std::int64_t(info.max));
}

// hidden, heads, kv_heads and head_dim depend on each other, so they are read together.
void readHeadGeometry(JsonFields &f, ModelShape &m)
{
    const bool baseIsMultiHead = m.kvHeads == m.heads;
    const auto hidden = readInteger(f, K::Hidden);
    const auto heads = readInteger(f, K::Heads);
    const auto kvHeads = readInteger(f, K::KvHeads);
    const auto headDim = readInteger(f, K::HeadDim);
    if (hidden)
        m.hidden = *hidden;
    if (heads)
        m.heads = *heads;
    if (kvHeads)
        m.kvHeads = *kvHeads;
    else if (heads && baseIsMultiHead)
        m.kvHeads = m.heads;
    if (headDim) {
        m.headDim = *headDim;
    } else if (hidden || heads) {
        // A preset is read on top of an empty shape: without heads there is nothing to divide by.
        if (m.heads <= 0)
            throw InputError(f.path("heads"), "missing; expected the number of heads to derive "
                                              "head_dim from hidden (" +
                                                  std::to_string(m.hidden) + ")");
        if (m.hidden % m.heads != 0)
            throw InputError(f.path("heads"),
                             "expected a divisor of hidden (" + std::to_string(m.hidden) +
                                 ") or an explicit head_dim, found " + std::to_string(m.heads));
        m.headDim = m.hidden / m.heads;
    }
}

void readKnobs(JsonFields &f, engine::Scenario &sc)
{
    if (auto eff = f.object(keyInfo(K::Efficiency).member())) {
        for (const engine::KnobSpec &k : engine::efficiencyKnobs())
            if (auto v = eff->number(k.name, k.min, k.max))
                sc.hardware.knobs.*k.member = *v;
        // Files written before the stack had a block of its own gave the attention kernel here:
        // 1 fused (FlashAttention-2 class), 0 unfused. A hardware preset's value describes no
        // device and is left to the scenario's stack.
        if (auto fused = eff->number(kLegacyFusedAttention, 0, 1))
            sc.software.attention =
                *fused >= 0.5 ? engine::AttentionKernel::Flash2 : engine::AttentionKernel::Unfused;
        eff->finish();
    }
}

} // namespace

void readSection(JsonFields &fields, std::string_view section, engine::Scenario &sc,
                 const ByHandReader &byHand)
{
    readRows(fields, section, scenarioSchema(), sc, byHand);
}

void readSharedByHand(const KeyInfo &info, JsonFields &f, engine::Scenario &sc)
{
    switch (info.key) {
    case K::Family:
        if (auto family = f.string(info.member()))
            sc.model.family = *family;
        break;
    case K::Hidden: // with heads, kv_heads and head_dim
        readHeadGeometry(f, sc.model);
        break;
    case K::Efficiency: readKnobs(f, sc); break;
    case K::MoeCapacityFactor: // null: dropless
        if (const nlohmann::json *v = f.raw(info.member()); v && v->is_null())
            sc.model.moe.capacityFactor = 0;
        else if (auto factor = f.number(info.member(), info.min, info.max))
            sc.model.moe.capacityFactor = *factor;
        break;
    default: break;
    }
}

void readModelFields(JsonFields &f, ModelShape &m)
{
    engine::Scenario sc;
    sc.model = m;
    // A preset file is a shape, not a reference to one: "preset" stays an unknown key there.
    readSection(f, "model", sc, [](const KeyInfo &info, JsonFields &fields, engine::Scenario &s) {
        if (info.key != K::ModelPreset)
            readSharedByHand(info, fields, s);
    });
    m = sc.model;
}

namespace {

// A preset file's section read onto `part` of a scenario: every row of the section but its
// "preset" key, which stays an unknown key in a preset file (a preset names no other preset).
template <auto Part, typename T>
void readPresetPart(JsonFields &f, std::string_view section, K presetKey, T &part)
{
    engine::Scenario sc;
    sc.*Part = part;
    readSection(f, section, sc,
                [presetKey](const KeyInfo &info, JsonFields &fields, engine::Scenario &s) {
                    if (info.key != presetKey)
                        readSharedByHand(info, fields, s);
                });
    part = sc.*Part;
}

} // namespace

void readHardwareFields(JsonFields &f, engine::Hardware &hw)
{
    readPresetPart<&engine::Scenario::hardware>(f, "hardware", K::HardwarePreset, hw);
}

void readSoftwareFields(JsonFields &f, engine::Software &software)
{
    readPresetPart<&engine::Scenario::software>(f, "software", K::SoftwarePreset, software);
}

} // namespace mfu::io
