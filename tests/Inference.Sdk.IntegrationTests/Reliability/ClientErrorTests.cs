using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Inference.Sdk.Costs;
using Inference.Sdk.Engines;
using Inference.Sdk.IntegrationTests.Routing;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.IntegrationTests.Reliability;

/// <summary>
/// Client errors (4xx other than 408 and 429), answered with llama.cpp's own error bodies: sent once, never retried, never
/// counted against the circuit, and failed over only when another target can succeed where this one could not.
/// </summary>
public class ClientErrorTests
{
    private static readonly List<ChatMessage> Hello = [new(ChatRole.User, "Hello")];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_bad_request_is_sent_once_and_reaches_the_caller_with_the_engines_message(bool streaming)
    {
        await using var edge = await OpenAiLoopback.StartAsync((c, _) => Faults.Raw(c, 400, Faults.LlamaCppBadRequest));
        await using var cloudA = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "never"));
        await using var cloudB = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "never"));
        using var sut = new FaultRouter(edge.BaseAddress, cloudA.BaseAddress, cloudB.BaseAddress, edgeEngine: EngineKind.LlamaCpp);

        var e = await Assert.ThrowsAnyAsync<InferenceException>(() => streaming
            ? sut.Router.GetStreamingResponseAsync(Hello).ToListAsync().AsTask()
            : sut.Router.GetResponseAsync(Hello));

        Assert.Equal((400, "edge", false), (e.StatusCode, e.TargetName, e.OutputCommitted));
        Assert.Contains("response_format type must be one of", e.Message, StringComparison.Ordinal);
        Assert.Single(edge.Requests);
        Assert.Empty(cloudA.Requests);
        Assert.Empty(cloudB.Requests);
        Assert.Equal(CostTotals.Zero, sut.Global);
    }

    [Theory]
    [InlineData(401, false)]
    [InlineData(401, true)]
    [InlineData(404, false)]
    [InlineData(404, true)]
    public async Task A_target_specific_client_error_fails_over_once(int status, bool streaming)
    {
        string body = status == 401 ? Faults.LlamaCppInvalidApiKey : Faults.LlamaCppNotFound;
        await using var edge = await OpenAiLoopback.StartAsync((c, _) => Faults.Raw(c, status, body));
        await using var cloudA = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "from cloud a"));
        await using var cloudB = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "from cloud b"));
        using var sut = new FaultRouter(edge.BaseAddress, cloudA.BaseAddress, cloudB.BaseAddress, edgeEngine: EngineKind.LlamaCpp);

        var (text, d) = await FaultRouter.CallAsync(sut.Router, Hello, streaming);

        Assert.StartsWith("from cloud a", text, StringComparison.Ordinal);
        Assert.Equal(
            [("edge", AttemptOutcome.FailedOver, nameof(InferenceException)), ("cloud-a", AttemptOutcome.Succeeded, (string?)null)],
            d.Attempts.Select(a => (a.Target, a.Outcome, a.Error)));
        Assert.Single(edge.Requests);
        Assert.Empty(cloudB.Requests);
        Assert.Equal(CostTotals.Zero, sut.Totals("edge"));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    public async Task The_last_target_left_is_not_retried_on_a_client_error(int status)
    {
        string body = status == 400 ? Faults.LlamaCppBadRequest : Faults.LlamaCppInvalidApiKey;
        await using var edge = await OpenAiLoopback.StartAsync((c, _) => Faults.Raw(c, status, body));
        var client = EngineChatClient.Create(EngineKind.LlamaCpp, edge.BaseAddress, Faults.Model, new EngineClientOptions { TargetName = "edge" });
        using var router = new HybridRouterChatClient([new RouteTarget("edge", client, TargetTier.Edge, 8192) { MaxRetries = 2 }]);

        var e = await Assert.ThrowsAnyAsync<InferenceException>(() => router.GetResponseAsync(Hello));

        Assert.Equal(status, e.StatusCode);
        Assert.Single(edge.Requests); // before: 1 + MaxRetries
    }

    [Fact]
    public async Task Refused_credentials_do_not_open_the_circuit()
    {
        await using var edge = await OpenAiLoopback.StartAsync((c, _) => Faults.Raw(c, 401, Faults.LlamaCppInvalidApiKey));
        await using var cloudA = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "from cloud a"));
        var options = new HybridRouterOptions { CircuitBreakerMinimumThroughput = 2, CircuitBreakerFailureRatio = 0.5 };
        using var sut = new FaultRouter(edge.BaseAddress, cloudA.BaseAddress, cloudA.BaseAddress, options: options, edgeEngine: EngineKind.LlamaCpp);

        for (int i = 0; i < 6; i++)
        {
            await sut.Router.GetResponseAsync(Hello);
        }

        Assert.Equal(6, edge.Requests.Count); // a 5xx would have opened the circuit after 2
        Assert.DoesNotContain(sut.Router.Plan(Hello).Rejected, r => r.Target == "edge");
    }
}
