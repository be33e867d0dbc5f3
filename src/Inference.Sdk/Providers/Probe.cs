using System;
using System.Threading;
using System.Threading.Tasks;

namespace Inference.Sdk.Providers;

/// <summary>Runs a provider read for a snapshot: a target the provider cannot tell about is reported unhealthy, not thrown.</summary>
internal static class Probe
{
    public static async Task<TargetHealth> SafeAsync(string targetName, TimeProvider time, Func<DateTimeOffset, Task<TargetHealth>> read, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        try
        {
            return await read(now).ConfigureAwait(false);
        }
        catch (InferenceException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new TargetHealth { TargetName = targetName, Healthy = false, ObservedAt = now, Status = e.GetType().Name };
        }
    }
}
