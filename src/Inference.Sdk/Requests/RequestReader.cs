using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Inference.Sdk.Costs;
using Inference.Sdk.Tokens;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Requests;

/// <summary>
/// Reads one request, once, before any decision: what its engines will read (<see cref="PromptText"/>) and its prompt tokens per
/// target, the PII in every content kind (<see cref="PiiScan"/>, the walk of <see cref="ContentText"/>), its task type, and the
/// caller's hints in <see cref="ChatOptions.AdditionalProperties"/>. Decides nothing.
/// </summary>
internal sealed class RequestReader
{
    private readonly IPiiDetector _pii;
    private readonly ITaskClassifier _classifier;
    private readonly IBudgetTracker? _budgets;
    private readonly PromptTokenPlan _promptTokens;
    private readonly int _targets;
    private readonly int _defaultOutputTokens;
    private readonly JsonSerializerOptions _json;

    /// <summary>Initializes a new instance of the <see cref="RequestReader"/> class.</summary>
    /// <param name="pii">The PII detector.</param>
    /// <param name="classifier">The task classifier.</param>
    /// <param name="budgets">Where the tenant's budget is read; <see langword="null"/> for no budgets.</param>
    /// <param name="promptTokens">The token plan over the targets.</param>
    /// <param name="targets">The number of targets (the length of the per-target arrays).</param>
    /// <param name="defaultOutputTokens">The output expected when the request does not set <see cref="ChatOptions.MaxOutputTokens"/>.</param>
    /// <param name="json">How objects in tool calls and results are serialized (as the wire does).</param>
    public RequestReader(IPiiDetector pii, ITaskClassifier classifier, IBudgetTracker? budgets, PromptTokenPlan promptTokens, int targets, int defaultOutputTokens, JsonSerializerOptions json)
    {
        _json = json;
        _pii = pii;
        _classifier = classifier;
        _budgets = budgets;
        _promptTokens = promptTokens;
        _targets = targets;
        _defaultOutputTokens = defaultOutputTokens;
    }

    /// <summary>Computes a request's features.</summary>
    /// <param name="messages">The request's messages.</param>
    /// <param name="options">The request's options, with the caller's hints.</param>
    /// <returns>The features.</returns>
    /// <exception cref="ArgumentException">A hint has the wrong type.</exception>
    public RequestFeatures Read(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var props = options?.AdditionalProperties;
        string? tenant = Hint(props, InferencePropertyNames.Tenant);
        var budget = _budgets?.GetStatus(tenant) ?? BudgetStatus.Unlimited;
        int output = options?.MaxOutputTokens is > 0 and var max ? max : _defaultOutputTokens;
        var tokens = new int[_targets];
        var estimated = new bool[_targets];
        using var prompt = PromptText.Rent(messages, options, _json); // one walk: the texts, images and tool traffic (the thread's, given back at the end)
        _promptTokens.Count(prompt, output, exactForCost: budget.IsExhausted || budget.RemainingUsd is not null, tokens, estimated);
        return new RequestFeatures
        {
            PromptTokens = tokens,
            PromptTokensEstimated = estimated,
            OutputTokens = output,
            PiiKinds = DetectPii(messages, options, prompt),
            TaskType = _classifier.Classify(messages, options),
            Tenant = tenant,
            DataClassification = Hint(props, InferencePropertyNames.DataClassification),
            ForceTarget = Hint(props, InferencePropertyNames.ForceTarget),
            RequiredTags = Tags(props),
            LatencyGoal = LatencyGoal(props),
            PriorityHint = Priority(props),
            Budget = budget,
            Needs = RequestNeeds.Of(prompt, options),
            Conversation = ConversationKey.Of(messages, options),
        };
    }

    /// <summary>
    /// Copies the request with every finding in every content kind (and the instructions) replaced by a numbered placeholder such
    /// as <c>[EMAIL_1]</c>, the same value the same placeholder; call ids, function names and raw representations are not copied.
    /// </summary>
    /// <param name="messages">The request's messages.</param>
    /// <param name="options">The request's options.</param>
    /// <returns>The redacted copy and the restore of its placeholders, which holds the original values for this request only.</returns>
    public RedactedRequest Redact(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var redaction = new PiiRedaction(_pii, _json);
        var (redacted, redactedOptions) = redaction.Copy(messages, options);
        return new RedactedRequest(redacted, redactedOptions, redaction.Restore);
    }

    private int DetectPii(IReadOnlyList<ChatMessage> messages, ChatOptions? options, PromptText prompt)
    {
        using var scan = PiiScan.Rent(_pii, _json, prompt.SerializedResults);
        scan.Read(messages, options);
        return scan.Kinds;
    }

    private static string? Hint(AdditionalPropertiesDictionary? props, string key) =>
        props is not null && props.TryGetValue(key, out object? value) && value is string { Length: > 0 } s ? s : null;

    private static TimeSpan? LatencyGoal(AdditionalPropertiesDictionary? props) =>
        props is null || !props.TryGetValue(InferencePropertyNames.LatencyGoal, out object? value) || value is null ? null
        : value is TimeSpan goal && goal >= TimeSpan.Zero ? goal
        : throw new ArgumentException($"ChatOptions.AdditionalProperties[\"{InferencePropertyNames.LatencyGoal}\"] must be a non-negative TimeSpan.", "options");

    private static RequestPriority? Priority(AdditionalPropertiesDictionary? props) =>
        props is null || !props.TryGetValue(InferencePropertyNames.Priority, out object? value) || value is null ? null
        : value is RequestPriority p && Enum.IsDefined(p) ? p
        : value is string s && Enum.TryParse(s, ignoreCase: true, out RequestPriority parsed) && Enum.IsDefined(parsed) && !char.IsDigit(s.Trim()[0]) ? parsed
        : throw new ArgumentException($"ChatOptions.AdditionalProperties[\"{InferencePropertyNames.Priority}\"] must be a RequestPriority or one of its names (Interactive, Batch).", "options");

    private static IReadOnlyList<string> Tags(AdditionalPropertiesDictionary? props)
    {
        if (props is null || !props.TryGetValue(InferencePropertyNames.RequiredTags, out object? value))
        {
            return [];
        }

        return value switch
        {
            string s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            IEnumerable<string> e => e.ToArray(),
            _ => throw new ArgumentException($"ChatOptions.AdditionalProperties[\"{InferencePropertyNames.RequiredTags}\"] must be a string or a sequence of strings.", "options"),
        };
    }
}
