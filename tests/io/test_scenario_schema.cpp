// The scenario schema: one row per key, in the order of its enum, and every row read and written
// through its own path, type, range and accessor — the generic reader and writer that a new field
// relies on.

#include "engine/names.h"
#include "engine/validate.h"
#include "io/scenario_io.h"
#include "io/scenario_schema.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <set>
#include <string>

using mfu::engine::Scenario;
using mfu::io::KeyInfo;
using mfu::io::ScenarioKey;
using mfu::io::Storage;
using mfu::io::ValueType;
using nlohmann::json;

Q_DECLARE_METATYPE(ScenarioKey)

namespace {

void setAt(json &doc, std::string path, const json &value)
{
    json *node = &doc;
    for (std::size_t dot; (dot = path.find('.')) != std::string::npos; path.erase(0, dot + 1))
        node = &(*node)[path.substr(0, dot)];
    (*node)[path] = value;
}

// The keys a file holds only for a model with experts, latent attention or a sliding window
// (a dense model's file leaves those blocks out), and the switches that turn the blocks on.
constexpr ScenarioKey kBlockSwitches[] = {ScenarioKey::MoeExperts, ScenarioKey::MlaKvLoraRank,
                                          ScenarioKey::SlidingWindowTokens};
bool needsBlocks(const KeyInfo &info)
{
    const std::string section(info.section());
    return section.rfind("model.", 0) == 0 || info.key == ScenarioKey::Ep ||
           info.key == ScenarioKey::Etp ||
           std::string_view(info.path).rfind("software.moe_", 0) == 0;
}

// Whether the writer may leave the key out for this value: a block's switch at off, and etp at
// its "as tp".
bool offValue(const KeyInfo &info, const json &value)
{
    for (ScenarioKey k : kBlockSwitches)
        if (info.key == k)
            return value == 0;
    return info.key == ScenarioKey::Etp && value == 0;
}

// A document that gives `value` at the row's path, and nothing else but the switches of the
// blocks the key needs.
json documentWith(const KeyInfo &info, const json &value)
{
    json doc = {{"schema", "mfu-explorer/scenario@1"}};
    if (needsBlocks(info))
        for (ScenarioKey k : kBlockSwitches)
            setAt(doc, mfu::io::keyPath(k), 1);
    setAt(doc, info.path, value);
    return doc;
}

mfu::engine::Result<Scenario> applied(const json &doc)
{
    return mfu::io::applyScenarioJson(doc, mfu::io::defaultScenario(),
                                      mfu::io::PresetLibrary::builtin());
}

// Every key the generic reader and writer handle alone.
void plainRows()
{
    QTest::addColumn<ScenarioKey>("key");
    for (const KeyInfo &info : mfu::io::scenarioSchema())
        if (info.storage == Storage::Plain)
            QTest::newRow(info.path) << info.key;
}

} // namespace

