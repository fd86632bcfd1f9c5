#!/usr/bin/env python3
"""Converts validation/modern_runs.json into the test fixture tests/data/modern_runs.json.

Usage: make_modern_runs.py PATH/TO/validation/modern_runs.json [OUTPUT]

Each run of 2024-2026 (DGX Cloud benchmarking recipes, Megatron-Bridge and NeMo performance
summaries, NeMo long-sequence tables, MLPerf Training logs) becomes one entry in the format of
tests/data/published_runs.json: a complete mfu-explorer/scenario@1 document with the model
shape written out by hand, the run's layout, hardware and precision, the FLOPs conventions its
source used, and the source's own throughput as `measured`; beside it the figures the source
reported (`reported`) and which of them the engine must reproduce (`check`, plus
`also_check`). Runs whose figures cannot be checked carry a `skip_reason`. What the run's recipe
says about the software stack (FP8 recipe, TP overlap, CUDA graphs, attention kernel, FSDP,
offloading, pipeline layout) is kept beside the scenario in `stack`, which the scenario reader
does not know.

Only the standard library is used; the output is committed (the build does not run this).
"""

import json
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside the fixtures
from make_published_runs import SCHEMA, load_hardware_presets, pct  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUTPUT = os.path.join(HERE, "modern_runs.json")
# Duplicates are left out only when the runs they duplicate are in this fixture.
PUBLISHED_FIXTURE = os.path.join(HERE, "published_runs.json")

# ---------------------------------------------------------------------------------------------
# Source groups: the FLOPs convention each source used (read from its `flops_convention`).
# ---------------------------------------------------------------------------------------------

GROUPS = [
    # (prefix of source_group, key)
    ("NVIDIA DGX Cloud Benchmarking recipes", "dgxc"),
    ("Megatron-Bridge performance summary", "bridge"),
    ("NeMo Framework performance summary", "nemodoc"),
    ("NeMo long-sequence performance doc", "longseq"),
    ("MLPerf Training", "mlperf"),
]

CONVENTIONS = {
    # DGXC README notes: s·(12·L·h²·(1 + g/n + s/h) + 18·L·F·h + 6·V·h) per sequence, the exact
    # GEMM count with full s² attention; MFU against 989 (BF16) or 1979 (FP8) on H100. Rows
    # whose README gives the GPT form s·(72·L·h² + 12·L·h·s + 6·V·h) (Nemotron-4, GPT-3) use
    # `megatron` instead (see flops_convention_of).
    "dgxc": {"flops": "exact", "causal": False, "peak": "precision", "params": "all"},
    # Megatron-Bridge flop_utils.py (25.09 on): exact count, causal attention halved.
    "bridge": {"flops": "exact", "causal": True, "peak": "precision", "params": "all"},
    # NeMo 2.0 flops_formulas.py before the 2025-08-09 causal fix: full s² attention.
    "nemodoc": {"flops": "exact", "causal": False, "peak": "precision", "params": "all"},
    # Not stated by the doc; the NeMo formulas of the time counted full s² attention.
    "longseq": {"flops": "exact", "causal": False, "peak": "precision", "params": "all"},
    # MLPerf reports time to train only: no FLOPs convention (nothing is checked).
    "mlperf": {"flops": "exact", "causal": False, "peak": "precision", "params": "all"},
}

# The peaks a source divides by, where they differ from the preset's datasheet figure:
# (group, hardware preset, precision) -> TFLOP/s. DGXC: "peak = 989 (BF16) or 1979 (FP8) on H100".
GROUP_PEAK = {
    ("dgxc", "h100-sxm", "bf16"): 989,
    ("dgxc", "h100-sxm", "fp8"): 1979,
}

# DGXC releases whose MFU column follows the GPT form of their README (MHA, F = 4h); later
# releases print the same note but their MFU follows the exact GQA-aware count.
GPT_FORM_GROUPS = {"NVIDIA DGX Cloud Benchmarking recipes v24.11.1"}

