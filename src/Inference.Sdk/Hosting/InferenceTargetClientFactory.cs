using System;
using System.Collections.Generic;
using System.Net.Http;
using Inference.Sdk.Costs;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Pools;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.ServiceDiscovery;

namespace Inference.Sdk.Hosting;

/// <summary>Creates the innermost client of a target's pipeline: the engine adapter over a named, resilient <see cref="HttpClient"/>.</summary>
internal static class InferenceTargetClientFactory
{
    /// <summary>The name of the <see cref="IHttpClientFactory"/> client of a target.</summary>
    public static string HttpClientName(string target) => "Inference.Sdk:" + target;

    public static IChatClient Create(IServiceProvider services, string name)
    {
        InferenceOptions options = services.GetRequiredService<IOptions<InferenceOptions>>().Value;
        InferenceTargetOptions target = GetTarget(options, name);
        HttpClient http = services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName(name));
        http.Timeout = System.Threading.Timeout.InfiniteTimeSpan; // the resilience handler and the adapter own timeouts
        if (ConnectorOf(services, target) is { } connector)
        {
            return connector.CreateChatClient(name, target, http);
        }

        TimeProvider time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var scoring = new PoolScoring(AffinityInFlightSlack: target.AffinityInFlightSlack);
        if (InferenceOptionsChecks.IsDiscovered(target))
        {
            // A pool whose replicas service discovery resolves: empty until the first resolution (which the first request awaits),
            // then kept in step by ServiceDiscoveryMonitor.
            EndpointPoolChatClient discovered = EndpointPoolChatClient.CreateDiscovered(
                name, address => EngineClient(services, options, name, target, http, address.AbsoluteUri), options.Router, time, target.PrefixCacheBlocks, scoring: scoring);
            ServiceEndpointResolver resolver = services.GetRequiredService<ServiceEndpointResolver>();
            ILogger logger = services.GetService<ILoggerFactory>()?.CreateLogger<ServiceDiscoveryMonitor>() ?? (ILogger)NullLogger.Instance;
            discovered.WhenEmpty = ct => PoolDiscovery.RefreshAsync(resolver, name, target, discovered, logger, ct);
            return discovered;
        }

        IReadOnlyList<string> endpoints = InferenceOptionsChecks.EndpointsOf(target);
        if (endpoints.Count == 1)
        {
            return EngineClient(services, options, name, target, http, endpoints[0]);
        }

        // A replica pool: one target to the router, a client per replica below it, each with its own state.
        var replicas = new List<(Uri, IChatClient)>(endpoints.Count);
        foreach (string endpoint in endpoints)
        {
            replicas.Add((new Uri(endpoint, UriKind.Absolute), EngineClient(services, options, name, target, http, endpoint)));
        }

        return EndpointPoolChatClient.Create(name, replicas, options.Router, time, target.PrefixCacheBlocks, scoring: scoring);
    }

    private static IChatClient EngineClient(IServiceProvider services, InferenceOptions options, string name, InferenceTargetOptions target, HttpClient http, string endpoint) =>
        EngineChatClient.Create(
            InferenceOptionsChecks.EffectiveEngine(target),
            new Uri(endpoint, UriKind.Absolute),
            target.Model!,
            new EngineClientOptions
            {
                ApiKey = target.ApiKey,
                HttpClient = http,
                TargetName = name,
                RequestTimeout = target.RequestTimeout,
                ContextWindow = ContextWindowOf(target, options),
                TimeProvider = services.GetService<TimeProvider>(),
            });

    /// <summary>The connector that serves <paramref name="target"/>, when a companion package registered one.</summary>
    public static IInferenceTargetConnector? ConnectorOf(IServiceProvider services, InferenceTargetOptions target)
    {
        foreach (IInferenceTargetConnector connector in services.GetServices<IInferenceTargetConnector>())
        {
            if (connector.Serves(target))
            {
                return connector;
            }
        }

        return null;
    }

    /// <summary>The target's options; reading them validates the whole configuration first.</summary>
    public static InferenceTargetOptions GetTarget(IServiceProvider services, string name)
        => GetTarget(services.GetRequiredService<IOptions<InferenceOptions>>().Value, name);

    private static InferenceTargetOptions GetTarget(InferenceOptions options, string name)
    {
        return options.Targets.TryGetValue(name, out InferenceTargetOptions? target)
            ? target
            : throw new InvalidOperationException($"Inference:Targets:{name} is not configured; the registered targets are: {string.Join(", ", options.Targets.Keys)}.");
    }

    /// <summary>The probe of a target's engine (load, health, model description), over the monitors' <paramref name="http"/> client.</summary>
    /// <param name="name">The target's name.</param>
    /// <param name="target">The target.</param>
    /// <param name="http">The monitors' client.</param>
    /// <param name="timeout">How long one read may take.</param>
    /// <param name="time">The clock.</param>
    /// <param name="endpoint">The replica to probe (<see cref="InferenceOptionsChecks.EndpointsOf"/>); the first when <see langword="null"/>.</param>
    public static EngineProbe ProbeOf(string name, InferenceTargetOptions target, HttpClient http, TimeSpan timeout, TimeProvider time, string? endpoint = null) => new(
        InferenceOptionsChecks.EffectiveEngine(target),
        new Uri(endpoint ?? InferenceOptionsChecks.EndpointsOf(target)[0], UriKind.Absolute),
        new EngineClientOptions { HttpClient = http, ApiKey = target.ApiKey, TargetName = name, RequestTimeout = timeout, TimeProvider = time });

    /// <summary>
    /// The context window of a target: the configured context length, else its model's window (described or in the catalog), else,
    /// for a hosted API, its model's <c>max_input_tokens</c> in the shipped hosted price table (LiteLLM's), else 8,192 tokens.
    /// </summary>
    /// <param name="target">The target.</param>
    /// <param name="options">The options whose <see cref="InferenceOptions.Models"/> describe models the catalog does not know.</param>
    public static int ContextWindowOf(InferenceTargetOptions target, InferenceOptions options)
    {
        if (target.ContextLength is int configured)
        {
            return configured;
        }

        if (Models.TryGet(target.Model, options.Models.Values, out ModelSpec? model))
        {
            return model.ContextWindow;
        }

        Uri.TryCreate(InferenceOptionsChecks.EndpointsOf(target) is [var first, ..] ? first : null, UriKind.Absolute, out Uri? endpoint);
        return InferencePricing.IsHostedApi(target)
            && HostedPriceTable.Default.TryFind(target.Model, target.Provider, endpoint, out HostedModelPrice? listed)
            && listed.MaxInputTokens is int max and > 0
            ? max
            : 8_192;
    }
}
