// The step-time model: physics it must obey whatever the knobs (monotonic in what it charges,
// bubbles of the textbook size, overlap only hiding), and sound numbers over a grid of shapes
// and layouts.
#include "engine/evaluate.h"
#include "engine/time_model.h"
#include "engine_check.h"
#include "shapes.h"

#include <cmath>

using namespace mfu::engine;

namespace {

// Llama-2-70B, 4,096 tokens a sequence, on a made-up 1,000 TFLOP/s device with 8 per node.
Scenario base70b(long globalBatch = 512)
{
    Scenario sc = shapes::scenario(shapes::llama2_70b(), globalBatch, 4096);
    sc.parallel.tp = 8;
    sc.parallel.pp = 4;
    sc.parallel.dp = 16;
    sc.parallel.sequenceParallel = true;
    sc.parallel.zero = 1;
    return sc;
}

double componentSum(const TimeBreakdown &t)
{
    return t.compute + t.tpComm + t.ppBubble + t.ppComm + t.dpComm + t.cpComm + t.host +
           t.optimizer;
}

// GEMMs and attention alone: compute without its elementwise and recomputed parts.
double matmul(const TimeBreakdown &t)
{
    return t.compute - t.memoryBound - t.recompute;
}

bool allSound(const TimeBreakdown &t)
{
    for (double v : {t.step, t.compute, t.memoryBound, t.recompute, t.tpComm, t.ppBubble, t.ppComm,
                     t.dpComm, t.cpComm, t.host, t.optimizer})
        if (!std::isfinite(v) || v < 0)
            return false;
    return t.step > 0;
}

} // namespace

TEST(components_are_finite_non_negative_and_add_up_over_a_grid)
{
    const ModelShape models[] = {shapes::gpt2Small(), shapes::llama3_8b(), shapes::llama2_70b()};
    int evaluated = 0;
    for (const ModelShape &m : models)
        for (long tp : {1, 2, 4, 8, 16})
            for (long pp : {1, 2, 4})
                for (long cp : {1, 2})
                    for (int zero : {0, 1, 3})
                        for (Recompute rc :
                             {Recompute::None, Recompute::Selective, Recompute::Full})
                            for (Precision prec : {Precision::Bf16, Precision::Fp8})
                                for (double fused : {0.0, 1.0}) {
                                    Scenario sc = shapes::scenario(m, 256, 2048);
                                    sc.parallel.tp = tp;
                                    sc.parallel.pp = pp;
                                    sc.parallel.cp = cp;
                                    sc.parallel.dp = 4;
                                    sc.parallel.vpp = pp > 1 ? 2 : 1;
                                    sc.parallel.sequenceParallel = tp > 2;
                                    sc.parallel.zero = zero;
                                    sc.recompute = rc;
                                    sc.precision = prec;
                                    sc.batch.microBatch = 2;
                                    sc.software.attention =
                                        fused ? AttentionKernel::Flash2 : AttentionKernel::Unfused;
                                    const auto ev = evaluate(sc);
                                    if (!ev.ok())
                                        continue; // tp that does not divide the heads
                                    ++evaluated;
                                    const TimeBreakdown &t = *ev->time;
                                    CHECK(allSound(t));
                                    CHECK(t.memoryBound + t.recompute <= t.compute);
                                    CHECK_NEAR(componentSum(t), t.step, 1e-12);
                                    CHECK_NEAR(ev->predicted->stepTimeS, t.step, 0);
                                    CHECK(ev->predicted->mfu > 0 && ev->predicted->mfu < 1);
                                    CHECK(ev->predicted->hfu >= ev->predicted->mfu * (1 - 1e-12) ||
                                          sc.conventions.flops != FlopsConvention::Exact);
                                }
    CHECK(evaluated > 1000);
}

