using System;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Inference.Sdk.Tests.Hosting;

/// <summary>A background monitor never stops the host: what a pass throws is logged, and the next tick runs again.</summary>
public sealed class MonitorLoopTests
{
    [Fact]
    public async Task A_pass_that_throws_is_logged_once_while_it_keeps_failing_and_the_loop_goes_on()
    {
        var time = new FakeTimeProvider();
        var logger = new FakeLogger();
        using var stop = new CancellationTokenSource();
        int passes = 0;
        var third = new TaskCompletionSource();
        Task loop = MonitorLoop.RunAsync(TimeSpan.FromSeconds(1), time, _ =>
        {
            if (++passes == 3)
            {
                third.SetResult();
            }

            return passes < 3 ? throw new InvalidOperationException("a payload the reader did not expect: secret-looking text") : Task.CompletedTask;
        }, logger, stop.Token);

        for (int i = 0; i < 500 && !third.Task.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1)); // ticks that arrive before the loop waits fold into one: keep ticking until the third pass
            await Task.Delay(10);
        }

        Assert.True(third.Task.IsCompleted, $"the loop stopped after {passes} passes");
        stop.Cancel();
        await loop.WaitAsync(TimeSpan.FromSeconds(10)); // ends without throwing

        FakeLogRecord warning = Assert.Single(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains("InvalidOperationException", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-looking", warning.Message, StringComparison.Ordinal); // a foreign message may quote a payload
    }

    [Fact]
    public async Task Whatever_a_cancelled_read_throws_while_the_host_stops_ends_the_loop_quietly()
    {
        // A read cancelled by the host's stop can surface as a transport error (a TaskCanceledException over an IOException maps to
        // TargetUnavailableException), not as an OperationCanceledException: the host must not log it as a failed BackgroundService.
        using var stop = new CancellationTokenSource();
        var logger = new FakeLogger();
        Task loop = MonitorLoop.RunAsync(TimeSpan.FromMinutes(1), TimeProvider.System, async ct =>
        {
            await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => { }, TaskScheduler.Default);
            throw new TargetUnavailableException("The vllm target 'gpu-pod' could not be reached: connection reset");
        }, logger, stop.Token);

        stop.Cancel();

        await loop.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(logger.Collector.GetSnapshot());
    }
}
