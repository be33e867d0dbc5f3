using System;
using System.IO;
using System.Threading.Tasks;
using Inference.Sdk.Testing;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Inference.Sdk.Tests.Hosting;

/// <summary>Builds hosts from appsettings-style JSON, and a loopback engine that answers the OpenAI chat shapes.</summary>
internal static class HostingFixture
{
    public const string Completion =
        """{"id":"chatcmpl-1","object":"chat.completion","created":1750000000,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"hello from the engine"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":4,"total_tokens":9}}""";

    public static IHost BuildHost(
        string json, FakeLogCollector? logs = null, Action<IServiceCollection>? services = null, IConfigurationSource? configuration = null)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        if (configuration is not null)
        {
            ((IConfigurationBuilder)builder.Configuration).Add(configuration);
        }

        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(new FakeLoggerProvider(logs));
        }

        builder.Services.AddInference(builder.Configuration.GetSection("Inference"));
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    public static Task<LoopbackServer> StartEngineAsync() => LoopbackServer.StartAsync(app =>
    {
        app.MapGet("/health", () => Results.Ok());
        app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(Completion));
        });
    });

    public static string Json(string targets, string profile = "Development") =>
        $$"""{ "Inference": { "Profile": "{{profile}}", "ProbeInterval": "00:01:00", "ProbeTimeout": "00:00:30", "Targets": { {{targets}} } } }""";
}