# Runs whose printed figures imply another model than the record's (checked against the
# source's own numbers); the record's shape is kept for the time model, the figure not checked.
KV_HEADS_IMPLIED = {
    # (source group, model name): reason
    ("NVIDIA DGX Cloud Benchmarking recipes v25.04.02", "Llama 3.1 405B"):
        "the MFU implies 16 KV heads (about 2649 GFLOP/token against 2625 for the model's 8; "
        "e.g. 1024 GPUs: 206.5 tokens/s/GPU gives 54.8%, reported 55.31%), as the DGXC "
        "NeMo-1.0 recipe's num_query_groups 16; the record keeps 8",
    ("NeMo Framework performance summary (docs.nvidia.com, NeMo 25.02)", "Llama 3.1 405B"):
        "the TFLOP/s imply 16 KV heads (1658 TFLOP/s at 625 tokens/s/GPU is 2653 GFLOP/token "
        "against 2625 for the model's 8: 1.0% over), as the DGXC NeMo-1.0 recipe's "
        "num_query_groups 16; the record keeps 8",
}

# Megatron-family frameworks: the distributed optimizer is the default of every performance
# recipe, and tensor parallelism runs with sequence parallelism (TP comm overlap requires it).
MEGATRON_GROUPS = {"dgxc", "bridge", "nemodoc", "longseq", "mlperf"}

# ---------------------------------------------------------------------------------------------
# Hardware
# ---------------------------------------------------------------------------------------------


def hardware_preset_id(gpu_type):
    """Preset id for the record's gpu.type (the preset may not exist yet)."""
    g = gpu_type.lower()
    if "mi355x" in g:
        return "mi355x"
    if "mi350x" in g:
        return "mi350x"
    if "gb300" in g:
        return "gb300"
    if "b300" in g:
        return "b300"
    if "gb200" in g:
        return "gb200"
    if "b200" in g:
        return "b200"
    if "h200" in g:
        return "h200"
    if "h100" in g:
        if "pcie" in g:
            return "h100-pcie"
        return "h100-sxm"
    raise ValueError("no hardware preset for GPU %r" % gpu_type)


def power_limited(gpu_type):
    g = gpu_type.lower()
    return "500w" in g or "500 w" in g or "hbm2e" in g or "lower tdp" in g


# ---------------------------------------------------------------------------------------------
# Model shape
# ---------------------------------------------------------------------------------------------


def model_shape(run, group, notes):
    m = run["model"]
    act = (m["activation"] or "").lower()
    name = m["name"].lower()
    gated = bool(m["gated_mlp"])
    vocab = m["vocab"]

    if act == "swiglu":
        # Llama: RoPE, RMSNorm, no biases, untied embeddings.
        family, tied, bias, norm, max_pos, dropout = "llama", False, False, "rmsnorm", 0, False
    elif act == "squared_relu":
        # Nemotron-4: squared-ReLU plain MLP, RoPE, LayerNorm(1p), no biases, untied.
        family, tied, bias, norm, max_pos, dropout = "gpt", False, False, "layernorm", 0, False
        notes.append("Nemotron-4 written as a GPT-family shape (squared-ReLU plain MLP, "
                     "LayerNorm, RoPE, no biases, untied embeddings, GQA)")
    elif act == "gelu" and "gpt-3" in name:
        # NeMo GPT-3 175B: GPTConfig defaults (learned absolute positions, biases, tied
        # embeddings); NeMo 2.0's GPTConfig175B sets hidden and attention dropout to 0.
        family, tied, bias, norm, max_pos, dropout = ("gpt", True, True, "layernorm",
                                                      m["seq_len"], False)
        notes.append("GPT-3 bias, positions and dropout not restated: NeMo GPT defaults used "
                     "(biases, learned absolute positions of seq_len, no dropout as in "
                     "NeMo 2.0 GPTConfig175B)")
        if vocab is None:
            vocab = 51200
            notes.append("vocab not restated by the submission: 51200 (NeMo's padded GPT-3 "
                         "vocabulary) assumed")
    else:
        raise ValueError("%s: unsupported model %r (%r)" % (run["id"], m["name"], act))
    if m["tied_embeddings"] is not None and bool(m["tied_embeddings"]) != tied:
        raise ValueError("%s: tied_embeddings %r contradicts %r"
                         % (run["id"], m["tied_embeddings"], m["name"]))
    if gated != (family == "llama"):
        raise ValueError("%s: gated_mlp %r on %r" % (run["id"], gated, m["name"]))
    if m["hidden"] % m["heads"]:
        raise ValueError("%s: heads %d do not divide hidden %d"
                         % (run["id"], m["heads"], m["hidden"]))

    return {
        "family": family,
        "layers": m["layers"],
        "hidden": m["hidden"],
        "heads": m["heads"],
        "kv_heads": m["kv_heads"],
        "head_dim": m["hidden"] // m["heads"],
        "ffn_hidden": m["ffn_hidden"],
        "vocab": vocab,
        "gated_mlp": gated,
        "tied_embeddings": tied,
        "bias": bias,
        "norm": norm,
        "max_positions": max_pos,
        "dropout": dropout,
    }


