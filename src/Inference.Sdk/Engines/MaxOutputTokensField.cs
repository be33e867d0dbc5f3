namespace Inference.Sdk.Engines;

/// <summary>Which request field carries the output cap (<c>ChatOptions.MaxOutputTokens</c>) to an engine.</summary>
public enum MaxOutputTokensField
{
    /// <summary><c>max_completion_tokens</c>, the current OpenAI field (what the OpenAI SDK sends).</summary>
    MaxCompletionTokens,

    /// <summary><c>max_tokens</c>, the legacy field; for engines that ignore or reject <c>max_completion_tokens</c>.</summary>
    MaxTokens,

    /// <summary>Both fields with the same value; for engines whose builds differ in which one they honour and that accept both.</summary>
    Both,
}
