using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Inference.Sdk.Engines;
using Inference.Sdk.IntegrationTests.Infrastructure;
using Inference.Sdk.Knowledge;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.IntegrationTests.Engines;

/// <summary>The engine adapter, load probe and discovery against a real llama.cpp server.</summary>
[Collection(LlamaServerCollection.Name)]
public sealed class LlamaCppEngineTests(LlamaServerFixture fixture) : IDisposable
{
    private static readonly ChatMessage[] Hello = [new(ChatRole.User, "Say hello.")];
    private readonly LlamaServer _server = fixture.Server;
    private readonly IChatClient _client = EngineChatClient.Create(
        EngineKind.LlamaCpp, fixture.Server.Endpoint, LlamaServer.ModelName,
        new EngineClientOptions { TargetName = "local-llama", RequestTimeout = TimeSpan.FromSeconds(60) });

    /// <summary>Random weights may sample end-of-sequence at any time; <c>ignore_eos</c> (a llama.cpp body field) makes lengths exact.</summary>
    private static ChatOptions Capped(int maxTokens) => new()
    {
        MaxOutputTokens = maxTokens,
        Temperature = 0,
        AdditionalProperties = new() { ["ignore_eos"] = true },
    };

    [Fact]
    public async Task Chat_returns_text_usage_and_the_cap_is_honoured()
    {
        ChatResponse response = await _client.GetResponseAsync(Hello, Capped(8));

        Assert.NotNull(response.Usage);
        Assert.True(response.Usage.InputTokenCount > 0);
        Assert.Equal(8, response.Usage.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.False(string.IsNullOrEmpty(response.Text));
    }

    [Fact]
    public async Task Streaming_returns_updates_usage_and_the_cap_is_honoured()
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (ChatResponseUpdate update in _client.GetStreamingResponseAsync(Hello, Capped(6)))
        {
            updates.Add(update);
        }

        ChatResponse response = updates.ToChatResponse();
        Assert.True(updates.Count(u => !string.IsNullOrEmpty(u.Text)) >= 1);
        Assert.NotNull(response.Usage);
        Assert.Equal(6, response.Usage.OutputTokenCount);
        Assert.True(response.Usage.InputTokenCount > 0);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    [Fact]
    public async Task A_small_cap_without_ignore_eos_is_still_an_upper_bound()
    {
        ChatResponse response = await _client.GetResponseAsync(Hello, new ChatOptions { MaxOutputTokens = 3 });

        Assert.InRange(response.Usage!.OutputTokenCount!.Value, 0, 3);
    }

    [Fact]
    public async Task Context_overflow_is_ContextWindowExceededException_with_the_servers_numbers()
    {
        int slotContext = await _server.SlotContextAsync();
        ChatMessage[] huge = [new(ChatRole.User, string.Join(' ', Enumerable.Repeat("overflow", slotContext * 4)))];

        var e = await Assert.ThrowsAsync<ContextWindowExceededException>(() => _client.GetResponseAsync(huge, new ChatOptions { MaxOutputTokens = 4 }));
        var s = await Assert.ThrowsAsync<ContextWindowExceededException>(() => _client.GetStreamingResponseAsync(huge).ToChatResponseAsync());

        Assert.Equal(slotContext, e.ContextWindow);
        Assert.True(e.PromptTokens > slotContext, $"prompt tokens {e.PromptTokens} should exceed the slot context {slotContext}");
        Assert.Equal(400, e.StatusCode);
        Assert.Equal("local-llama", e.TargetName);
        Assert.Equal(e.PromptTokens, s.PromptTokens);
        Assert.False(s.OutputCommitted);
    }

    [Fact]
    public async Task Metrics_show_load_while_requests_are_in_flight_and_health_stays_up()
    {
        var probe = new EngineProbe(EngineKind.LlamaCpp, _server.Endpoint, new EngineClientOptions { RequestTimeout = TimeSpan.FromSeconds(10) });
        Assert.NotNull(await probe.GetLoadAsync()); // warm the probe before the load starts
        int longest = Math.Max(16, await _server.SlotContextAsync() - 64);
        Task[] inFlight = Enumerable.Range(0, _server.Parallel * 4)
            .Select(_ => _client.GetResponseAsync(Hello, Capped(longest)))
            .ToArray();
        Task all = Task.WhenAll(inFlight);

        var loads = new List<EngineLoad>();
        var healthDuring = new List<EngineHealth>();
        while (!all.IsCompleted)
        {
            EngineLoad? load = await probe.GetLoadAsync();
            Assert.NotNull(load);
            loads.Add(load);
            healthDuring.Add(await probe.CheckHealthAsync());
        }

        await all;
        EngineLoad? after = await probe.GetLoadAsync();
        for (int i = 0; i < 50 && after is { Running: > 0 }; i++)
        {
            await Task.Delay(100); // the last slot is released just after its answer is sent
            after = await probe.GetLoadAsync();
        }

        Assert.Contains(loads, l => l.Running > 0 || l.Queued > 0);
        Assert.All(loads, l => Assert.InRange(l.Running, 0, _server.Parallel));
        Assert.All(healthDuring, h => Assert.Equal(EngineHealth.Healthy, h));
        Assert.Equal(EngineHealth.Healthy, await probe.CheckHealthAsync());
        Assert.NotNull(after);
        Assert.Equal(0, after.Running);
        Assert.Equal(0, after.Queued);
    }

    [Fact]
    public async Task Discovery_finds_it_as_llama_cpp()
    {
        var found = await LocalEngineDiscovery.DiscoverAsync([_server.Port], TimeSpan.FromSeconds(10));

        DiscoveredEngine engine = Assert.Single(found);
        Assert.Equal(EngineKind.LlamaCpp, engine.Engine);
        Assert.Equal(_server.Endpoint, engine.Endpoint);
    }

    [Fact]
    public void Metadata_names_llama_cpp_and_the_model()
    {
        var metadata = _client.GetService<ChatClientMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("llama.cpp", metadata.ProviderName);
        Assert.Equal(LlamaServer.ModelName, metadata.DefaultModelId);
        Assert.Equal(new Uri(_server.Endpoint, "v1"), metadata.ProviderUri);
    }

    public void Dispose() => _client.Dispose();
}