TEST(predicted_utilization_follows_from_the_step_time)
{
    const auto ev = evaluate(base70b());
    CHECK(ev.ok() && ev->time && ev->predicted);
    const double step = ev->time->step;
    CHECK_NEAR(ev->predicted->tokensPerS, 512.0 * 4096 / step, 1e-12);
    CHECK_NEAR(ev->predicted->mfu, ev->modelFlopsPerStep / (step * 512 * 1000e12), 1e-12);
    CHECK_NEAR(ev->predicted->tflopsPerGpu, ev->modelFlopsPerStep / step / 512 / 1e12, 1e-12);
}

TEST(absent_parallelism_costs_nothing)
{
    Scenario sc = shapes::scenario(shapes::llama3_8b(), 16, 4096);
    const TimeBreakdown t = predictStepTime(sc);
    CHECK_EQ(t.tpComm, 0);
    CHECK_EQ(t.ppBubble, 0);
    CHECK_EQ(t.ppComm, 0);
    CHECK_EQ(t.dpComm, 0);
    CHECK_EQ(t.cpComm, 0);
    CHECK_EQ(t.recompute, 0);
    CHECK(t.compute > 0 && t.memoryBound > 0 && t.optimizer > 0);
}

TEST(large_gemms_run_at_the_capped_efficiency)
{
    // One GPU, no recomputation: the compute component is the GEMMs at peak × ηmax (plus a
    // fixed cost per GEMM that is negligible at this size) and the attention at its own rate.
    Scenario sc = shapes::scenario(shapes::llama2_70b(), 4, 4096);
    sc.batch.microBatch = 4;
    const EfficiencyKnobs &k = sc.hardware.knobs;
    const ForwardFlops f = forwardFlops(sc.model, sc.batch, true);
    const double gemmFlops = 3 * (f.total() - f.attentionCore());
    const double attnFlops = f.attentionCore(); // causal half, forward
    const double expected = gemmFlops / (1000e12 * k.gemmMaxEfficiency) +
                            3.5 * attnFlops / (1000e12 * k.attentionEfficiency);
    CHECK_NEAR(matmul(predictStepTime(sc)), expected, 3e-3);
}

TEST(the_pipeline_bubble_is_p_minus_1_over_m_v)
{
    // A tiny vocabulary keeps the first and last stages' extra work out of the way, so every
    // stage carries nearly the same load and the textbook share holds to 1%.
    for (long vpp : {1, 2, 4})
        for (long pp : {2, 4, 8}) {
            Scenario sc = base70b(1024);
            sc.model.vocab = 8;
            sc.parallel.pp = pp;
            sc.parallel.vpp = vpp;
            sc.parallel.dp = 8;
            const double M = 1024.0 / 8;
            const TimeBreakdown t = predictStepTime(sc);
            const double steady = t.compute + t.tpComm + t.cpComm;
            CHECK_NEAR(t.ppBubble / steady, (pp - 1) / (M * vpp), 1e-2);
        }
}

TEST(interleaving_cuts_the_bubble_and_adds_sends)
{
    Scenario sc = base70b();
    const TimeBreakdown plain = predictStepTime(sc);
    sc.parallel.vpp = 5;
    const TimeBreakdown interleaved = predictStepTime(sc);
    CHECK_NEAR(interleaved.ppBubble, plain.ppBubble / 5, 1e-12);
    CHECK(interleaved.ppComm > plain.ppComm);
    CHECK(interleaved.step < plain.step);
}

TEST(wider_tensor_parallelism_moves_more_bytes)
{
    double previous = 0;
    for (long tp : {2, 4, 8}) {
        Scenario sc = base70b();
        sc.parallel.tp = tp;
        const double tpComm = predictStepTime(sc).tpComm;
        CHECK(tpComm > previous);
        previous = tpComm;
    }
    // Past the node the collectives leave NVLink for the NICs of the two nodes.
    Scenario inNode = base70b();
    Scenario acrossNodes = base70b();
    acrossNodes.parallel.tp = 16;
    acrossNodes.parallel.dp = 8;
    CHECK(predictStepTime(acrossNodes).tpComm > 1.1 * predictStepTime(inNode).tpComm);
}

