using System;
using System.Threading.Tasks;
using Inference.Sdk.Costs;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Tests.Costs;

public class GpuUtilizationTrackerTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 15, 0, 0, 0, TimeSpan.Zero);
    private static readonly GpuHourPricing Spheron = new(1.03m, 1, CapacityType.Spot, "spheron.ai", new DateOnly(2026, 5, 1));

    [Fact]
    public async Task Busy_time_comes_from_requests_in_flight_through_the_meter()
    {
        var time = new ManualTimeProvider(Start);
        var tracker = new GpuUtilizationTracker(time);
        tracker.Register("pod", Spheron, peakTokensPerSecond: 600);
        var release = new TaskCompletionSource();
        var inner = new StubChatClient
        {
            OnGet = async (_, _, _) =>
            {
                await release.Task;
                return new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")) { Usage = new UsageDetails { InputTokenCount = 400_000, OutputTokenCount = 100_000 } };
            },
        };
        var meter = new CostMeteringChatClient(inner, new MeteredTarget("pod", Spheron, ProviderKind.Spheron, TargetTier.CloudPod), new InMemoryCostLedger(), time, tracker);

        time.Advance(TimeSpan.FromMinutes(30)); // idle
        Task<ChatResponse> a = meter.GetResponseAsync("a");
        time.Advance(TimeSpan.FromMinutes(10));
        Task<ChatResponse> b = meter.GetResponseAsync("b"); // overlapping: busy time is not double counted
        time.Advance(TimeSpan.FromMinutes(5));
        release.SetResult();
        await Task.WhenAll(a, b);
        time.Advance(TimeSpan.FromMinutes(15)); // idle

        UtilizationReport report = tracker.GetReport("pod");
        Assert.Equal(TimeSpan.FromHours(1), report.Elapsed);
        Assert.Equal(TimeSpan.FromMinutes(15), report.Busy);
        Assert.Equal(0.25, report.Utilization, 6);
        Assert.Equal(1_000_000, report.TokensServed);
        Assert.Equal(1.03m, report.CostUsd);
        Assert.Equal(1.03m, report.EffectiveUsdPerMillionTokens);
        Assert.InRange(report.FullLoadUsdPerMillionTokens!.Value, 0.476m, 0.477m); // $1.03/h at 600 tok/s
        Assert.InRange(report.ExpectedUsdPerMillionTokens!.Value, 1.907m, 1.908m); // four times that at 25%
        Assert.Equal(OwnershipRecommendation.Rent, report.OwnershipVerdict!.Recommendation);
        Assert.Equal(TargetTier.Serverless, report.ServerlessOrPodVerdict!.Recommendation);
        Assert.False(report.CompareWithApi(12 * 8_000m).SelfHostWins); // $96k/yr < $9k GPUs + $100k SRE
    }

    [Fact]
    public void Engine_metrics_mark_a_target_busy_for_traffic_the_meter_did_not_see()
    {
        var time = new ManualTimeProvider(Start);
        var tracker = new GpuUtilizationTracker(time);
        tracker.Register("pod", Spheron);

        time.Advance(TimeSpan.FromMinutes(20));
        tracker.ReportEngineLoad("pod", new EngineLoad(Queued: 0, Running: 3, 0.5, null, null, time.GetUtcNow()));
        time.Advance(TimeSpan.FromMinutes(20));
        tracker.ReportEngineLoad("pod", new EngineLoad(Queued: 0, Running: 0, 0.0, null, null, time.GetUtcNow()));
        time.Advance(TimeSpan.FromMinutes(20));

        UtilizationReport report = tracker.GetReport("pod");
        Assert.Equal(1 / 3.0, report.Utilization, 6);
        Assert.Null(report.EffectiveUsdPerMillionTokens);
    }

    [Fact]
    public void Unknown_targets_are_refused_by_name()
    {
        var tracker = new GpuUtilizationTracker();

        Assert.Equal("target", Assert.Throws<ArgumentException>(() => tracker.GetReport("nope")).ParamName);
        Assert.Equal("peakTokensPerSecond", Assert.Throws<ArgumentOutOfRangeException>(() => tracker.Register("x", Spheron, 0)).ParamName);
    }
}
