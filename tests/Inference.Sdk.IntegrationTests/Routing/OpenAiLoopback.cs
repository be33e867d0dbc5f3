using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Tasks;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

namespace Inference.Sdk.IntegrationTests.Routing;

/// <summary>A loopback server that speaks OpenAI chat completions (JSON and SSE) and fails the way a test tells it to.</summary>
internal static class OpenAiLoopback
{
    /// <summary>Starts a server whose <c>POST /v1/chat/completions</c> runs <paramref name="handle"/> with the request body.</summary>
    public static Task<LoopbackServer> StartAsync(Func<HttpContext, string, Task> handle) =>
        LoopbackServer.StartAsync(app => app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            context.Request.Body.Position = 0;
            using var reader = new System.IO.StreamReader(context.Request.Body);
            string body = await reader.ReadToEndAsync(context.RequestAborted);
            await handle(context, body);
        }));

    /// <summary>Answers with <paramref name="text"/>: an SSE stream of one chunk per word when the request asked to stream, else one JSON completion.</summary>
    public static async Task AnswerAsync(HttpContext context, string body, string text)
    {
        if (IsStreaming(body))
        {
            context.Response.ContentType = "text/event-stream";
            foreach (string word in text.Split(' '))
            {
                await WriteChunkAsync(context, word + " ", null);
            }

            await WriteChunkAsync(context, null, "stop");
            await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            id = "chatcmpl-1",
            @object = "chat.completion",
            created = 1_700_000_000,
            model = "test-model",
            choices = new[] { new { index = 0, message = new { role = "assistant", content = text }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 5, completion_tokens = 2, total_tokens = 7 },
        }), context.RequestAborted);
    }

    /// <summary>Answers with an HTTP error in the OpenAI error shape, optionally with <c>Retry-After</c>.</summary>
    public static Task FailAsync(HttpContext context, int status, int? retryAfterSeconds = null)
    {
        context.Response.StatusCode = status;
        if (retryAfterSeconds is { } s)
        {
            context.Response.Headers.RetryAfter = s.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return context.Response.WriteAsJsonAsync(new { error = new { message = "failing on purpose", type = "server_error", code = status } }, context.RequestAborted);
    }

    /// <summary>Sends the first SSE chunk, flushes it, then drops the connection.</summary>
    public static async Task DieAfterFirstTokenAsync(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        await WriteChunkAsync(context, "Hello", null);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        // Give the chunk time to leave Kestrel's pipe before the abort (an abort can otherwise discard it, and then
        // nothing was committed and the router rightly fails over).
        await Task.Delay(1000, context.RequestAborted);
        context.Abort();
    }

    public static bool IsStreaming(string body) => body.Contains("\"stream\":true", StringComparison.Ordinal);

    /// <summary>An M.E.AI client over the OpenAI SDK pointed at a loopback address, with the SDK's own retries off.</summary>
    public static IChatClient Client(Uri baseAddress) =>
        new ChatClient("test-model", new ApiKeyCredential("k"), new OpenAIClientOptions
        {
            Endpoint = new Uri(baseAddress, "v1"),
            RetryPolicy = new ClientRetryPolicy(0),
        }).AsIChatClient();

    /// <summary>An address on which nothing listens (a port that was just closed).</summary>
    public static Uri ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    private static Task WriteChunkAsync(HttpContext context, string? content, string? finish)
    {
        string json = JsonSerializer.Serialize(new
        {
            id = "chatcmpl-1",
            @object = "chat.completion.chunk",
            created = 1_700_000_000,
            model = "test-model",
            choices = new[] { new { index = 0, delta = new { role = "assistant", content }, finish_reason = finish } },
        });
        return context.Response.WriteAsync("data: " + json + "\n\n", context.RequestAborted);
    }
}
