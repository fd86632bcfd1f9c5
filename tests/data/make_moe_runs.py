#!/usr/bin/env python3
"""Converts validation/moe_runs.json into the test fixture tests/data/moe_runs.json.

Usage: make_moe_runs.py PATH/TO/validation/moe_runs.json [OUTPUT]

Each published Mixture-of-Experts run (Megatron-LM MoE recipes, Megatron-Bridge performance
summaries, the Megatron-LM DeepSeek-V3 GB200 optimization guide, the Megatron-Core MoE README)
becomes one entry in the format of tests/data/modern_runs.json: a complete
mfu-explorer/scenario@1 document with the model shape written out by hand (routed and shared
experts in `model.moe`, multi-head latent attention in `model.mla`, gpt-oss's sliding window in
`model.sliding_window`), the run's layout with expert parallelism (`parallel.ep`, `etp`),
hardware and precision, Megatron-LM's FLOPs convention (`megatron_core`) that every one of these
sources counts with, and the source's own throughput as `measured`; beside it the figures the
source reported (`reported`), which of them the engine must reproduce (`check`, plus
`also_check`), and the record's own Megatron-LM FLOPs per token (`mcore_flops_per_token`), which
the engine's megatron_core count must match for every run, skipped ones included. Runs whose
figures cannot be checked carry a `skip_reason`. What the row says about the software stack
(dispatcher, EP overlap, forced balance, CUDA graphs, FP8 recipe, the raw pipeline layout string,
routing and feature text) is kept beside the scenario in `stack`, which the scenario reader does
not know.

Only the standard library is used; the output is committed (the build does not run this).
"""

import json
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside the fixtures
from make_published_runs import SCHEMA, load_hardware_presets  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUTPUT = os.path.join(HERE, "moe_runs.json")

# ---------------------------------------------------------------------------------------------
# Source groups (the record has no source_group: named here from the row's id)
# ---------------------------------------------------------------------------------------------

GROUPS = [
    # (prefix of id, key, source_group, framework)
    ("mlm_recipe_", "recipes",
     "Megatron-LM MoE recipes (examples/moe_recipes README, dev @ 9c5258f, 2026-08-11)",
     "megatron-lm-dev"),
    ("mbridge2608_", "bridge",
     "Megatron-Bridge performance summary (26.08 NeMo container)", "megatron-bridge-2026"),
    ("mbridge2509_", "bridge",
     "Megatron-Bridge performance summary (25.09 NeMo container)", "megatron-bridge-2025"),
    ("mlm_guide_", "guide",
     "Megatron-LM DeepSeek-V3 GB200 optimization guide (dev @ eb0783b, 2025-11-03)",
     "megatron-lm-dev"),
    ("mcore_v09_", "readme",
     "Megatron-Core MoE README (v0.9 headline figure)", "megatron-core-0.9"),
]

# Every source counts model FLOPs with Megatron-LM's num_floating_point_operations (Bridge's
# flop_utils mirrors it): causal core attention, top-k routed + shared experts, dense first
# layers, MLA, MTP and logits, no router GEMM. MFU is never printed, so the peak is not used.
CONVENTIONS = {"flops": "megatron_core", "causal": True, "peak": "precision", "params": "all"}

SOFTWARE_PRESET = "megatron-core-2025"

# The GB200 guide's optimization history is cumulative; the row's own title (its source
# location) says when CUDA graphs were on: "CUDA Graphs capture shared expert" extends the graphs
# already captured, and the final HybridEP row keeps every earlier step.
GUIDE_CUDA_GRAPHS = {
    "mlm_guide_dsv3_gb200_deepep_final":
        "the row is 'CUDA Graphs capture shared expert' of the guide's cumulative history",
    "mlm_guide_dsv3_gb200_hybridep_final":
        "the final row of the guide's cumulative history, after its CUDA-graph steps",
}

# Megatron-Bridge's DeepSeek-V3 recipe sets pipeline_model_parallel_layout from a map keyed by
# (pp, vpp) (with last_layer = ["mtp"] * mtp_layers + ["loss"]); the 26.08 rows do not print
# the layout. Only the entries read in the recipe are used.
BRIDGE_DSV3_LAYOUTS = {
    (4, 4): "Et*4|(tttt|)*14tmL",
}

# ---------------------------------------------------------------------------------------------
# Hardware
# ---------------------------------------------------------------------------------------------


def hardware_preset_id(accelerator):
    """Preset id for the record's hardware.accelerator."""
    a = accelerator.lower()
    if "gb300" in a:
        return "gb300"
    if "gb200" in a:
        return "gb200"
    if "b300" in a:
        return "b300"
    if "b200" in a:
        return "b200"
    if "h800" in a:
        return "h800"
    if "h200" in a:
        return "h200"
    if "h100" in a:
        if "pcie" in a:
            return "h100-pcie"
        return "h100-sxm"
    raise ValueError("no hardware preset for accelerator %r" % accelerator)


