using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Inference.Sdk.Tests.Engines;

/// <summary>The documented OpenAI chat-completions shapes the engines answer with, for loopback servers.</summary>
internal static class EngineResponses
{
    public const string Completion =
        """{"id":"chatcmpl-1","object":"chat.completion","created":1750000000,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"hello"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}}""";

    public static string Chunk(string content, string? finish = null) =>
        "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1750000000,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":" +
        (finish is null ? "null" : "\"" + finish + "\"") + "}]}\n\n";

    public const string UsageChunk =
        "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1750000000,\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}\n\n";

    public const string Done = "data: [DONE]\n\n";

    /// <summary>A full, well-formed stream: two content chunks, a finish reason, usage, [DONE].</summary>
    public static readonly string Stream = Chunk("hel") + Chunk("lo", "stop") + UsageChunk + Done;

    /// <summary>Maps <c>POST /v1/chat/completions</c> to a JSON body or an SSE stream, depending on the request's <c>stream</c>.</summary>
    public static void MapChat(WebApplication app, string completion = Completion, string? stream = null, int status = 200) =>
        app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            context.Request.Body.Position = 0;
            using var document = await System.Text.Json.JsonDocument.ParseAsync(context.Request.Body);
            bool streaming = document.RootElement.TryGetProperty("stream", out var s) && s.GetBoolean();
            context.Response.StatusCode = status;
            if (streaming)
            {
                context.Response.ContentType = "text/event-stream";
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(stream ?? Stream));
            }
            else
            {
                context.Response.ContentType = "application/json";
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(completion));
            }
        });

    /// <summary>Maps <c>POST /v1/chat/completions</c> to an error answer.</summary>
    public static void MapError(WebApplication app, int status, string body, string? retryAfter = null, string contentType = "application/json") =>
        app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body));
        });

    /// <summary>A loopback port nothing listens on (for unreachable-endpoint tests).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
