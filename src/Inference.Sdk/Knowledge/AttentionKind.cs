namespace Inference.Sdk.Knowledge;

/// <summary>How a model's attention layers store their KV cache, which decides how many bytes a token of context costs.</summary>
public enum AttentionKind
{
    /// <summary>
    /// Grouped-query attention (multi-head and multi-query attention are its special cases): each attention layer keeps a key
    /// and a value vector per KV head, 2 × KV heads × head dim elements per token.
    /// </summary>
    GroupedQuery,

    /// <summary>
    /// Multi-head latent attention (DeepSeek V2/V3, Kimi K2, GLM-5): each layer keeps one compressed latent of
    /// <c>kv_lora_rank</c> elements plus a shared rotary key of <c>qk_rope_head_dim</c> elements per token.
    /// </summary>
    MultiHeadLatent,
}
