using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Inference.Sdk.Testing;

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 with an ephemeral port, for tests of the protocols we speak.
/// Routes are mapped by the test; every request is recorded (method, path, headers, body) so a test can
/// assert on what the server received.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private LoopbackServer(WebApplication app) => _app = app;

    /// <summary>Gets the base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Gets the requests received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Gets or sets a value indicating whether requests are kept for <see cref="Requests"/>; a soak turns it off so the heap it measures is the code's, not the log's.</summary>
    public bool RecordRequests { get; set; } = true;

    /// <summary>Starts a server whose routes are mapped by <paramref name="map"/>; over TLS with <paramref name="certificate"/> when one is given.</summary>
    public static async Task<LoopbackServer> StartAsync(
        Action<WebApplication> map, Action<KestrelServerOptions>? kestrel = null, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
            kestrel?.Invoke(o);
        });
        var app = builder.Build();
        var server = new LoopbackServer(app);
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
            string body = await reader.ReadToEndAsync();
            context.Request.Body.Position = 0;
            if (server.RecordRequests)
            {
                server._requests.Enqueue(new RecordedRequest(
                    context.Request.Method,
                    context.Request.Path + context.Request.QueryString,
                    context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                    body));
            }

            await next(context);
        });
        map(app);
        await app.StartAsync();
        var address = app.Urls.First();
        server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A request as the loopback server received it.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);
