using System;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Tests.Engines;

/// <summary>Each engine's documented error shapes, answered by a real loopback server, become the typed exceptions with the engine's numbers.</summary>
public class EngineErrorMappingTests
{
    private static readonly ChatMessage[] Hello = [new(ChatRole.User, "hi")];
    private static readonly EngineClientOptions Options = new() { TargetName = "gpu-1", ApiKey = "sk-never-shown", RequestTimeout = TimeSpan.FromSeconds(10) };

    public static TheoryData<EngineKind, int, string, int?, int?, int?> Overflows => new()
    {
        // vLLM current nested shape with param=input_tokens
        {
            EngineKind.Vllm, 400,
            """{"error":{"message":"This model's maximum context length is 16384 tokens. However, you requested 8192 output tokens and your prompt contains at least 8193 input tokens, for a total of at least 16385 tokens. Please reduce the length of the input prompt or the number of requested output tokens. (parameter=input_tokens, value=8193)","type":"BadRequestError","param":"input_tokens","code":400}}""",
            8193, 8192, 16384
        },
        // vLLM old flat shape, old wording
        {
            EngineKind.Vllm, 400,
            """{"object":"error","message":"This model's maximum context length is 4096 tokens. However, you requested 4723 tokens (3699 in the messages, 1024 in the completion). Please reduce the length of the messages or completion.","type":"BadRequestError","param":null,"code":400}""",
            3699, 1024, 4096
        },
        // vLLM 0.19 form
        {
            EngineKind.Vllm, 400,
            """{"error":{"message":"This model's maximum context length is 32768 tokens. (32836 + 512 = 33348 > 32768)","type":"BadRequestError","param":"input_tokens","code":400}}""",
            32836, 512, 32768
        },
        // llama.cpp
        {
            EngineKind.LlamaCpp, 400,
            """{"error":{"code":400,"message":"request (13392 tokens) exceeds the available context size (8192 tokens), try increasing it","type":"exceed_context_size_error","n_prompt_tokens":13392,"n_ctx":8192}}""",
            13392, null, 8192
        },
        // SGLang flat
        {
            EngineKind.Sglang, 400,
            """{"object":"error","message":"The input (5000 tokens) is longer than the model's context length (4096 tokens).","type":"BadRequestError","param":null,"code":400}""",
            5000, null, 4096
        },
        {
            EngineKind.Sglang, 400,
            """{"object":"error","message":"Requested token count exceeds the model's maximum context length of 8192 tokens. You requested a total of 9000 tokens: 8000 tokens from the input messages and 1000 tokens for the completion. Please reduce the number of tokens in the input messages or the completion to fit within the limit.","type":"BadRequestError","param":null,"code":400}""",
            8000, 1000, 8192
        },
        // TGI 422
        {
            EngineKind.Tgi, 422,
            """{"error":"Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4096. Given: 4000 `inputs` tokens and 200 `max_new_tokens`","error_type":"validation"}""",
            4000, 200, 4096
        },
        {
            EngineKind.Tgi, 422,
            """{"error":"Input validation error: `inputs` must have less than 2048 tokens. Given: 3000","error_type":"validation"}""",
            3000, null, 2048
        },
    };

