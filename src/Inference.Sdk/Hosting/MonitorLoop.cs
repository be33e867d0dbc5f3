using System;
using System.Threading;
using System.Threading.Tasks;

namespace Inference.Sdk.Hosting;

/// <summary>The loop every background monitor runs: one pass now, then one per tick, until the host stops.</summary>
internal static class MonitorLoop
{
    /// <summary>Runs <paramref name="pass"/> at once and then every <paramref name="interval"/>; returns (without throwing) when <paramref name="stoppingToken"/> is cancelled.</summary>
    public static async Task RunAsync(TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> pass, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                await pass(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: a probe in flight was cancelled with it.
        }
    }
}