# ---------------------------------------------------------------------------------------------
# Layout
# ---------------------------------------------------------------------------------------------


def zero_stage(run, group, notes):
    fsdp = (run["fsdp"] or "").lower()
    zero = (run["zero"] or "").lower()
    m = re.search(r"fsdp=(\d+).*dp=(\d+)", fsdp)
    if m:
        # MaxText: FSDP within a group, plain DP across groups; the record's dp is the product.
        if int(m.group(1)) * int(m.group(2)) != run["dp"] or run["tp"] * run["pp"] != 1:
            raise ValueError("%s: FSDP x DP %r against dp %d" % (run["id"], run["fsdp"], run["dp"]))
        return 3
    if "megatron-fsdp" in fsdp or zero.startswith("fsdp"):
        return 3
    if "distributed optimizer" in zero:
        return 1
    if group in MEGATRON_GROUPS:
        notes.append("ZeRO not stated: 1 (Megatron's distributed optimizer, the default of "
                     "these recipes)")
        return 1
    return 0


def layout(run, group, notes):
    n = run["gpu"]["count"]
    heads = run["model"]["heads"]
    seq = run["model"]["seq_len"]
    tp, pp, dp, cp = run["tp"], run["pp"], run["dp"], run["cp"]

    inconsistent = bool(run.get("layout_inconsistent")) or dp is None
    if inconsistent:
        # The columns as printed, which the time model must not judge (the accuracy set leaves
        # out runs whose notes say "layout not stated"); the scenario has a quarter of the GPUs.
        m = re.search(r"TP\*PP\*DP\*CP = (\d+)", run["notes"] or "")
        if m is None or int(m.group(1)) % (tp * pp * cp):
            raise ValueError("%s: inconsistent layout without the printed product" % run["id"])
        dp = int(m.group(1)) // (tp * pp * cp)
        n = tp * pp * dp * cp
        notes.append("layout not stated consistently by the source: its TP/PP/DP/CP columns "
                     "multiply to %d for %d GPUs; written as printed (dp %d), the scenario "
                     "covers %d GPUs" % (n, run["gpu"]["count"], dp, n))
    if tp * pp * dp * cp != n:
        raise ValueError("%s: tp*pp*dp*cp = %d, GPUs %d" % (run["id"], tp * pp * dp * cp, n))
    if heads % tp:
        raise ValueError("%s: tp %d does not divide heads %d" % (run["id"], tp, heads))

    gb = run["global_batch"]
    mb = run["micro_batch"]
    if gb % dp:
        raise ValueError("%s: dp %d does not divide global batch %d" % (run["id"], dp, gb))
    per_rank = gb // dp
    if mb is None:
        mb = 1
        notes.append("micro-batch not stated: 1 assumed (does not change FLOPs)")
    elif per_rank % mb:
        raise ValueError("%s: micro-batch %d does not divide global_batch/dp = %d"
                         % (run["id"], mb, per_rank))

    sp = run["sequence_parallel"]
    if sp is None:
        sp = tp > 1 and group in MEGATRON_GROUPS
        notes.append("sequence parallelism not stated: %s (Megatron runs TP with sequence "
                     "parallelism)" % ("on" if sp else "off, tp 1"))

    parallel = {
        "tp": tp,
        "pp": pp,
        "dp": dp,
        "cp": cp,
        "vpp": run["vpp"] or 1,
        "sequence_parallel": bool(sp),
        "zero": zero_stage(run, group, notes),
    }
    batch = {"global_batch": gb, "seq_len": seq, "micro_batch": mb}
    return batch, parallel, inconsistent


