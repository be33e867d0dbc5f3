using System;
using System.Text.Json;
using System.Threading.Tasks;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Testing;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Tests.Engines;

/// <summary>TGI's chat route as its source and integration snapshots show it, served from tests/Fixtures/tgi.</summary>
public class TgiFixtureTests
{
    private static readonly ChatMessage[] Hello = [new(ChatRole.User, "hi")];
    private static readonly EngineClientOptions Options = new() { TargetName = "tgi-1", RequestTimeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task A_recorded_tgi_stream_with_usage_is_read_to_its_end()
    {
        await using var server = await LoopbackServer.StartAsync(app => EngineResponses.MapChat(app, stream: Fixtures.SseFromJsonArray("tgi/chat-stream-usage.json")));
        using var client = EngineChatClient.Create(EngineKind.Tgi, server.BaseAddress, "meta-llama/Llama-3.1-8B-Instruct", Options);

        ChatResponse response = await client.GetStreamingResponseAsync(Hello).ToChatResponseAsync();

        Assert.Equal("OK!", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.NotNull(response.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task Model_is_overloaded_inside_a_200_stream_is_an_overload_before_any_output()
    {
        await using var server = await LoopbackServer.StartAsync(app => EngineResponses.MapChat(app, stream: Fixtures.Text("tgi/stream-error-overloaded.sse")));
        using var client = EngineChatClient.Create(EngineKind.Tgi, server.BaseAddress, "m", Options);

        var e = await Assert.ThrowsAsync<TargetOverloadedException>(() => client.GetStreamingResponseAsync(Hello).ToChatResponseAsync());

        Assert.False(e.OutputCommitted);
        Assert.Equal(429, e.StatusCode);
        Assert.Equal("tgi-1", e.TargetName);
        Assert.Contains("Model is overloaded", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_overload_outside_a_stream_is_the_429_of_the_openapi_example()
    {
        await using var server = await LoopbackServer.StartAsync(app => EngineResponses.MapError(app, 429, Fixtures.Text("tgi/error-overloaded.json")));
        using var client = EngineChatClient.Create(EngineKind.Tgi, server.BaseAddress, "m", Options);

        var e = await Assert.ThrowsAsync<TargetOverloadedException>(() => client.GetResponseAsync(Hello));

        Assert.Equal(429, e.StatusCode);
    }

    [Fact]
    public async Task An_in_stream_validation_error_on_the_window_is_a_context_overflow_with_its_numbers()
    {
        await using var server = await LoopbackServer.StartAsync(app => EngineResponses.MapChat(app, stream: Fixtures.Text("tgi/stream-error-validation.sse")));
        using var client = EngineChatClient.Create(EngineKind.Tgi, server.BaseAddress, "m", Options);

        var e = await Assert.ThrowsAsync<ContextWindowExceededException>(() => client.GetStreamingResponseAsync(Hello).ToChatResponseAsync());

        Assert.Equal((1, 10, 6), (e.PromptTokens, e.RequestedOutputTokens, e.ContextWindow));
        Assert.Equal(422, e.StatusCode);
        Assert.False(e.OutputCommitted);
    }

    [Theory]
    [InlineData("tgi/error-validation-max-total-tokens.json", 1, 10, 6)]
    [InlineData("tgi/error-validation-max-new-tokens.json", null, 10, null)]
    public async Task Validation_errors_on_the_window_are_context_overflows(string fixture, int? prompt, int? output, int? window)
    {
        await using var server = await LoopbackServer.StartAsync(app => EngineResponses.MapError(app, 422, Fixtures.Text(fixture)));
        using var client = EngineChatClient.Create(EngineKind.Tgi, server.BaseAddress, "m", Options);

        var e = await Assert.ThrowsAsync<ContextWindowExceededException>(() => client.GetResponseAsync(Hello));

        Assert.Equal((prompt, output, window), (e.PromptTokens, e.RequestedOutputTokens, e.ContextWindow));
        Assert.Equal(422, e.StatusCode);
    }

    [Fact]
    public async Task A_generation_error_after_tokens_is_a_protocol_error_with_output_committed()
    {
        string recorded = Fixtures.SseFromJsonArray("tgi/chat-stream-usage.json");
        string firstChunk = recorded[..(recorded.IndexOf("\n\n", StringComparison.Ordinal) + 2)];
        await using var server = await LoopbackServer.StartAsync(app => EngineResponses.MapChat(app, stream: firstChunk + Fixtures.Text("tgi/stream-error-generation.sse")));
        using var client = EngineChatClient.Create(EngineKind.Tgi, server.BaseAddress, "m", Options);

        var e = await Assert.ThrowsAsync<InferenceProtocolException>(() => client.GetStreamingResponseAsync(Hello).ToChatResponseAsync());

        Assert.True(e.OutputCommitted);
        Assert.Equal(424, e.StatusCode);
        Assert.Contains("Request failed during generation", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_chat_route_gets_no_top_k_because_it_drops_it()
    {
        await using var server = await LoopbackServer.StartAsync(app => EngineResponses.MapChat(app));
        using var client = EngineChatClient.Create(EngineKind.Tgi, server.BaseAddress, "m", Options);

        await client.GetResponseAsync(Hello, new ChatOptions { TopK = 5, MaxOutputTokens = 7 });

        using var body = JsonDocument.Parse(Assert.Single(server.Requests).Body);
        Assert.False(body.RootElement.TryGetProperty("top_k", out _));
        Assert.Equal(7, body.RootElement.GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public void The_default_port_is_the_launchers_not_the_docker_images()
    {
        Assert.Equal(3000, EngineProfile.For(EngineKind.Tgi).DefaultPort);
        Assert.Contains(3000, LocalEngineDiscovery.DefaultPorts);
    }
}
