using System;
using System.Buffers;
using System.IO.Pipelines;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inference.Sdk.Benchmarks.Pipeline;

/// <summary>
/// A minimal OpenAI-compatible endpoint on 127.0.0.1 (Kestrel): <c>POST /v1/chat/completions</c> reads the request
/// and answers a fixed completion, or a fixed SSE stream (three content chunks, then usage, then <c>[DONE]</c>) when
/// the request has <c>"stream":true</c>. It costs every client the same.
/// </summary>
internal sealed class FixedCompletionServer : IAsyncDisposable
{
    public const string Content = "Paris is the capital of France.";

    public static readonly byte[] Completion = Encoding.UTF8.GetBytes(
        """{"id":"chatcmpl-1","object":"chat.completion","created":1750000000,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Paris is the capital of France."},"finish_reason":"stop"}],"usage":{"prompt_tokens":14,"completion_tokens":8,"total_tokens":22}}""");

    public static readonly byte[] Stream = Encoding.UTF8.GetBytes(
        """
        data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1750000000,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Paris"},"finish_reason":null}]}

        data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1750000000,"model":"m","choices":[{"index":0,"delta":{"content":" is the capital"},"finish_reason":null}]}

        data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1750000000,"model":"m","choices":[{"index":0,"delta":{"content":" of France."},"finish_reason":"stop"}]}

        data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1750000000,"model":"m","choices":[],"usage":{"prompt_tokens":14,"completion_tokens":8,"total_tokens":22}}

        data: [DONE]


        """.ReplaceLineEndings("\n"));

    private static readonly byte[] StreamFlag = "\"stream\":true"u8.ToArray();

    private readonly WebApplication _app;

    private FixedCompletionServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Gets the base address, e.g. <c>http://127.0.0.1:41234/</c>; the OpenAI base is <c>BaseAddress + "v1"</c>.</summary>
    public Uri BaseAddress { get; }

    public Uri OpenAIBase => new(BaseAddress, "v1");

    public static async Task<FixedCompletionServer> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapGet("/health", static () => Results.Ok());
        app.MapPost("/v1/chat/completions", static async context =>
        {
            bool stream = await IsStreamingAsync(context.Request.BodyReader).ConfigureAwait(false);
            context.Response.ContentType = stream ? "text/event-stream" : "application/json";
            await context.Response.Body.WriteAsync(stream ? Stream : Completion).ConfigureAwait(false);
        });
        await app.StartAsync().ConfigureAwait(false);
        string address = app.Urls.First();
        return new FixedCompletionServer(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    /// <summary>Waits until the process is asked to stop (SIGTERM, Ctrl+C).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task<bool> IsStreamingAsync(PipeReader reader)
    {
        while (true)
        {
            var result = await reader.ReadAsync().ConfigureAwait(false);
            if (result.IsCompleted)
            {
                bool stream = Find(result.Buffer);
                reader.AdvanceTo(result.Buffer.End);
                return stream;
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    private static bool Find(ReadOnlySequence<byte> body)
    {
        if (body.IsSingleSegment)
        {
            return body.FirstSpan.IndexOf(StreamFlag) >= 0;
        }

        return body.ToArray().AsSpan().IndexOf(StreamFlag) >= 0;
    }
}