def recompute_mode(run):
    r = run["recompute"]
    if r is None:
        return "none"
    r = r.lower()
    for mode in ("none", "selective", "full"):
        if r.startswith(mode):
            return mode
    raise ValueError("%s: unknown recompute %r" % (run["id"], run["recompute"]))


def precision_of(run):
    p = run["precision"]["compute"]
    if p not in ("bf16", "fp8", "mxfp8", "nvfp4"):
        raise ValueError("%s: unknown precision %r" % (run["id"], p))
    return p


# ---------------------------------------------------------------------------------------------
# Software stack (kept outside the scenario)
# ---------------------------------------------------------------------------------------------


def container_year(run):
    m = re.search(r"\b(2[0-9])\.[0-9]{2}\b", run["framework_version"])
    return int(m.group(1)) if m else None


def framework_of(run, group):
    fw = run["framework"].lower()
    year = container_year(run)
    if group == "mlperf":
        return "mlperf-nvidia"
    if "maxtext" in fw:
        return "maxtext"
    if "torchtitan" in fw:
        return "torchtitan"
    if group == "bridge":
        return "megatron-bridge-20%d" % year
    if "nemo" in fw and year is not None:
        return "nemo-2024" if year <= 24 else "nemo-2025"
    raise ValueError("%s: unknown framework %r" % (run["id"], run["framework"]))


def fp8_recipe_of(run, framework, notes):
    prec = run["precision"]
    compute = prec["compute"]
    if compute == "bf16":
        return None
    if compute in ("mxfp8", "nvfp4"):
        return compute
    text = (prec.get("recipe") or "").lower()
    for key, name in (("current scaling", "tensorwise"), ("delayed", "delayed"),
                      ("blockwise", "blockwise"), ("rowwise", "rowwise")):
        if key in text:
            return name
    # Per-tensor current scaling came with Transformer Engine 2.2 (NeMo 25.04); the NeMo
    # containers of 2024 and 25.02, and TE-JAX of 2024, have delayed scaling only.
    version = run["framework_version"]
    if framework in ("nemo-2024", "maxtext") or "25.02" in version:
        notes.append("FP8 recipe not stated: delayed scaling, the only one in %s" % version)
        return "delayed"
    return None


