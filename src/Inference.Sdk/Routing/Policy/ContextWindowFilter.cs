namespace Inference.Sdk.Routing.Policy;

/// <summary>Never sends a request to a target whose context window cannot hold prompt plus output (counted with that target's tokenizer).</summary>
internal sealed class ContextWindowFilter : RouteFilter
{
    public static readonly ContextWindowFilter Instance = new();

    public override bool Apply(ref RouteContext c)
    {
        for (int i = 0; i < c.Count; i++)
        {
            long need = c.Need(i);
            int window = c.Targets[i].Target.ContextWindow;
            if (c.IsEligible(i) && need > window)
            {
                c.Exclude(i, RouteRule.ContextWindow, $"context window {window} < {need} tokens (prompt {c.Request.PromptTokens[i]} + output {c.Request.OutputTokens})");
            }
        }

        return true;
    }
}
