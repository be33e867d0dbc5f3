using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Costs;
using Inference.Sdk.Providers;
using Inference.Sdk.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inference.Sdk.Hosting;

/// <summary>
/// A hosted service that reads each provider target's status every <see cref="InferenceMonitoringOptions.ProviderStatusInterval"/>
/// and its GPU's catalog price every <see cref="InferenceMonitoringOptions.PriceRefreshInterval"/>, and feeds the router: a
/// stopped, exited, preempted or capacity-less target is reported unhealthy (and healthy again when it runs), a serverless cold
/// start is passed on (<see cref="HybridRouterChatClient.ReportHealth(string, TargetHealth)"/>: skipped for requests with a short
/// latency goal), and live prices go to the target's <see cref="TargetBoard"/>, which the router's expected cost reads. Logs each state and price change once. Stops with the host, cancelling reads in flight.
/// </summary>
internal sealed partial class ProviderMonitor(
    IOptions<InferenceOptions> options,
    IHttpClientFactory httpClients,
    IServiceProvider services,
    TimeProvider time,
    ILogger<ProviderMonitor> logger) : BackgroundService
{
    /// <summary>The name of the <see cref="IHttpClientFactory"/> client for providers' control planes (no retries: a read reports what it sees).</summary>
    public const string HttpClientName = "Inference.Sdk:provider";

    /// <summary>The shortest wait for the hosted price table (a 1.5 MB file; the probe timeout is for small answers).</summary>
    private static readonly TimeSpan HostedPricesTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, string> _states = new(StringComparer.OrdinalIgnoreCase);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        InferenceOptions value = options.Value;
        HttpClient http = httpClients.CreateClient(HttpClientName);
        ProviderTargetReader[] readers = value.Targets
            .Select(t => ProviderTargetReader.For(t.Key, t.Value, http, value.ProbeTimeout, time, logger))
            .OfType<ProviderTargetReader>()
            .ToArray();
        InferenceMonitoringOptions monitoring = value.Monitoring;
        HostedPriceSource? hosted = monitoring.HostedPricesUrl is { Length: > 0 } url && value.Targets.Values.Any(InferenceTargetPricing.PricedFromList)
            ? new HostedPriceSource(new Uri(url, UriKind.Absolute), http, value.ProbeTimeout > HostedPricesTimeout ? value.ProbeTimeout : HostedPricesTimeout)
            : null;
        if (readers.Length == 0 && hosted is null)
        {
            return Task.CompletedTask;
        }

        HybridRouterChatClient router = services.GetRequiredService<HybridRouterChatClient>();
        var loops = new List<Task>();
        if (readers.Length > 0)
        {
            loops.Add(MonitorLoop.RunAsync(monitoring.PriceRefreshInterval, time, ct => Task.WhenAll(readers.Select(r => RefreshPriceAsync(r, router, ct))), logger, stoppingToken));
            loops.Add(MonitorLoop.RunAsync(monitoring.ProviderStatusInterval, time, ct => Task.WhenAll(readers.Select(r => ReadStatusAsync(r, router, ct))), logger, stoppingToken));
        }

        if (hosted is not null)
        {
            loops.Add(MonitorLoop.RunAsync(monitoring.PriceRefreshInterval, time, ct => RefreshHostedPricesAsync(hosted, router, ct), logger, stoppingToken));
        }

        return Task.WhenAll(loops);
    }

    /// <summary>
    /// Reads the hosted list prices (<see cref="InferenceMonitoringOptions.HostedPricesUrl"/>) and reprices the hosted targets that
    /// read them: the meter bills and the router expects the new prices from the next request on. A failed read keeps the table
    /// in use and says so once per interval.
    /// </summary>
    internal async Task RefreshHostedPricesAsync(HostedPriceSource source, HybridRouterChatClient router, CancellationToken cancellationToken)
    {
        HostedPriceTable? table;
        try
        {
            table = await source.ReadAsync(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or FormatException && !cancellationToken.IsCancellationRequested)
        {
            LogHostedPricesFailed(logger, source.Url.GetLeftPart(UriPartial.Path), e is FormatException ? e.Message : e.GetType().Name, services.GetRequiredService<InferenceTargetPricing>().Hosted.Source);
            return;
        }

        if (table is null)
        {
            return; // unchanged since the last read
        }

        InferenceTargetPricing pricing = services.GetRequiredService<InferenceTargetPricing>();
        InferenceOptions value = options.Value;
        foreach ((string name, PerTokenPricing fresh) in pricing.Reprice(table))
        {
            if (router.Targets.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)) is { } target)
            {
                target.Pricing = TargetCost.ExpectedCost(value.Targets[name], fresh, time.GetUtcNow(), value.Models.Values);
            }

            LogHostedPrice(logger, name, fresh.InputUsdPerMillionTokens, fresh.OutputUsdPerMillionTokens, fresh.Source);
        }
    }

    internal async Task ReadStatusAsync(ProviderTargetReader reader, HybridRouterChatClient router, CancellationToken cancellationToken)
    {
        string name = reader.Name;
        TargetHealth snapshot;
        TargetBoard board = router.Board(name);
        ProviderPrice? known = board.LivePrice;
        try
        {
            snapshot = await reader.ReadStatusAsync(known, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A provider answer the adapter could not read (and did not type): keep the last verdict, say so once.
            LogIfChanged(name, $"unknown (status could not be read: {e.GetType().Name})");
            return;
        }

        ProviderVerdict verdict = ProviderSignals.Evaluate(snapshot);
        LogIfChanged(name, verdict.State);
        if (!verdict.Known)
        {
            return;
        }

        router.ReportHealth(name, snapshot with { Healthy = verdict.Healthy }); // with its cold-start flag; the board keeps the engine's verdict apart
        if (snapshot.Price is { } price && !ReferenceEquals(price, known) && board.ReportOwnPrice(price)) // not the catalog price handed in
        {
            LogPrice(logger, name, price.UsdPerHour, price.Source);
        }
    }

    internal async Task RefreshPriceAsync(ProviderTargetReader reader, HybridRouterChatClient router, CancellationToken cancellationToken)
    {
        try
        {
            if (await reader.ReadCatalogPriceAsync(cancellationToken).ConfigureAwait(false) is { } price && router.Board(reader.Name).ReportCatalogPrice(price))
            {
                LogPrice(logger, reader.Name, price.UsdPerHour, price.Source);
            }
        }
        catch (InferenceException e) when (!cancellationToken.IsCancellationRequested)
        {
            LogCatalogFailed(logger, reader.Name, e.Message); // once per refresh interval (minutes): the router keeps the last price
        }
    }

    private void LogIfChanged(string target, string state)
    {
        if (!_states.TryGetValue(target, out string? previous) || previous != state)
        {
            _states[target] = state;
            LogState(logger, target, state);
        }
    }

    [LoggerMessage(EventId = 7030, Level = LogLevel.Information, Message = "Provider target {Target} is {State}")]
    private static partial void LogState(ILogger logger, string target, string state);

    [LoggerMessage(EventId = 7031, Level = LogLevel.Information, Message = "Price of target {Target} is now {UsdPerHour} USD per hour ({Source})")]
    private static partial void LogPrice(ILogger logger, string target, decimal usdPerHour, string source);

    [LoggerMessage(EventId = 7032, Level = LogLevel.Warning, Message = "The price catalog for target {Target} could not be read; the last known price stays: {Reason}")]
    private static partial void LogCatalogFailed(ILogger logger, string target, string reason);

    [LoggerMessage(EventId = 7033, Level = LogLevel.Information, Message = "List price of target {Target} is now {InputUsdPerMillionTokens} USD in, {OutputUsdPerMillionTokens} USD out per million tokens ({Source})")]
    private static partial void LogHostedPrice(ILogger logger, string target, decimal inputUsdPerMillionTokens, decimal outputUsdPerMillionTokens, string source);

    [LoggerMessage(EventId = 7034, Level = LogLevel.Warning, Message = "The hosted price table at {Url} could not be read ({Reason}); hosted targets keep the prices of {Source}")]
    private static partial void LogHostedPricesFailed(ILogger logger, string url, string reason, string source);
}
