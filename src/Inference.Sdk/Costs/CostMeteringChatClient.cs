using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
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
/// are estimated as one token per four characters (rounded up) and the cost is flagged <see cref="RequestCost.IsEstimated"/>: a
/// request is never counted as free.</para>
/// <para>Failed attempts: an attempt that throws before delivering output bills nothing (providers do not bill refused or failed
/// requests); a stream that delivered output and then failed, was cancelled or was abandoned bills what it delivered (estimated,
/// <see cref="RequestCost.IsPartial"/>).</para>
/// </remarks>
public sealed class CostMeteringChatClient : DelegatingChatClient
{
    private const int CharsPerToken = 4;
    private readonly MeteredTarget _target;
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

        RequestCost cost = Price(messages, options, response.Usage, response.AdditionalProperties, response.ModelId, OutputChars(response.Messages), started, concurrency, partial: false);
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
        long outputChars = 0;
        bool delivered = false;
        UsageDetails? usage = null;
        AdditionalPropertiesDictionary? providerProperties = null;
        string? modelId = null;
        ChatResponseUpdate? last = null;
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
                if (update.AdditionalProperties is { Count: > 0 } props && (props.ContainsKey(ServerlessSecondPricing.ExecutionMillisecondsKey) || props.ContainsKey(ServerlessSecondPricing.DelayMillisecondsKey)))
                {
                    providerProperties = props;
                }

                bool carriesUsage = false;
                foreach (AIContent content in update.Contents)
                {
                    switch (content)
                    {
                        case UsageContent u:
                            usage = usage is null ? u.Details : Merge(usage, u.Details);
                            carriesUsage = true;
                            break;
                        case TextContent t:
                            outputChars += t.Text.Length;
                            break;
                        case TextReasoningContent r:
                            outputChars += r.Text.Length;
                            break;
                    }
                }

                if (carriesUsage && cost is null)
                {
                    cost = Price(messages, options, usage, providerProperties, modelId, outputChars, started, concurrency, partial: false);
                    (update.AdditionalProperties ??= [])[InferencePropertyNames.Cost] = cost;
                    Commit(options, cost);
                }

                yield return update;
            }

            if (cost is null)
            {
                cost = Price(messages, options, usage, providerProperties, modelId, outputChars, started, concurrency, partial: false);
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
                cost = Price(messages, options, usage, providerProperties, modelId, outputChars, started, concurrency, partial: true);
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

    private static long OutputChars(IList<ChatMessage> messages)
    {
        long chars = 0;
        foreach (ChatMessage message in messages)
        {
            chars += TextChars(message.Contents);
        }

        return chars;
    }

    private static long TextChars(IList<AIContent> contents)
    {
        long chars = 0;
        foreach (AIContent content in contents)
        {
            if (content is TextContent text)
            {
                chars += text.Text.Length;
            }
            else if (content is TextReasoningContent reasoning)
            {
                chars += reasoning.Text.Length;
            }
        }

        return chars;
    }

    private static long EstimateTokens(long chars) => (chars + CharsPerToken - 1) / CharsPerToken;

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
        string? modelId, long outputChars, long started, int concurrency, bool partial)
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
            long inputChars = 0;
            foreach (ChatMessage message in messages)
            {
                inputChars += TextChars(message.Contents);
            }

            input = EstimateTokens(inputChars);
            estimated = true;
        }

        if (!partial && usage?.OutputTokenCount is long reportedOutput)
        {
            output = reportedOutput;
        }
        else
        {
            output = EstimateTokens(outputChars);
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
}
