using System.Collections.Generic;
using Inference.Sdk.Costs;

namespace Inference.Sdk.Requests;

/// <summary>What the router computed about one request, once, before the policy runs.</summary>
internal sealed class RequestFeatures
{
    /// <summary>Gets or sets the prompt tokens per target (same index as the targets), counted with each target's tokenizer.</summary>
    public required int[] PromptTokens { get; init; }

    /// <summary>Gets or sets, per target, whether the count is an estimate.</summary>
    public required bool[] PromptTokensEstimated { get; init; }

    public int OutputTokens { get; init; }

    /// <summary>Gets the kinds of PII found, as a bit set over <see cref="PiiKind"/>.</summary>
    public int PiiKinds { get; init; }

    public TaskType TaskType { get; init; }

    public string? Tenant { get; init; }

    public string? DataClassification { get; init; }

    public string? ForceTarget { get; init; }

    /// <summary>Gets the time to first token the caller needs (<see cref="InferencePropertyNames.LatencyGoal"/>); <see langword="null"/> for batch work.</summary>
    public System.TimeSpan? LatencyGoal { get; init; }

    /// <summary>Gets the priority the caller asked for (<see cref="InferencePropertyNames.Priority"/>); <see langword="null"/> for the tenant's.</summary>
    public RequestPriority? PriorityHint { get; init; }

    /// <summary>Gets or sets the priority the request runs with (the hint, else the tenant's); set by the router before the policy runs.</summary>
    public RequestPriority Priority { get; set; }

    /// <summary>Gets the tokens the request is expected to use on target <paramref name="i"/>: its prompt there plus the expected output.</summary>
    public long NeedOn(int i) => (long)PromptTokens[i] + OutputTokens;

    /// <summary>Gets the most tokens the request is expected to use on any target (what a tenant's limit counts).</summary>
    public long MostNeeded()
    {
        long most = 0;
        for (int i = 0; i < PromptTokens.Length; i++)
        {
            most = System.Math.Max(most, NeedOn(i));
        }

        return most;
    }

    public IReadOnlyList<string> RequiredTags { get; init; } = [];

    public BudgetStatus Budget { get; init; } = BudgetStatus.Unlimited;

    /// <summary>Gets the capabilities the request needs of a target (<see cref="RequestNeeds"/>).</summary>
    public Knowledge.ModelCapabilities Needs { get; init; }

    /// <summary>Gets the key that ties this turn to the conversation's other turns (<see cref="ConversationKey"/>).</summary>
    public ConversationKey Conversation { get; init; }

    /// <summary>Gets or sets the index of the target that served the conversation's previous turn; -1 when none. Set by the router before the policy runs.</summary>
    public int AffinityTarget { get; set; } = -1;

    public static List<PiiKind> KindsOf(int bits)
    {
        var list = new List<PiiKind>();
        for (int k = 0; bits >> k != 0; k++)
        {
            if ((bits & (1 << k)) != 0)
            {
                list.Add((PiiKind)k);
            }
        }

        return list;
    }
}