TEST(sequence_parallelism_redoes_a_gather_in_the_backward)
{
    // Without SP: 2 all-reduces forward + 2 backward. With SP: 2 AG + 2 RS forward (the same
    // bytes) and 2 RS + 4 AG backward (the extra two gather the inputs again for wgrad).
    Scenario sc = base70b();
    sc.parallel.pp = 1;
    sc.parallel.dp = 64;
    sc.hardware.knobs.collectiveLatencyUs = 0;
    sc.model.vocab = 8;
    sc.parallel.sequenceParallel = false;
    const double ar = predictStepTime(sc).tpComm;
    sc.parallel.sequenceParallel = true;
    const double sp = predictStepTime(sc).tpComm;
    CHECK_NEAR(sp / ar, 10.0 / 8.0, 1e-2);
}

TEST(overlap_only_hides_communication)
{
    Scenario sc = base70b();
    sc.hardware.knobs.dpOverlap = 0;
    const TimeBreakdown none = predictStepTime(sc);
    sc.hardware.knobs.dpOverlap = 0.8;
    const TimeBreakdown some = predictStepTime(sc);
    CHECK(none.dpComm > 0);
    CHECK(some.dpComm < none.dpComm);
    CHECK(some.dpComm >= 0.2 * none.dpComm * (1 - 1e-12)); // the last bucket stays exposed
    CHECK_EQ(some.compute, none.compute);

    sc.hardware.knobs.tpOverlap = 0.5;
    CHECK_NEAR(predictStepTime(sc).tpComm, 0.5 * some.tpComm, 1e-12);
}

TEST(more_gpus_never_slow_a_step_of_fixed_work_per_gpu)
{
    // Weak scaling: twice the GPUs and twice the batch cost at least as much per step (more
    // ranks to synchronise), but not much more when the sync hides behind the backward.
    double previous = 0;
    for (long dp : {4, 8, 16, 32, 64}) {
        Scenario sc = base70b(32 * dp);
        sc.parallel.dp = dp;
        const double step = predictStepTime(sc).step;
        CHECK(step >= previous * (1 - 1e-12));
        if (previous > 0)
            CHECK(step < 1.05 * previous);
        previous = step;
    }
    // Strong scaling: the same batch on more data-parallel GPUs never takes longer.
    previous = 1e300;
    for (long dp : {4, 8, 16, 32}) {
        Scenario sc = base70b(512);
        sc.parallel.dp = dp;
        const double step = predictStepTime(sc).step;
        CHECK(step < previous);
        previous = step;
    }
}

TEST(fp8_speeds_the_gemms_only)
{
    Scenario sc = base70b();
    const TimeBreakdown bf16 = predictStepTime(sc);
    sc.precision = Precision::Fp8;
    const TimeBreakdown fp8 = predictStepTime(sc);
    CHECK(matmul(fp8) < 0.75 * matmul(bf16));
    CHECK(fp8.memoryBound > bf16.memoryBound); // the casts
    CHECK_EQ(fp8.tpComm, bf16.tpComm);         // activations still travel in 16 bit
    CHECK(fp8.step < bf16.step);
}

TEST(a_device_without_the_precision_is_an_error)
{
    Scenario sc = base70b();
    sc.precision = Precision::Fp8;
    sc.hardware.peakTflopsFp8 = 0;
    sc.conventions.peak = PeakBasis::Bf16; // MFU could divide by BF16, the GEMMs still cannot run
    const auto ev = evaluate(sc);
    CHECK(!ev.ok());
    CHECK(!ev.ok() && ev.error().field == "precision");
}

