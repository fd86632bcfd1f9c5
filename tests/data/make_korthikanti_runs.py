#!/usr/bin/env python3
"""Writes tests/data/korthikanti_runs.json: the eight end-to-end runs of Korthikanti et al. 2022,
"Reducing Activation Recomputation in Large Transformer Models" (arXiv 2205.05198), Table 5:
the 22B, GPT-3 175B, MT-NLG 530B and 1T models of its Table 3, each with full activation
recomputation and with the paper's method (selective recomputation + sequence parallelism).

Usage: make_korthikanti_runs.py [OUTPUT]

Entries have the format of tests/data/published_runs.json. The iteration time is the measured
figure; the MFU and HFU the paper gives for its method are checked. The paper's own text could
not be read from here: every figure below is taken from the sources named in SOURCES, and the
MFU/HFU recomputed from the iteration times and layouts agree with NVIDIA's table (see notes).

Only the standard library is used; the output is committed (the build does not run this).
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUTPUT = os.path.join(HERE, "korthikanti_runs.json")
SCHEMA = "mfu-explorer/scenario@1"
GROUP = "Korthikanti et al. 2022 Table 5"

CALCULON = "https://github.com/calculon-ai/calculon/blob/caa4b11f8fe1fee3ba57adaacb7590d7deabd053/"
README = ("https://github.com/NVIDIA/Megatron-LM/blob/2e90a342f5006a3e4f8cacf44002dbae0e10aa17/"
          "README.md")

# model, Calculon's name, layers, hidden, heads, tp, pp, vpp, GPUs, global batch, micro-batch,
# iteration time full recompute (s), present work (s), MFU, HFU (present work).
RUNS = [
    ("22B", "megatron-22B", 48, 6144, 64, 8, 1, 1, 8, 4, 4, 1.42, 1.10, 0.415, 0.437),
    ("175B", "gpt3-175B", 96, 12288, 96, 8, 8, 3, 64, 64, 1, 18.13, 13.75, 0.514, 0.528),
    ("530B", "turing-530B", 105, 20480, 128, 8, 35, 3, 280, 280, 1, 49.05, 37.83, 0.560, 0.570),
    ("1T", "megatron-1T", 128, 25600, 160, 8, 64, 1, 512, 512, 1, 94.42, 71.49, 0.563, 0.570),
]
SEQ, VOCAB = 2048, 51200

SOURCES = {
    "time": ("iteration time: Korthikanti et al. 2022 (arXiv 2205.05198) Table 5, as transcribed "
             "in " + CALCULON + "calculon/llm/validation.py (seqsel_tab5, kProfile: 'These "
             "profiled values are reported here: https://arxiv.org/pdf/2205.05198.pdf Table 5')"),
    "layout": ("layout (TP, PP, interleaving, GPUs, data parallel 1, global batch, micro-batch): " +
               CALCULON +
               "validation/seqsel/tab5/{calc}_{mode}.json (Calculon's configs of Table 5)"),
    "shape": ("shape (layers, hidden, heads, FFN 4h, sequence 2048): " + CALCULON +
              "models/{calc}.json"),
    "readme": ("vocabulary 51,200, sequence 2048, Selene nodes of 8 A100 80GB, data parallel 1: " +
               README + " (2022-05-19, 'Update numbers in README': 'measured using a data "
               "parallel size of one')"),
    "util": ("MFU/HFU: the same README's table 'Model FLOPs Utilization / Hardware FLOPs "
             "Utilization' (the figures of Table 5)"),
}

FLOPS_FORMULA = (
    "Korthikanti et al. 2022 Appendix A (as quoted in NVIDIA/Megatron-LM issue #523): model "
    "FLOPs/iter = 72*B*s*l*h^2*(1 + s/(6h) + V/(12*l*h)) (no recomputation counted: MFU); "
    "hardware FLOPs with selective recomputation = 72*B*s*l*h^2*(1 + s/(3h) + V/(12*l*h)) "
    "(HFU; the maintainers later noted the recompute term should be 2s/(9h), but the published "
    "HFU uses s/(3h)). "
    "Peak 312 TFLOP/s (A100 16-bit tensor core).")

COMMON_NOTES = [
    "the paper's text could not be read with the tools at hand; its figures are taken from the "
    "sources in `source`. Cross-checks: with these iteration times, GPUs, batches and shapes the "
    "formulas above give MFU 41.7/51.4/56.0/56.3% and HFU 43.8/52.8/57.0/57.0% (README: "
    "41.5/51.4/56.0/56.3 and 43.7/52.8/57.0/57.0), and the full/present time ratios give the "
    "throughput increases 29.1/31.9/29.7/32.1% (a reading note of the paper quotes Table 5 as "
    "29.0/31.8/29.7/32.1%, from unrounded times; found in the public code index, which does "
    "not name its repository)",
    "precision not verified: Calculon's Table 5 configs say float16, the paper's statement was "
    "not readable; bf16 is used (same 312 TFLOP/s peak; with data parallel 1 there is no "
    "gradient all-reduce, where alone the engine tells FP16 from BF16)",
    "zero 0: with data parallel 1 optimizer sharding (Megatron's distributed optimizer) has "
    "nothing to shard; the paper's use of it is not verified",
    "vpp from Calculon's Table 5 configs (pipeline_interleaving 3 for 175B and 530B, 1 for "
    "22B and 1T), like the rest of the layout; the paper's own statement was not readable",
]


def entry(model, calc, layers, hidden, heads, tp, pp, vpp, gpus, gbs, mbs, time_s, present,
          mfu, hfu):
    mode = "seqsel" if present else "full"
    run_id = "korthikanti2022_t5_%s_%s" % (model, "present" if present else "full")
    label = "selective recompute + sequence parallelism" if present else "full recompute"
    dp = gpus // (tp * pp)
    assert dp * tp * pp == gpus and dp == 1 and gbs % (dp * mbs) == 0 and hidden % heads == 0
    assert layers % (pp * vpp) == 0
    source = "; ".join([SOURCES["time"], SOURCES["layout"].format(calc=calc, mode=mode),
                        SOURCES["shape"].format(calc=calc), SOURCES["readme"]]
                       + ([SOURCES["util"]] if present else []))
    scenario = {
        "schema": SCHEMA,
        "name": "GPT %s, %s (%s)" % (model, label, run_id),
        "model": {"family": "gpt", "layers": layers, "hidden": hidden, "heads": heads,
                  "kv_heads": heads, "head_dim": hidden // heads, "ffn_hidden": 4 * hidden,
                  "vocab": VOCAB, "gated_mlp": False, "tied_embeddings": True, "bias": True,
                  "norm": "layernorm", "max_positions": SEQ, "dropout": True},
        "batch": {"global_batch": gbs, "seq_len": SEQ, "micro_batch": mbs},
        "parallel": {"tp": tp, "pp": pp, "dp": dp, "cp": 1, "vpp": vpp,
                     "sequence_parallel": present, "zero": 0},
        "recompute": "selective" if present else "full",
        "precision": "bf16",
        "hardware": {"preset": "a100-80gb"},
        "software": {"preset": "megatron-lm-2021"},
        "conventions": {"flops": "megatron", "causal": False, "peak": "precision",
                        "params": "all"},
        "measured": {"step_time_s": time_s},
    }
    notes = list(COMMON_NOTES)
    if not present:
        notes.append("Table 5 gives no MFU/HFU for full recomputation")
    return {
        "id": run_id,
        "source_group": GROUP,
        "source": source,
        "flops_formula": FLOPS_FORMULA,
        "scenario": scenario,
        "reported": {"step_time_s": time_s, "mfu": mfu if present else None,
                     "hfu": hfu if present else None, "tflops_per_gpu": None,
                     "tflops_kind": None, "tokens_per_s_per_gpu": None, "params_total": None},
        # check names as make_published_runs.py: the iteration time is the measured figure
        # itself, so what is checked against it is the utilisation the paper derived from it.
        "check": "mfu" if present else "none",
        "also_check": ["hfu"] if present else [],
        "skip_reason": None if present else (
            "Table 5 reports only the iteration time for full recomputation, the measured "
            "figure itself: no second figure to check"),
        "notes": "; ".join(notes),
    }


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUTPUT
    runs = []
    for (model, calc, layers, hidden, heads, tp, pp, vpp, gpus, gbs, mbs, full_s, present_s,
         mfu, hfu) in RUNS:
        for present, t in ((False, full_s), (True, present_s)):
            runs.append(entry(model, calc, layers, hidden, heads, tp, pp, vpp, gpus, gbs, mbs, t,
                              present, mfu, hfu))
    with open(out, "w", encoding="utf-8") as f:
        json.dump(runs, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("wrote %d runs to %s" % (len(runs), out))


if __name__ == "__main__":
    main()