def stack_of(run, group, parallel, notes):
    f = run["features"] or {}
    # The recipe's own settings; the shared `note` describes every release at once.
    text = " ".join(str(v) for k, v in f.items() if k != "note").lower()
    framework = framework_of(run, group)
    tp, pp, vpp = parallel["tp"], parallel["pp"], parallel["vpp"]
    layers = run["model"]["layers"]

    tp_overlap = f.get("tp_comm_overlap")
    if tp == 1:
        tp_overlap = False
    elif tp_overlap is None and group == "bridge":
        # "TP comm overlap via userbuffers when TP>1 on H100/B200" (all releases); GB200 and
        # GB300 recipes only where the recipe names userbuffers.
        gpu = run["gpu"]["type"].lower()
        if "userbuffers" in text or ("gb" not in gpu and ("h100" in gpu or "b200" in gpu)):
            tp_overlap = True

    cuda_graphs = f.get("cuda_graphs")
    if isinstance(cuda_graphs, str):
        cuda_graphs = "cuda graph" in cuda_graphs.lower()
    if cuda_graphs is None:
        m = re.search(r"cuda_graphs=(true|false)", text)
        if m:
            cuda_graphs = m.group(1) == "true"

    attention = None
    fused = (f.get("fused_attention") or "")
    if isinstance(fused, str) and "cudnn" in fused.lower():
        attention = "cudnn"

    offload = None
    m = re.search(r"cpu_offloading_num_layers=(\d+)|cpu activation offloading of (\d+) layers",
                  text)
    if m and parallel["zero"] == 3:
        offload = int(m.group(1) or m.group(2))
        if "recipe_at_HEAD_may_differ_from_release" in f:
            notes.append("cpu_offload_layers from the recipe at HEAD, which may differ from "
                         "the release")

    asym = None
    if pp == 1:
        asym = False
    elif layers % (pp * vpp):
        # Layers that pp*vpp chunks cannot split evenly: Megatron places them by an explicit
        # layout (embedding and loss counted as stages).
        asym = True
    elif "pipeline_model_parallel_layout" in text:
        asym = True
    elif "account_for_embedding_in_pipeline_split" in f:
        asym = bool(f["account_for_embedding_in_pipeline_split"]
                    or f.get("account_for_loss_in_pipeline_split"))

    defer = f.get("defer_embedding_wgrad_compute")
    return {
        "framework": framework,
        "container": run["framework_version"],
        "fp8_recipe": fp8_recipe_of(run, framework, notes),
        "tp_comm_overlap": tp_overlap,
        "cuda_graphs": cuda_graphs,
        "attention": attention,
        "fsdp": parallel["zero"] == 3,
        "cpu_offload_layers": offload,
        "asymmetric_pp_split": asym,
        "defer_embedding_wgrad": None if defer is None else bool(defer),
    }


# The software preset each framework ran, and the recipe's own settings over it.
SOFTWARE_PRESETS = {
    "nemo-2024": "megatron-core-2024",
    "mlperf-nvidia": "megatron-core-2024",
    "nemo-2025": "megatron-core-2025",
    "megatron-bridge-2025": "megatron-core-2025",
    "megatron-bridge-2026": "megatron-core-2025",
    "maxtext": "maxtext-2025",
    "torchtitan": "torchtitan-2025",
}


def software_of(stack, precision, parallel):
    """The scenario's software block: the framework's preset and what the recipe states."""
    software = {"preset": SOFTWARE_PRESETS[stack["framework"]]}
    recipe = stack["fp8_recipe"]
    if precision == "fp8" and recipe in ("delayed", "tensorwise", "rowwise", "blockwise"):
        software["fp8_recipe"] = recipe
    if recipe == "tensorwise":
        # Parameters are gathered in FP8 only with delayed scaling's FP8 weights.
        software["fp8_param_gather"] = False
    if stack["tp_comm_overlap"] is False and parallel["tp"] > 1:
        software["tp_comm_overlap"] = "none"
    elif stack["tp_comm_overlap"] is True:
        software["tp_comm_overlap"] = "pipelined"
    if stack["asymmetric_pp_split"]:
        software["embedding_in_pipeline_split"] = True
    if stack["defer_embedding_wgrad"] is not None:
        software["defer_embedding_wgrad"] = stack["defer_embedding_wgrad"]
    if stack["cuda_graphs"] is not None:
        software["cuda_graphs"] = stack["cuda_graphs"]
    return software


# ---------------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------------


def flops_convention_of(run, group, notes):
    conventions = dict(CONVENTIONS[group])
    text = run["flops_convention"]
    if group == "dgxc" and ("24*L*h^2" in text or "24Lh^2" in text):
        if run["source_group"] in GPT_FORM_GROUPS:
            # s·(24·L·h² + 12·L·h·s + 48·L·h² + 6·V·h) = Megatron's
            # 72·b·s·L·h²·(1 + s/6h + V/12hL): K and V counted as full MHA, the MLP as 4h.
            conventions["flops"] = "megatron"
            notes.append("the README counts FLOPs with the GPT form s*(72*L*h^2 + 12*L*h*s + "
                         "6*V*h) (MHA, F = 4h): Megatron's closed form")
        elif run["model"]["kv_heads"] != run["model"]["heads"]:
            notes.append("the record gives the README's GPT form (MHA), but this release's "
                         "MFU follows the exact GQA count (e.g. Nemotron-4 15B: 94.0 "
                         "GFLOP/token, the GPT form 106.1): exact used")
    return conventions