TEST(recomputation_costs_forward_work)
{
    Scenario sc = base70b();
    const TimeBreakdown none = predictStepTime(sc);
    sc.recompute = Recompute::Selective;
    const TimeBreakdown selective = predictStepTime(sc);
    sc.recompute = Recompute::Full;
    const TimeBreakdown full = predictStepTime(sc);
    CHECK(none.recompute == 0);
    CHECK(selective.recompute > 0 && selective.recompute < full.recompute);
    // Full recomputation runs the layers' forward again: about a third of the rest.
    const double rest = full.compute - full.recompute;
    CHECK(full.recompute > 0.25 * rest && full.recompute < 0.4 * rest);
    CHECK(full.tpComm > none.tpComm); // its forward collectives too
}

TEST(unfused_attention_pays_for_the_score_matrix)
{
    Scenario sc = base70b();
    const TimeBreakdown fused = predictStepTime(sc);
    sc.software.attention = AttentionKernel::Unfused;
    const TimeBreakdown unfused = predictStepTime(sc);
    CHECK(unfused.compute > fused.compute);
    CHECK(unfused.memoryBound > fused.memoryBound); // softmax and dropout over the scores
    // The s² traffic grows with the sequence: at 32k tokens it dominates.
    Scenario longSeq = shapes::scenario(shapes::llama3_8b(), 8, 32768);
    longSeq.parallel.dp = 8;
    const double fusedLong = predictStepTime(longSeq).step;
    longSeq.software.attention = AttentionKernel::Unfused;
    CHECK(predictStepTime(longSeq).step > 2 * fusedLong);
}

TEST(zero3_gathers_weights_every_micro_batch)
{
    Scenario sc = shapes::scenario(shapes::llama3_8b(), 64, 4096);
    sc.parallel.dp = 64;
    sc.hardware.knobs.dpOverlap = 0;
    sc.parallel.zero = 1;
    const double zero1 = predictStepTime(sc).dpComm;
    sc.parallel.zero = 3;
    const double zero3 = predictStepTime(sc).dpComm;
    CHECK(zero3 > zero1);
    // Twice the micro-batches, twice the gathers.
    sc.batch.globalBatch = 128;
    CHECK_NEAR(predictStepTime(sc).dpComm, 2 * zero3, 1e-9);
}

TEST(context_parallelism_hides_its_ring_behind_attention)
{
    Scenario sc = shapes::scenario(shapes::llama3_8b(), 8, 131072);
    sc.parallel.cp = 8;
    sc.parallel.dp = 1;
    const TimeBreakdown longSeq = predictStepTime(sc);
    // At 16k tokens a rank attention outlasts the K/V hops: only the ring steps' fixed costs
    // (7 forward, 14 backward a layer and micro-batch) stay exposed.
    const double latency = sc.hardware.knobs.collectiveLatencyUs * 1e-6;
    CHECK_NEAR(longSeq.cpComm, 21 * latency * sc.model.layers * 8 /* micro-batches */, 1e-9);
    sc.batch.seqLen = 8192;
    sc.batch.globalBatch = 8;
    sc.hardware.interNodeGbs = 1; // a slow ring across nodes is exposed
    sc.hardware.gpusPerNode = 2;
    CHECK(predictStepTime(sc).cpComm > 0);
}

TEST(predicted_mfu_stays_under_the_efficiency_cap)
{
    // Counting what the kernels run (exact, causal), no layout reaches more of the peak than
    // the largest GEMM efficiency.
    for (const ModelShape &m : {shapes::gpt2Small(), shapes::llama3_8b(), shapes::llama2_70b()})
        for (long s : {512, 4096, 32768})
            for (long tp : {1, 8})
                for (Precision prec : {Precision::Bf16, Precision::Fp8}) {
                    if (m.heads % tp != 0)
                        continue;
                    Scenario sc = shapes::scenario(m, 64, s);
                    sc.parallel.tp = tp;
                    sc.parallel.dp = 8;
                    sc.batch.microBatch = 8;
                    sc.precision = prec;
                    sc.conventions.causal = true;
                    sc.hardware.knobs.gemmHalfEfficiencyGflop = 0;
                    sc.hardware.knobs.attentionEfficiency = sc.hardware.knobs.gemmMaxEfficiency;
                    const auto ev = evaluate(sc);
                    CHECK(ev.ok());
                    CHECK(ev->predicted->mfu <= sc.hardware.knobs.gemmMaxEfficiency);
                    CHECK(ev->predicted->hfu <= sc.hardware.knobs.gemmMaxEfficiency);
                }
}

