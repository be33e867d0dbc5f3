using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inference.Sdk.Hosting;

/// <summary>
/// A hosted service that asks each engine target what it really serves (<see cref="EngineProbe.DescribeModelAsync"/>: vLLM and
/// SGLang <c>/v1/models</c>, llama.cpp <c>/props</c>, Ollama <c>/api/show</c> and <c>/api/ps</c>, TGI <c>/info</c>) at start and
/// every <see cref="InferenceOptions.ProbeInterval"/>. When the engine serves a smaller context than the target's window
/// (<c>ContextLength</c>, else the model's), it logs a warning naming the key once per change, and the router uses the smaller
/// number (<see cref="HybridRouterChatClient.ReportContextWindow"/>). An engine that cannot be reached is left to the health
/// probe; it is asked again at the next interval.
/// </summary>
internal sealed partial class EngineModelMonitor(
    IOptions<InferenceOptions> options,
    IHttpClientFactory httpClients,
    InferenceHostingState state,
    IServiceProvider services,
    TimeProvider time,
    ILogger<EngineModelMonitor> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, int> _served = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _described = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Whether a target's engine can say what it serves: an engine we address directly, at a configured address (the first replica
    /// of a pool; a pool whose replicas are discovered keeps its configured or catalog description), that has a route describing its model.
    /// </summary>
    public static bool Applies(InferenceTargetOptions target) =>
        InferenceOptionsChecks.IsEngineAddressedDirectly(target)
        && !InferenceOptionsChecks.IsDiscovered(target)
        && InferenceOptionsChecks.EffectiveEngine(target) is EngineKind.Vllm or EngineKind.Sglang or EngineKind.LlamaCpp or EngineKind.Ollama or EngineKind.Tgi;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        InferenceOptions value = options.Value;
        HttpClient http = httpClients.CreateClient(TargetProbe.HttpClientName);
        (string Name, InferenceTargetOptions Target, EngineProbe Probe)[] targets = value.Targets
            .Where(t => Applies(t.Value))
            .Select(t => (t.Key, t.Value, InferenceTargetClientFactory.ProbeOf(t.Key, t.Value, http, value.ProbeTimeout, time)))
            .ToArray();
        if (targets.Length == 0)
        {
            return Task.CompletedTask;
        }

        HybridRouterChatClient router = services.GetRequiredService<HybridRouterChatClient>();
        return MonitorLoop.RunAsync(value.ProbeInterval, time, ct => Task.WhenAll(targets.Select(t => DescribeAsync(t.Name, t.Target, value, t.Probe, router, ct))), logger, stoppingToken);
    }

    internal async Task DescribeAsync(string name, InferenceTargetOptions target, InferenceOptions options, EngineProbe probe, HybridRouterChatClient router, CancellationToken cancellationToken)
    {
        EngineModelInfo? info;
        try
        {
            info = await probe.DescribeModelAsync(target.Model, cancellationToken).ConfigureAwait(false);
        }
        catch (InferenceException) when (!cancellationToken.IsCancellationRequested)
        {
            return; // not reachable, or no description route on this build: the health probe reports the engine; asked again next time
        }

        if (info is null)
        {
            return;
        }

        if (_described.TryAdd(name, true) && !Models.TryGet(target.Model, options.Models.Values, out _))
        {
            LogDescribed(logger, name, target.Model ?? "(none)", Describe(info), info.Source);
        }

        if (info.ReportedCapabilities != ModelCapabilities.None
            && router.ReportCapabilities(name, info.Capabilities, info.ReportedCapabilities))
        {
            LogCapabilities(logger, name, info.Capabilities & info.ReportedCapabilities, info.ReportedCapabilities & ~info.Capabilities, info.Source);
        }

        if (info.ContextTokens is not int served)
        {
            return;
        }

        router.ReportContextWindow(name, served);
        int window = InferenceTargetClientFactory.ContextWindowOf(target, options);
        int previous = _served.GetValueOrDefault(name);
        _served[name] = served;
        if (served == previous)
        {
            return;
        }

        if (served < window)
        {
            string key = $"{state.Root}:Targets:{name}:ContextLength";
            string configured = target.ContextLength is null ? $"the model's context window is {window} tokens and {key} is not set" : $"{key} is {window}";
            LogServedSmaller(logger, name, configured, served, info.Source, $"Set {key} to {served}, or start the engine with a larger context{Hint(InferenceOptionsChecks.EffectiveEngine(target))}");
        }
        else if (previous > 0 && previous < window)
        {
            LogServedAgain(logger, name, served, window);
        }
    }

    private static string Hint(EngineKind engine) => engine switch
    {
        EngineKind.LlamaCpp => " (llama-server -c: the context is divided among --parallel slots and capped at the model's trained context)",
        EngineKind.Vllm => " (vllm serve --max-model-len)",
        EngineKind.Sglang => " (--context-length)",
        EngineKind.Ollama => " (the num_ctx parameter or OLLAMA_CONTEXT_LENGTH)",
        EngineKind.Tgi => " (--max-total-tokens)",
        _ => string.Empty,
    };

    private static string Describe(EngineModelInfo info)
    {
        var parts = new List<string>();
        Add(parts, info.Architecture, "architecture {0}");
        Add(parts, info.ParameterCount, "{0:N0} parameters");
        Add(parts, info.Layers, "{0} layers");
        Add(parts, info.AttentionHeads, "{0} attention heads");
        Add(parts, info.KvHeads, "{0} KV heads");
        Add(parts, info.HeadDim, "head dim {0}");
        Add(parts, info.TrainedContextTokens, "trained context {0}");
        Add(parts, info.ContextTokens, "served context {0}");
        return parts.Count == 0 ? "nothing beyond its name" : string.Join(", ", parts);
    }

    private static void Add(List<string> parts, object? value, string format)
    {
        if (value is not null)
        {
            parts.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, value));
        }
    }

    [LoggerMessage(EventId = 7050, Level = LogLevel.Warning, Message = "Target {Target}: {Configured}, but its engine serves {Served} tokens of context ({Source}); the router uses that number. {Fix}.")]
    private static partial void LogServedSmaller(ILogger logger, string target, string configured, int served, string source, string fix);

    [LoggerMessage(EventId = 7051, Level = LogLevel.Information, Message = "Target {Target}: its engine serves {Served} tokens of context again; the router uses the configured {Window}")]
    private static partial void LogServedAgain(ILogger logger, string target, int served, int window);

    [LoggerMessage(EventId = 7053, Level = LogLevel.Information, Message = "Target {Target}: its engine serves {Supported} and not {Lacking} ({Source}); requests that need what it lacks go elsewhere")]
    private static partial void LogCapabilities(ILogger logger, string target, ModelCapabilities supported, ModelCapabilities lacking, string source);

    [LoggerMessage(EventId = 7052, Level = LogLevel.Information, Message = "Target {Target}: the engine describes {Model}, which the model catalog does not know: {Description} ({Source})")]
    private static partial void LogDescribed(ILogger logger, string target, string model, string description, string source);
}