def reported_figures(run):
    me = run["measured"]
    n = run["gpu"]["count"]
    tokens_per_gpu = me.get("tokens_per_s_per_gpu")
    if tokens_per_gpu is None and me.get("tokens_per_s_total") is not None:
        tokens_per_gpu = me["tokens_per_s_total"] / n
    kind = me.get("tflops_kind")
    return {
        "mfu": pct(me.get("mfu_pct")),
        "hfu": None,
        "tflops_per_gpu": me.get("tflops_per_gpu"),
        "tflops_kind": "model" if kind and kind.lower().startswith("model") else None,
        "tokens_per_s_per_gpu": tokens_per_gpu,
        "params_total": None,
    }


def measured_figure(run):
    """The source's own throughput: tokens/s, else step time, else model TFLOP/s."""
    me = run["measured"]
    inferred = " ".join(run["inferred_fields"] or [])
    if me.get("tokens_per_s_total") is not None and "tokens_per_s_per_gpu =" in inferred:
        # The per-GPU figure is the record's arithmetic on the printed total.
        return {"tokens_per_s": me["tokens_per_s_total"]}
    if me.get("tokens_per_s_per_gpu") is not None:
        return {"tokens_per_s_per_gpu": me["tokens_per_s_per_gpu"]}
    if me.get("step_time_s") is not None:
        return {"step_time_s": me["step_time_s"]}
    if me.get("tflops_per_gpu") is not None:
        return {"tflops_per_gpu": me["tflops_per_gpu"], "tflops_kind": "model"}
    raise ValueError("%s: no measured figure" % run["id"])


def choose_check(run, group, measured, reported):
    """(check, also_check, skip_reason)."""
    figures = []
    if reported["mfu"] is not None:
        figures.append("mfu")
    if "tflops_per_gpu" not in measured and reported["tflops_per_gpu"] is not None:
        figures.append("tflops")
    skip = None
    implied = KV_HEADS_IMPLIED.get((run["source_group"], run["model"]["name"]))
    if implied and run["model"]["kv_heads"] == 8:
        skip = implied
        figures = []
    elif group == "mlperf":
        skip = ("MLPerf reports time to train only: the step time from the logs is the one "
                "figure")
        figures = []
    elif group == "longseq":
        skip = ("the table prints model TFLOP/s only, with its FLOPs convention not stated "
                "(non-causal assumed): no second figure to check")
        figures = []
    if not figures and skip is None:
        skip = "the source reports no figure beyond the measured one"
    check = figures[0] if figures else "none"
    return check, figures[1:], skip


# ---------------------------------------------------------------------------------------------


def group_of(run):
    for prefix, key in GROUPS:
        if run["source_group"].startswith(prefix):
            return key
    raise ValueError("%s: unknown source group %r" % (run["id"], run["source_group"]))


def published_groups():
    if not os.path.exists(PUBLISHED_FIXTURE):
        return set()
    with open(PUBLISHED_FIXTURE, encoding="utf-8") as f:
        return {e["source_group"] for e in json.load(f)}


def duplicate_skip(run, published, notes):
    dup = run.get("duplicate_of")
    if not dup:
        return None
    m = re.search(r'source_group "([^"]+)"', dup)
    target = m.group(1) if m else None
    if target is not None and target in published:
        return "duplicate of published_runs.json rows (%s)" % target
    notes.append("flagged as a duplicate of published_runs.json rows%s, which "
                 "tests/data/published_runs.json does not hold: kept"
                 % (" (%s)" % target if target else ""))
    return None


