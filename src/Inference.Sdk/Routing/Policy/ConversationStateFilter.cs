namespace Inference.Sdk.Routing.Policy;

/// <summary>
/// Service-held history: a request carrying <see cref="Microsoft.Extensions.AI.ChatOptions.ConversationId"/> expects the
/// target to hold the conversation's earlier turns, which no target the router speaks to does (Chat Completions keeps no
/// history: the id would be dropped and the model would answer without the conversation). Refused before any call, unless
/// <see cref="HybridRouterOptions.ConversationIdAsAffinityKey"/> says the id is only a label (then it is the affinity key).
/// </summary>
internal sealed class ConversationStateFilter : RouteFilter
{
    public static readonly ConversationStateFilter Instance = new();

    public override bool Apply(ref RouteContext c)
    {
        if (!c.Request.Conversation.FromConversationId || c.Options.ConversationIdAsAffinityKey)
        {
            return true;
        }

        for (int i = 0; i < c.Count; i++)
        {
            if (c.IsEligible(i))
            {
                c.Exclude(i, RouteRule.ConversationState, "keeps no server-side conversation history (Chat Completions is stateless)");
            }
        }

        c.Decision.AddReason(Fix);
        return false;
    }

    internal const string Fix =
        "ChatOptions.ConversationId asks the target to hold the conversation's history; send the conversation's messages with each request, or set Inference:Router:ConversationIdAsAffinityKey to true "
        + "(HybridRouterOptions.ConversationIdAsAffinityKey) to use the id only to keep the conversation on one target";
}
