#pragma once

// Real model shapes, written out here so that the engine tests depend on nothing but the
// engine (the preset files are checked against the same numbers in the io tests).

#include "engine/scenario.h"

namespace shapes {

inline mfu::engine::ModelShape gpt2Small()
{
    mfu::engine::ModelShape m;
    m.family = "gpt";
    m.layers = 12;
    m.hidden = 768;
    m.heads = 12;
    m.kvHeads = 12;
    m.headDim = 64;
    m.ffnHidden = 3072;
    m.vocab = 50257;
    m.gatedMlp = false;
    m.tiedEmbeddings = true;
    m.bias = true;
    m.norm = mfu::engine::NormKind::LayerNorm;
    m.maxPositions = 1024;
    m.dropout = true;
    return m;
}

inline mfu::engine::ModelShape llama(long layers, long hidden, long heads, long kvHeads, long ffn,
                                     long vocab)
{
    mfu::engine::ModelShape m;
    m.family = "llama";
    m.layers = layers;
    m.hidden = hidden;
    m.heads = heads;
    m.kvHeads = kvHeads;
    m.headDim = hidden / heads;
    m.ffnHidden = ffn;
    m.vocab = vocab;
    return m;
}

inline mfu::engine::ModelShape llama2_70b()
{
    return llama(80, 8192, 64, 8, 28672, 32000);
}
inline mfu::engine::ModelShape llama3_8b()
{
    return llama(32, 4096, 32, 8, 14336, 128256);
}
inline mfu::engine::ModelShape llama3_70b()
{
    return llama(80, 8192, 64, 8, 28672, 128256);
}
inline mfu::engine::ModelShape llama3_405b()
{
    return llama(126, 16384, 128, 8, 53248, 128256);
}

// DeepSeek-V3 (config_671B.json of deepseek-ai/DeepSeek-V3): MLA, 256 routed experts of 2048
// at top-8, one shared expert, three dense first layers of 18432, one MTP module.
inline mfu::engine::ModelShape deepseekV3()
{
    mfu::engine::ModelShape m = llama(61, 7168, 128, 128, 18432, 129280);
    m.headDim = 192;
    m.moe = {256, 8, 2048, 1, 2048, 3, 1, 0};
    m.mla = {1536, 512, 128, 64, 128};
    return m;
}

// Mixtral 8x7B (its config.json): 8 experts of 14336 at top-2 in every layer, GQA 32/8.
inline mfu::engine::ModelShape mixtral8x7b()
{
    mfu::engine::ModelShape m = llama(32, 4096, 32, 8, 14336, 32000);
    m.moe = {8, 2, 14336, 0, 0, 0, 0, 0};
    return m;
}

// A scenario on a made-up device with round numbers, so that MFU arithmetic is easy to check.
inline mfu::engine::Scenario scenario(const mfu::engine::ModelShape &m, long globalBatch,
                                      long seqLen)
{
    mfu::engine::Scenario sc;
    sc.name = "test";
    sc.model = m;
    sc.batch.globalBatch = globalBatch;
    sc.batch.seqLen = seqLen;
    sc.batch.microBatch = 1;
    sc.hardware.name = "test-gpu";
    sc.hardware.peakTflopsBf16 = 1000;
    sc.hardware.peakTflopsFp16 = 1000;
    sc.hardware.peakTflopsFp8 = 2000;
    sc.hardware.memoryGib = 80;
    sc.hardware.memoryBwGbs = 3000;
    sc.hardware.intraNodeGbs = 450;
    sc.hardware.interNodeGbs = 50;
    return sc;
}

// The default scenario's layout: Llama-2-70B, b 1024, s 4096 on 1,024 GPUs as TP 8 · PP 4 ·
// DP 32, selective recomputation, no sequence parallelism.
inline mfu::engine::Scenario llama2_70bOn1024()
{
    mfu::engine::Scenario sc = scenario(llama2_70b(), 1024, 4096);
    sc.parallel.tp = 8;
    sc.parallel.pp = 4;
    sc.parallel.dp = 32;
    sc.recompute = mfu::engine::Recompute::Selective;
    return sc;
}

// Llama 3 405B's 126 layers on pp 16 (TP 8, DP 8, sequence parallel, distributed optimizer),
// with the embedding and the loss as stage layers: 7 layers on each end stage, 8 between.
inline mfu::engine::Scenario llama3_405bOnPp16()
{
    mfu::engine::Scenario sc = scenario(llama3_405b(), 2048, 8192);
    sc.parallel.tp = 8;
    sc.parallel.pp = 16;
    sc.parallel.dp = 8;
    sc.parallel.sequenceParallel = true;
    sc.parallel.zero = 1;
    sc.software.embeddingInPipelineSplit = true;
    return sc;
}

} // namespace shapes
