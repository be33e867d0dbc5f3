using System;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Inference.Sdk.IntegrationTests.Reliability;

/// <summary>The ways engines and providers really fail, as loopback handlers of <c>POST /v1/chat/completions</c>.</summary>
internal static class Faults
{
    public const string Model = "test-model";

    public static Task Status(HttpContext c, int status, object body, int? retryAfterSeconds = null)
    {
        c.Response.StatusCode = status;
        if (retryAfterSeconds is int s)
        {
            c.Response.Headers.RetryAfter = s.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return c.Response.WriteAsJsonAsync(body, c.RequestAborted);
    }

    public static Task OpenAIError(HttpContext c, int status, int? retryAfterSeconds = null) =>
        Status(c, status, new { error = new { message = "failing on purpose", type = "server_error", code = status } }, retryAfterSeconds);

    // Client errors, verbatim from llama.cpp's server: llama-server 0.5.0-dev (commit de3ff81, the node-llama-cpp 3.22.1 build that
    // scripts/deps/10-llama-cpp.sh makes), started with `--api-key sekrit` and asked with curl on 2026-12-05:
    //   401: POST /v1/chat/completions with `Authorization: Bearer wrong`
    //   400: POST /v1/chat/completions with `"response_format":{"type":"bogus"}`
    //   404: GET /v1/nothing

    /// <summary>llama.cpp's answer to a wrong API key (HTTP 401).</summary>
    public const string LlamaCppInvalidApiKey = """{"error":{"message":"Invalid API Key","type":"authentication_error","code":401}}""";

    /// <summary>llama.cpp's answer to a request it cannot serve anywhere (HTTP 400).</summary>
    public const string LlamaCppBadRequest = """{"error":{"code":400,"message":"response_format type must be one of \"text\" or \"json_object\", but got: bogus","type":"invalid_request_error"}}""";

    /// <summary>llama.cpp's answer to a route it does not have (HTTP 404).</summary>
    public const string LlamaCppNotFound = """{"error":{"message":"File Not Found","type":"not_found_error","code":404}}""";

    /// <summary>Answers a status with a JSON body as it was captured.</summary>
    public static Task Raw(HttpContext c, int status, string json)
    {
        c.Response.StatusCode = status;
        c.Response.ContentType = "application/json; charset=utf-8";
        return c.Response.WriteAsync(json, c.RequestAborted);
    }

    /// <summary>llama.cpp while it loads the model.</summary>
    public static Task Loading(HttpContext c) =>
        Status(c, 503, new { error = new { code = 503, message = "Loading model", type = "unavailable_error" } });

    /// <summary>Cloudflare's 524 page in front of a RunPod proxy after 100 s.</summary>
    public static async Task Cloudflare524(HttpContext c)
    {
        c.Response.StatusCode = 524;
        c.Response.ContentType = "text/html";
        await c.Response.WriteAsync("<html><head><title>524: A timeout occurred</title></head><body>cloudflare</body></html>", c.RequestAborted);
    }

    /// <summary>Drops the connection before any response header.</summary>
    public static Task ResetBeforeHeaders(HttpContext c)
    {
        c.Abort();
        return Task.CompletedTask;
    }

    public static async Task MalformedJson(HttpContext c, string body)
    {
        if (Streaming(body))
        {
            c.Response.ContentType = "text/event-stream";
            await c.Response.WriteAsync("data: {\"id\":\"x\",\"choices\":[{\"delta\":{\"content\":\"He\n\n", c.RequestAborted);
            return;
        }

        c.Response.ContentType = "application/json";
        await c.Response.WriteAsync("{\"id\":\"chatcmpl-1\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"Hel", c.RequestAborted);
    }

    /// <summary>An SSE stream that ends without a finish reason nor <c>[DONE]</c> (the server closed it cleanly).</summary>
    public static async Task TruncatedSse(HttpContext c)
    {
        c.Response.ContentType = "text/event-stream";
        await Chunk(c, "Hello", null);
        await c.Response.WriteAsync("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.com", c.RequestAborted);
    }

    /// <summary>A stream that sends a token, then <c>data: {"error":…}</c>.</summary>
    public static async Task ErrorMidStream(HttpContext c)
    {
        c.Response.ContentType = "text/event-stream";
        await Chunk(c, "Hello", null);
        await c.Response.WriteAsync("data: {\"error\":{\"message\":\"CUDA out of memory\",\"type\":\"server_error\",\"code\":500}}\n\n", c.RequestAborted);
        await c.Response.Body.FlushAsync(c.RequestAborted);
    }

    /// <summary>An answer with a finish reason OpenAI does not document and no usage.</summary>
    public static async Task Answer(HttpContext c, string body, string text, string finish = "stop", bool usage = true)
    {
        if (Streaming(body))
        {
            c.Response.ContentType = "text/event-stream";
            foreach (string word in text.Split(' '))
            {
                await Chunk(c, word + " ", null);
            }

            await Chunk(c, null, finish);
            if (usage && body.Contains("include_usage", StringComparison.Ordinal))
            {
                await c.Response.WriteAsync("data: " + JsonSerializer.Serialize(new
                {
                    id = "chatcmpl-1", @object = "chat.completion.chunk", created = 1_700_000_000, model = Model,
                    choices = Array.Empty<object>(),
                    usage = new { prompt_tokens = 5, completion_tokens = 2, total_tokens = 7 },
                }) + "\n\n", c.RequestAborted);
            }

            await c.Response.WriteAsync("data: [DONE]\n\n", c.RequestAborted);
            return;
        }

        c.Response.ContentType = "application/json";
        await c.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            id = "chatcmpl-1",
            @object = "chat.completion",
            created = 1_700_000_000,
            model = Model,
            choices = new[] { new { index = 0, message = new { role = "assistant", content = text }, finish_reason = finish } },
            usage = usage ? new { prompt_tokens = 5, completion_tokens = 2, total_tokens = 7 } : null,
        }), c.RequestAborted);
    }

    public static bool Streaming(string body) => body.Contains("\"stream\":true", StringComparison.Ordinal);

    public static Task Chunk(HttpContext c, string? content, string? finish)
    {
        string json = JsonSerializer.Serialize(new
        {
            id = "chatcmpl-1",
            @object = "chat.completion.chunk",
            created = 1_700_000_000,
            model = Model,
            choices = new[] { new { index = 0, delta = new { role = "assistant", content }, finish_reason = finish } },
        });
        return c.Response.WriteAsync("data: " + json + "\n\n", c.RequestAborted);
    }
}
