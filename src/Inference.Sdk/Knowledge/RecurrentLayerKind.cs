namespace Inference.Sdk.Knowledge;

/// <summary>The kind of the fixed-size-state layers of a hybrid model; such layers keep no per-token KV cache.</summary>
public enum RecurrentLayerKind
{
    /// <summary>No recurrent layers: every layer is attention.</summary>
    None,

    /// <summary>Linear-attention layers such as Gated DeltaNet (Qwen3-Next, Qwen3.5): a state of heads × key dim × value dim per sequence.</summary>
    LinearAttention,

    /// <summary>Mamba2 state-space layers (Nemotron-H, Granite 4.0-H): a state of heads × head dim × state dim per sequence.</summary>
    Mamba2,
}