TEST(faster_links_and_memory_never_slow_a_step)
{
    const Scenario sc = base70b();
    const double step = predictStepTime(sc).step;
    for (double Hardware::*field : {&Hardware::memoryBwGbs, &Hardware::intraNodeGbs,
                                    &Hardware::interNodeGbs, &Hardware::peakTflopsBf16}) {
        Scenario faster = sc;
        faster.hardware.*field *= 2;
        CHECK(predictStepTime(faster).step < step);
    }
}

TEST(context_parallelism_costs_more_the_wider_it_is)
{
    // The same 64 GPUs and tokens per GPU: a wider ring runs the kernel on shorter key blocks
    // and pays more steps, so CP 8, 16 and 32 no longer tie.
    double previous = 0;
    for (long cp : {8, 16, 32}) {
        Scenario sc = shapes::scenario(shapes::llama3_70b(), 16, 32768);
        sc.parallel.tp = 2;
        sc.parallel.cp = cp;
        sc.parallel.dp = 32 / cp;
        const TimeBreakdown t = predictStepTime(sc);
        CHECK(t.step > previous);
        previous = t.step;
    }
}

TEST(the_stack_picks_the_attention_kernel)
{
    Scenario sc = shapes::scenario(shapes::llama3_8b(), 8, 8192);
    sc.hardware.knobs.attentionEfficiency = 0.2;
    sc.hardware.knobs.attentionEfficiencyFlash3 = 0.4;
    const double flash2 = matmul(predictStepTime(sc));
    sc.software.attention = AttentionKernel::Flash3;
    const double flash3 = matmul(predictStepTime(sc));
    CHECK(flash3 < flash2);
    // A device without a FlashAttention-3-class kernel runs FlashAttention-2's.
    sc.hardware.knobs.attentionEfficiencyFlash3 = 0;
    CHECK_NEAR(matmul(predictStepTime(sc)), flash2, 1e-12);
}

TEST(pipelined_tp_overlap_leaves_one_chunk_exposed)
{
    Scenario sc = base70b();
    const TimeBreakdown none = predictStepTime(sc);
    sc.software.tpOverlap = TpOverlap::Pipelined;
    sc.software.tpOverlapSmFraction = 0;
    const TimeBreakdown pipelined = predictStepTime(sc);
    // The layers' collectives hide behind their GEMMs but one chunk of four; the embedding's
    // and the head's stay whole.
    CHECK(pipelined.tpComm < 0.35 * none.tpComm);
    CHECK(pipelined.tpComm > 0.25 * none.tpComm);
    CHECK_NEAR(pipelined.compute, none.compute, 1e-12);
    // The SMs the overlap holds slow the GEMMs beside it.
    sc.software.tpOverlapSmFraction = 0.12;
    CHECK(predictStepTime(sc).compute > pipelined.compute);
    // Bulk overlap hides only the backward's collectives.
    sc.software.tpOverlap = TpOverlap::Bulk;
    const double bulk = predictStepTime(sc).tpComm;
    CHECK(bulk < none.tpComm && bulk > pipelined.tpComm);
    // Without sequence parallelism the all-reduces stay whole.
    sc.parallel.sequenceParallel = false;
    sc.software.tpOverlap = TpOverlap::Pipelined;
    Scenario plain = sc;
    plain.software.tpOverlap = TpOverlap::None;
    CHECK_NEAR(predictStepTime(sc).tpComm, predictStepTime(plain).tpComm, 1e-12);
}

