using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Pools;
using Inference.Sdk.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.ServiceDiscovery;

namespace Inference.Sdk.Hosting;

/// <summary>
/// A hosted service that keeps the replicas of every pool whose target names a <see cref="InferenceTargetOptions.Service"/> in step
/// with service discovery: it resolves each service again every <see cref="InferenceOptions.ProbeInterval"/>, or as soon as the
/// provider's change token fires (a configuration reload, a DNS record's time to live), and hands the list to the pool. The
/// health probe and the load monitor read the pool's replicas as they are at each pass, so they follow. Stops with the host.
/// </summary>
internal sealed partial class ServiceDiscoveryMonitor(
    IOptions<InferenceOptions> options,
    IServiceProvider services,
    TimeProvider time,
    ILogger<ServiceDiscoveryMonitor> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        InferenceOptions value = options.Value;
        KeyValuePair<string, InferenceTargetOptions>[] discovered = value.Targets.Where(t => !string.IsNullOrWhiteSpace(t.Value.Service)).ToArray();
        if (discovered.Length == 0)
        {
            return Task.CompletedTask;
        }

        ServiceEndpointResolver resolver = services.GetRequiredService<ServiceEndpointResolver>();
        HybridRouterChatClient router = services.GetRequiredService<HybridRouterChatClient>();
        return Task.WhenAll(discovered.Select(t => WatchAsync(resolver, router, t.Key, t.Value, value.ProbeInterval, stoppingToken)));
    }

    private async Task WatchAsync(ServiceEndpointResolver resolver, HybridRouterChatClient router, string target, InferenceTargetOptions options, TimeSpan interval, CancellationToken stoppingToken)
    {
        if (router.Board(target).Target.Client.GetService(typeof(EndpointPoolChatClient)) is not EndpointPoolChatClient pool)
        {
            return;
        }

        Type? failing = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            IChangeToken? changed = null;
            try
            {
                changed = await PoolDiscovery.RefreshAsync(resolver, target, options, pool, logger, stoppingToken).ConfigureAwait(false);
                failing = null;
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The pool keeps the replicas it had; the next pass tries again. The type only: a provider's message may quote configuration.
                if (e.GetType() != failing)
                {
                    failing = e.GetType();
                    LogResolveFailed(logger, target, options.Service!, e.GetType().Name);
                }
            }

            try
            {
                await NextAsync(changed, interval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Waits for the interval or the change token, whichever comes first.</summary>
    private async Task NextAsync(IChangeToken? changed, TimeSpan interval, CancellationToken stoppingToken)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using IDisposable? registration = changed is { ActiveChangeCallbacks: true } ? changed.RegisterChangeCallback(static s => ((CancellationTokenSource)s!).Cancel(), wake) : null;
        try
        {
            if (changed is { HasChanged: true })
            {
                return;
            }

            await Task.Delay(interval, time, wake.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The provider saw a change: resolve now.
        }
    }

    [LoggerMessage(EventId = 7063, Level = LogLevel.Warning, Message = "The service {Service} of target {Target} could not be resolved ({ExceptionType}); the pool keeps its replicas and tries again")]
    private static partial void LogResolveFailed(ILogger logger, string target, string service, string exceptionType);
}
