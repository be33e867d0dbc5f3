using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inference.Sdk.Hosting;

/// <summary>
/// A hosted service that probes every target every <see cref="InferenceOptions.ProbeInterval"/> and records the results on the
/// target's <see cref="TargetBoard"/>: the router takes a target out after two failed probes in a row and back after one good one. Stops cleanly with the host.
/// </summary>
internal sealed partial class InferenceTargetMonitor(
    IOptions<InferenceOptions> options,
    IHttpClientFactory httpClients,
    IServiceProvider services,
    ILogger<InferenceTargetMonitor> logger,
    TimeProvider? timeProvider = null) : BackgroundService
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private HybridRouterChatClient? _router;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        InferenceOptions value = options.Value;
        return MonitorLoop.RunAsync(value.ProbeInterval, _time, ct => ProbeAllAsync(value, ct), logger, stoppingToken);
    }

    internal async Task ProbeAllAsync(InferenceOptions value, CancellationToken cancellationToken)
    {
        HttpClient http = httpClients.CreateClient(TargetProbe.HttpClientName);
        await Task.WhenAll(value.Targets.Select(async pair =>
        {
            _router ??= (HybridRouterChatClient)services.GetService(typeof(HybridRouterChatClient))!;
            (TargetProbeResult result, bool changed) = await TargetProbe.ProbeTargetAsync(
                http, pair.Value, _router.Board(pair.Key), value.ProbeTimeout, _time, cancellationToken, InferenceTargetClientFactory.ConnectorOf(services, pair.Value)).ConfigureAwait(false);
            if (changed)
            {
                LogHealth(logger, pair.Key, result.Healthy ? "healthy" : "unhealthy", result.Detail);
            }
        })).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Target {Target} is {State}: {Detail}")]
    private static partial void LogHealth(ILogger logger, string target, string state, string detail);
}