def convert(run, presets, published):
    group = group_of(run)
    notes = []
    model = model_shape(run, group, notes)
    batch, parallel, inconsistent = layout(run, group, notes)
    recompute = recompute_mode(run)
    precision = precision_of(run)

    preset_id = hardware_preset_id(run["gpu"]["type"])
    preset = presets.get(preset_id)
    if preset is None:
        notes.append("hardware preset %r does not exist yet" % preset_id)
    hardware = {"preset": preset_id}
    conventions = flops_convention_of(run, group, notes)
    peak_key = precision if conventions["peak"] == "precision" else "bf16"
    peak = GROUP_PEAK.get((group, preset_id, peak_key))
    if peak is not None and preset is not None and peak != preset["peak_tflops"].get(peak_key):
        hardware["peak_tflops"] = {peak_key: peak}

    stack = stack_of(run, group, parallel, notes)
    reported = reported_figures(run)
    measured = measured_figure(run)
    check, also, skip = choose_check(run, group, measured, reported)

    # Runs the scenario cannot stand for: their figures are not checked either.
    reasons = []
    dup = duplicate_skip(run, published, notes)
    if dup:
        reasons.append(dup)
    if inconsistent:
        reasons.append("layout inconsistent as printed (TP*PP*DP*CP is a quarter of the GPUs)")
    if (run.get("ep") or 1) > 1:
        reasons.append("MoE (expert parallelism) run")
    if power_limited(run["gpu"]["type"]):
        reasons.append("power-limited GPUs (the preset is the full-power part)")
    if parallel["pp"] * parallel["vpp"] > model["layers"] + (2 if stack["asymmetric_pp_split"] else 0):
        reasons.append("pp*vpp = %d virtual stages for %d layers (embedding and loss placed as "
                       "stages): the scenario requires pp*vpp <= layers"
                       % (parallel["pp"] * parallel["vpp"], model["layers"]))
    if reasons:
        skip = "; ".join(reasons)
        check, also = "none", []

    inferred = " ".join(run["inferred_fields"] or [])
    if "kv_heads left at 8" in inferred and model["kv_heads"] != 8:
        notes.append("kv_heads %d as in the record's model (the recipe's num_query_groups), "
                     "which the reported MFU agrees with; the inferred_fields line below still "
                     "says 8" % model["kv_heads"])
    notes.extend(run["inferred_fields"] or [])
    if run["notes"]:
        notes.append(run["notes"])

    name = "%s (%s)" % (run["model"]["name"], run["id"])
    scenario = {
        "schema": SCHEMA,
        "name": name,
        "model": model,
        "batch": batch,
        "parallel": parallel,
        "recompute": recompute,
        "precision": precision,
        "hardware": hardware,
        "software": software_of(stack, precision, parallel),
        "conventions": conventions,
        "measured": measured,
    }
    entry = {
        "id": run["id"],
        "source_group": run["source_group"],
        "source": run["source"],
        "flops_formula": run["flops_convention"],
        "scenario": scenario,
        "stack": stack,
        "reported": reported,
        "check": check,
        "also_check": also,
        "skip_reason": skip,
        "notes": "; ".join(notes) if notes else None,
    }
    return entry


def main(argv):
    if len(argv) not in (2, 3):
        sys.stderr.write("usage: %s validation/modern_runs.json [OUTPUT]\n" % argv[0])
        return 2
    with open(argv[1], encoding="utf-8") as f:
        runs = json.load(f)
    output = argv[2] if len(argv) == 3 else DEFAULT_OUTPUT
    presets = load_hardware_presets()
    published = published_groups()

    entries = [convert(run, presets, published) for run in runs]

    text = json.dumps(entries, indent=1, ensure_ascii=False) + "\n"
    with open(output, "w", encoding="utf-8") as f:
        f.write(text)

    checked = sum(1 for e in entries if e["skip_reason"] is None)
    sys.stderr.write("%d runs written to %s (%d checked, %d skipped)\n"
                     % (len(entries), output, checked, len(entries) - checked))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