TEST(bf16_gradient_reduction_halves_the_exposed_traffic)
{
    Scenario sc = base70b();
    sc.software.overlapGradReduce = false; // all of it exposed, so the bytes show
    const double fp32 = predictStepTime(sc).dpComm;
    sc.software.gradReduce = GradReduce::Bf16;
    const double bf16 = predictStepTime(sc).dpComm;
    // The reduce-scatter of 4 bytes a parameter halves; the all-gather of 2 stays: 4/6.
    CHECK_NEAR(bf16, fp32 * 4 / 6, 1e-3);
    sc.software.overlapGradReduce = true;
    CHECK(predictStepTime(sc).dpComm < bf16);
}

TEST(fp8_recipes_cost_what_their_casts_move)
{
    Scenario sc = base70b();
    sc.precision = Precision::Fp8;
    sc.hardware.peakTflopsFp8 = 2000;
    double previous = 0;
    for (Fp8Recipe recipe : {Fp8Recipe::Delayed, Fp8Recipe::Tensorwise, Fp8Recipe::Rowwise}) {
        sc.software.fp8Recipe = recipe;
        const double memory = predictStepTime(sc).memoryBound;
        CHECK(memory > previous);
        previous = memory;
    }
    // Block-scaled precisions run at their own peaks; a device without one is an error.
    sc.precision = Precision::Nvfp4;
    CHECK(!evaluate(sc).ok());
    sc.hardware.peakTflopsNvfp4 = 4000;
    sc.precision = Precision::Fp8;
    const double fp8 = matmul(predictStepTime(sc));
    sc.precision = Precision::Nvfp4;
    CHECK(matmul(predictStepTime(sc)) < fp8);
}

TEST(nvfp4_runs_at_its_own_gemm_ceiling_and_casts_with_a_tensor_scale)
{
    Scenario sc = base70b();
    sc.hardware.peakTflopsFp8 = 2000;
    sc.hardware.peakTflopsMxfp8 = 2000;
    sc.hardware.peakTflopsNvfp4 = 4000;
    sc.precision = Precision::Mxfp8;
    const TimeBreakdown mxfp8 = predictStepTime(sc);
    sc.precision = Precision::Nvfp4;
    const TimeBreakdown nvfp4 = predictStepTime(sc);
    // NVFP4 reads each tensor once more for its amax, and writes half the bytes MXFP8 does:
    // (2·2 + 2·(0.5 + 1/16)) against (2 + 2·(1 + 1/32)) bytes an element.
    CHECK_NEAR(nvfp4.casts / mxfp8.casts, (4 + 2 * (0.5 + 1.0 / 16)) / (2 + 2 * (1 + 1.0 / 32)),
               1e-9);
    const double fp4Default = matmul(nvfp4);
    sc.hardware.knobs.gemmMaxEfficiencyFp4 = sc.hardware.knobs.gemmMaxEfficiency / 2;
    CHECK(matmul(predictStepTime(sc)) > 1.5 * fp4Default);
    sc.precision = Precision::Mxfp8; // the FP4 ceiling leaves the other precisions alone
    CHECK_NEAR(predictStepTime(sc).step, mxfp8.step, 0);
}

