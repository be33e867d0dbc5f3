using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Inference.Sdk.IntegrationTests.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.IntegrationTests.Reliability;

/// <summary>The API key reaches the servers and nothing else: not a log line at Trace, not an exception, not a metric tag.</summary>
public class SecretsTests
{
    private static readonly List<ChatMessage> Hello = [new(ChatRole.User, "Hello")];

    public static TheoryData<string> FaultNames => new() { "401", "429", "500", "502", "503", "malformed-json", "truncated-sse", "error-mid-stream", "refused", "ok" };

    [Theory]
    [MemberData(nameof(FaultNames))]
    public async Task The_api_key_never_leaks_through_the_fault_suite(string fault)
    {
        Func<HttpContext, string, Task> handler = Handler(fault);
        await using var edge = await OpenAiLoopback.StartAsync(handler);
        await using var cloudA = await OpenAiLoopback.StartAsync(handler);
        await using var cloudB = await OpenAiLoopback.StartAsync(handler);
        using var capture = new Capture();
        using var sut = new FaultRouter(fault == "refused" ? OpenAiLoopback.ClosedPort() : edge.BaseAddress, cloudA.BaseAddress, cloudB.BaseAddress, capture);

        int failures = 0;
        try
        {
            var response = await sut.Router.GetResponseAsync(Hello);
            capture.Lines.Enqueue(response.Text);
        }
        catch (Exception e)
        {
            failures++;
            capture.Add(e);
        }

        try
        {
            await foreach (var update in sut.Router.GetStreamingResponseAsync(Hello))
            {
                capture.Lines.Enqueue(update.Text);
            }
        }
        catch (Exception e)
        {
            failures++;
            capture.Add(e);
        }

        // The test can fail: the key was really configured and sent, and the faults really happened.
        var servers = fault == "refused" ? new[] { cloudA } : new[] { edge, cloudA, cloudB };
        Assert.All(servers.SelectMany(s => s.Requests), r => Assert.Equal("Bearer " + FaultRouter.Key, r.Headers["Authorization"]));
        Assert.NotEmpty(servers[0].Requests);
        Assert.Contains(capture.Lines, l => l.StartsWith("Trace", StringComparison.Ordinal) || l.StartsWith("Debug", StringComparison.Ordinal));
        Assert.NotEmpty(capture.MetricTags);
        if (fault != "ok")
        {
            Assert.True(failures > 0, "the fault should reach the caller when every target fails");
            Assert.NotEmpty(capture.Exceptions);
        }

        string[] leaks = capture.Everything.Where(s => s is not null && (s.Contains(FaultRouter.Key, StringComparison.Ordinal) || s.Contains("RELIABILITY-7f3a", StringComparison.Ordinal))).ToArray();
        Assert.Empty(leaks);
    }

    internal static Func<HttpContext, string, Task> Handler(string fault) => fault switch
    {
        "401" => (c, _) => Faults.Status(c, 401, new { error = new { message = "Incorrect API key provided: " + "sk-live-...8c0e", type = "invalid_request_error", code = "invalid_api_key" } }),
        "429" => (c, _) => Faults.OpenAIError(c, 429, 1),
        "500" => (c, _) => Faults.OpenAIError(c, 500),
        "502" => (c, _) => Faults.OpenAIError(c, 502),
        "503" => (c, _) => Faults.OpenAIError(c, 503),
        "malformed-json" => Faults.MalformedJson,
        "truncated-sse" => (c, b) => Faults.Streaming(b) ? Faults.TruncatedSse(c) : Faults.MalformedJson(c, b),
        "error-mid-stream" => (c, b) => Faults.Streaming(b) ? Faults.ErrorMidStream(c) : Faults.OpenAIError(c, 500),
        "refused" => (c, _) => Faults.Status(c, 401, new { error = new { message = "bad key", type = "invalid_request_error" } }),
        _ => (c, b) => Faults.Answer(c, b, "all good"),
    };
}
