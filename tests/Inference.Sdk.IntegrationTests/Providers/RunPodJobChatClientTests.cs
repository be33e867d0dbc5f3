using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Providers;
using Inference.Sdk.Providers.RunPod;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using static Inference.Sdk.IntegrationTests.Providers.ProviderTestKit;

namespace Inference.Sdk.IntegrationTests.Providers;

public class RunPodJobChatClientTests
{
    private const string Completion =
        """{"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"message":{"role":"assistant","content":"Hello there"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}""";

    private static IChatClient ChatClient(LoopbackServer server) =>
        new RunPodServerlessClient(Http, new RunPodServerlessOptions
        {
            EndpointId = "ep123",
            ApiKey = ApiKey,
            BaseAddress = new Uri(server.BaseAddress, "v2/"),
            PollInterval = TimeSpan.FromMilliseconds(5),
        }).AsIChatClient("meta-llama/Llama-3.1-8B-Instruct");

    private static string Chunk(string? content, string? finish = null) =>
        "data: " + JsonSerializer.Serialize(new
        {
            id = "c1",
            @object = "chat.completion.chunk",
            created = 1,
            model = "m",
            choices = new[] { new { index = 0, delta = new { content }, finish_reason = finish } },
        }) + "\n\n";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Chat_runs_as_a_worker_vllm_job_and_carries_its_billed_times(bool aggregatedList)
    {
        string output = aggregatedList ? $"[{Completion}]" : Completion;
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v2/ep123/runsync", () => Json("""{"id":"sync-1","status":"IN_PROGRESS"}"""));
            app.MapGet("/v2/ep123/status/sync-1", () => Json($$"""{"id":"sync-1","status":"COMPLETED","delayTime":824,"executionTime":3391,"output":{{output}}}"""));
        });
        IChatClient chat = ChatClient(server);

        ChatResponse response = await chat.GetResponseAsync("Say hello", new ChatOptions { MaxOutputTokens = 16, Temperature = 0.5f });

        Assert.Equal("Hello there", response.Text);
        Assert.Equal(7, response.Usage!.TotalTokenCount);
        Assert.Equal(824L, response.AdditionalProperties![RunPodPropertyNames.DelayMilliseconds]);
        Assert.Equal(3391L, response.AdditionalProperties[RunPodPropertyNames.ExecutionMilliseconds]);
        Assert.Equal("sync-1", response.AdditionalProperties[RunPodPropertyNames.JobId]);

        RecordedRequest run = server.Requests[0];
        Assert.Equal("/v2/ep123/runsync", run.PathAndQuery);
        AssertBearer(run);
        JsonElement input = Body(run).GetProperty("input");
        Assert.Equal("/v1/chat/completions", input.GetProperty("openai_route").GetString());
        JsonElement openai = input.GetProperty("openai_input");
        Assert.Equal("meta-llama/Llama-3.1-8B-Instruct", openai.GetProperty("model").GetString());
        Assert.Equal("user", openai.GetProperty("messages")[0].GetProperty("role").GetString());
        Assert.Contains("Say hello", openai.GetProperty("messages")[0].GetProperty("content").GetRawText(), StringComparison.Ordinal);
        Assert.Equal(16, openai.GetProperty("max_completion_tokens").GetInt32());

        var metadata = chat.GetService<ChatClientMetadata>()!;
        Assert.Equal("runpod", metadata.ProviderName);
        Assert.Equal("meta-llama/Llama-3.1-8B-Instruct", metadata.DefaultModelId);
    }

    [Fact]
    public async Task Streaming_chat_relays_raw_sse_chunks_split_across_outputs()
    {
        string first = Chunk("Hel");
        string second = Chunk("lo");
        string[] outputs = [first + second[..20], second[20..] + Chunk(null, "stop"), "data: [DONE]\n\n"];
        int polls = 0;
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v2/ep123/run", () => Json("""{"id":"job-s","status":"IN_QUEUE"}"""));
            app.MapGet("/v2/ep123/stream/job-s", () => ++polls switch
            {
                1 => Results.Json(new { status = "IN_PROGRESS", stream = new[] { new { output = outputs[0] } } }),
                2 => Results.Json(new { status = "COMPLETED", stream = new[] { new { output = outputs[1] }, new { output = outputs[2] } } }),
                _ => Json("""{"status":"COMPLETED","stream":[]}"""),
            });
            app.MapGet("/v2/ep123/status/job-s", () => Json("""{"id":"job-s","status":"COMPLETED","delayTime":12000,"executionTime":1500}"""));
        });

        var text = new StringBuilder();
        ChatResponseUpdate? last = null;
        await foreach (ChatResponseUpdate update in ChatClient(server).GetStreamingResponseAsync("Say hello"))
        {
            text.Append(update.Text);
            last = update;
        }

        Assert.Equal("Hello", text.ToString());
        Assert.Equal(12000L, last!.AdditionalProperties![RunPodPropertyNames.DelayMilliseconds]);
        Assert.Equal(1500L, last.AdditionalProperties[RunPodPropertyNames.ExecutionMilliseconds]);
        JsonElement input = Body(server.Requests.First(r => r.PathAndQuery == "/v2/ep123/run")).GetProperty("input");
        Assert.True(input.GetProperty("openai_input").GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task Cancelling_a_stream_cancels_the_job()
    {
        using var cts = new CancellationTokenSource();
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v2/ep123/run", () => Json("""{"id":"job-c","status":"IN_QUEUE"}"""));
            app.MapGet("/v2/ep123/stream/job-c", () =>
            {
                cts.Cancel();
                return Results.Json(new { status = "IN_PROGRESS", stream = Array.Empty<object>() });
            });
            app.MapPost("/v2/ep123/cancel/job-c", () => Json("""{"id":"job-c","status":"CANCELLED"}"""));
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (ChatResponseUpdate update in ChatClient(server).GetStreamingResponseAsync("Say hello", cancellationToken: cts.Token))
            {
                _ = update;
            }
        });

        Assert.Contains(server.Requests, r => r.Method == "POST" && r.PathAndQuery == "/v2/ep123/cancel/job-c");
    }

    [Fact]
    public async Task A_failed_chat_job_surfaces_as_a_typed_error()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapPost("/v2/ep123/runsync", () => Json("""{"id":"sync-f","status":"FAILED","error":"handler crashed"}""")));

        var e = await Assert.ThrowsAsync<ProviderApiException>(() => ChatClient(server).GetResponseAsync("hi"));

        Assert.Equal("FAILED", e.ErrorCode);
        AssertSafe(e, "runpod:ep123");
    }

    private const string VllmOverflow =
        """{"object":"error","message":"This model's maximum context length is 4096 tokens. However, you requested 5000 tokens (4000 in the messages, 1000 in the completion).","type":"BadRequestError","param":"input_tokens","code":400}""";

    [Fact]
    public async Task A_relayed_vllm_overflow_becomes_the_typed_context_error_with_its_numbers()
    {
        string output = JsonSerializer.Serialize(new[] { new { error = new { message = "vLLM returned HTTP 400: " + VllmOverflow, type = "worker_error", code = (string?)null } } });
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapPost("/v2/ep123/runsync", () => Json($$"""{"id":"sync-e","status":"COMPLETED","output":{{output}}}""")));

        var e = await Assert.ThrowsAsync<ContextWindowExceededException>(() => ChatClient(server).GetResponseAsync("hi"));

        Assert.Equal(400, e.StatusCode);
        Assert.Equal(4096, e.ContextWindow);
        AssertSafe(e, "runpod:ep123");
    }

    [Fact]
    public async Task A_relayed_vllm_error_mid_stream_is_typed_too()
    {
        string output = JsonSerializer.Serialize(new { error = new { message = "vLLM returned HTTP 400: " + VllmOverflow, type = "worker_error" } });
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v2/ep123/run", () => Json("""{"id":"job-e","status":"IN_QUEUE"}"""));
            app.MapGet("/v2/ep123/stream/job-e", () => Json($$"""{"status":"COMPLETED","stream":[{"output":{{output}}}]}"""));
            app.MapGet("/v2/ep123/status/job-e", () => Json("""{"id":"job-e","status":"COMPLETED"}"""));
        });

        var e = await Assert.ThrowsAsync<ContextWindowExceededException>(async () =>
        {
            await foreach (ChatResponseUpdate update in ChatClient(server).GetStreamingResponseAsync("hi"))
            {
                _ = update;
            }
        });

        Assert.Equal(4096, e.ContextWindow);
    }

    [Fact]
    public async Task A_non_json_job_output_is_a_protocol_error()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapPost("/v2/ep123/runsync", () => Json("""{"id":"sync-x","status":"COMPLETED","output":"<html>oops"}""")));

        var e = await Assert.ThrowsAsync<InferenceProtocolException>(() => ChatClient(server).GetResponseAsync("hi"));

        Assert.Contains("not JSON", e.Message, StringComparison.Ordinal);
        AssertSafe(e, "runpod:ep123");
    }
}
