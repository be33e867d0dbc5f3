using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Inference.Sdk.Hosting;

/// <summary>The health check of one target: probes its health route now and records the result on the target's board.</summary>
internal sealed class InferenceTargetHealthCheck(
    string target, IOptions<InferenceOptions> options, IHttpClientFactory httpClients, HybridRouterChatClient router, TimeProvider time, IInferenceTargetConnector? connector = null) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        InferenceOptions value = options.Value;
        InferenceTargetOptions settings = value.Targets[target];
        TargetBoard board = router.Board(target);
        (TargetProbeResult result, _) = await TargetProbe.ProbeTargetAsync(
            httpClients.CreateClient(TargetProbe.HttpClientName), settings, board, value.ProbeTimeout, time, cancellationToken, connector).ConfigureAwait(false);
        var data = new Dictionary<string, object>
        {
            ["target"] = target,
            ["provider"] = settings.Provider.ToString(),
            ["tier"] = settings.Tier.ToString(),
            ["model"] = settings.Model ?? string.Empty,
        };
        if (board.EngineMetrics is { } metricSet)
        {
            data["engine_metrics"] = metricSet;
        }

        return result.Healthy
            ? HealthCheckResult.Healthy(result.Detail, data)
            : new HealthCheckResult(context.Registration.FailureStatus, result.Detail, data: data);
    }
}
