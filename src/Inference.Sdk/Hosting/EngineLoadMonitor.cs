using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Engines;
using Inference.Sdk.Pools;
using Inference.Sdk.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inference.Sdk.Hosting;

/// <summary>
/// A hosted service that reads every engine target's Prometheus metrics (<see cref="EngineProbe.GetLoadAsync"/>) every
/// <see cref="InferenceMonitoringOptions.LoadInterval"/> and hands the <see cref="EngineLoad"/> to
/// <see cref="HybridRouterChatClient.ReportLoad"/>, so queue depth and KV-cache occupancy steer routing. Logs only when a
/// target's metrics stop or start being readable. Stops with the host, cancelling a read in flight.
/// </summary>
internal sealed partial class EngineLoadMonitor(
    IOptions<InferenceOptions> options,
    IHttpClientFactory httpClients,
    IServiceProvider services,
    TimeProvider time,
    ILogger<EngineLoadMonitor> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, string> _failing = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _metricSets = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, EngineProbe> _replicaProbes = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _metricsOff = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a target's load can be read: an engine with a metrics route that we address directly (not a serverless route or a hosted API).</summary>
    public static bool Applies(InferenceTargetOptions target) =>
        InferenceOptionsChecks.IsEngineAddressedDirectly(target)
        && EngineProfile.For(InferenceOptionsChecks.EffectiveEngine(target)).MetricsPath is not null;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        InferenceOptions value = options.Value;
        HttpClient http = httpClients.CreateClient(TargetProbe.HttpClientName);
        KeyValuePair<string, EngineProbe>[] probes = value.Targets
            .Where(t => Applies(t.Value) && !InferenceOptionsChecks.IsPool(t.Value))
            .Select(t => KeyValuePair.Create(t.Key, InferenceTargetClientFactory.ProbeOf(t.Key, t.Value, http, value.ProbeTimeout, time)))
            .ToArray();
        KeyValuePair<string, InferenceTargetOptions>[] pools = value.Targets
            .Where(t => Applies(t.Value) && InferenceOptionsChecks.IsPool(t.Value))
            .ToArray();
        if (probes.Length == 0 && pools.Length == 0)
        {
            return Task.CompletedTask;
        }

        HybridRouterChatClient router = services.GetRequiredService<HybridRouterChatClient>();
        return MonitorLoop.RunAsync(
            value.Monitoring.LoadInterval,
            time,
            ct => Task.WhenAll(ReadAllAsync(probes, router, ct), ReadPoolsAsync(pools, http, value.ProbeTimeout, router, ct)),
            logger,
            stoppingToken);
    }

    /// <summary>
    /// Reads every replica now in each pool (a pool's replicas may change between passes, with service discovery); a replica's
    /// probe is made once and kept while the replica is in its pool.
    /// </summary>
    internal Task ReadPoolsAsync(
        IEnumerable<KeyValuePair<string, InferenceTargetOptions>> pools, HttpClient http, TimeSpan timeout, HybridRouterChatClient router, CancellationToken cancellationToken)
    {
        var replicas = new List<(string Target, PoolEndpoint Endpoint, EngineProbe Probe)>();
        var current = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string target, InferenceTargetOptions options) in pools)
        {
            if (router.Board(target).Target.Client.GetService(typeof(EndpointPoolChatClient)) is not EndpointPoolChatClient pool)
            {
                continue;
            }

            foreach (PoolEndpoint endpoint in pool.Endpoints)
            {
                string key = ReplicaKey(target, endpoint);
                current.Add(key);
                replicas.Add((target, endpoint, _replicaProbes.GetOrAdd(key, _ => InferenceTargetClientFactory.ProbeOf(target, options, http, timeout, time, endpoint.Address.AbsoluteUri))));
            }
        }

        foreach (string gone in _replicaProbes.Keys.Where(k => !current.Contains(k)))
        {
            _replicaProbes.TryRemove(gone, out _);
        }

        return ReadReplicasAsync(replicas, cancellationToken);
    }

    private static string ReplicaKey(string target, PoolEndpoint endpoint) => target + "@" + endpoint.Address.Authority;

    internal Task ReadAllAsync(IEnumerable<KeyValuePair<string, EngineProbe>> probes, HybridRouterChatClient router, CancellationToken cancellationToken) =>
        Task.WhenAll(probes.Select(async pair =>
        {
            try
            {
                EngineMetricsReading reading = await pair.Value.ReadMetricsAsync(cancellationToken).ConfigureAwait(false);
                if (reading.Load is { } load)
                {
                    router.ReportLoad(pair.Key, load);
                }

                if (reading.Set is { } set && (!_metricSets.TryGetValue(pair.Key, out string? known) || known != set.Name))
                {
                    _metricSets[pair.Key] = set.Name;
                    router.Board(pair.Key).ReportEngineMetrics(set.Name);
                    if (reading.Load is null)
                    {
                        LogNoGauges(logger, pair.Key, set.Name);
                    }
                    else
                    {
                        LogMetricSet(logger, pair.Key, set.Name);
                    }
                }

                if (_failing.TryRemove(pair.Key, out _))
                {
                    LogReadable(logger, pair.Key);
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // Whatever the page was (another server on the port, a proxy's error page), one target's unreadable metrics
                // never stop the others' reads, nor the host.
                if (_failing.TryAdd(pair.Key, e.GetType().Name))
                {
                    LogUnreadable(logger, pair.Key, e is InferenceException ? e.Message : $"{e.GetType().Name} while reading its metrics");
                }
            }
        }));

    /// <summary>
    /// Reads each replica of the pool targets: its load goes to the pool's scorer. A replica whose metrics cannot be read (the
    /// connection fails, a 5xx, a page that is not metrics) is kept out of the pool until they can (the pool's other replicas serve
    /// meanwhile); one whose engine does not expose metrics (404 or 501: e.g. llama-server without <c>--metrics</c>) stays in the pool
    /// on its health alone, the hint logged once, and the scorer goes by what this process has in flight there.
    /// </summary>
    internal Task ReadReplicasAsync(IEnumerable<(string Target, PoolEndpoint Endpoint, EngineProbe Probe)> replicas, CancellationToken cancellationToken) =>
        Task.WhenAll(replicas.Select(async replica =>
        {
            string key = ReplicaKey(replica.Target, replica.Endpoint);
            TargetBoard board = replica.Endpoint.Board;
            try
            {
                EngineMetricsReading reading = await replica.Probe.ReadMetricsAsync(cancellationToken).ConfigureAwait(false);
                if (reading.Load is { } load)
                {
                    board.ReportLoad(load);
                }

                board.ReportEngineHealth(true);
                _metricsOff.TryRemove(key, out _);
                if (_failing.TryRemove(key, out _))
                {
                    LogReadable(logger, key);
                }
            }
            catch (InferenceException e) when (e.StatusCode is 404 or 501 && !cancellationToken.IsCancellationRequested)
            {
                // The engine answers, without metrics: a configuration hint, not a failure of the replica.
                board.ReportEngineHealth(true);
                _failing.TryRemove(key, out _);
                if (_metricsOff.TryAdd(key, true))
                {
                    LogMetricsOff(logger, key, e.Message);
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                board.ReportEngineHealth(false);
                if (_failing.TryAdd(key, e.GetType().Name))
                {
                    LogUnreadable(logger, key, e is InferenceException ? e.Message : $"{e.GetType().Name} while reading its metrics");
                }
            }
        }));

    [LoggerMessage(EventId = 7020, Level = LogLevel.Warning, Message = "The load of target {Target} cannot be read; routing uses its last known load: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string target, string reason);

    [LoggerMessage(EventId = 7021, Level = LogLevel.Information, Message = "The load of target {Target} is read from its metrics again")]
    private static partial void LogReadable(ILogger logger, string target);

    [LoggerMessage(EventId = 7022, Level = LogLevel.Information, Message = "The metrics of target {Target} are read as {MetricSet}")]
    private static partial void LogMetricSet(ILogger logger, string target, string metricSet);

    [LoggerMessage(EventId = 7024, Level = LogLevel.Warning, Message = "Endpoint {Endpoint} does not expose its metrics; it stays in its pool on its health alone and the pool balances it by requests in flight: {Hint}")]
    private static partial void LogMetricsOff(ILogger logger, string endpoint, string hint);

    [LoggerMessage(EventId = 7023, Level = LogLevel.Warning, Message = "The metrics of target {Target} are {MetricSet}, which write no queue or running gauge; the router does not know its load")]
    private static partial void LogNoGauges(ILogger logger, string target, string metricSet);
}
