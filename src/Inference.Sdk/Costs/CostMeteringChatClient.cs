using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Tokens;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Costs;

/// <summary>
/// A delegating chat client that prices each response of one target, attaches the <see cref="RequestCost"/> to
/// <c>ChatResponse.AdditionalProperties[InferencePropertyNames.Cost]</c> (for streams: to the update that carries the usage, or to an
/// extra final update), records it in an <see cref="ICostLedger"/> and counts it on <see cref="InferenceTelemetry.Cost"/>
/// (<c>inference.client.cost</c>). Token usage, durations and chunk latencies (<c>gen_ai.*</c>) are Microsoft.Extensions.AI's
/// <see cref="OpenTelemetryChatClient"/>'s to record, once.
/// </summary>
/// <remarks>
/// <para>Usage comes from <see cref="ChatResponse.Usage"/> or the stream's <see cref="UsageContent"/>. Without it the token counts
/// are estimated with the router's counter for the target's model (the same tokenizer, over everything the engine read: text, tool
/// calls and results, tool definitions, instructions, images at the tokens a hosted API bills for them, which for some models is
/// more than the context holds (<c>ImageTokenRule.ForBilling</c>); one token per three characters for a model without a known
/// tokenizer) and the cost is flagged <see cref="RequestCost.IsEstimated"/>: a request is never counted as free.</para>
/// <para>Failed attempts: an attempt that throws before delivering output bills nothing (providers do not bill refused or failed
/// requests); a stream that delivered output and then failed, was cancelled or was abandoned bills what it delivered (estimated,
/// <see cref="RequestCost.IsPartial"/>).</para>
/// </remarks>
public sealed class CostMeteringChatClient : DelegatingChatClient
{
    private readonly MeteredTarget _target;
    private readonly TokenCounter _counter;
    private readonly ImageTokenRule _images;
    private readonly ICostLedger _ledger;
    private readonly TimeProvider _time;
    private readonly GpuUtilizationTracker? _utilization;
    private int _inFlight;

