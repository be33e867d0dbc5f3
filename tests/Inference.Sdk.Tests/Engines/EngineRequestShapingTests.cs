using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Testing;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Tests.Engines;

/// <summary>What each engine receives on the wire, asserted on a real loopback HTTP server.</summary>
public class EngineRequestShapingTests
{
    private static readonly ChatMessage[] Hello = [new(ChatRole.User, "hi")];

    public static TheoryData<EngineKind, bool, bool> CapFields => new()
    {
        { EngineKind.Vllm, false, true },
        { EngineKind.Sglang, true, true },
        { EngineKind.Tgi, true, false },
        { EngineKind.LlamaCpp, true, true },
        { EngineKind.Ollama, true, false },
        { EngineKind.TensorRtLlm, true, false },
        { EngineKind.OpenAICompatible, false, true },
    };

    [Theory]
    [MemberData(nameof(CapFields))]
    public async Task Output_cap_goes_in_the_field_the_engine_honours(EngineKind engine, bool maxTokens, bool maxCompletionTokens)
    {
        await using var server = await LoopbackServer.StartAsync(app => EngineResponses.MapChat(app));
        using var client = EngineChatClient.Create(engine, Endpoint(engine, server), "m");

        await client.GetResponseAsync(Hello, new ChatOptions { MaxOutputTokens = 16 });

        using var body = JsonDocument.Parse(Assert.Single(server.Requests).Body);
        Assert.Equal(maxTokens, body.RootElement.TryGetProperty("max_tokens", out var a) && a.GetInt32() == 16);
        Assert.Equal(maxCompletionTokens, body.RootElement.TryGetProperty("max_completion_tokens", out var b) && b.GetInt32() == 16);
        Assert.Equal("m", body.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task TopK_and_additional_properties_are_forwarded_and_our_own_keys_are_not()
    {
        await using var server = await LoopbackServer.StartAsync(app => EngineResponses.MapChat(app));
        using var client = EngineChatClient.Create(EngineKind.Vllm, server.BaseAddress, "Qwen/Qwen3-8B");
        var options = new ChatOptions
        {
            TopK = 20,
            AdditionalProperties = new()
            {
                ["chat_template_kwargs"] = new Dictionary<string, object> { ["enable_thinking"] = false },
                ["repetition_penalty"] = 1.1,
                ["odd.key"] = "x",
                [InferencePropertyNames.Tenant] = "acme",
                [InferencePropertyNames.ForceTarget] = "gpu-1",
            },
        };

        await client.GetResponseAsync(Hello, options);

        using var body = JsonDocument.Parse(Assert.Single(server.Requests).Body);
        JsonElement root = body.RootElement;
        Assert.Equal(20, root.GetProperty("top_k").GetInt32());
        Assert.False(root.GetProperty("chat_template_kwargs").GetProperty("enable_thinking").GetBoolean());
        Assert.Equal(1.1, root.GetProperty("repetition_penalty").GetDouble());
        Assert.Equal("x", root.GetProperty("odd.key").GetString());
        Assert.DoesNotContain(root.EnumerateObject(), p => p.Name.StartsWith("inference.", StringComparison.Ordinal));
        Assert.Equal("acme", options.AdditionalProperties[InferencePropertyNames.Tenant]); // the caller's options are not changed
        Assert.Null(options.RawRepresentationFactory);
    }

    [Fact]
    public async Task Options_with_nothing_to_shape_go_through_as_they_are_and_our_own_keys_are_still_not_sent()
    {
        await using var server = await LoopbackServer.StartAsync(app => EngineResponses.MapChat(app));
        using var client = EngineChatClient.Create(EngineKind.Vllm, server.BaseAddress, "m");
        var options = new ChatOptions
        {
            Temperature = 0.25f,
            MaxOutputTokens = 16, // vLLM honours max_completion_tokens: nothing to move
            AdditionalProperties = new() { [InferencePropertyNames.Tenant] = "acme" },
        };

        await client.GetResponseAsync(Hello, options);

        using var body = JsonDocument.Parse(Assert.Single(server.Requests).Body);
        JsonElement root = body.RootElement;
        Assert.Equal(0.25, root.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(16, root.GetProperty("max_completion_tokens").GetInt32());
        Assert.DoesNotContain(root.EnumerateObject(), p => p.Name.StartsWith("inference.", StringComparison.Ordinal));
        Assert.Equal(16, options.MaxOutputTokens);
        Assert.Null(options.RawRepresentationFactory);
    }

    [Fact]
    public async Task TopK_is_not_sent_to_a_hosted_openai_compatible_api()
    {
        await using var server = await LoopbackServer.StartAsync(app => EngineResponses.MapChat(app));
        using var client = EngineChatClient.Create(EngineKind.OpenAICompatible, new Uri(server.BaseAddress, "v1"), "gpt-x");

        await client.GetResponseAsync(Hello, new ChatOptions { TopK = 5 });

        using var body = JsonDocument.Parse(Assert.Single(server.Requests).Body);
        Assert.False(body.RootElement.TryGetProperty("top_k", out _));
    }

    [Fact]
    public async Task A_caller_raw_representation_factory_is_kept_and_patched()
    {
        await using var server = await LoopbackServer.StartAsync(app => EngineResponses.MapChat(app));
        using var client = EngineChatClient.Create(EngineKind.Tgi, server.BaseAddress, "m");
        var options = new ChatOptions
        {
            MaxOutputTokens = 7,
            RawRepresentationFactory = _ => new OpenAI.Chat.ChatCompletionOptions { Temperature = 0.25f },
        };

        await client.GetResponseAsync(Hello, options);

        using var body = JsonDocument.Parse(Assert.Single(server.Requests).Body);
        Assert.Equal(0.25, body.RootElement.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(7, body.RootElement.GetProperty("max_tokens").GetInt32());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Stream_options_are_sent_only_where_wanted(bool send)
    {
        await using var server = await LoopbackServer.StartAsync(app => EngineResponses.MapChat(app));
        using var client = EngineChatClient.Create(EngineKind.Vllm, server.BaseAddress, "m", new EngineClientOptions { SendStreamOptions = send });

        ChatResponse response = await client.GetStreamingResponseAsync(Hello).ToChatResponseAsync();

        using var body = JsonDocument.Parse(Assert.Single(server.Requests).Body);
        Assert.True(body.RootElement.GetProperty("stream").GetBoolean());
        Assert.Equal(send, body.RootElement.TryGetProperty("stream_options", out _));
        Assert.Equal("hello", response.Text);
        Assert.Equal(7, response.Usage?.TotalTokenCount);
    }

    [Fact]
    public async Task The_api_key_is_sent_as_a_bearer_token_and_the_path_gets_v1()
    {
        await using var server = await LoopbackServer.StartAsync(app => EngineResponses.MapChat(app));
        using var client = EngineChatClient.Create(EngineKind.Sglang, server.BaseAddress, "m", new EngineClientOptions { ApiKey = "sk-secret" });

        ChatResponse response = await client.GetResponseAsync(Hello);

        RecordedRequest request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.PathAndQuery);
        Assert.Equal("Bearer sk-secret", request.Headers["Authorization"]);
        Assert.Equal("hello", response.Text);
        Assert.Equal(5, response.Usage?.InputTokenCount);
    }

    [Theory]
    [InlineData(EngineKind.Vllm, "vllm")]
    [InlineData(EngineKind.Sglang, "sglang")]
    [InlineData(EngineKind.Tgi, "tgi")]
    [InlineData(EngineKind.LlamaCpp, "llama.cpp")]
    [InlineData(EngineKind.Ollama, "ollama")]
    [InlineData(EngineKind.TensorRtLlm, "tensorrt-llm")]
    public void Metadata_names_the_engine_not_openai(EngineKind engine, string provider)
    {
        using var client = EngineChatClient.Create(engine, new Uri("http://gpu-box:8000"), "Qwen/Qwen3-8B");

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal(provider, metadata.ProviderName);
        Assert.Equal(new Uri("http://gpu-box:8000/v1"), metadata.ProviderUri);
        Assert.Equal("Qwen/Qwen3-8B", metadata.DefaultModelId);
        Assert.Same(client, client.GetService<EngineChatClient>());
    }

    [Fact]
    public void Bad_arguments_name_the_parameter()
    {
        Assert.Equal("endpoint", Assert.Throws<ArgumentNullException>(() => EngineChatClient.Create(EngineKind.Vllm, null!, "m")).ParamName);
        Assert.Equal("endpoint", Assert.Throws<ArgumentException>(() => EngineChatClient.Create(EngineKind.Vllm, new Uri("ftp://x"), "m")).ParamName);
        Assert.Equal("model", Assert.ThrowsAny<ArgumentException>(() => EngineChatClient.Create(EngineKind.Vllm, new Uri("http://x"), " ")).ParamName);
        Assert.Equal("engine", Assert.Throws<ArgumentOutOfRangeException>(() => EngineChatClient.Create((EngineKind)99, new Uri("http://x"), "m")).ParamName);
        Assert.Equal("options.RequestTimeout", Assert.Throws<ArgumentOutOfRangeException>(
            () => EngineChatClient.Create(EngineKind.Vllm, new Uri("http://x"), "m", new EngineClientOptions { RequestTimeout = TimeSpan.Zero })).ParamName);
        Assert.Equal("options.ContextWindow", Assert.Throws<ArgumentOutOfRangeException>(
            () => EngineChatClient.Create(EngineKind.Ollama, new Uri("http://x"), "m", new EngineClientOptions { ContextWindow = 0 })).ParamName);
    }

    private static Uri Endpoint(EngineKind engine, LoopbackServer server) =>
        engine == EngineKind.OpenAICompatible ? new Uri(server.BaseAddress, "v1") : server.BaseAddress;
}