# ---------------------------------------------------------------------------------------------
# Model shape
# ---------------------------------------------------------------------------------------------


def moe_layer_split(run):
    """(dense layers, MoE layers) from the record's moe_layer_pattern, checked against it."""
    m = run["model"]
    moe = m["moe"]
    layers = m["num_layers"]
    dense = moe["dense_layers"] or 0
    pattern = moe["moe_layer_pattern"] or ""
    p = re.fullmatch(r"\[0\]\*(\d+)\+\[1\]\*(\d+)", pattern.replace(" ", ""))
    if p:
        if (int(p.group(1)), int(p.group(2))) != (dense, layers - dense):
            raise ValueError("%s: moe_layer_pattern %r against dense_layers %d of %d"
                             % (run["id"], pattern, dense, layers))
    elif pattern.startswith("all"):
        n = re.search(r"\d+", pattern)
        if dense != 0 or (n and int(n.group(0)) != layers):
            raise ValueError("%s: moe_layer_pattern %r against dense_layers %d of %d"
                             % (run["id"], pattern, dense, layers))
    else:
        raise ValueError("%s: unknown moe_layer_pattern %r" % (run["id"], pattern))
    return dense, layers - dense


def sliding_window_of(run):
    """model.sliding_window from the record's text ('128 tokens on every other layer ...')."""
    text = run["model"].get("sliding_window")
    if not text:
        return None
    w = re.match(r"(\d+) tokens on every (other|\d+(?:st|nd|rd|th)) layer", text)
    if w is None:
        raise ValueError("%s: unknown sliding_window %r" % (run["id"], text))
    every = w.group(2)
    interval = 2 if every == "other" else int(re.match(r"\d+", every).group(0))
    return {"tokens": int(w.group(1)), "full_attention_interval": interval}


def model_shape(run, notes):
    m = run["model"]
    name = m["name"].lower()
    moe_in = m["moe"]
    ffn_type = (m["ffn_type"] or "").lower()
    gated = ffn_type.startswith("swiglu") or ffn_type.startswith("gated")
    if not gated:
        raise ValueError("%s: ungated MLP %r" % (run["id"], m["ffn_type"]))
    if m["tied_embeddings"]:
        raise ValueError("%s: tied embeddings on %r" % (run["id"], m["name"]))
    dense, _ = moe_layer_split(run)

    heads = m["num_heads"]
    mla = None
    if m["attention"] == "mla":
        a = m["mla"]
        mla = {
            "q_lora_rank": a["q_lora_rank"],
            "kv_lora_rank": a["kv_lora_rank"],
            "qk_nope_head_dim": a["qk_nope_head_dim"],
            "qk_rope_head_dim": a["qk_rope_head_dim"],
            "v_head_dim": a["v_head_dim"],
        }
        kv_heads = heads
        head_dim = a["qk_nope_head_dim"] + a["qk_rope_head_dim"]
        if m["num_kv_heads"] not in (None, heads) or m["head_dim"] not in (None, head_dim):
            raise ValueError("%s: MLA with kv_heads %r, head_dim %r"
                             % (run["id"], m["num_kv_heads"], m["head_dim"]))
        notes.append("MLA: kv_heads = heads (%d) and head_dim = qk_nope_head_dim + "
                     "qk_rope_head_dim = %d (the record leaves both null)" % (heads, head_dim))
    else:
        kv_heads, head_dim = m["num_kv_heads"], m["head_dim"]
        if kv_heads is None or head_dim is None:
            # Every GQA row of the record states both (Qwen3: 4 groups / kv_channels 128;
            # gpt-oss: 8 / 64; Mixtral: 8 / 128); a new row without them must be filled here
            # from MOE.md or its config_source.
            raise ValueError("%s: GQA row without num_kv_heads/head_dim" % run["id"])
        if "qwen3" in name and head_dim != 128:
            raise ValueError("%s: Qwen3 head_dim %r, expected 128" % (run["id"], head_dim))

    bias = False
    if "gpt-oss" in name:
        # Attention QKV/output and expert biases (HF config attention_bias, expert bias).
        bias = True
        notes.append("gpt-oss: biases on (attention and expert biases); attention sinks and the "
                     "clamped GLU are not modelled (the GLU counts as a gated MLP, as Bridge "
                     "does from 26.06 on)")

    ffn = moe_in["dense_ffn_hidden"]
    if dense:
        if ffn is None:
            raise ValueError("%s: %d dense layers without a width" % (run["id"], dense))
    else:
        ffn = moe_in["moe_ffn_hidden"]
        notes.append("no dense layers: model.ffn_hidden set to the routed expert width %d "
                     "(unused)" % ffn)

    moe = {
        "experts": moe_in["num_experts"],
        "top_k": moe_in["top_k"],
        "expert_ffn_hidden": moe_in["moe_ffn_hidden"],
        "shared_experts": moe_in["shared_experts"] or 0,
        "shared_expert_ffn_hidden": moe_in["shared_expert_ffn_total"] or 0,
        "dense_layers": dense,
        "mtp_layers": moe_in["mtp_layers"] or 0,
    }
    if (moe["shared_experts"] == 0) != (moe["shared_expert_ffn_hidden"] == 0):
        raise ValueError("%s: shared experts %r of width %r" % (run["id"], moe["shared_experts"],
                                                                 moe["shared_expert_ffn_hidden"]))
    if moe["top_k"] > moe["experts"]:
        raise ValueError("%s: top_k %d of %d experts" % (run["id"], moe["top_k"], moe["experts"]))

    model = {
        "family": "llama",
        "layers": m["num_layers"],
        "hidden": m["hidden_size"],
        "heads": heads,
        "kv_heads": kv_heads,
        "head_dim": head_dim,
        "ffn_hidden": ffn,
        "vocab": m["vocab_size"],
        "gated_mlp": gated,
        "tied_embeddings": False,
        "bias": bias,
        "norm": "rmsnorm",
        "max_positions": 0,
        "dropout": False,
        "moe": moe,
    }
    if mla is not None:
        model["mla"] = mla
    window = sliding_window_of(run)
    if window is not None:
        model["sliding_window"] = window
    return model


