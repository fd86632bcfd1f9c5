#!/usr/bin/env python3
"""Writes presets/benchmarks/published_runs.json, the built-in reference benchmark set, from
tests/data/published_runs.json (the public runs with their sources). Each run keeps its
scenario and measured figure; its label names the model, the GPU count and the source.

Usage: tests/data/make_reference_benchmarks.py tests/data/published_runs.json OUT.json
"""
import json
import sys


def main():
    runs_in = json.load(open(sys.argv[1]))
    runs = []
    for entry in runs_in:
        sc = dict(entry["scenario"])
        sc.pop("schema", None)
        name = sc.pop("name", entry["id"]).split(" (")[0]
        gpus = sc["parallel"]["tp"] * sc["parallel"]["pp"] * sc["parallel"]["dp"] * sc["parallel"].get("cp", 1)
        run = {"label": f"{name}, {gpus:,} GPUs — {entry['source_group']}"}
        run.update(sc)
        runs.append(run)
    out = {
        "schema": "mfu-explorer/benchmarks@1",
        "source": "Published training runs: Megatron-LM papers and README, Llama 3, PaLM, BLOOM, "
                  "OPT, torchtitan, NeMo, IBM fms-fsdp, MosaicML; each label names its source",
        "runs": runs,
    }
    with open(sys.argv[2], "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