TEST(the_host_sets_a_floor_under_small_layers_that_cuda_graphs_remove)
{
    // A 12-layer, 256-wide model on 128-token micro-batches: each layer's kernels run in a few
    // microseconds, far less than the host takes to issue them.
    Scenario sc = shapes::scenario(shapes::llama3_8b(), 8, 128);
    sc.model.hidden = 256;
    sc.model.heads = 4;
    sc.model.kvHeads = 4;
    sc.model.ffnHidden = 1024;
    sc.model.layers = 12;
    sc.model.vocab = 1000;
    const TimeBreakdown issued = predictStepTime(sc);
    CHECK(issued.host > 0);
    CHECK_NEAR(componentSum(issued), issued.step, 1e-12);
    // The floor: 11 fused kernels a layer forward (rotary's among them), three passes, at the
    // stack's host time each.
    const double perLayer = 3 * 11 * sc.software.hostUsPerKernel * 1e-6;
    const double microBatches = 8.0 / double(sc.parallel.dp * sc.batch.microBatch);
    CHECK(issued.compute + issued.host >= microBatches * sc.model.layers * perLayer);
    sc.software.cudaGraphs = true;
    const TimeBreakdown graphed = predictStepTime(sc);
    CHECK_EQ(graphed.host, 0);
    CHECK_NEAR(issued.step - graphed.step, issued.host, 1e-15);
    // A large layer outruns the host: graphs change nothing there.
    Scenario big = base70b();
    const double before = predictStepTime(big).step;
    big.software.cudaGraphs = true;
    CHECK_EQ(predictStepTime(big).step, before);
}

TEST(eager_elementwise_kernels_move_more_bytes)
{
    Scenario sc = shapes::scenario(shapes::llama3_8b(), 8, 8192);
    const TimeBreakdown fused = predictStepTime(sc);
    sc.software.elementwise = ElementwiseKernels::Eager;
    const TimeBreakdown eager = predictStepTime(sc);
    CHECK(eager.memoryBound > 2 * fused.memoryBound);
    CHECK_NEAR(matmul(eager), matmul(fused), 1e-12);
}

TEST(embedding_and_loss_as_stage_layers)
{
    // Llama 3.1 405B's 126 layers on pp 16 × vpp 8: 128 chunks, legal once the embedding and
    // the loss take a slot each, and the end stages then hold one layer fewer.
    Scenario sc = shapes::scenario(shapes::llama3_405b(), 512, 8192);
    sc.parallel.tp = 8;
    sc.parallel.pp = 16;
    sc.parallel.vpp = 8;
    sc.parallel.dp = 1;
    sc.parallel.sequenceParallel = true;
    CHECK(!evaluate(sc).ok());
    sc.software.embeddingInPipelineSplit = true;
    CHECK(evaluate(sc).ok());
    sc.parallel.vpp = 7; // 112 chunks: compare the stage loads with and without the split
    const double accounted = predictStepTime(sc).step;
    sc.software.embeddingInPipelineSplit = false;
    CHECK(predictStepTime(sc).step > accounted);
}

TEST(explicit_end_stages_price_like_the_split_they_spell_out)
{
    Scenario sc = shapes::llama3_405bOnPp16();
    const TimeBreakdown split = predictStepTime(sc);
    sc.software.embeddingInPipelineSplit = false;
    sc.parallel.firstStageLayers = 7;
    sc.parallel.lastStageLayers = 7;
    CHECK_EQ(predictStepTime(sc).step, split.step);
    // A last stage of one layer beside the head is lighter than an even share: the busiest
    // stage, and so the step, moves only with the stages that set it.
    sc.parallel.firstStageLayers = 0;
    sc.parallel.lastStageLayers = 0;
    const double even = predictStepTime(sc).step; // ⌈126/16⌉ = 8 everywhere, head on the last
    sc.parallel.lastStageLayers = 6;
    CHECK(predictStepTime(sc).step < even);
}

TEST(deferred_head_wgrad_and_p2p_overlap_only_shorten_the_step)
{
    Scenario sc = base70b();
    sc.model.vocab = 256000; // a head heavy enough to make the last stage the busiest
    const TimeBreakdown plain = predictStepTime(sc);
    sc.software.deferEmbeddingWgrad = true;
    const TimeBreakdown deferred = predictStepTime(sc);
    CHECK(deferred.step < plain.step);
    sc.software.overlapP2pComm = true;
    const TimeBreakdown overlapped = predictStepTime(sc);
    CHECK(overlapped.ppComm < deferred.ppComm);
}