def capacity_factor_of(run, notes):
    """model.moe.capacity_factor: None (dropless) unless the row is a token-drop run."""
    routing = (run["routing"] or "").lower()
    if "token-drop" not in routing and "token drop" not in routing:
        return None
    m = re.search(r"capacity factor (\d+(?:\.\d+)?)", routing)
    if m:
        return float(m.group(1))
    # Megatron-Bridge's token-drop runs go through apply_moe_token_drop, whose defaults are
    # moe_expert_capacity_factor 1.0 with moe_pad_expert_input_to_capacity.
    notes.append("token-drop run with its capacity factor not stated: 1.0, the default of "
                 "Megatron-Bridge's apply_moe_token_drop (experts padded to capacity)")
    return 1.0


# ---------------------------------------------------------------------------------------------
# Pipeline layout
# ---------------------------------------------------------------------------------------------


def parse_pp_layout(layout):
    """Megatron's pipeline_model_parallel_layout string as a list of virtual stages, each the
    string of its E (embedding), t (transformer layer), m (MTP) and L (loss) entries."""
    s = layout.replace(",", "").replace(" ", "")
    group = re.compile(r"\(([^()]*)\)\*(\d+)")
    while group.search(s):
        s = group.sub(lambda g: g.group(1) * int(g.group(2)), s)
    s = re.sub(r"([EtmL])\*(\d+)", lambda g: g.group(1) * int(g.group(2)), s)
    if not re.fullmatch(r"[EtmL|]*", s):
        raise ValueError("unknown pipeline layout %r" % layout)
    return s.split("|")


def stage_layers_of(run, layout, pp, vpp, mtp):
    """Transformer layers per pipeline rank for the layout: virtual stage i runs on rank
    i % pp (Megatron's interleaved order)."""
    stages = parse_pp_layout(layout)
    if len(stages) != pp * vpp:
        raise ValueError("%s: layout %r has %d stages for pp %d x vpp %d"
                         % (run["id"], layout, len(stages), pp, vpp))
    if sum(st.count("t") for st in stages) != run["model"]["num_layers"]:
        raise ValueError("%s: layout %r places %d layers of %d"
                         % (run["id"], layout, sum(st.count("t") for st in stages),
                            run["model"]["num_layers"]))
    if sum(st.count("m") for st in stages) != mtp:
        raise ValueError("%s: layout %r has %d MTP entries, model %d"
                         % (run["id"], layout, sum(st.count("m") for st in stages), mtp))
    if not stages[0].startswith("E") or not stages[-1].endswith("L"):
        raise ValueError("%s: layout %r does not start with E and end with L"
                         % (run["id"], layout))
    counts = [0] * pp
    for i, st in enumerate(stages):
        counts[i % pp] += st.count("t")
    return counts


