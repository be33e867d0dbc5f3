using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Inference.Sdk.IntegrationTests.Routing;
using Inference.Sdk.Routing;
using Inference.Sdk.Testing;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.IntegrationTests.Reliability;

/// <summary>PII in a prompt that every other rule sends to the cloud: the cloud servers never see it.</summary>
public class PiiTests
{
    private const string Email = "jane.doe@example.com";
    private const string Card = "4111 1111 1111 1111";

    // Long (past the edge token threshold), a code task, and the edge made the expensive target.
    private static readonly List<ChatMessage> Prompt =
    [
        new(ChatRole.User,
            $"Write a C# function that charges card {Card} and emails the receipt to {Email}.\n```csharp\npublic static void Charge() {{ }}\n```\n" +
            string.Concat(Enumerable.Repeat("Consider the retry, idempotency and rounding rules of the payment gateway carefully. ", 120))),
    ];

    [Fact]
    public async Task Without_pii_the_same_prompt_goes_to_the_cloud()
    {
        await using var servers = await Servers.StartAsync();
        using var sut = servers.Router(PiiPolicy.ForceLocal);
        List<ChatMessage> clean = [new(ChatRole.User, Prompt[0].Text.Replace(Email, "the customer", StringComparison.Ordinal).Replace(Card, "on file", StringComparison.Ordinal))];

        await sut.Router.GetResponseAsync(clean);

        Assert.Empty(servers.Edge.Requests);
        Assert.Single(servers.Cloud.SelectMany(s => s.Requests));
    }

    [Fact]
    public async Task Force_local_keeps_pii_on_the_edge_even_when_the_edge_fails()
    {
        await using var servers = await Servers.StartAsync(edgeFails: true);
        using var sut = servers.Router(PiiPolicy.ForceLocal);

        var ex = await Assert.ThrowsAnyAsync<InferenceException>(() => sut.Router.GetResponseAsync(Prompt));
        await Assert.ThrowsAnyAsync<InferenceException>(async () => await sut.Router.GetStreamingResponseAsync(Prompt).ToListAsync());

        Assert.Equal(2, servers.Edge.Requests.Count);
        Assert.Contains(Email, servers.Edge.Requests[0].Body, StringComparison.Ordinal);
        Assert.Empty(servers.Cloud.SelectMany(s => s.Requests));
        Assert.DoesNotContain(Email, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Force_local_serves_on_the_edge()
    {
        await using var servers = await Servers.StartAsync();
        using var sut = servers.Router(PiiPolicy.ForceLocal);

        var response = await sut.Router.GetResponseAsync(Prompt);

        Assert.Equal("edge", ((RouteDecision)response.AdditionalProperties![InferencePropertyNames.RouteDecision]!).ServedBy);
        Assert.Empty(servers.Cloud.SelectMany(s => s.Requests));
    }

    [Fact]
    public async Task Redact_sends_no_pii_to_the_cloud_also_after_a_failover()
    {
        await using var servers = await Servers.StartAsync(firstCloudFails: true);
        using var sut = servers.Router(PiiPolicy.Redact);

        await sut.Router.GetResponseAsync(Prompt);
        await sut.Router.GetStreamingResponseAsync(Prompt).ToListAsync();

        var cloudBodies = servers.Cloud.SelectMany(s => s.Requests).Select(r => r.Body).ToArray();
        Assert.True(cloudBodies.Length >= 4, "both cloud targets were tried, twice");
        Assert.All(cloudBodies, b =>
        {
            Assert.DoesNotContain(Email, b, StringComparison.Ordinal);
            Assert.DoesNotContain(Card, b, StringComparison.Ordinal);
            Assert.DoesNotContain("4111", b, StringComparison.Ordinal);
            Assert.Contains("payment gateway", b, StringComparison.Ordinal);
        });
        Assert.All(servers.Edge.Requests, r => Assert.DoesNotContain(Email, r.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refuse_refuses_with_a_typed_error_and_sends_nothing()
    {
        await using var servers = await Servers.StartAsync();
        using var sut = servers.Router(PiiPolicy.Refuse);

        var ex = await Assert.ThrowsAsync<RouteRefusedException>(() => sut.Router.GetResponseAsync(Prompt));
        await Assert.ThrowsAsync<RouteRefusedException>(async () => await sut.Router.GetStreamingResponseAsync(Prompt).ToListAsync());

        Assert.Contains("PII", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Email, ex.ToString(), StringComparison.Ordinal);
        Assert.Empty(servers.Edge.Requests.Concat(servers.Cloud.SelectMany(s => s.Requests)));
        Assert.Equal(0, sut.Global.Requests);
    }

    private sealed class Servers : IAsyncDisposable
    {
        public LoopbackServer Edge { get; private init; } = null!;

        public LoopbackServer[] Cloud { get; private init; } = null!;

        public static async Task<Servers> StartAsync(bool edgeFails = false, bool firstCloudFails = false) => new()
        {
            Edge = await OpenAiLoopback.StartAsync((c, b) => edgeFails ? Faults.OpenAIError(c, 500) : Faults.Answer(c, b, "edge")),
            Cloud =
            [
                await OpenAiLoopback.StartAsync((c, b) => firstCloudFails ? Faults.OpenAIError(c, 500) : Faults.Answer(c, b, "cloud a")),
                await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "cloud b")),
            ],
        };

        public FaultRouter Router(PiiPolicy policy) =>
            new(Edge.BaseAddress, Cloud[0].BaseAddress, Cloud[1].BaseAddress, options: new HybridRouterOptions { PiiPolicy = policy }, edgeUsdPerMillion: 50m);

        public async ValueTask DisposeAsync()
        {
            await Edge.DisposeAsync();
            foreach (var s in Cloud)
            {
                await s.DisposeAsync();
            }
        }
    }
}
