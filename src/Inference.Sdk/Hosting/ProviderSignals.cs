using Inference.Sdk.Providers;

namespace Inference.Sdk.Hosting;

/// <summary>What the router should do with one provider snapshot.</summary>
/// <param name="Known">Whether the provider answered; when it did not, the previous verdict stands (a control-plane blip does not take a serving target out).</param>
/// <param name="Healthy">Whether the target may receive requests: running or ready, and the provider has capacity for it.</param>
/// <param name="ColdStartExpected">Whether the next request would wait for a serverless worker to boot.</param>
/// <param name="State">The state in words, for the log: the provider's status, capacity and cold start.</param>
internal readonly record struct ProviderVerdict(bool Known, bool Healthy, bool ColdStartExpected, string State);

/// <summary>Maps a provider's <see cref="TargetHealth"/> to the router's signals: a pure function.</summary>
internal static class ProviderSignals
{
    public static ProviderVerdict Evaluate(TargetHealth health)
    {
        // Probe.SafeAsync reports an unreachable control plane or a failed read as unhealthy with the exception's type as the status.
        bool failedRead = !health.Healthy && health.CapacityAvailable is null && health.Status is { } s && s.EndsWith("Exception", System.StringComparison.Ordinal);
        if (failedRead)
        {
            return new(false, false, false, $"unknown (status could not be read: {health.Status})");
        }

        if (health.StatusUnknown)
        {
            return new(false, false, false, $"unknown (status '{health.Status}' is not one this version knows)");
        }

        bool healthy = health.Healthy && health.CapacityAvailable != false;
        string state = (healthy ? "in service" : "out of service")
            + $" (status {health.Status ?? "unknown"}"
            + (health.CapacityAvailable == false ? ", no capacity" : string.Empty)
            + (health.ColdStartExpected ? ", cold start expected" : string.Empty) + ")";
        return new(true, healthy, health.ColdStartExpected, state);
    }
}
