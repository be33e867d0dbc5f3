using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Inference.Sdk.IntegrationTests.Samples;

/// <summary>samples/AspNetChat hosted as a user runs it, its "edge" target pointed at a loopback engine that streams the OpenAI shapes.</summary>
public sealed class AspNetChatTests : IAsyncLifetime
{
    private static readonly string Stream =
        Chunk("Hello") + Chunk(" there", "stop")
        + "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1750000000,\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}\n\n"
        + "data: [DONE]\n\n";

    private readonly ConcurrentQueue<string> _paths = new();
    private LoopbackServer _engine = null!;
    private WebApplicationFactory<Program> _factory = null!;

    public async Task InitializeAsync()
    {
        _engine = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/health", () => Results.Ok());
            app.MapPost("/v1/chat/completions", async (HttpContext context) =>
            {
                context.Response.ContentType = "text/event-stream";
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(Stream));
            });
        });
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Inference:Targets:edge:Endpoint"] = _engine.BaseAddress.ToString(),
                ["Inference:Targets:edge:InputUsdPerMillionTokens"] = "1000",
                ["Inference:Targets:edge:OutputUsdPerMillionTokens"] = "2000",
                ["Inference:ProbeTimeout"] = "00:00:30",
            }));
            web.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new RecordPaths(_paths)));
        });
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _engine.DisposeAsync();
    }

    [Fact]
    public async Task Chat_streams_server_sent_events_and_costs_show_what_the_ledger_recorded()
    {
        HttpClient client = _factory.CreateClient();

        string events = await Chat(client, "acme");
        using JsonDocument costs = JsonDocument.Parse(await client.GetStringAsync("/costs"));

        Assert.Contains("event: delta", events, StringComparison.Ordinal);
        Assert.Contains("data: Hello", events, StringComparison.Ordinal);
        Assert.Contains("data:  there", events, StringComparison.Ordinal);
        // 5 prompt tokens at $1,000/M + 2 output tokens at $2,000/M
        Assert.Equal(0.009m, costs.RootElement.GetProperty("month").GetProperty("usd").GetDecimal());
        Assert.Equal(0.009m, costs.RootElement.GetProperty("byTenant").GetProperty("acme").GetProperty("usd").GetDecimal());
        Assert.Equal(0.009m, costs.RootElement.GetProperty("byTarget").GetProperty("edge").GetProperty("usd").GetDecimal());
    }

    [Fact]
    public async Task Dashboard_data_carries_the_route_decisions_and_the_page_has_its_charts()
    {
        HttpClient client = _factory.CreateClient();
        await Chat(client, "acme");

        using JsonDocument data = JsonDocument.Parse(await client.GetStringAsync("/dashboard/data"));
        string page = await client.GetStringAsync("/dashboard");

        JsonElement decision = Assert.Single(data.RootElement.GetProperty("decisions").EnumerateArray());
        Assert.Equal("edge", decision.GetProperty("target").GetString());
        Assert.Equal("acme", decision.GetProperty("tenant").GetString());
        Assert.NotEmpty(decision.GetProperty("rule").GetString()!);
        Assert.Equal(0.009m, data.RootElement.GetProperty("monthUsd").GetDecimal());
        Assert.Contains("<canvas id=\"byTarget\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", page, StringComparison.Ordinal); // no CDN: the machine may have no internet
    }

    [Fact]
    public async Task Headless_chromium_renders_the_dashboard_from_real_numbers_and_saves_a_screenshot()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
        HttpClient client = _factory.CreateClient();
        await Chat(client, "acme");
        string url = new Uri(client.BaseAddress!, "/dashboard").ToString();
        string output = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(output);
        string screenshot = Path.Combine(output, "dashboard.png");
        File.Delete(screenshot);

        await Chromium($"--screenshot={screenshot} --window-size=1280,900 {url}");
        string dom = await Chromium($"--dump-dom {url}");

        var png = new FileInfo(screenshot);
        Assert.True(png.Exists, "chromium saved no screenshot");
        Assert.True(png.Length > 10_000, $"the screenshot is only {png.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(screenshot)[..4]);
        Assert.Contains(_paths, p => p == "/dashboard/data");
        Assert.Contains("<span id=\"total\">$0.009000</span>", dom, StringComparison.Ordinal);
        Assert.Contains("data-loaded=\"true\"", dom, StringComparison.Ordinal);
    }

    private static async Task<string> Chat(HttpClient client, string tenant)
    {
        using HttpResponseMessage response = await client.PostAsJsonAsync("/chat", new { message = "Say hello", tenant });
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<string> Chromium(string arguments)
    {
        string profile = Directory.CreateTempSubdirectory("chromium-").FullName;
        var start = new ProcessStartInfo("chromium",
            $"--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --disable-sync --no-first-run --virtual-time-budget=5000 --user-data-dir={profile} {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(90)).Token);
        Directory.Delete(profile, recursive: true);
        return await stdout;
    }

    private static string Chunk(string content, string? finish = null) =>
        "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1750000000,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":" +
        (finish is null ? "null" : "\"" + finish + "\"") + "}]}\n\n";

    private sealed class RecordPaths(ConcurrentQueue<string> paths) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                paths.Enqueue(context.Request.Path);
                await inner(context);
            });
            next(app);
        };
    }
}