    [Theory]
    [MemberData(nameof(Overflows))]
    public async Task Context_overflow_becomes_ContextWindowExceededException_with_the_engines_numbers(
        EngineKind engine, int status, string body, int? prompt, int? output, int? window)
    {
        await using var server = await LoopbackServer.StartAsync(app => EngineResponses.MapError(app, status, body));
        using var client = EngineChatClient.Create(engine, server.BaseAddress, "m", Options);

        var e = await Assert.ThrowsAsync<ContextWindowExceededException>(() => client.GetResponseAsync(Hello));

        Assert.Equal(prompt, e.PromptTokens);
        Assert.Equal(output, e.RequestedOutputTokens);
        Assert.Equal(window, e.ContextWindow);
        Assert.Equal(status, e.StatusCode);
        Assert.Equal("gpu-1", e.TargetName);
        Assert.False(e.OutputCommitted);
        Assert.False(e.Truncated);
        Assert.Contains("gpu-1", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-never-shown", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streaming_overflow_is_mapped_before_any_output()
    {
        await using var server = await LoopbackServer.StartAsync(app => EngineResponses.MapError(app, 400,
            """{"error":{"code":400,"message":"request (600 tokens) exceeds the available context size (256 tokens), try increasing it","type":"exceed_context_size_error","n_prompt_tokens":600,"n_ctx":256}}"""));
        using var client = EngineChatClient.Create(EngineKind.LlamaCpp, server.BaseAddress, "m", Options);

        var e = await Assert.ThrowsAsync<ContextWindowExceededException>(() => client.GetStreamingResponseAsync(Hello).ToChatResponseAsync());

        Assert.Equal(600, e.PromptTokens);
        Assert.Equal(256, e.ContextWindow);
        Assert.False(e.OutputCommitted);
    }

    [Theory]
    [InlineData(429, "7", 7)]
    [InlineData(503, "2", 2)]
    [InlineData(429, null, null)]
    public async Task Overload_becomes_TargetOverloadedException_with_Retry_After(int status, string? retryAfter, int? seconds)
    {
        await using var server = await LoopbackServer.StartAsync(app => EngineResponses.MapError(app, status,
            """{"error":{"message":"Too many requests","type":"RateLimitError","code":429}}""", retryAfter));
        using var client = EngineChatClient.Create(EngineKind.Vllm, server.BaseAddress, "m", Options);

        var e = await Assert.ThrowsAsync<TargetOverloadedException>(() => client.GetResponseAsync(Hello));

        Assert.Equal(status, e.StatusCode);
        Assert.Equal(seconds is int s ? TimeSpan.FromSeconds(s) : null, e.RetryAfter);
        Assert.Single(server.Requests); // the SDK's own retries are off: resilience is the pipeline's job
    }

    [Fact]
    public async Task Llama_cpp_loading_model_becomes_EngineLoadingException()
    {
        await using var server = await LoopbackServer.StartAsync(app => EngineResponses.MapError(app, 503,
            """{"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}"""));
        using var client = EngineChatClient.Create(EngineKind.LlamaCpp, server.BaseAddress, "m", Options);

        var e = await Assert.ThrowsAsync<EngineLoadingException>(() => client.GetResponseAsync(Hello));

        Assert.Equal(503, e.StatusCode);
        Assert.Contains("loading", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(500, typeof(TargetUnavailableException))]
    [InlineData(502, typeof(TargetUnavailableException))]
    [InlineData(401, typeof(InferenceException))]
    [InlineData(404, typeof(InferenceException))]
    public async Task Other_statuses_map_by_class(int status, Type expected)
    {
        await using var server = await LoopbackServer.StartAsync(app => EngineResponses.MapError(app, status, """{"error":{"message":"nope","type":"X","code":1}}"""));
        using var client = EngineChatClient.Create(EngineKind.Vllm, server.BaseAddress, "m", Options);

        var e = await Assert.ThrowsAnyAsync<InferenceException>(() => client.GetResponseAsync(Hello));

        Assert.Equal(expected, e.GetType());
        Assert.Equal(status, e.StatusCode);
        Assert.Contains("nope", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-never-shown", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_endpoint_gives_TargetUnavailableException_naming_the_target()
    {
        int port = EngineResponses.FreePort();
        using var client = EngineChatClient.Create(EngineKind.Vllm, new Uri($"http://127.0.0.1:{port}"), "m", Options);

        var e = await Assert.ThrowsAsync<TargetUnavailableException>(() => client.GetResponseAsync(Hello));
        var s = await Assert.ThrowsAsync<TargetUnavailableException>(() => client.GetStreamingResponseAsync(Hello).ToChatResponseAsync());

        Assert.Contains("'gpu-1'", e.Message, StringComparison.Ordinal);
        Assert.Contains("could not be reached", e.Message, StringComparison.Ordinal);
        Assert.Equal("gpu-1", s.TargetName);
        Assert.DoesNotContain("sk-never-shown", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_json_body_gives_InferenceProtocolException()
    {
        await using var server = await LoopbackServer.StartAsync(app => EngineResponses.MapChat(app, completion: "<html>502 bad gateway</html>"));
        using var client = EngineChatClient.Create(EngineKind.Vllm, server.BaseAddress, "m", Options);

        var e = await Assert.ThrowsAsync<InferenceProtocolException>(() => client.GetResponseAsync(Hello));

        Assert.Equal("gpu-1", e.TargetName);
        Assert.Contains("malformed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_stream_gives_InferenceProtocolException_with_output_committed()
    {
        await using var server = await LoopbackServer.StartAsync(app => EngineResponses.MapChat(app, stream: EngineResponses.Chunk("hel") + "data: {\"id\":\"chatcmpl-1\",\"obj"));
        using var client = EngineChatClient.Create(EngineKind.Vllm, server.BaseAddress, "m", Options);
        int received = 0;

        var e = await Assert.ThrowsAsync<InferenceProtocolException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Hello))
            {
                received++;
            }
        });

        Assert.Equal(1, received);
        Assert.True(e.OutputCommitted);
        Assert.Equal("gpu-1", e.TargetName);
    }

    [Fact]
    public async Task A_stream_that_stops_without_a_finish_reason_is_truncated()
    {
        await using var server = await LoopbackServer.StartAsync(app => EngineResponses.MapChat(app, stream: EngineResponses.Chunk("hel")));
        using var client = EngineChatClient.Create(EngineKind.Sglang, server.BaseAddress, "m", Options);

        var e = await Assert.ThrowsAsync<InferenceProtocolException>(() => client.GetStreamingResponseAsync(Hello).ToChatResponseAsync());

        Assert.True(e.OutputCommitted);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mid_stream_error_event_is_mapped_with_output_committed()
    {
        string stream = EngineResponses.Chunk("hel") + """data: {"error":{"message":"CUDA out of memory","type":"InternalServerError","code":500}}""" + "\n\n" + EngineResponses.Done;
        await using var server = await LoopbackServer.StartAsync(app => EngineResponses.MapChat(app, stream: stream));
        using var client = EngineChatClient.Create(EngineKind.Vllm, server.BaseAddress, "m", Options);

        var e = await Assert.ThrowsAsync<InferenceProtocolException>(() => client.GetStreamingResponseAsync(Hello).ToChatResponseAsync());

        Assert.True(e.OutputCommitted);
        Assert.Equal(500, e.StatusCode);
        Assert.Contains("CUDA out of memory", e.Message, StringComparison.Ordinal);
        Assert.Contains("mid-stream", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tgi_mid_stream_validation_error_before_output_is_a_context_overflow()
    {
        string stream = """data: {"error":{"message":"Input validation error: `inputs` must have less than 1024 tokens. Given: 1500","http_status_code":422}}""" + "\n\n";
        await using var server = await LoopbackServer.StartAsync(app => EngineResponses.MapChat(app, stream: stream));
        using var client = EngineChatClient.Create(EngineKind.Tgi, server.BaseAddress, "m", Options);

        var e = await Assert.ThrowsAsync<ContextWindowExceededException>(() => client.GetStreamingResponseAsync(Hello).ToChatResponseAsync());

        Assert.False(e.OutputCommitted);
        Assert.Equal(1500, e.PromptTokens);
        Assert.Equal(1024, e.ContextWindow);
        Assert.Equal(422, e.StatusCode);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_and_a_stalled_stream_too()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v1/chat/completions", async (HttpContext context) =>
            {
                context.Response.ContentType = "text/event-stream";
                await context.Response.WriteAsync(EngineResponses.Chunk("hel"));
                await context.Response.Body.FlushAsync();
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            });
        });
        using var client = EngineChatClient.Create(EngineKind.Vllm, server.BaseAddress, "m",
            new EngineClientOptions { TargetName = "slow", RequestTimeout = TimeSpan.FromMilliseconds(300) });

        var e = await Assert.ThrowsAsync<TargetUnavailableException>(() => client.GetResponseAsync(Hello));
        var s = await Assert.ThrowsAsync<TargetUnavailableException>(() => client.GetStreamingResponseAsync(Hello).ToChatResponseAsync());

        Assert.Contains("did not answer within", e.Message, StringComparison.Ordinal);
        Assert.True(s.OutputCommitted);
        Assert.Equal("slow", s.TargetName);
    }

    [Fact]
    public async Task Caller_cancellation_stays_an_OperationCanceledException()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapPost("/v1/chat/completions", (HttpContext context) => Task.Delay(Timeout.Infinite, context.RequestAborted)));
        using var client = EngineChatClient.Create(EngineKind.Vllm, server.BaseAddress, "m", Options);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync(Hello, cancellationToken: cts.Token));
    }

    [Fact]
    public async Task Ollama_silent_truncation_is_reported()
    {
        const string truncated = """{"id":"chatcmpl-1","object":"chat.completion","created":1750000000,"model":"llama3","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],"usage":{"prompt_tokens":2048,"completion_tokens":1,"total_tokens":2049}}""";
        await using var server = await LoopbackServer.StartAsync(app => EngineResponses.MapChat(app, completion: truncated));
        using var client = EngineChatClient.Create(EngineKind.Ollama, server.BaseAddress, "llama3", new EngineClientOptions { TargetName = "laptop", ContextWindow = 2048 });

        var e = await Assert.ThrowsAsync<ContextWindowExceededException>(() => client.GetResponseAsync(Hello));

        Assert.True(e.Truncated);
        Assert.Equal(2048, e.PromptTokens);
        Assert.Equal(2048, e.ContextWindow);
        Assert.Equal("laptop", e.TargetName);
    }

    [Fact]
    public async Task Ollama_truncation_is_detected_from_too_few_prompt_tokens_without_a_configured_window()
    {
        await using var server = await LoopbackServer.StartAsync(app => EngineResponses.MapChat(app)); // answers prompt_tokens = 5
        using var client = EngineChatClient.Create(EngineKind.Ollama, server.BaseAddress, "llama3");
        ChatMessage[] longPrompt = [new(ChatRole.User, new string('x', 4000))];

        var e = await Assert.ThrowsAsync<ContextWindowExceededException>(() => client.GetResponseAsync(longPrompt));
        ChatResponse fine = await client.GetResponseAsync(Hello);

        Assert.True(e.Truncated);
        Assert.Equal(5, e.PromptTokens);
        Assert.Equal("hello", fine.Text);
    }
}
