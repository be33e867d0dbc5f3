using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Inference.Sdk.Costs;
using Inference.Sdk.Engines;
using Inference.Sdk.IntegrationTests.Routing;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.IntegrationTests.Reliability;

/// <summary>
/// Each fault of issue 8 on the edge target of a router with an edge and two cloud targets (cost meter inside each target,
/// one in-memory ledger): served by the next target or a typed error naming the cause, and the ledger exact.
/// </summary>
public class FaultTableTests
{
    private static readonly List<ChatMessage> Hello = [new(ChatRole.User, "Hello")];

    // cloud-a answers 5 prompt + 2 completion tokens at $1 / $2 per million.
    private const decimal CloudAUsd = (5m * 1m + 2m * 2m) / 1_000_000m;

    public static TheoryData<string, string> BeforeOutput => new()
    {
        { "refused", nameof(TargetUnavailableException) },
        { "reset-before-headers", nameof(TargetUnavailableException) },
        { "429-retry-after", nameof(TargetOverloadedException) },
        { "429", nameof(TargetOverloadedException) },
        { "500", nameof(TargetUnavailableException) },
        { "502", nameof(TargetUnavailableException) },
        { "503", nameof(TargetOverloadedException) },
        { "524", nameof(TargetUnavailableException) },
        { "engine-loading-503", nameof(EngineLoadingException) },
        { "malformed-json", nameof(InferenceProtocolException) },
    };