def end_stages(parallel, counts, notes):
    """parallel.first/last_stage_layers where the per-rank counts are two ends and an even
    middle (what the scenario can say exactly); None otherwise."""
    middle = counts[1:-1]
    if middle and len(set(middle)) != 1:
        notes.append("pipeline layout's middle stages hold %s layers: not expressible with "
                     "first/last_stage_layers, so the even split is used" % middle)
        return None
    if middle and middle[0] < parallel["vpp"]:
        notes.append("pipeline layout leaves the middle stages fewer layers than vpp chunks: "
                     "not expressible, so the even split is used")
        return None
    return counts[0], counts[-1]


# ---------------------------------------------------------------------------------------------
# Layout
# ---------------------------------------------------------------------------------------------


def layout(run, model, notes):
    """(batch, parallel, pp_layout text, pp_layout source, per-rank layer counts)."""
    p = run["parallelism"]
    b = run["batch"]
    n = run["hardware"]["num_gpus"] or run["hardware"]["num_devices"]
    seq = run["model"]["seq_len"]
    layers = model["layers"]
    tp, pp, cp, ep = p["tp"], p["pp"], p["cp"], p["ep"]
    if None in (tp, pp, cp, ep, n):
        raise ValueError("%s: layout not stated" % run["id"])
    if n % (tp * pp * cp):
        raise ValueError("%s: tp*pp*cp = %d does not divide %d GPUs" % (run["id"], tp * pp * cp, n))
    dp = n // (tp * pp * cp)
    if p["dp"] is not None and p["dp"] != dp:
        raise ValueError("%s: dp %d, GPUs/(tp*pp*cp) = %d" % (run["id"], p["dp"], dp))

    etp = p["etp"]
    if etp is None:
        if n % (ep * tp * pp) == 0:
            etp = tp
            notes.append("etp not stated: %d (= tp, Megatron's default expert_tensor_parallel_"
                         "size)" % tp)
        else:
            etp = 1
            notes.append("etp not stated: 1, since Megatron's default etp = tp = %d would need "
                         "ep*etp*pp = %d GPUs of the %d (EDP %d/%d is not whole)"
                         % (tp, ep * tp * pp, n, n, ep * tp * pp))
    if n % (etp * ep * pp):
        raise ValueError("%s: etp*ep*pp = %d does not divide %d GPUs"
                         % (run["id"], etp * ep * pp, n))
    edp = n // (etp * ep * pp)
    if p["edp"] is not None and p["edp"] != edp:
        raise ValueError("%s: edp %d, GPUs/(etp*ep*pp) = %d" % (run["id"], p["edp"], edp))
    if model["moe"]["experts"] % ep:
        raise ValueError("%s: ep %d does not divide %d experts"
                         % (run["id"], ep, model["moe"]["experts"]))

    vpp = p["vpp"]
    if vpp is None and pp > 1:
        # "num_layers_per_virtual_pipeline_stage=3 ... left null": with the embedding and the
        # loss counted as a layer each (the recipe's account_for_*_in_pipeline_split, which an
        # uneven L/pp needs), (L + 2) / (pp * that) virtual stages per rank.
        text = " ".join(run["notes"] or [])
        m = re.search(r"num_layers_per_virtual_pipeline_stage=(\d+)", text)
        if m:
            per = int(m.group(1))
            slots = layers + 2 if layers % pp else layers
            if slots % (pp * per) == 0:
                vpp = slots // (pp * per)
                notes.append("vpp %d derived: num_layers_per_virtual_pipeline_stage=%d with the "
                             "embedding and the loss counted as layers (account_for_embedding/"
                             "loss_in_pipeline_split, set by the recipe; %d layers do not split "
                             "over pp %d otherwise): %d / (%d x %d) = %d; the record leaves "
                             "vpp null" % (vpp, per, layers, pp, slots, pp, per, vpp))
    vpp = vpp or 1

    gb = b["global_batch_seqs"]
    mb = b["micro_batch_size"]
    if gb is None:
        raise ValueError("%s: global batch not stated" % run["id"])
    if b["global_batch_tokens"] is not None and b["global_batch_tokens"] != gb * seq:
        raise ValueError("%s: global batch %d x %d != %d tokens"
                         % (run["id"], gb, seq, b["global_batch_tokens"]))
    if gb % dp:
        raise ValueError("%s: dp %d does not divide global batch %d" % (run["id"], dp, gb))
    if mb is None:
        mb = 1
        notes.append("micro-batch not stated: 1 assumed (does not change FLOPs)")
    elif (gb // dp) % mb:
        raise ValueError("%s: micro-batch %d does not divide global_batch/dp = %d"
                         % (run["id"], mb, gb // dp))

    sp = bool(p["sequence_parallel"]) and tp > 1
    if p["sequence_parallel"] and tp == 1:
        notes.append("sequence_parallel written false: the row's true does nothing at tp 1")
    if p["sequence_parallel"] is None and tp > 1:
        sp = True
        notes.append("sequence parallelism not stated: on (Megatron MoE runs TP with sequence "
                     "parallelism)")

    parallel = {
        "tp": tp,
        "pp": pp,
        "dp": dp,
        "cp": cp,
        "vpp": vpp,
        "sequence_parallel": sp,
        "zero": 1,
        "ep": ep,
        "etp": etp,
    }
    features = (run["features"] or "").lower()
    if "distributed optimizer" not in features:
        notes.append("ZeRO not stated: 1 (Megatron's distributed optimizer, "
                     "use_distributed_optimizer in every MoE recipe)")
    batch = {"global_batch": gb, "seq_len": seq, "micro_batch": mb}

    pp_layout, pp_layout_source = p.get("pp_layout"), None
    if pp_layout:
        pp_layout_source = "record"
    elif (pp > 1 and "deepseek-v3" in run["model"]["name"].lower()
          and (pp, vpp) in BRIDGE_DSV3_LAYOUTS and run["id"].startswith("mbridge")):
        pp_layout = BRIDGE_DSV3_LAYOUTS[(pp, vpp)]
        pp_layout_source = ("Megatron-Bridge DeepSeek-V3 recipe layout_map[(%d, %d)] (not "
                            "printed by the table)" % (pp, vpp))
        notes.append("pipeline layout not printed: %s from Megatron-Bridge's DeepSeek-V3 "
                     "recipe layout_map for pp %d, vpp %d" % (pp_layout, pp, vpp))

    counts = None
    if pp_layout and pp > 1:
        counts = stage_layers_of(run, pp_layout, pp, vpp, model["moe"]["mtp_layers"])
        ends = end_stages(parallel, counts, notes)
        if ends is not None:
            parallel["first_stage_layers"], parallel["last_stage_layers"] = ends
            notes.append("pipeline layout %s over pp %d x vpp %d: %s transformer layers per "
                         "rank, written as first_stage_layers %d and last_stage_layers %d (the "
                         "embedding is on the first stage, %sthe loss on the last)"
                         % (pp_layout, pp, vpp, counts, ends[0], ends[1],
                            "the MTP module and " if model["moe"]["mtp_layers"] else ""))
    return batch, parallel, pp_layout, pp_layout_source, counts


def recompute_mode(run, notes):
    r = run["recompute"]
    if r is None:
        notes.append("recompute not stated: none assumed (model FLOPs do not depend on it)")
        return "none"
    t = r.lower()
    if t.startswith("none"):
        return "none"
    if t.startswith("full"):
        return "full"
    if t.startswith("selective"):
        modules = t.split(":", 1)[1].strip() if ":" in t else ""
        if modules:
            notes.append("recompute '%s': MoE partial recompute of modules, written as "
                         "selective" % r)
        return "selective"
    raise ValueError("%s: unknown recompute %r" % (run["id"], r))


def precision_of(run):
    p = (run["precision"] or "").lower()
    for name in ("mxfp8", "nvfp4", "fp8", "bf16"):
        if p.startswith(name):
            return name
    raise ValueError("%s: unknown precision %r" % (run["id"], run["precision"]))


# ---------------------------------------------------------------------------------------------
# Software stack
# ---------------------------------------------------------------------------------------------


def fp8_recipe_of(run, precision, notes):
    if precision != "fp8":
        return None
    text = (run["precision"] or "").lower()
    for key, name in (("blockwise", "blockwise"), ("current scaling", "tensorwise"),
                      ("tensorwise", "tensorwise"), ("delayed", "delayed"),
                      ("rowwise", "rowwise")):
        if key in text:
            if name == "blockwise" and "default granularity" in text:
                break  # the blockwise figure is the parenthesised variant, not this row
            return name
    # Megatron-Bridge (and NeMo from 25.04) run FP8 with per-tensor current scaling.
    notes.append("FP8 recipe %s: per-tensor current scaling (tensorwise), Megatron-Bridge's "
                 "default" % ("'default granularity'" if "default" in text else "not stated"))
    return "tensorwise"


def stack_of(run, group, framework, parallel, precision, pp_layout, pp_layout_source, counts,
             notes):
    features = run["features"] or ""
    routing = run["routing"] or ""
    f = features.lower()
    r = routing.lower()
    row_notes = " ".join(run["notes"] or [])
    # The one row whose features are in its notes (the HEAD recipe it took recompute from).
    head_recipe = re.search(r"that recipe also enables ([^.]*)", row_notes)
    recipe_text = head_recipe.group(1).lower() if head_recipe else ""
    text = f + " " + recipe_text
    location = (run["source"].get("location") or "").lower()

    dispatcher, backend = None, None
    if "hybridep" in text:
        dispatcher, backend = "flex", "hybridep"
    elif "deepep" in text or "flex dispatcher" in text:
        dispatcher, backend = "flex", "deepep"
    elif "all-to-all" in text or "alltoall" in text or "alltoall dispatcher" in location:
        dispatcher = "alltoall"
    elif "token-drop" in r:
        # apply_moe_token_drop asserts the alltoall dispatcher.
        dispatcher = "alltoall"
        notes.append("dispatcher not stated: alltoall (token drop with padding runs on the "
                     "alltoall dispatcher only)")

    a2a_overlap = None
    if ("a2a overlap" in text or "ep overlap" in text
            or "overlap_moe_expert_parallel_comm" in text):
        a2a_overlap = True
    elif features:
        a2a_overlap = False

    force_balance = None
    if "force-balanced" in r or "force_load_balancing" in r or "force-load-balancing" in r:
        force_balance = True
    elif "token-drop" in r or "dropless" in r:
        force_balance = False

    cuda_graphs, graphs_text = None, None
    m = re.search(r"((?:partial|full-iteration|te)?\s*cuda graphs?(?: \([^)]*\))?)", text)
    if m:
        cuda_graphs, graphs_text = True, m.group(1).strip()
    elif run["id"] in GUIDE_CUDA_GRAPHS:
        cuda_graphs, graphs_text = True, GUIDE_CUDA_GRAPHS[run["id"]]
    if head_recipe and (dispatcher or a2a_overlap or cuda_graphs):
        notes.append("dispatcher, EP overlap and CUDA graphs from the HEAD perf recipe named in "
                     "the record's notes (%s), assumed to be the benchmarked config"
                     % head_recipe.group(1))
    elif run["id"] in GUIDE_CUDA_GRAPHS:
        notes.append("CUDA graphs on: %s" % GUIDE_CUDA_GRAPHS[run["id"]])

    tp_overlap = None
    if parallel["tp"] == 1:
        tp_overlap = False
    elif group == "bridge":
        # "TP comm overlap via userbuffers when TP>1 on H100/B200" (Bridge performance summary).
        tp_overlap = True
        notes.append("TP comm overlap not stated: on (Megatron-Bridge: userbuffers when TP > 1 "
                     "on H100/B200)")
    elif "tp overlap" in f or "tp_comm_overlap" in f:
        tp_overlap = True
    else:
        tp_overlap = False
        notes.append("TP comm overlap not among the recipe's features: off (Megatron-LM's "
                     "default)")

    offload = None
    parts = re.split(r"[;,]", features + ";" + (run["recompute"] or ""))
    offloaded = [x.strip() for x in parts if "offload" in x.lower()]
    if offloaded:
        offload = "; ".join(offloaded)
        notes.append("offloading (%s) is not modelled" % offload)

    asym = None
    if parallel["pp"] == 1:
        asym = False
    elif "first_stage_layers" in parallel:
        asym = True
    elif run["model"]["num_layers"] % (parallel["pp"] * parallel["vpp"]):
        asym = True

    return {
        "framework": framework,
        "container": run["framework"],
        "precision": run["precision"],
        "fp8_recipe": fp8_recipe_of(run, precision, notes),
        "moe_token_dispatcher": dispatcher,
        "moe_flex_backend": backend,
        "moe_a2a_overlap": a2a_overlap,
        "moe_force_balance": force_balance,
        "tp_comm_overlap": tp_overlap,
        "cuda_graphs": cuda_graphs,
        "cuda_graphs_scope": graphs_text,
        "paged_stash": "paged stash" in text,
        "offload": offload,
        "recompute": run["recompute"],
        "asymmetric_pp_split": asym,
        "pp_layout": pp_layout,
        "pp_layout_source": pp_layout_source,
        "pp_stage_layers": counts,
        "routing": run["routing"],
        "features": run["features"],
    }


def software_of(stack, precision, parallel, model, notes):
    """The scenario's software block: the Megatron-Core 2025 preset and what the row states."""
    software = {"preset": SOFTWARE_PRESET}
    if precision == "fp8" and stack["fp8_recipe"] is not None:
        software["fp8_recipe"] = stack["fp8_recipe"]
    if stack["tp_comm_overlap"] is False and parallel["tp"] > 1:
        software["tp_comm_overlap"] = "none"
    elif stack["tp_comm_overlap"] is True:
        software["tp_comm_overlap"] = "pipelined"
    if stack["asymmetric_pp_split"] and "first_stage_layers" not in parallel:
        layers, pp, vpp = model["layers"], parallel["pp"], parallel["vpp"]
        if (layers + 2) % (pp * vpp) == 0:
            # 94 Qwen3-235B layers: the recipes set account_for_embedding/loss_in_pipeline_split,
            # which makes L + 2 slots split evenly.
            software["embedding_in_pipeline_split"] = True
            notes.append("%d layers over pp %d x vpp %d: the embedding and the loss count as a "
                         "layer each (account_for_embedding/loss_in_pipeline_split, as the "
                         "Megatron-LM and Megatron-Bridge Qwen3-235B recipes set), %d per chunk"
                         % (layers, pp, vpp, (layers + 2) // (pp * vpp)))
        else:
            notes.append("%d layers over pp %d x vpp %d and no pipeline layout stated: the "
                         "engine's even split is used" % (layers, pp, vpp))
    if stack["cuda_graphs"] is not None:
        software["cuda_graphs"] = stack["cuda_graphs"]
    for key in ("moe_token_dispatcher", "moe_a2a_overlap", "moe_force_balance"):
        if stack[key] is not None:
            software[key] = stack[key]
    missing = [k for k in ("moe_token_dispatcher", "moe_a2a_overlap", "moe_force_balance")
               if stack[k] is None]
    if missing:
        notes.append("not stated by the row, left to the preset: %s" % ", ".join(missing))
    return software


# ---------------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------------


def memory_gib_of(run, notes):
    """A memory figure per GPU stated anywhere in the row's text (not the GPU's capacity)."""
    texts = list(run["notes"] or []) + [run["features"] or "", run["recompute"] or "",
                                        json.dumps(run["reported"])]
    for t in texts:
        m = re.search(r"(\d+(?:\.\d+)?)\s*(GiB|GB)\b", t)
        if m:
            value = float(m.group(1))
            if m.group(2) == "GB":
                notes.append("memory %s GB as reported, written in GiB" % m.group(1))
                value = round(value * 1e9 / 2 ** 30, 2)
            return value
    return None


def reported_figures(run, notes):
    rep = run["reported"]
    kind = rep.get("tflops_kind")
    if rep.get("tflops_per_gpu") is not None and kind is None:
        notes.append("TFLOP/s kind not stated: model TFLOP/s (Megatron logs model FLOPs)")
    elif kind is not None and not kind.lower().startswith("model"):
        raise ValueError("%s: TFLOP/s kind %r" % (run["id"], kind))
    return {
        "mfu": None,
        "hfu": None,
        "tflops_per_gpu": rep.get("tflops_per_gpu"),
        "tflops_kind": "model" if rep.get("tflops_per_gpu") is not None else None,
        "tokens_per_s_per_gpu": rep.get("tokens_per_sec_per_gpu"),
        "params_total": None,
        "memory_gib": memory_gib_of(run, notes),
    }


def measured_figure(run):
    """The source's own throughput: tokens/s per GPU, else model TFLOP/s."""
    rep = run["reported"]
    if rep.get("tokens_per_sec_per_gpu") is not None:
        return {"tokens_per_s_per_gpu": rep["tokens_per_sec_per_gpu"]}
    if rep.get("tflops_per_gpu") is not None:
        return {"tflops_per_gpu": rep["tflops_per_gpu"], "tflops_kind": "model"}
    raise ValueError("%s: no measured figure" % run["id"])


def choose_check(measured, reported):
    """(check, also_check, skip_reason)."""
    if "tflops_per_gpu" not in measured and reported["tflops_per_gpu"] is not None:
        return "tflops", [], None
    return "none", [], ("the source reports model TFLOP/s only, the measured figure: no second "
                        "figure to check (the FLOPs count is checked against "
                        "mcore_flops_per_token)")


# ---------------------------------------------------------------------------------------------
# Runs without a stated layout
# ---------------------------------------------------------------------------------------------


def placeholder(run, model, notes):
    """Batch, parallel and hardware for a row that states none: a valid scenario for the FLOPs
    check only (one EP group of 8 H100s, one sequence per replica)."""
    seq = run["model"]["seq_len"]
    ep = min(8, model["moe"]["experts"])
    batch = {"global_batch": ep, "seq_len": seq, "micro_batch": 1}
    parallel = {"tp": 1, "pp": 1, "dp": ep, "cp": 1, "vpp": 1, "sequence_parallel": False,
                "zero": 1, "ep": ep, "etp": 1}
    notes.append("layout not stated by the source: placeholder of %d GPUs (tp 1, pp 1, ep %d, "
                 "dp %d, one sequence of %d per replica) so that the scenario is valid for the "
                 "FLOPs check; hardware h100-sxm as the record's notes imply"
                 % (ep, ep, ep, seq))
    return batch, parallel


# ---------------------------------------------------------------------------------------------


def group_of(run):
    for prefix, key, name, framework in GROUPS:
        if run["id"].startswith(prefix):
            return key, name, framework
    raise ValueError("%s: unknown source" % run["id"])


def convert(run, presets):
    group, source_group, framework = group_of(run)
    notes = []
    model = model_shape(run, notes)
    cf = capacity_factor_of(run, notes)
    if cf is not None:
        model["moe"]["capacity_factor"] = cf
    derived = run["derived"]
    mcore = derived["mcore_flops_per_token"]

    complete = bool(run["layout_complete"]) and run["hardware"]["accelerator"] is not None \
        and run["batch"]["global_batch_seqs"] is not None
    if complete:
        batch, parallel, pp_layout, pp_source, counts = layout(run, model, notes)
        preset_id = hardware_preset_id(run["hardware"]["accelerator"])
    else:
        batch, parallel = placeholder(run, model, notes)
        pp_layout, pp_source, counts = None, None, None
        preset_id = "h100-sxm"
    if preset_id not in presets:
        notes.append("hardware preset %r does not exist yet" % preset_id)
    recompute = recompute_mode(run, notes)
    precision = precision_of(run)

    stack = stack_of(run, group, framework, parallel, precision, pp_layout, pp_source, counts,
                     notes)
    software = software_of(stack, precision, parallel, model, notes)
    reported = reported_figures(run, notes)
    measured = measured_figure(run)
    check, also, skip = choose_check(measured, reported)

    name = run["model"]["name"].lower()
    mtp = model["moe"]["mtp_layers"]
    if any("MTP=0 assumed" in n for n in run["notes"] or []) and pp_layout \
            and "m" not in pp_layout:
        notes.append("mtp_layers 0 as the record infers it; the pipeline layout %s has no MTP "
                     "stage ('m'), which agrees" % pp_layout)
    if "sliding_window" in model:
        w = model["sliding_window"]
        notes.append("mcore_flops_per_token counts the core attention of the %d windowed "
                     "layers with the exact causal window context W - W(W-1)/(2s), W = %d "
                     "(Megatron-Bridge flop_utils from PR #3947, the 26.06+ tables); with full "
                     "causal attention on every layer it would be 5.2%% higher"
                     % (model["layers"] // w["full_attention_interval"], w["tokens"]))
    if "deepseek-v3" in name and mtp and complete:
        notes.append("mtp_layers %d: the MTP module is counted as an extra MoE layer and an "
                     "extra logits pass" % mtp)

    if not complete:
        skip = ("layout, batch and GPU type not stated by the source (layout_complete false): "
                "the scenario is a placeholder for the FLOPs check")
        check, also = "none", []
        if "non-causal" in (run["flops_convention"] or "").lower():
            notes.append("the source's TFLOP/s were counted with the Megatron formula of its "
                         "time (non-causal core attention: about 4-5% more FLOPs per token "
                         "than the causal megatron_core count that the scenario and "
                         "mcore_flops_per_token use)")

    notes.append("model shape from %s" % run["model"]["config_source"])
    notes.append("params as published: %s" % run["model"]["params_reported"])
    notes.extend(run["notes"] or [])

    scenario = {
        "schema": SCHEMA,
        "name": "%s (%s)" % (run["model"]["name"], run["id"]),
        "model": model,
        "batch": batch,
        "parallel": parallel,
        "recompute": recompute,
        "precision": precision,
        "hardware": {"preset": preset_id},
        "software": software,
        "conventions": dict(CONVENTIONS),
        "measured": measured,
    }
    return {
        "id": run["id"],
        "source_group": source_group,
        "source": run["source"],
        "flops_formula": run["flops_convention"],
        "scenario": scenario,
        "stack": stack,
        "reported": reported,
        "mcore_flops_per_token": mcore,
        "check": check,
        "also_check": also,
        "skip_reason": skip,
        "notes": "; ".join(notes) if notes else None,
    }


def main(argv):
    if len(argv) not in (2, 3):
        sys.stderr.write("usage: %s validation/moe_runs.json [OUTPUT]\n" % argv[0])
        return 2
    with open(argv[1], encoding="utf-8") as f:
        runs = json.load(f)["runs"]
    output = argv[2] if len(argv) == 3 else DEFAULT_OUTPUT
    presets = load_hardware_presets()

    entries = [convert(run, presets) for run in runs]

    text = json.dumps(entries, indent=1, ensure_ascii=False) + "\n"
    with open(output, "w", encoding="utf-8") as f:
        f.write(text)

    checked = sum(1 for e in entries if e["skip_reason"] is None)
    sys.stderr.write("%d runs written to %s (%d checked, %d skipped)\n"
                     % (len(entries), output, checked, len(entries) - checked))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
