#include "field_readers.h"

#include "input_error.h"

namespace mfu::io {

using engine::ModelShape;

namespace {
constexpr std::int64_t kMaxSize = 1'000'000'000; // larger sizes are rejected by the engine's limits
}

void requireSchema(JsonFields &fields, std::string_view expected)
{
    const auto schema = fields.string("schema");
    if (!schema)
        throw InputError(fields.path("schema"),
                         "missing; expected \"" + std::string(expected) + "\"");
    if (*schema != expected)
        throw InputError(fields.path("schema"), "expected \"" + std::string(expected) +
                                                    "\", found \"" + *schema + "\"");
}

void readModelFields(JsonFields &f, ModelShape &m)
{
    const bool baseIsMultiHead = m.kvHeads == m.heads;
    if (auto family = f.string("family"))
        m.family = *family;
    if (auto v = f.integer("layers", 1, 100'000))
        m.layers = *v;
    const auto hidden = f.integer("hidden", 1, 1'000'000);
    const auto heads = f.integer("heads", 1, 1'000'000);
    const auto kvHeads = f.integer("kv_heads", 1, 1'000'000);
    const auto headDim = f.integer("head_dim", 1, 1'000'000);
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
    if (auto v = f.integer("ffn_hidden", 1, kMaxSize))
        m.ffnHidden = *v;
    if (auto v = f.integer("vocab", 1, kMaxSize))
        m.vocab = *v;
    if (auto v = f.boolean("gated_mlp"))
        m.gatedMlp = *v;
    if (auto v = f.boolean("tied_embeddings"))
        m.tiedEmbeddings = *v;
    if (auto v = f.boolean("bias"))
        m.bias = *v;
    if (auto v = f.choice("norm", {"layernorm", "rmsnorm"}))
        m.norm = *v == "layernorm" ? engine::NormKind::LayerNorm : engine::NormKind::RmsNorm;
    if (auto v = f.integer("max_positions", 0, kMaxSize))
        m.maxPositions = *v;
    if (auto v = f.boolean("dropout"))
        m.dropout = *v;
}

void readHardwareFields(JsonFields &f, engine::Hardware &hw)
{
    if (auto v = f.string("name"))
        hw.name = *v;
    if (auto v = f.string("vendor"))
        hw.vendor = *v;
    if (auto peaks = f.object("peak_tflops")) {
        // One precision may be overridden alone; the others keep the preset's figures.
        if (auto v = peaks->number("bf16", 0, 1e6))
            hw.peakTflopsBf16 = *v;
        if (auto v = peaks->number("fp16", 0, 1e6))
            hw.peakTflopsFp16 = *v;
        if (auto v = peaks->number("fp8", 0, 1e6))
            hw.peakTflopsFp8 = *v;
        peaks->finish();
    }
    if (auto v = f.number("memory_gib", 1e-3, 1e5))
        hw.memoryGib = *v;
    if (auto v = f.number("memory_bw_gbs", 1e-3, 1e6))
        hw.memoryBwGbs = *v;
    if (auto v = f.number("intra_node_gbs", 1e-3, 1e6))
        hw.intraNodeGbs = *v;
    if (auto v = f.number("inter_node_gbs", 1e-3, 1e6))
        hw.interNodeGbs = *v;
    if (auto v = f.integer("gpus_per_node", 1, 100'000))
        hw.gpusPerNode = int(*v);
    if (auto eff = f.object("efficiency")) {
        for (const engine::KnobSpec &k : engine::efficiencyKnobs())
            if (auto v = eff->number(k.name, k.min, k.max))
                hw.knobs.*k.member = *v;
        eff->finish();
    }
}

} // namespace mfu::io