class TestScenarioSchema : public QObject
{
    Q_OBJECT

private slots:
    void rowsFollowTheEnum()
    {
        const auto rows = mfu::io::scenarioSchema();
        QCOMPARE(rows.size(), std::size_t(ScenarioKey::Count));
        std::set<std::string> paths;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            QCOMPARE(int(rows[i].key), int(i));
            QVERIFY2(paths.insert(rows[i].path).second, rows[i].path);
            QCOMPARE(mfu::io::keyForPath(rows[i].path), &rows[i]);
        }
        QVERIFY(!mfu::io::keyForPath("model.hiden"));
    }

    // Each section's rows follow one another (a nested section may come in between), so that a
    // nested object is one stretch of rows: a section left for one outside it never returns.
    void sectionsAreContiguous()
    {
        auto inside = [](const std::string &s, const std::string &outer) {
            return outer.empty() || s == outer || s.rfind(outer + ".", 0) == 0;
        };
        std::set<std::string> closed;
        std::vector<std::string> open = {""};
        for (const KeyInfo &info : mfu::io::scenarioSchema()) {
            if (info.storage == Storage::View)
                continue;
            const std::string section(info.section());
            while (!inside(section, open.back())) {
                closed.insert(open.back());
                open.pop_back();
            }
            QVERIFY2(!closed.count(section), info.path);
            if (section != open.back())
                open.push_back(section);
        }
    }

    void everyPlainKeyReadsWhatItWrites_data() { plainRows(); }
    void everyPlainKeyReadsWhatItWrites()
    {
        QFETCH(ScenarioKey, key);
        const KeyInfo &info = mfu::io::keyInfo(key);
        std::vector<json> values;
        switch (info.type) {
        case ValueType::Integer: values = {std::int64_t(info.min), std::int64_t(info.max)}; break;
        case ValueType::Number: values = {info.min, info.max, (info.min + info.max) / 3}; break;
        case ValueType::Boolean: values = {true, false}; break;
        case ValueType::Choice:
            for (const mfu::io::ChoiceItem &item : info.choices())
                values.push_back(item.name);
            break;
        case ValueType::Text: values = {"a name", ""}; break;
        case ValueType::Group: QFAIL("a group is not a plain key");
        }
        for (const json &value : values) {
            const auto sc = applied(documentWith(info, value));
            QVERIFY2(sc.ok(), sc.ok() ? "" : sc.error().toString().c_str());
            // Written back under the same path, with the same value.
            json written = json::parse(mfu::io::scenarioToJson(*sc).dump());
            json *node = &written;
            std::string path = info.path;
            for (std::size_t dot; (dot = path.find('.')) != std::string::npos;
                 path.erase(0, dot + 1)) {
                const std::string part = path.substr(0, dot);
                if (!node->contains(part))
                    break;
                node = &node->at(part);
            }
            if (!node->contains(path)) {
                QVERIFY2(offValue(info, value), (info.path + std::string(" left out")).c_str());
                continue;
            }
            QCOMPARE(QString::fromStdString(node->at(path).dump()),
                     QString::fromStdString(value.dump()));
        }
    }

    void everyPlainKeyRejectsWhatItCannotHold_data() { plainRows(); }
    void everyPlainKeyRejectsWhatItCannotHold()
    {
        QFETCH(ScenarioKey, key);
        const KeyInfo &info = mfu::io::keyInfo(key);
        std::vector<json> bad = {json::array()};
        if (info.type == ValueType::Integer)
            bad.insert(bad.end(), {info.max + 1, info.min - 1, info.min + 0.5, "1"});
        if (info.type == ValueType::Number)
            bad.insert(bad.end(), {info.max * 2 + 1, info.min - 1, "1"});
        if (info.type == ValueType::Boolean)
            bad.push_back(1);
        if (info.type == ValueType::Choice)
            bad.push_back("no such name");
        for (const json &value : bad) {
            const auto sc = applied(documentWith(info, value));
            QVERIFY2(!sc.ok(), (std::string(info.path) + " accepted " + value.dump()).c_str());
            QCOMPARE(QString::fromStdString(sc.error().field), QString::fromLatin1(info.path));
        }
    }

    // A misspelt key next to a real one is an error naming it, at any depth.
    void unknownKeysAreErrors_data() { plainRows(); }
    void unknownKeysAreErrors()
    {
        QFETCH(ScenarioKey, key);
        const KeyInfo &info = mfu::io::keyInfo(key);
        json doc = documentWith(info, nullptr);
        const std::string section(info.section());
        const std::string typo = section.empty() ? "nmae" : section + ".nmae";
        json *node = &doc;
        std::string rest = section;
        for (std::size_t dot; !rest.empty();
             rest = dot == std::string::npos ? "" : rest.substr(dot + 1)) {
            dot = rest.find('.');
            node = &(*node)[rest.substr(0, dot)];
        }
        node->erase(std::string(info.member()));
        (*node)["nmae"] = 1;
        const auto sc = applied(doc);
        QVERIFY(!sc.ok());
        QCOMPARE(QString::fromStdString(sc.error().field), QString::fromStdString(typo));
    }

    // Files list their keys in schema order, which is the order they always had.
    void writerKeepsTheFileOrder()
    {
        Scenario sc = mfu::io::defaultScenario();
        sc.measured.kind = mfu::engine::Measured::Kind::TflopsPerGpu;
        sc.measured.value = 300;
        const json written = json::parse(mfu::io::scenarioToJson(sc).dump());
        const nlohmann::ordered_json ordered =
            nlohmann::ordered_json::parse(mfu::io::scenarioToJson(sc).dump());
        QStringList top, model, parallel, hardware, measured;
        for (auto it = ordered.begin(); it != ordered.end(); ++it)
            top << QString::fromStdString(it.key());
        for (auto it = ordered["model"].begin(); it != ordered["model"].end(); ++it)
            model << QString::fromStdString(it.key());
        for (auto it = ordered["parallel"].begin(); it != ordered["parallel"].end(); ++it)
            parallel << QString::fromStdString(it.key());
        for (auto it = ordered["hardware"].begin(); it != ordered["hardware"].end(); ++it)
            hardware << QString::fromStdString(it.key());
        for (auto it = ordered["measured"].begin(); it != ordered["measured"].end(); ++it)
            measured << QString::fromStdString(it.key());
        QCOMPARE(top.join(u' '),
                 QStringLiteral("schema name model batch parallel recompute precision "
                                "hardware software conventions planning measured"));
        QCOMPARE(model.join(u' '),
                 QStringLiteral("preset family layers hidden heads kv_heads head_dim "
                                "ffn_hidden vocab gated_mlp tied_embeddings bias norm "
                                "max_positions dropout"));
        QCOMPARE(parallel.join(u' '),
                 QStringLiteral("tp pp dp cp vpp sequence_parallel zero first_stage_layers "
                                "last_stage_layers gpus"));
        QCOMPARE(hardware.join(u' '),
                 QStringLiteral("preset name vendor peak_tflops memory_gib memory_bw_gbs "
                                "intra_node_gbs inter_node_gbs gpus_per_node efficiency"));
        QCOMPARE(measured.join(u' '), QStringLiteral("tflops_per_gpu tflops_kind"));
        QCOMPARE(written.at("parallel").at("gpus"), json(1024));
    }

    // The engine names the field of every check it makes; the window marks that field and the
    // importers tell where it came from, so each name must be a key of the schema. Every
    // numeric key pushed outside any range, and every layout rule broken, in turn.
    void engineErrorsNameSchemaKeys()
    {
        const Scenario base = mfu::io::defaultScenario();
        QVERIFY(!mfu::engine::validateScenario(base));
        std::vector<Scenario> broken;
        for (const KeyInfo &info : mfu::io::scenarioSchema()) {
            if (!info.set || info.section() == "measured")
                continue;
            for (double v : {-1.0, 0.0, 1e30}) {
                Scenario sc = base;
                info.set(sc, v);
                broken.push_back(sc);
            }
        }
        auto with = [&](auto edit) {
            Scenario sc = base;
            edit(sc);
            broken.push_back(sc);
        };
        with([](Scenario &sc) { sc.parallel.tp = 3; });  // heads
        with([](Scenario &sc) { sc.parallel.tp = 16; }); // kv_heads
        with([](Scenario &sc) {
            sc.parallel.pp = 80;
            sc.parallel.vpp = 2;
        }); // layers
        with([](Scenario &sc) {
            sc.parallel.pp = 1;
            sc.parallel.vpp = 2;
        });
        with([](Scenario &sc) { sc.parallel.cp = 3; }); // seq_len
        with([](Scenario &sc) { sc.parallel.dp = 3; }); // global batch
        with([](Scenario &sc) { sc.batch.microBatch = 3; });
        with([](Scenario &sc) { sc.model.kvHeads = 3; });
        with([](Scenario &sc) {
            sc.hardware.peakTflopsBf16 = 0;
            sc.hardware.peakTflopsFp16 = 0;
        });
        with([](Scenario &sc) {
            sc.measured.kind = mfu::engine::Measured::Kind::StepTime;
            sc.measured.value = -1;
        });
        int errors = 0;
        for (const Scenario &sc : broken) {
            const auto error = mfu::engine::validateScenario(sc);
            if (!error)
                continue;
            ++errors;
            const bool named = mfu::io::keyForPath(error->field) || error->field == "measured";
            QVERIFY2(named, (error->field + ": " + error->message).c_str());
        }
        QVERIFY(errors > 60);
    }

    // The enums' names are the ones files and outputs have always used.
    void enumNames()
    {
        using namespace mfu::engine;
        QCOMPARE(nameOf(Precision::Fp8), "fp8");
        QCOMPARE(nameOf(Recompute::Selective), "selective");
        QCOMPARE(nameOf(FlopsConvention::SixN), "six_n");
        QCOMPARE(nameOf(ParamBasis::NonEmbedding), "non_embedding");
        QCOMPARE(nameOf(Measured::Kind::None), "?");
        QVERIFY(valueNamed<FlopsConvention>("palm") == FlopsConvention::Palm);
        QVERIFY(!valueNamed<FlopsConvention>("PaLM"));
    }
};

QTEST_GUILESS_MAIN(TestScenarioSchema)
#include "test_scenario_schema.moc"