    /// <summary>Initializes a new instance of the <see cref="CostMeteringChatClient"/> class.</summary>
    /// <param name="innerClient">The client of the target.</param>
    /// <param name="target">The target billed for the responses.</param>
    /// <param name="ledger">The ledger costs are recorded in.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="utilization">The utilization tracker told when requests start and end (GPU-hour targets), if any.</param>
    public CostMeteringChatClient(IChatClient innerClient, MeteredTarget target, ICostLedger ledger, TimeProvider? timeProvider = null, GpuUtilizationTracker? utilization = null)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(ledger);
        _target = target;
        _ledger = ledger;
        _time = timeProvider ?? TimeProvider.System;
        _utilization = utilization;
        _counter = TokenCounter.ForModel(target.Model);
        _images = ImageTokenRule.ForBilling(target.Model, target.Tier == TargetTier.HostedApi);
    }

    /// <summary>Gets the number of requests in flight on the target through this client.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        long started = _time.GetTimestamp();
        int concurrency = Begin();
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            End(0);
            throw;
        }

        RequestCost cost;
        using (Output? output = response.Usage?.OutputTokenCount is null ? Output.Of(response.Messages) : null) // read only for an estimate
        {
            cost = Price(messages, options, response.Usage, response.AdditionalProperties, response.ModelId, output, started, concurrency, partial: false, EndpointOf(response.AdditionalProperties));
        }

        End(cost.InputTokens + cost.OutputTokens);
        (response.AdditionalProperties ??= [])[InferencePropertyNames.Cost] = cost;
        _ = _ledger.Record(cost);
        RecordCost(options, cost);
        return response;
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        long started = _time.GetTimestamp();
        int concurrency = Begin();
        using var output = new Output();
        bool delivered = false;
        UsageDetails? usage = null;
        AdditionalPropertiesDictionary? providerProperties = null;
        string? modelId = null;
        ChatResponseUpdate? last = null;
        Pools.EndpointDecision? endpoint = null;
        RequestCost? cost = null;
        IAsyncEnumerator<ChatResponseUpdate> updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                if (!await updates.MoveNextAsync().ConfigureAwait(false))
                {
                    break;
                }

                ChatResponseUpdate update = updates.Current;
                delivered = true;
                last = update;
                modelId ??= update.ModelId;
                if (update.AdditionalProperties is { Count: > 0 } props)
                {
                    if (props.ContainsKey(ServerlessSecondPricing.ExecutionMillisecondsKey) || props.ContainsKey(ServerlessSecondPricing.DelayMillisecondsKey))
                    {
                        providerProperties = props;
                    }

                    endpoint ??= EndpointOf(props);
                }

                bool carriesUsage = false;
                IList<AIContent> contents = update.Contents;
                for (int i = 0; i < contents.Count; i++) // indexed: a foreach over the interface boxes an enumerator per update
                {
                    AIContent content = contents[i];
                    switch (content)
                    {
                        case UsageContent u:
                            usage = usage is null ? u.Details : Merge(usage, u.Details);
                            carriesUsage = true;
                            break;
                        default:
                            if (cost is null)
                            {
                                output.Add(content); // for the estimate, should the usage not come
                            }

                            break;
                    }
                }

                if (carriesUsage && cost is null)
                {
                    cost = Price(messages, options, usage, providerProperties, modelId, output, started, concurrency, partial: false, endpoint);
                    (update.AdditionalProperties ??= [])[InferencePropertyNames.Cost] = cost;
                    Commit(options, cost);
                }

                yield return update;
            }

            if (cost is null)
            {
                cost = Price(messages, options, usage, providerProperties, modelId, output, started, concurrency, partial: false, endpoint);
                Commit(options, cost);
                yield return new ChatResponseUpdate
                {
                    Role = ChatRole.Assistant,
                    ResponseId = last?.ResponseId,
                    MessageId = last?.MessageId,
                    ConversationId = last?.ConversationId,
                    ModelId = modelId,
                    CreatedAt = last?.CreatedAt,
                    AdditionalProperties = new() { [InferencePropertyNames.Cost] = cost },
                };
            }
        }
        finally
        {
            if (cost is null && delivered)
            {
                // Failed, cancelled or abandoned after output was delivered: bill what was delivered.
                cost = Price(messages, options, usage, providerProperties, modelId, output, started, concurrency, partial: true, endpoint);
                Commit(options, cost);
            }
            else if (cost is null)
            {
                End(0);
            }

            await updates.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static UsageDetails Merge(UsageDetails a, UsageDetails b)
    {
        var merged = new UsageDetails
        {
            InputTokenCount = a.InputTokenCount,
            OutputTokenCount = a.OutputTokenCount,
            TotalTokenCount = a.TotalTokenCount,
            CachedInputTokenCount = a.CachedInputTokenCount,
            ReasoningTokenCount = a.ReasoningTokenCount,
        };
        merged.Add(b);
        return merged;
    }

    private static TimeSpan? Milliseconds(AdditionalPropertiesDictionary? properties, string key)
    {
        if (properties is null || !properties.TryGetValue(key, out object? value) || value is null)
        {
            return null;
        }

        double? ms = value switch
        {
            long l => l,
            int i => i,
            double d => d,
            decimal m => (double)m,
            JsonElement { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double p) => p,
            _ => null,
        };
        return ms is >= 0 ? TimeSpan.FromMilliseconds(ms.Value) : null;
    }

    /// <summary>The replica of a pool that served, from the decision the pool put on the response (or its first update).</summary>
    private static Pools.EndpointDecision? EndpointOf(AdditionalPropertiesDictionary? properties) =>
        properties?.TryGetValue(InferencePropertyNames.Endpoint, out object? value) == true ? value as Pools.EndpointDecision : null;

    private static string? Tenant(ChatOptions? options)
        => options?.AdditionalProperties?.TryGetValue(InferencePropertyNames.Tenant, out object? tenant) == true ? tenant as string : null;

    private int Begin()
    {
        _utilization?.RequestStarted(_target.Name);
        return Interlocked.Increment(ref _inFlight);
    }

    private void End(long tokens)
    {
        _ = Interlocked.Decrement(ref _inFlight);
        _utilization?.RequestEnded(_target.Name, tokens);
    }

    private void Commit(ChatOptions? options, RequestCost cost)
    {
        End(cost.InputTokens + cost.OutputTokens);
        _ = _ledger.Record(cost);
        RecordCost(options, cost);
    }

    private RequestCost Price(
        IEnumerable<ChatMessage> messages, ChatOptions? options, UsageDetails? usage, AdditionalPropertiesDictionary? properties,
        string? modelId, Output? outputText, long started, int concurrency, bool partial, Pools.EndpointDecision? endpoint)
    {
        bool estimated = partial;
        long input;
        long output;
        if (!partial && usage?.InputTokenCount is long reportedInput)
        {
            input = reportedInput;
        }
        else
        {
            var prompt = PromptText.Read(messages as IReadOnlyList<ChatMessage> ?? [.. messages], options, AIJsonUtilities.DefaultOptions);
            input = _counter.Count(prompt) + _images.Estimate(prompt.Images);
            estimated = true;
        }

        if (!partial && usage?.OutputTokenCount is long reportedOutput)
        {
            output = reportedOutput;
        }
        else
        {
            output = outputText?.Tokens(_counter) ?? 0;
            estimated = true;
        }

        TimeSpan? execution = Milliseconds(properties, ServerlessSecondPricing.ExecutionMillisecondsKey);
        if (_target.Pricing.Kind == PricingKind.ServerlessSecond && execution is null)
        {
            estimated = true;
        }

        var metered = new MeteredUsage(
            input,
            output,
            usage?.CachedInputTokenCount ?? 0,
            usage?.ReasoningTokenCount ?? 0,
            _time.GetElapsedTime(started),
            concurrency,
            execution,
            Milliseconds(properties, ServerlessSecondPricing.DelayMillisecondsKey));

        PricingModel pricing = _target.Pricing;
        return new RequestCost
        {
            Usd = pricing.ComputeUsd(metered),
            Pricing = pricing.Kind,
            IsEstimated = estimated,
            IsPartial = partial,
            Target = _target.Name,
            Endpoint = endpoint is null ? null : _target.Name + "@" + endpoint.Endpoint.Authority,
            Provider = _target.Provider,
            Model = modelId ?? options?.ModelId ?? _target.Model,
            Tier = _target.Tier,
            Tenant = Tenant(options),
            InputTokens = metered.InputTokens,
            OutputTokens = metered.OutputTokens,
            CachedInputTokens = metered.CachedInputTokens,
            ReasoningTokens = metered.ReasoningTokens,
            Timestamp = _time.GetUtcNow(),
            PriceSource = pricing.Source,
            PriceAsOf = pricing.AsOf,
        };
    }

    private TagList Tags(ChatOptions? options)
    {
        var tags = new TagList
        {
            { InferenceTelemetry.OperationNameTag, "chat" },
            { InferenceTelemetry.ProviderTag, _target.ProviderName },
            { InferenceTelemetry.RequestModelTag, options?.ModelId ?? _target.Model },
            { InferenceTelemetry.TargetTag, _target.Name },
            { InferenceTelemetry.TierTag, _target.Tier.ToString() },
        };
        if (Tenant(options) is { } tenant)
        {
            tags.Add(InferenceTelemetry.TenantTag, tenant);
        }

        return tags;
    }

    private void RecordCost(ChatOptions? options, RequestCost cost)
    {
        if (InferenceTelemetry.Cost.Enabled)
        {
            TagList tags = Tags(options);
            tags.Add(InferenceTelemetry.PricingTag, cost.Pricing.ToString());
            tags.Add(InferenceTelemetry.EstimatedTag, cost.IsEstimated);
            InferenceTelemetry.Cost.Add((double)cost.Usd, tags);
        }

        Activity.Current?.SetTag(InferenceTelemetry.CostUsdTag, (double)cost.Usd);
    }

    /// <summary>
    /// What a response delivered, gathered for an estimate of its output tokens when the target reports no usage. Streamed text
    /// is copied into buffers rented from <see cref="ArrayPool{T}.Shared"/> (doubling, the old one given back), so a streamed update
    /// allocates nothing; the text is counted once, at the end, only when the usage is missing (BPE counts of pieces would not add
    /// up to the count of the whole). <see cref="Dispose"/> gives the buffers back.
    /// </summary>
    private sealed class Output : IDisposable
    {
        private PooledText _text;
        private PooledText _reasoning;
        private List<ChatMessage>? _calls;

        public static Output Of(IList<ChatMessage> messages)
        {
            var output = new Output();
            for (int m = 0; m < messages.Count; m++)
            {
                IList<AIContent> contents = messages[m].Contents;
                for (int i = 0; i < contents.Count; i++)
                {
                    output.Add(contents[i]);
                }
            }

            return output;
        }

        public void Add(AIContent content)
        {
            switch (content)
            {
                case TextContent t:
                    _text.Append(t.Text);
                    break;
                case TextReasoningContent r:
                    _reasoning.Append(r.Text);
                    break;
                case FunctionCallContent call:
                    (_calls ??= []).Add(new ChatMessage(ChatRole.Assistant, [call]));
                    break;
            }
        }

        public long Tokens(TokenCounter counter)
        {
            long tokens = counter.CountText(_text.Span) + counter.CountText(_reasoning.Span);
            if (_calls is not null)
            {
                tokens += counter.Count(PromptText.ReadOutput(_calls, AIJsonUtilities.DefaultOptions));
            }

            return tokens;
        }

        public void Dispose()
        {
            _text.Return();
            _reasoning.Return();
        }
    }

    /// <summary>Text appended into a buffer rented from <see cref="ArrayPool{T}.Shared"/>.</summary>
    private struct PooledText
    {
        private const int FirstLength = 256;
        private char[]? _chars;
        private int _length;

        public readonly ReadOnlySpan<char> Span => _chars.AsSpan(0, _length);

        public void Append(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return;
            }

            int needed = _length + text.Length;
            if (_chars is null || needed > _chars.Length)
            {
                char[] larger = ArrayPool<char>.Shared.Rent(Math.Max(needed, Math.Max(FirstLength, (_chars?.Length ?? 0) * 2)));
                if (_chars is not null)
                {
                    _chars.AsSpan(0, _length).CopyTo(larger);
                    ArrayPool<char>.Shared.Return(_chars);
                }

                _chars = larger;
            }

            text.CopyTo(_chars.AsSpan(_length));
            _length = needed;
        }

        public void Return()
        {
            if (_chars is { } chars)
            {
                _chars = null;
                _length = 0;
                ArrayPool<char>.Shared.Return(chars);
            }
        }
    }
}
