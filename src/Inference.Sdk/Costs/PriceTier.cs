namespace Inference.Sdk.Costs;

/// <summary>The service tier a hosted API bills a request at.</summary>
public enum PriceTier
{
    /// <summary>The standard (on-demand) price.</summary>
    Standard,

    /// <summary>The batch API price (OpenAI, Anthropic: about half, answered within a day).</summary>
    Batch,

    /// <summary>The flex tier (OpenAI <c>service_tier: "flex"</c>: slower and cheaper).</summary>
    Flex,

    /// <summary>The priority tier (OpenAI <c>service_tier: "priority"</c>).</summary>
    Priority,
}
