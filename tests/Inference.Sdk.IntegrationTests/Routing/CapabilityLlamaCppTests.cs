using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Engines;
using Inference.Sdk.IntegrationTests.Infrastructure;
using Inference.Sdk.IntegrationTests.Reliability;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;
using Inference.Sdk.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inference.Sdk.IntegrationTests.Routing;

/// <summary>
/// Capabilities against a real llama.cpp server serving a text-only model (no <c>--mmproj</c>): its <c>/props</c> says it has
/// no vision, and an image sent anyway is answered "image input is not supported" with HTTP 500, which must be neither
/// retried nor counted as the target being down.
/// </summary>
[Collection(LlamaServerCollection.Name)]
public sealed class CapabilityLlamaCppTests(LlamaServerFixture fixture)
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    // The shared test server holds 256 tokens per slot: a short answer fits it.
    private static readonly ChatOptions Short = new() { MaxOutputTokens = 8 };

    private static ChatMessage[] Image() => [new(ChatRole.User, [new TextContent("What is in this picture?"), new DataContent(Png, "image/png")])];

    [Fact]
    public async Task An_image_request_skips_the_text_only_edge_whose_engine_says_so_and_plain_chat_still_goes_there()
    {
        await using var api = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "from api"));
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.ClearProviders();
        builder.Services.AddInference(b => b
            .Configure(o => o.ProbeInterval = TimeSpan.FromMinutes(10))
            .AddTarget("edge", t =>
            {
                t.Engine = EngineKind.LlamaCpp;
                t.Endpoint = new Uri(fixture.Server.Endpoint, "v1").AbsoluteUri;
                t.Model = LlamaServer.ModelName;
                t.ContextLength = fixture.Server.ContextPerSlot;
                t.Capabilities = ModelCapabilities.All; // what configuration claims; the engine's own report wins
            })
            .AddTarget("api", t =>
            {
                t.Provider = ProviderKind.OpenAICompatible;
                t.Engine = EngineKind.OpenAICompatible;
                t.Tier = TargetTier.HostedApi;
                t.Endpoint = new Uri(api.BaseAddress, "v1").AbsoluteUri;
                t.Model = "gpt-4o-mini";
                t.ContextLength = 128000; // gpt-4o-mini's window (a 1x1 image takes 255 tokens of it; 8,500 are billed)
                t.ApiKey = "test-key";
            }));
        using var host = builder.Build();
        await host.StartAsync();
        var router = host.Services.GetRequiredService<HybridRouterChatClient>();
        await Eventually.HoldsAsync(() => router.Board("edge").Capabilities, c => !c.HasFlag(ModelCapabilities.Vision), "the engine's report of no vision", TimeSpan.FromSeconds(30));

        var response = await host.Services.GetRequiredService<IChatClient>().GetResponseAsync(Image(), Short).WaitAsync(TimeSpan.FromSeconds(30));
        var chat = await host.Services.GetRequiredService<IChatClient>().GetResponseAsync([new(ChatRole.User, "What is the capital of France?")], new ChatOptions { MaxOutputTokens = 2 });

        var decision = (RouteDecision)response.AdditionalProperties![InferencePropertyNames.RouteDecision]!;
        Assert.Equal("from api", response.Text);
        Assert.Equal(["api"], decision.Attempts.Select(a => a.Target));
        var rejected = Assert.Single(decision.Rejected);
        Assert.Equal(("edge", RouteRule.Capability), (rejected.Target, rejected.Rule));
        Assert.Equal("lacks Vision, which the request needs (its engine says so)", rejected.Reason);
        var chatDecision = (RouteDecision)chat.AdditionalProperties![InferencePropertyNames.RouteDecision]!;
        Assert.True(chatDecision.ServedBy == "edge", chatDecision.ToString());
        await host.StopAsync();
    }

    [Fact]
    public async Task The_engines_500_for_an_image_is_a_capability_refusal_sent_once_then_known()
    {
        var counter = new CountingHandler();
        using var http = new HttpClient(counter) { Timeout = TimeSpan.FromSeconds(30) };
        var client = EngineChatClient.Create(EngineKind.LlamaCpp, fixture.Server.Endpoint, LlamaServer.ModelName, new EngineClientOptions { TargetName = "edge", HttpClient = http });
        using var router = new HybridRouterChatClient([new RouteTarget("edge", client, TargetTier.Edge, fixture.Server.ContextPerSlot) { MaxRetries = 2, TokensPerImage = 1 }]);

        // TokensPerImage = 1: the default image rule (OpenAI's tiles, 255 tokens for this image) would not fit the 256-token slot, and
        // this test is about the engine's refusal, which needs the request sent.
        var e = await Assert.ThrowsAsync<CapabilityNotSupportedException>(() => router.GetResponseAsync(Image(), Short));
        var again = await Assert.ThrowsAsync<RouteRefusedException>(() => router.GetResponseAsync(Image(), Short));

        Assert.Equal(ModelCapabilities.Vision, e.Capability);
        Assert.Equal(500, e.StatusCode);
        Assert.Contains("image input is not supported", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, counter.Requests); // MaxRetries 2 retries transient failures only: this one was sent once, and not again
        Assert.Contains("lacks Vision, which the request needs (its engine refused a request for it)", again.Message, StringComparison.Ordinal);
        Assert.True(router.Board("edge").CircuitClosed);
        Assert.Equal("edge", (await router.GetResponseAsync([new(ChatRole.User, "Say hello.")], new ChatOptions { MaxOutputTokens = 2 })).AdditionalProperties![InferencePropertyNames.TargetName]);
    }

    private sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
