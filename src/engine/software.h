#pragma once

#include <string>

namespace mfu::engine {

// The kernel that runs the attention core (softmax(QKᵀ)·V).
enum class AttentionKernel
{
    Unfused, // batched GEMMs with the s×s scores through HBM (Megatron-LM, DeepSpeed before 2022)
    Flash2,  // FlashAttention-2 class: fused, scores on chip, masked half skipped
    Flash3,  // FlashAttention-3 or cuDNN fused attention: warp-specialised, asynchronous (Hopper+)
};

// How tensor-parallel collectives meet the GEMMs they feed or drain.
enum class TpOverlap
{
    None,      // every all-gather and reduce-scatter waits for, or holds up, its GEMM
    Bulk,      // the backward's collectives run beside the independent dgrad/wgrad GEMM
    Pipelined, // every collective split in chunks that run beside the GEMM on the other chunks
               // (Transformer Engine userbuffers, PyTorch async TP); one chunk stays exposed
};

// How FP8 scaling factors are found (MXFP8 and NVFP4 scale blocks by their precision).
enum class Fp8Recipe
{
    Delayed,    // per-tensor scale from an amax history: the cast is one pass
    Tensorwise, // per-tensor scale of the current step: an amax pass before the cast
    Rowwise,    // one scale per row: an amax pass, and the transposed copy cast on its own
    Blockwise,  // 1×128 activation and 128×128 weight blocks (DeepSeek-V3 recipe)
};

// How the layer's elementwise work (norms, activation, rotary, residual adds) runs.
enum class ElementwiseKernels
{
    Fused, // one kernel per module (Transformer Engine, Apex, Liger, torch.compile)
    Eager, // one kernel per operator, norms in FP32 (PyTorch eager mode)
};

// The type data-parallel gradients are reduced in.
enum class GradReduce
{
    Fp32, // FP32 main-grad buffers (Megatron's default, torch FSDP's reduce_dtype float32)
    Bf16, // BF16 (grad_reduce_in_fp32 = False, as every current NVIDIA performance recipe)
};

// How routed tokens reach the GPUs of their experts.
enum class MoeDispatcher
{
    AllToAll, // NCCL all-to-all: every token copy crosses the network on its own
    Flex,     // DeepEP / HybridEP: a token crosses to each destination node once, then fans out
              // over the scale-up links (Megatron's "flex" dispatcher)
};

// The training stack: kernels, fusions and overlaps, independent of the device they run on
// (the device's kernel ceilings are Hardware's knobs). A preset names a stack; every field
// can be set on its own.
struct Software
{
    std::string name;
    AttentionKernel attention = AttentionKernel::Flash2;
    ElementwiseKernels elementwise = ElementwiseKernels::Fused;
    TpOverlap tpOverlap = TpOverlap::None;
    // Share of the SMs the overlapping collectives hold while they run, which the GEMMs beside
    // them lose: 16 of H100's 132 (0.12) by default in Transformer Engine userbuffers.
    double tpOverlapSmFraction = 0.12;
    // Gradient reduce-scatter (or all-reduce) during the backward, parameter all-gather during
    // the forward, as far as the knob dp_overlap and the compute beside them allow; off: after
    // and before the step, exposed (overlap_grad_reduce, overlap_param_gather).
    bool overlapGradReduce = true;
    GradReduce gradReduce = GradReduce::Fp32;
    bool fp8ParamGather = false; // parameters gathered in FP8 (1 byte) under FP8 training
    Fp8Recipe fp8Recipe = Fp8Recipe::Delayed;
    // The embedding and the loss count as one layer each when layers are split into pipeline
    // stages (Megatron's account_for_embedding/loss_in_pipeline_split, Llama 3 §3.3.2): the
    // first and last stages hold one layer fewer, and pp·vpp may reach layers + 2.
    bool embeddingInPipelineSplit = false;
    // The output layer's weight-gradient GEMM waits for the pipeline's flush instead of
    // holding up the last stage (Megatron's defer_embedding_wgrad_compute).
    bool deferEmbeddingWgrad = false;
    // Pipeline sends and receives of the steady 1F1B phase run beside compute (overlap_p2p_comm);
    // only the warm-up and flush ones are exposed.
    bool overlapP2pComm = false;
    // The layers' kernels are captured in CUDA graphs (Megatron's per-layer or full-iteration
    // graphs, XLA's command buffers) and replayed with one launch: the host issues nothing per
    // kernel, and small per-GPU work no longer waits on it.
    bool cudaGraphs = false;
    // Host time to issue one kernel without graphs, µs: the framework's Python and dispatcher
    // around cudaLaunchKernel (an estimate; no training stack's launch rate is published). The
    // GPU runs ahead of the host until a layer's kernels take less time than the host needs to
    // issue them.
    double hostUsPerKernel = 10;
    MoeDispatcher moeDispatcher = MoeDispatcher::AllToAll;
    // The expert-parallel all-to-alls of one micro-batch run beside the other micro-batch's
    // compute (Megatron's overlap_moe_expert_parallel_comm, DeepSeek's DualPipe).
    bool moeA2aOverlap = false;
    // Routing forced to an even share per expert, as benchmark tables run (Megatron's
    // moe_router_force_load_balancing); off, the busiest expert-parallel rank sets the pace.
    bool moeForceBalance = false;
    // Dropless routing without forced balance: the busiest expert-parallel rank's tokens over
    // the mean, which its grouped GEMMs and all-to-alls carry.
    double moeImbalance = 1.1;
    bool operator==(const Software &) const = default;
};

} // namespace mfu::engine
