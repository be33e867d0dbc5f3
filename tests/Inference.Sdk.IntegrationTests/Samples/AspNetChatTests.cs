using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Inference.Sdk.IntegrationTests.Samples;

/// <summary>
/// samples/AspNetChat hosted as a user runs it: its "edge" target (fallback "cloud") pointed at a loopback engine that streams
/// the OpenAI shapes, fails when the message asks it to, and answers health probes.
/// </summary>
public sealed class AspNetChatTests : IAsyncLifetime
{
    private const string EdgeKey = "sk-edge-secret-0123456789";

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
            app.MapGet("/backup/models", () => Results.Ok());
            app.MapPost("/v1/chat/completions", (HttpContext context) => Answer(context, failWhen: ["fail", "failover"]));
            app.MapPost("/backup/chat/completions", (HttpContext context) => Answer(context, failWhen: ["fail everywhere"]));
        });
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Inference:Targets:edge:Endpoint"] = _engine.BaseAddress.ToString(),
                ["Inference:Targets:edge:ApiKey"] = EdgeKey,
                ["Inference:Targets:edge:InputUsdPerMillionTokens"] = "1000",
                ["Inference:Targets:edge:OutputUsdPerMillionTokens"] = "2000",
                ["Inference:Targets:edge:MaxRetries"] = "0",
                ["Inference:Targets:cloud:Endpoint"] = new Uri(_engine.BaseAddress, "backup/").ToString(),
                                ["Inference:Targets:cloud:MaxRetries"] = "0",
                ["Inference:Targets:cloud:InputUsdPerMillionTokens"] = "3000",
                ["Inference:Targets:cloud:OutputUsdPerMillionTokens"] = "6000",
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
    public async Task Chat_streams_server_sent_events_names_target_and_rule_and_costs_show_what_the_ledger_recorded()
    {
        HttpClient client = _factory.CreateClient();

        using HttpResponseMessage response = await client.PostAsJsonAsync("/chat", new { message = "Say hello", tenant = "acme" });
        string events = await response.Content.ReadAsStringAsync();
        using JsonDocument costs = JsonDocument.Parse(await client.GetStringAsync("/costs"));

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("edge", response.Headers.GetValues("X-Inference-Target").Single());
        Assert.Equal("Default", response.Headers.GetValues("X-Inference-Rule").Single());
        Assert.Contains("event: delta", events, StringComparison.Ordinal);
        Assert.Contains("data: Hello", events, StringComparison.Ordinal);
        Assert.Contains("data:  there", events, StringComparison.Ordinal);
        // 5 prompt tokens at $1,000/M + 2 output tokens at $2,000/M
        Assert.Equal(0.009m, costs.RootElement.GetProperty("month").GetProperty("usd").GetDecimal());
        Assert.Equal(0.009m, costs.RootElement.GetProperty("byTenant").GetProperty("acme").GetProperty("usd").GetDecimal());
        Assert.Equal(0.009m, costs.RootElement.GetProperty("byTarget").GetProperty("edge").GetProperty("usd").GetDecimal());
    }

    [Fact]
    public async Task A_refused_route_is_422_problem_details_with_the_reasons_and_no_secret()
    {
        HttpClient client = _factory.CreateClient();

        using HttpResponseMessage response = await client.PostAsJsonAsync("/chat", new { message = "Say hello", target = "nowhere" });
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(body);
        Assert.Equal(422, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains(problem.RootElement.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("'nowhere' is not a configured target", StringComparison.Ordinal));
        Assert.DoesNotContain(EdgeKey, body, StringComparison.Ordinal);
        Assert.DoesNotContain(_engine.BaseAddress.Authority, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_every_target_fails_the_answer_is_503_problem_details_naming_the_last_target_and_no_secret()
    {
        HttpClient client = _factory.CreateClient();

        using HttpResponseMessage response = await client.PostAsJsonAsync("/chat", new { message = "fail everywhere", tenant = "acme" });
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(body);
        Assert.Equal("cloud", problem.RootElement.GetProperty("target").GetString());
        Assert.Equal("TargetUnavailableException", problem.RootElement.GetProperty("error").GetString());
        Assert.DoesNotContain(EdgeKey, body, StringComparison.Ordinal);
        Assert.DoesNotContain("upstream exploded", body, StringComparison.Ordinal); // the provider's own text stays out
    }

    [Fact]
    public async Task Health_has_one_entry_per_target_with_its_reason()
    {
        HttpClient client = _factory.CreateClient();
        await _engine.DisposeAsync(); // both targets down

        using JsonDocument health = JsonDocument.Parse(await client.GetStringAsync("/health"));

        Assert.Equal("Degraded", health.RootElement.GetProperty("status").GetString());
        JsonElement entries = health.RootElement.GetProperty("entries");
        Assert.Equal(["inference:cloud", "inference:edge"], entries.EnumerateObject().Select(e => e.Name).Order());
        foreach (JsonProperty entry in entries.EnumerateObject())
        {
            Assert.Equal("Degraded", entry.Value.GetProperty("status").GetString());
            Assert.Contains("failed", entry.Value.GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.Equal(entry.Name["inference:".Length..], entry.Value.GetProperty("data").GetProperty("target").GetString());
        }
    }

    [Fact]
    public async Task The_route_log_keeps_refused_failed_and_failed_over_requests_with_every_attempt()
    {
        HttpClient client = _factory.CreateClient();
        await Traffic(client);

        using JsonDocument data = JsonDocument.Parse(await client.GetStringAsync("/dashboard/data"));

        JsonElement root = data.RootElement;
        JsonElement outcomes = root.GetProperty("outcomes");
        Assert.Equal(2, outcomes.GetProperty("served").GetInt32());
        Assert.Equal(1, outcomes.GetProperty("failedOver").GetInt32());
        Assert.Equal(1, outcomes.GetProperty("refused").GetInt32());
        Assert.Equal(1, outcomes.GetProperty("failed").GetInt32());
        JsonElement failover = Assert.Single(root.GetProperty("decisions").EnumerateArray(), d => d.GetProperty("outcome").GetString() == "served" && d.GetProperty("attempts").GetArrayLength() == 2);
        Assert.Equal("cloud", failover.GetProperty("target").GetString());
        Assert.Equal(["edge", "cloud"], failover.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("target").GetString()));
        // Every target failed: the router's own record keeps both attempts and the tenant (the endpoint only saw an exception).
        JsonElement failed = Assert.Single(root.GetProperty("decisions").EnumerateArray(), d => d.GetProperty("outcome").GetString() == "failed");
        Assert.Equal("initech", failed.GetProperty("tenant").GetString());
        Assert.Equal(["edge:FailedOver", "cloud:FailedOver"], failed.GetProperty("attempts").EnumerateArray().Select(a => $"{a.GetProperty("target").GetString()}:{a.GetProperty("outcome").GetString()}"));
        JsonElement refused = Assert.Single(root.GetProperty("decisions").EnumerateArray(), d => d.GetProperty("outcome").GetString() == "refused");
        Assert.Contains("'nowhere' is not a configured target", refused.GetProperty("reasons").GetString(), StringComparison.Ordinal);
        Assert.Empty(refused.GetProperty("attempts").EnumerateArray());
        Assert.True(root.GetProperty("ttftMs").GetProperty("edge").GetProperty("p95").GetDouble() > 0);
        Assert.True(root.GetProperty("ttftMs").GetProperty("cloud").GetProperty("n").GetInt32() >= 1);
        Assert.Equal(0.018, root.GetProperty("costByTenant").GetProperty("acme").EnumerateArray().Sum(v => v.GetDouble()), 6);
        Assert.Equal(2, root.GetProperty("requestsByTenant").GetProperty("globex").EnumerateArray().Sum(v => v.GetDouble()));
    }

    [Fact]
    public async Task Headless_chromium_renders_every_chart_with_axes_and_units_from_real_numbers_and_saves_a_screenshot()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
        HttpClient client = _factory.CreateClient();
        await Traffic(client);
        string output = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(output);
        string screenshot = Path.Combine(output, "dashboard.png");
        File.Delete(screenshot);

        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium", // Debian's chromium (scripts/deps/30-chromium.sh); no browser is downloaded
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
        IPage page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 1000 } });
        await page.GotoAsync(new Uri(client.BaseAddress!, "/dashboard").ToString());
        await page.WaitForSelectorAsync("body[data-loaded='true']");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });

        var charts = new Dictionary<string, (string Unit, string[] Series)>
        {
            ["costByTarget"] = ("USD", ["edge", "cloud"]),
            ["costByTenant"] = ("USD", ["acme", "globex"]),
            ["requestsByTarget"] = ("requests", ["edge", "cloud"]),
            ["requestsByTenant"] = ("requests", ["acme", "globex"]),
            ["ttft"] = ("ms", ["edge", "cloud"]),
            ["outcomes"] = ("requests", ["served", "failed over", "refused", "failed"]),
        };
        foreach ((string id, (string unit, string[] series)) in charts)
        {
            ILocator canvas = page.Locator("#" + id);
            Assert.Equal(unit, await canvas.GetAttributeAsync("data-y-unit"));
            string drawn = await canvas.GetAttributeAsync("data-series") ?? string.Empty;
            Assert.All(series, s => Assert.Contains(s, drawn.Split(','), StringComparer.Ordinal));
            Assert.True(double.Parse(await canvas.GetAttributeAsync("data-y-max") ?? "0", System.Globalization.CultureInfo.InvariantCulture) > 0, id + " has no scale");
            int inked = await page.EvaluateAsync<int>(
                "id => { const c = document.getElementById(id), d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }", id);
            Assert.True(inked > 2_000, $"{id} drew only {inked} pixels");
        }

        Assert.Equal("1", await page.InnerTextAsync("#failedOver"));
        Assert.Equal("1", await page.InnerTextAsync("#refused"));
        Assert.Equal("1", await page.InnerTextAsync("#failed"));
        Assert.Equal("$0.045000", await page.InnerTextAsync("#total")); // 2 × 0.009 on edge, 0.027 on cloud (5 × $3,000/M + 2 × $6,000/M)
        Assert.Equal(1, await page.Locator("tr.refused").CountAsync());
        Assert.Contains(" ms", await page.InnerTextAsync("#decisions"), StringComparison.Ordinal);
        Assert.Contains(_paths, p => p == "/dashboard/data");
        var png = new FileInfo(screenshot);
        Assert.True(png.Length > 30_000, $"the screenshot is only {png.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(screenshot)[..4]);
    }

    /// <summary>Served twice on edge for acme, failed over to cloud for globex, refused for globex, failed everywhere for initech.</summary>
    private static async Task Traffic(HttpClient client)
    {
        foreach (object request in new object[]
        {
            new { message = "Say hello", tenant = "acme" },
            new { message = "Say hello again", tenant = "acme" },
            new { message = "please failover", tenant = "globex" },
            new { message = "Say hello", tenant = "globex", target = "nowhere" },
            new { message = "fail everywhere", tenant = "initech" },
        })
        {
            using HttpResponseMessage response = await client.PostAsJsonAsync("/chat", request);
            _ = await response.Content.ReadAsStringAsync();
        }
    }

    private static IResult Answer(HttpContext context, string[] failWhen)
    {
        string body = new StreamReader(context.Request.Body).ReadToEndAsync().GetAwaiter().GetResult();
        if (failWhen.Any(f => body.Contains(f, StringComparison.Ordinal)))
        {
            return Results.Text("{\"error\":{\"message\":\"upstream exploded\",\"type\":\"server_error\"}}", "application/json", statusCode: 500);
        }

        return Results.Text(Stream, "text/event-stream");
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
