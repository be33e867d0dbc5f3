using System;
using System.Threading.Tasks;
using Inference.Sdk.Costs;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;
using Inference.Sdk.Tests.Routing;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Tests.Reliability;

/// <summary>Oversized prompts, absurd output caps and bad prices: clear errors, nothing sent, no unbounded allocation.</summary>
public class InputBoundsTests
{
    private static readonly DateOnly AsOf = new(2026, 1, 1);

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(int.MaxValue - 1)]
    [InlineData(200_000)]
    public async Task An_absurd_output_cap_is_refused_before_any_target_is_called(int maxOutputTokens)
    {
        var edge = new FakeChatClient("edge");
        var cloud = new FakeChatClient("cloud");
        using var router = RouterFixture.Router([RouterFixture.Edge(client: edge), RouterFixture.Cloud(client: cloud)]);
        var options = new ChatOptions { MaxOutputTokens = maxOutputTokens };

        var plan = router.Plan(RouterFixture.Ask("Hello"), options);
        var ex = await Assert.ThrowsAnyAsync<InferenceException>(() => router.GetResponseAsync(RouterFixture.Ask("Hello"), options));

        Assert.Null(plan.Target);
        Assert.Equal(2, plan.Rejected.Count);
        Assert.All(plan.Rejected, r => Assert.Equal(RouteRule.ContextWindow, r.Rule));
        Assert.Contains("context window", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal((0, 0), (edge.Calls, cloud.Calls));
    }

    [Fact]
    public async Task A_prompt_larger_than_every_context_window_is_refused_and_planning_it_allocates_in_proportion()
    {
        var edge = new FakeChatClient("edge");
        var cloud = new FakeChatClient("cloud");
        using var router = RouterFixture.Router([RouterFixture.Edge(client: edge), RouterFixture.Cloud(client: cloud)]);
        var prompt = RouterFixture.Ask(RouterFixture.Prose(1_000_000)); // ~5 MB of text, ~1M tokens
        long promptBytes = prompt[0].Text.Length * sizeof(char);
        _ = router.Plan(RouterFixture.Ask(RouterFixture.Prose(1_000))); // warm-up

        long before = GC.GetAllocatedBytesForCurrentThread();
        var plan = router.Plan(prompt);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var ex = await Assert.ThrowsAnyAsync<InferenceException>(() => router.GetResponseAsync(prompt));

        Assert.Null(plan.Target);
        Assert.True(plan.PromptTokens > 131072, $"the prompt was counted ({plan.PromptTokens} tokens)");
        Assert.True(allocated < 8 * promptBytes, $"planning a {promptBytes:N0}-byte prompt allocated {allocated:N0} bytes");
        Assert.IsType<RouteRefusedException>(ex);
        Assert.Equal((0, 0), (edge.Calls, cloud.Calls));
    }

    [Fact]
    public void Negative_prices_name_the_parameter()
    {
        Assert.Equal("inputUsdPerMillionTokens", Assert.Throws<ArgumentOutOfRangeException>(() => new PerTokenPricing(-1m, 1m, "cfg", AsOf)).ParamName);
        Assert.Equal("outputUsdPerMillionTokens", Assert.Throws<ArgumentOutOfRangeException>(() => new PerTokenPricing(1m, -0.0001m, "cfg", AsOf)).ParamName);
        Assert.Equal("cachedInputUsdPerMillionTokens", Assert.Throws<ArgumentOutOfRangeException>(() => new PerTokenPricing(1m, 1m, "cfg", AsOf, cachedInputUsdPerMillionTokens: -1m)).ParamName);
        Assert.Equal("usdPerGpuHour", Assert.Throws<ArgumentOutOfRangeException>(() => new GpuHourPricing(-2.49m, 1, CapacityType.OnDemand, "cfg", AsOf)).ParamName);
        Assert.Equal("gpuCount", Assert.Throws<ArgumentOutOfRangeException>(() => new GpuHourPricing(2.49m, 0, CapacityType.OnDemand, "cfg", AsOf)).ParamName);
        Assert.Equal("usdPerSecond", Assert.Throws<ArgumentOutOfRangeException>(() => new ServerlessSecondPricing(-0.0001m, "cfg", AsOf)).ParamName);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-1.0)]
    public void Non_finite_or_negative_router_settings_name_the_setting(double ratio)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => RouterFixture.Router([RouterFixture.Edge()], o => o.CircuitBreakerFailureRatio = ratio));

        Assert.Contains(nameof(HybridRouterOptions.CircuitBreakerFailureRatio), ex.Message + ex.ParamName, StringComparison.Ordinal);
    }
}
