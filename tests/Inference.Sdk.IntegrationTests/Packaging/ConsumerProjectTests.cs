using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.IntegrationTests.Analyzers;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Inference.Sdk.IntegrationTests.Packaging;

/// <summary>
/// Apps as users build them: each project folder is copied out of the repository, restored from the packed Inference.Sdk and
/// Inference.Sdk.Azure, built with its own settings (warnings as errors) and run once against a loopback engine that answers
/// with OpenAI payloads copied from dotnet/extensions and openai/openai-openapi (<c>Fixtures/AzureOpenAI/SOURCES.md</c>).
/// </summary>
public sealed class ConsumerProjectTests(PackedPackageFixture packages) : IClassFixture<PackedPackageFixture>, IAsyncLifetime
{
    private LoopbackServer _engine = null!;

    public async Task InitializeAsync() => _engine = await LoopbackServer.StartAsync(app =>
    {
        app.MapGet("/health", () => Results.Ok());
        app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            string body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            return body.Contains("\"stream\":true", StringComparison.Ordinal)
                ? Results.Text(Fixture("stream-usage-cached-tokens.sse"), "text/event-stream")
                : Results.Text(Fixture(body.Contains("\"tools\"", StringComparison.Ordinal) && !body.Contains("\"role\":\"tool\"", StringComparison.Ordinal)
                    ? "tool-call.json" : "usage-cached-tokens.json"), "application/json");
        });
    });

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task Microsoft_Extensions_AI_10_11_builds_without_warnings_and_streams_an_answer()
    {
        (int build, string output, string directory) = packages.BuildCopy("tests/Consumers/MeAi10");
        Assert.True(build == 0, output);
        Assert.Contains("0 Warning(s)", output, StringComparison.Ordinal);

        (int exit, string stdout) = await RunAsync(directory, "MeAi10", new() { ["INFERENCE_ENDPOINT"] = _engine.BaseAddress.ToString() });

        Assert.True(exit == 0, stdout);
        Assert.Contains("answer: Hello! How can I assist you today?", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Microsoft_Extensions_AI_11_with_extensions_11_builds_without_warnings_and_the_host_integration_answers_with_health_and_metrics()
    {
        (int build, string output, string directory) = packages.BuildCopy("tests/Consumers/MeAi11");
        Assert.True(build == 0, output);
        Assert.Contains("0 Warning(s)", output, StringComparison.Ordinal);

        (int exit, string stdout) = await RunAsync(directory, "MeAi11", new() { ["INFERENCE_ENDPOINT"] = _engine.BaseAddress.ToString() });

        Assert.True(exit == 0, stdout);
        Assert.Contains("answer: I’m doing well, thank you! What’s on your mind today?", stdout, StringComparison.Ordinal);
        Assert.Contains("health: inference:edge=Healthy", stdout, StringComparison.Ordinal);
        string metrics = stdout.Split('\n').Single(l => l.StartsWith("metrics: ", StringComparison.Ordinal));
        Assert.Contains("gen_ai.client.token.usage", metrics, StringComparison.Ordinal); // M.E.AI's OpenTelemetryChatClient on the package's meter
        Assert.Contains(" inference.", " " + metrics[9..].Replace(",", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal); // the package's own instruments
    }

    [Fact]
    public async Task Agent_chat_sample_copied_out_builds_on_agent_framework_and_its_agent_calls_the_tool_through_the_router()
    {
        (int build, string output, string directory) = packages.BuildCopy("samples/AgentChat");
        Assert.True(build == 0, output);
        Assert.Contains("0 Warning(s)", output, StringComparison.Ordinal);

        (int exit, string stdout) = await RunAsync(directory, "AgentChat", new()
        {
            ["Inference__Targets__edge__Endpoint"] = _engine.BaseAddress.ToString(),
            ["Inference__Targets__cloud__Endpoint"] = new Uri(_engine.BaseAddress, "v1").ToString(),
            ["Inference__Targets__cloud__AllowInsecureHttp"] = "true",
            ["Inference__Targets__cloud__ApiKey"] = "sk-test",
        }, "What's the weather like in Boston today?");

        Assert.True(exit == 0, stdout);
        Assert.Contains("I’m doing well, thank you!", stdout, StringComparison.Ordinal);
        Assert.Contains("target edge: 2 model call(s)", stdout, StringComparison.Ordinal);
        RecordedRequest second = _engine.Requests.Where(r => r.Method == "POST").Last();
        Assert.Contains("\"role\":\"tool\"", second.Body, StringComparison.Ordinal);
        Assert.Contains("Boston, MA: 18 °C, light rain", System.Text.RegularExpressions.Regex.Unescape(second.Body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("samples/Quickstart")]
    [InlineData("samples/Planner")]
    [InlineData("samples/AspNetChat")]
    public void Each_sample_builds_when_its_folder_is_copied_out_of_the_repository(string folder)
    {
        (int build, string output, _) = packages.BuildCopy(folder);

        Assert.True(build == 0, output);
        Assert.Contains("0 Warning(s)", output, StringComparison.Ordinal);
    }

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "AzureOpenAI", name));

    private static async Task<(int ExitCode, string Stdout)> RunAsync(string directory, string name, Dictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        start.ArgumentList.Add(Path.Combine(directory, "bin", "Release", "net10.0", name + ".dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string key, string value) in environment)
        {
            start.Environment[key] = value;
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
