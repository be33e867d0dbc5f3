using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Inference.Sdk.Hosting;

/// <summary>
/// The loop every background monitor runs: one pass now, then one per tick, until the host stops. A monitor never stops the
/// host: a pass that throws is logged (once while it keeps failing the same way) and the next tick runs again; whatever a pass
/// throws while the host is stopping (a cancelled read may surface as a transport error) ends the loop quietly.
/// </summary>
internal static partial class MonitorLoop
{
    /// <summary>Runs <paramref name="pass"/> at once and then every <paramref name="interval"/>; returns (without throwing) when <paramref name="stoppingToken"/> is cancelled.</summary>
    /// <param name="interval">The time between two passes.</param>
    /// <param name="time">The clock of the ticks.</param>
    /// <param name="pass">One pass of the monitor.</param>
    /// <param name="logger">Where a failed pass is logged.</param>
    /// <param name="stoppingToken">Cancelled when the host stops.</param>
    public static async Task RunAsync(TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> pass, ILogger logger, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        Type? failing = null;
        try
        {
            do
            {
                try
                {
                    await pass(stoppingToken).ConfigureAwait(false);
                    failing = null;
                }
                catch (Exception) when (stoppingToken.IsCancellationRequested)
                {
                    return; // the host is stopping: a read in flight was cancelled, whatever it threw
                }
                catch (Exception e)
                {
                    if (e.GetType() != failing)
                    {
                        failing = e.GetType();
                        LogPassFailed(logger, e.GetType().Name, Describe(e));
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping while the loop waited for its next tick.
        }
    }

    /// <summary>Our own exceptions' messages name the target and never a secret; anything else is named by its type only (its message may quote a payload).</summary>
    private static string Describe(Exception e) => e is InferenceException ? e.Message : "an unexpected error";

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "A background monitor pass failed ({ExceptionType}: {Reason}); the router keeps what it last knew and the next pass runs at the next interval")]
    private static partial void LogPassFailed(ILogger logger, string exceptionType, string reason);
}