    [Theory]
    [MemberData(nameof(BeforeOutput))]
    public async Task A_fault_before_output_is_served_by_the_next_target_and_billed_once(string fault, string error)
    {
        await using var edge = await OpenAiLoopback.StartAsync(Edge(fault));
        await using var cloudA = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "from cloud a"));
        await using var cloudB = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "from cloud b"));
        using var sut = new FaultRouter(fault == "refused" ? OpenAiLoopback.ClosedPort() : edge.BaseAddress, cloudA.BaseAddress, cloudB.BaseAddress);

        var response = await sut.Router.GetResponseAsync(Hello);

        var d = Decision(response.AdditionalProperties);
        Assert.Equal("from cloud a", response.Text);
        Assert.Equal(("cloud-a", RouteRule.Failover), (d.ServedBy, d.Rule));
        Assert.Equal([("edge", AttemptOutcome.FailedOver, error), ("cloud-a", AttemptOutcome.Succeeded, (string?)null)], d.Attempts.Select(a => (a.Target, a.Outcome, a.Error)));
        Assert.Empty(cloudB.Requests);
        Assert.Equal(CostTotals.Zero, sut.Totals("edge"));
        Assert.Equal(new CostTotals(CloudAUsd, 5, 2, 1, 0), sut.Totals("cloud-a"));
        Assert.Equal(sut.Totals("cloud-a"), sut.Global);
    }

    [Theory]
    [MemberData(nameof(BeforeOutput))]
    public async Task A_fault_before_the_first_token_of_a_stream_fails_over(string fault, string error)
    {
        await using var edge = await OpenAiLoopback.StartAsync(Edge(fault));
        await using var cloudA = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "from cloud a"));
        await using var cloudB = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "from cloud b"));
        using var sut = new FaultRouter(fault == "refused" ? OpenAiLoopback.ClosedPort() : edge.BaseAddress, cloudA.BaseAddress, cloudB.BaseAddress);

        var updates = await sut.Router.GetStreamingResponseAsync(Hello).ToListAsync();

        Assert.Equal("from cloud a ", string.Concat(updates.Select(u => u.Text)));
        var d = updates.Select(u => u.AdditionalProperties).Where(p => p?.ContainsKey(InferencePropertyNames.RouteDecision) == true).Select(Decision).First();
        Assert.Equal(("edge", error), (d.Attempts[0].Target, d.Attempts[0].Error));
        Assert.Equal(CostTotals.Zero, sut.Totals("edge"));
        Assert.Equal(1, sut.Totals("cloud-a").Requests);
        Assert.Equal(1, sut.Global.Requests);
        Assert.True(sut.Global.Usd > 0m);
    }

    public static TheoryData<string> AfterFirstToken => new() { "reset-mid-stream", "truncated-sse", "error-mid-stream" };

    [Theory]
    [MemberData(nameof(AfterFirstToken))]
    public async Task A_fault_after_the_first_token_reaches_the_caller_without_failover_and_the_attempt_is_billed(string fault)
    {
        await using var edge = await OpenAiLoopback.StartAsync(Edge(fault));
        await using var cloudA = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "never"));
        await using var cloudB = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "never"));
        using var sut = new FaultRouter(edge.BaseAddress, cloudA.BaseAddress, cloudB.BaseAddress);
        var received = new List<string?>();

        var ex = await Assert.ThrowsAnyAsync<InferenceException>(async () =>
        {
            await foreach (var update in sut.Router.GetStreamingResponseAsync(Hello))
            {
                received.Add(update.Text);
            }
        });

        Assert.Equal("Hello", string.Concat(received));
        Assert.True(ex.OutputCommitted);
        Assert.Equal("edge", ex.TargetName);
        Assert.Empty(cloudA.Requests);
        Assert.Empty(cloudB.Requests);
        var billed = sut.Totals("edge");
        Assert.Equal((1L, 1L), (billed.Requests, billed.EstimatedRequests));
        Assert.True(billed.OutputTokens >= 1, "the delivered token is billed");
        Assert.Equal(billed, sut.Global);
    }

    [Fact]
    public async Task A_mid_stream_error_names_the_engine_cause()
    {
        await using var edge = await OpenAiLoopback.StartAsync((c, _) => Faults.ErrorMidStream(c));
        await using var cloud = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "never"));
        using var sut = new FaultRouter(edge.BaseAddress, cloud.BaseAddress, cloud.BaseAddress);

        var ex = await Assert.ThrowsAnyAsync<InferenceException>(async () => await sut.Router.GetStreamingResponseAsync(Hello).ToListAsync());

        Assert.Contains("CUDA out of memory", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(null)]
    public async Task When_every_target_answers_429_the_caller_gets_the_overload_with_its_retry_after(int? retryAfter)
    {
        await using var a = await OpenAiLoopback.StartAsync((c, _) => Faults.OpenAIError(c, 429, retryAfter));
        await using var b = await OpenAiLoopback.StartAsync((c, _) => Faults.OpenAIError(c, 429, retryAfter));
        await using var e = await OpenAiLoopback.StartAsync((c, _) => Faults.OpenAIError(c, 429, retryAfter));
        using var sut = new FaultRouter(e.BaseAddress, a.BaseAddress, b.BaseAddress);

        var ex = await Assert.ThrowsAsync<TargetOverloadedException>(() => sut.Router.GetResponseAsync(Hello));

        Assert.Equal(429, ex.StatusCode);
        Assert.Equal(retryAfter is int s ? TimeSpan.FromSeconds(s) : null, ex.RetryAfter);
        Assert.Equal((1, 1, 1), (e.Requests.Count, a.Requests.Count, b.Requests.Count));
        Assert.Equal(CostTotals.Zero, sut.Global);
    }

    [Fact]
    public async Task An_unknown_finish_reason_is_a_typed_protocol_error_that_fails_over()
    {
        await using var edge = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "odd end", finish: "eos_token_reached"));
        await using var cloudA = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "from cloud a"));
        await using var cloudB = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "from cloud b"));
        using var sut = new FaultRouter(edge.BaseAddress, cloudA.BaseAddress, cloudB.BaseAddress);

        var response = await sut.Router.GetResponseAsync(Hello);

        Assert.Equal("from cloud a", response.Text);
        Assert.Equal(("edge", nameof(InferenceProtocolException)), (Decision(response.AdditionalProperties).Attempts[0].Target, Decision(response.AdditionalProperties).Attempts[0].Error));
        Assert.Equal(CostTotals.Zero, sut.Totals("edge"));
        Assert.Equal(new CostTotals(CloudAUsd, 5, 2, 1, 0), sut.Global);
    }

    [Fact]
    public async Task An_unknown_finish_reason_is_an_engine_protocol_error_naming_the_value()
    {
        await using var edge = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "odd end", finish: "eos_token_reached"));
        using var engine = EngineChatClient.Create(EngineKind.Vllm, edge.BaseAddress, Faults.Model, new EngineClientOptions { TargetName = "edge" });

        var ex = await Assert.ThrowsAsync<InferenceProtocolException>(() => engine.GetResponseAsync(Hello));

        Assert.Equal(("edge", false), (ex.TargetName, ex.OutputCommitted));
        Assert.Contains("eos_token_reached", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_usage_is_estimated_and_flagged_never_free()
    {
        const string Model = "llama-3.1-8b-instruct"; // counted with its tokenizer family (cl100k_base as a proxy)
        await using var edge = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "no usage here", usage: false));
        await using var cloud = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "never"));
        using var sut = new FaultRouter(edge.BaseAddress, cloud.BaseAddress, cloud.BaseAddress, edgeModel: Model);

        var response = await sut.Router.GetResponseAsync(Hello);
        var updates = await sut.Router.GetStreamingResponseAsync(Hello).ToListAsync();

        var cost = Assert.IsType<RequestCost>(response.AdditionalProperties![InferencePropertyNames.Cost]);
        var streamed = Assert.IsType<RequestCost>(updates.Select(u => u.AdditionalProperties?.GetValueOrDefault(InferencePropertyNames.Cost)).Last(c => c is not null));
        var counter = Inference.Sdk.Tokens.TokenCounter.ForModel(Model);
        Assert.True(cost.IsEstimated && streamed.IsEstimated);
        Assert.True(cost.Usd > 0m && streamed.Usd > 0m);
        Assert.Equal(counter.CountText("no usage here"), cost.OutputTokens); // the engine's answer, counted with the target's tokenizer
        Assert.Equal(counter.CountText("no usage here "), streamed.OutputTokens); // the streamed words, counted as one text
        var totals = sut.Totals("edge");
        Assert.Equal((2L, 2L), (totals.Requests, totals.EstimatedRequests));
        Assert.Equal(cost.OutputTokens + streamed.OutputTokens, totals.OutputTokens);
    }

    internal static Func<HttpContext, string, Task> Edge(string fault) => fault switch
    {
        "refused" => (c, b) => Faults.Answer(c, b, "unreachable"),
        "reset-before-headers" => (c, _) => Faults.ResetBeforeHeaders(c),
        "429-retry-after" => (c, _) => Faults.OpenAIError(c, 429, 2),
        "429" => (c, _) => Faults.OpenAIError(c, 429),
        "500" => (c, _) => Faults.OpenAIError(c, 500),
        "502" => (c, _) => Faults.OpenAIError(c, 502),
        "503" => (c, _) => Faults.OpenAIError(c, 503),
        "524" => (c, _) => Faults.Cloudflare524(c),
        "engine-loading-503" => (c, _) => Faults.Loading(c),
        "malformed-json" => (c, b) => Faults.Streaming(b) ? MalformedFirstChunk(c) : Faults.MalformedJson(c, b),
        "reset-mid-stream" => (c, _) => OpenAiLoopback.DieAfterFirstTokenAsync(c),
        "truncated-sse" => (c, _) => Faults.TruncatedSse(c),
        "error-mid-stream" => (c, _) => Faults.ErrorMidStream(c),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    private static async Task MalformedFirstChunk(HttpContext c)
    {
        c.Response.ContentType = "text/event-stream";
        await c.Response.WriteAsync("data: {\"choices\":[{\"delta\":{\"content\" \"x\"}}]}\n\n", c.RequestAborted);
    }

    private static RouteDecision Decision(AdditionalPropertiesDictionary? properties) =>
        (RouteDecision)properties![InferencePropertyNames.RouteDecision]!;
}
