using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.IntegrationTests.Reliability;
using Inference.Sdk.IntegrationTests.Routing;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;
using Inference.Sdk.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inference.Sdk.IntegrationTests.Hosting;

/// <summary>
/// One resilience layer in a host built with <c>AddInference</c>: the targets' HTTP clients do not retry; the router fails over
/// while another target is left and retries the last one (<c>MaxRetries</c>), against loopback OpenAI-compatible servers.
/// </summary>
public sealed class HostedResilienceTests
{
    private static readonly ChatMessage[] Hi = [new(ChatRole.User, "hi")];

    [Fact]
    public async Task A_429_on_the_edge_fails_over_at_once_instead_of_waiting_out_its_Retry_After()
    {
        await using var edge = await OpenAiLoopback.StartAsync((c, _) => Faults.OpenAIError(c, 429, retryAfterSeconds: 30));
        await using var api = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "from api"));
        using var host = await StartAsync(edge.BaseAddress, api.BaseAddress);

        var response = await host.Services.GetRequiredService<IChatClient>().GetResponseAsync(Hi).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("from api", response.Text);
        Assert.Single(Completions(edge)); // a retrying HTTP handler would have sent it again after 30 s
        var decision = (RouteDecision)response.AdditionalProperties![InferencePropertyNames.RouteDecision]!;
        Assert.Equal(("edge", AttemptOutcome.FailedOver), (decision.Attempts[0].Target, decision.Attempts[0].Outcome));
        await host.StopAsync();
    }

    [Fact]
    public async Task The_only_target_is_retried_MaxRetries_times_by_the_router()
    {
        int calls = 0;
        await using var edge = await OpenAiLoopback.StartAsync((c, b) => Interlocked.Increment(ref calls) <= 2
            ? Faults.OpenAIError(c, 503, retryAfterSeconds: 0)
            : Faults.Answer(c, b, "from edge"));
        using var host = await StartAsync(edge.BaseAddress, api: null, maxRetries: 2);

        var response = await host.Services.GetRequiredService<IChatClient>().GetResponseAsync(Hi).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("from edge", response.Text);
        Assert.Equal(3, Completions(edge).Count());
        await host.StopAsync();
    }

    // The monitors also read the engine's health and metrics routes: count the chat completions only.
    private static System.Collections.Generic.IEnumerable<RecordedRequest> Completions(LoopbackServer server) =>
        server.Requests.Where(r => r.PathAndQuery == "/v1/chat/completions");

    private static async Task<IHost> StartAsync(Uri edge, Uri? api, int maxRetries = 2)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.ClearProviders();
        var inference = builder.Services.AddInference(b => b
            .Configure(o => o.ProbeInterval = TimeSpan.FromMinutes(10))
            .AddTarget("edge", t =>
            {
                t.Engine = EngineKind.Vllm;
                t.Endpoint = edge.AbsoluteUri;
                t.Model = "llama-3.1-8b-instruct";
                t.Tier = TargetTier.Edge;
                t.MaxRetries = maxRetries;
            }));
        if (api is not null)
        {
            inference.AddTarget("api", t =>
            {
                t.Provider = ProviderKind.OpenAICompatible;
                t.Engine = EngineKind.OpenAICompatible;
                t.Tier = TargetTier.HostedApi;
                t.Endpoint = new Uri(api, "v1").AbsoluteUri;
                t.Model = "gpt-4o-mini";
                t.ApiKey = "test-key";
                t.InputUsdPerMillionTokens = 0.15m;
                t.OutputUsdPerMillionTokens = 0.6m;
            });
        }

        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
