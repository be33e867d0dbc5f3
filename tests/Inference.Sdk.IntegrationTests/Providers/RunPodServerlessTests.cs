using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Providers;
using Inference.Sdk.Providers.RunPod;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Testing;
using static Inference.Sdk.IntegrationTests.Providers.ProviderTestKit;

namespace Inference.Sdk.IntegrationTests.Providers;

public class RunPodServerlessTests
{
    private const string Target = "runpod:ep123";

    private static RunPodServerlessClient Client(LoopbackServer server, TimeSpan? jobTimeout = null, TimeSpan? requestTimeout = null) =>
        new(Http, Options(server, jobTimeout, requestTimeout));

    private static RunPodServerlessOptions Options(LoopbackServer server, TimeSpan? jobTimeout = null, TimeSpan? requestTimeout = null) =>
        new()
        {
            EndpointId = "ep123",
            ApiKey = ApiKey,
            BaseAddress = new Uri(server.BaseAddress, "v2/"),
            PollInterval = TimeSpan.FromMilliseconds(5),
            JobTimeout = jobTimeout ?? TimeSpan.FromSeconds(30),
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(30),
        };

    [Fact]
    public async Task Runsync_that_is_not_final_is_polled_until_completed()
    {
        int polls = 0;
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v2/ep123/runsync", () => Json("""{"id":"job-1","status":"IN_QUEUE"}"""));
            app.MapGet("/v2/ep123/status/job-1", () => ++polls == 1
                ? Json("""{"id":"job-1","status":"IN_PROGRESS","delayTime":824}""")
                : Json("""{"id":"job-1","status":"COMPLETED","delayTime":824,"executionTime":3391,"output":{"answer":42}}"""));
        });

        RunPodJob job = await Client(server).RunToCompletionAsync(new JsonObject { ["prompt"] = "hi" });

        Assert.Equal(RunPodJobStatus.Completed, job.Status);
        Assert.Equal(42, job.Output!.Value.GetProperty("answer").GetInt32());
        Assert.Equal(TimeSpan.FromMilliseconds(824), job.DelayTime);
        Assert.Equal(TimeSpan.FromMilliseconds(3391), job.ExecutionTime);
        Assert.Equal(["POST /v2/ep123/runsync", "GET /v2/ep123/status/job-1", "GET /v2/ep123/status/job-1"], Paths(server));
        Assert.All(server.Requests, AssertBearer);
        Assert.Equal("hi", Body(server.Requests[0]).GetProperty("input").GetProperty("prompt").GetString());
    }

    [Fact]
    public async Task Failed_job_throws_with_the_workers_error_message()
    {
        string error = JsonSerializer.Serialize(new { error_type = "ValueError", error_message = "CUDA out of memory", error_traceback = "..." });
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapPost("/v2/ep123/runsync", () => Results.Json(new { id = "job-2", status = "FAILED", error, delayTime = 10, executionTime = 20 })));

        var e = await Assert.ThrowsAsync<ProviderApiException>(() => Client(server).RunToCompletionAsync(new JsonObject()));

        Assert.Equal("FAILED", e.ErrorCode);
        Assert.Contains("ValueError: CUDA out of memory", e.Message, StringComparison.Ordinal);
        Assert.Contains("job-2", e.Message, StringComparison.Ordinal);
        AssertSafe(e, Target);
    }

    [Fact]
    public async Task Timed_out_job_is_a_typed_unavailable_error()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapPost("/v2/ep123/runsync", () => Json("""{"id":"job-3","status":"TIMED_OUT"}""")));

        var e = await Assert.ThrowsAsync<TargetUnavailableException>(() => Client(server).RunToCompletionAsync(new JsonObject()));

        Assert.Contains("timed out", e.Message, StringComparison.Ordinal);
        AssertSafe(e, Target);
    }

    [Theory]
    [InlineData("CANCELLED", "CANCELLED")]
    public async Task Cancelled_job_is_reported_with_its_status(string status, string code)
    {
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapPost("/v2/ep123/runsync", () => Results.Json(new { id = "job-4", status })));

        var e = await Assert.ThrowsAsync<ProviderApiException>(() => Client(server).RunToCompletionAsync(new JsonObject()));

        Assert.Equal(code, e.ErrorCode);
    }

    [Fact]
    public async Task Unknown_status_reads_as_Unknown_is_logged_once_and_polling_goes_on()
    {
        int polls = 0;
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v2/ep123/runsync", () => Json("""{"id":"job-5","status":"EXPLODED"}"""));
            app.MapGet("/v2/ep123/status/job-5", () => ++polls < 3 ? Json("""{"id":"job-5","status":"EXPLODED"}""") : Fixtures.Answer("runpod/status-completed.json"));
        });
        var logger = new FakeLogger();
        var client = new RunPodServerlessClient(Http, Options(server), logger);

        RunPodJob job = await client.RunToCompletionAsync(new JsonObject());

        Assert.Equal(RunPodJobStatus.Completed, job.Status);
        FakeLogRecord warning = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Contains("EXPLODED", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_documented_runsync_status_and_health_answers_are_read()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v2/ep123/runsync", () => Fixtures.Answer("runpod/runsync-completed.json"));
            app.MapGet("/v2/ep123/status/{id}", () => Fixtures.Answer("runpod/status-completed.json"));
            app.MapGet("/v2/ep123/health", () => Fixtures.Answer("runpod/health.json"));
        });
        RunPodServerlessClient client = Client(server);

        RunPodJob sync = await client.RunSyncAsync(new JsonObject());
        RunPodJob status = await client.GetStatusAsync("60902e6c-08a1-426e-9cb9-9eaec90f5e2b-u1");
        RunPodHealth health = await client.GetHealthAsync();
        TargetHealth probe = await client.ProbeAsync();

        Assert.Equal(("sync-79164ff4-d212-44bc-9fe3-389e199a5c15", RunPodJobStatus.Completed), (sync.Id, sync.Status));
        Assert.Equal(46578, sync.Output!.Value[0].GetProperty("seed").GetInt32());
        Assert.Equal(TimeSpan.FromMilliseconds(31618), status.DelayTime);
        Assert.Equal(16, status.Output!.Value.GetProperty("output_tokens").GetInt32());
        Assert.Equal(2, health.QueuedJobs);
        Assert.True(health.ColdStartExpected); // idle 0, running 0
        Assert.True(probe.ColdStartExpected);
    }

    [Fact]
    public async Task DelayTime_and_executionTime_are_milliseconds_as_the_docs_say()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v2/ep123/runsync", () => Fixtures.Answer("runpod/runsync-public-endpoint.json")));

        RunPodJob job = await Client(server).RunSyncAsync(new JsonObject());

        // "delayTime": "Time in milliseconds the request spent in queue"; "executionTime": "Time in milliseconds the model took".
        Assert.Equal(TimeSpan.FromMilliseconds(30), job.DelayTime);
        Assert.Equal(TimeSpan.FromSeconds(4.521), job.ExecutionTime);
    }

    [Theory]
    [InlineData("runpod/stream-array.json", " How")]
    [InlineData("runpod/stream-object-in-progress.json", "Job output 1|Job output 2")]
    public async Task Stream_reads_the_documented_bare_array_and_the_sdks_object_form(string firstAnswer, string expected)
    {
        int polls = 0;
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v2/ep123/run", () => Json("""{"id":"job-9","status":"IN_QUEUE"}"""));
            app.MapGet("/v2/ep123/stream/job-9", () => ++polls == 1 ? Fixtures.Answer(firstAnswer) : Fixtures.Answer("runpod/stream-object-completed.json"));
            app.MapGet("/v2/ep123/status/job-9", () => Json("""{"id":"job-9","status":"COMPLETED","delayTime":5,"executionTime":900}"""));
        });

        var outputs = new List<string>();
        await foreach (JsonElement output in Client(server).StreamAsync(new JsonObject()))
        {
            outputs.Add(output.ValueKind == JsonValueKind.String ? output.GetString()! : output.GetProperty("text")[0].GetString()!);
        }

        Assert.Equal(expected.Split('|'), outputs);
        Assert.DoesNotContain(server.Requests, r => r.PathAndQuery.Contains("cancel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Caller_cancelling_mid_poll_cancels_the_job_on_runpod()
    {
        using var cts = new CancellationTokenSource();
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v2/ep123/runsync", () => Json("""{"id":"job-6","status":"IN_QUEUE"}"""));
            app.MapGet("/v2/ep123/status/job-6", () =>
            {
                cts.Cancel();
                return Json("""{"id":"job-6","status":"IN_PROGRESS"}""");
            });
            app.MapPost("/v2/ep123/cancel/job-6", () => Json("""{"id":"job-6","status":"CANCELLED"}"""));
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client(server).RunToCompletionAsync(new JsonObject(), cts.Token));

        RecordedRequest cancel = Assert.Single(server.Requests, r => r.PathAndQuery == "/v2/ep123/cancel/job-6");
        Assert.Equal("POST", cancel.Method);
        AssertBearer(cancel);
    }

    [Fact]
    public async Task Job_running_past_its_timeout_is_cancelled_and_reported_unavailable()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v2/ep123/runsync", () => Json("""{"id":"job-7","status":"IN_QUEUE"}"""));
            app.MapGet("/v2/ep123/status/job-7", () => Json("""{"id":"job-7","status":"IN_QUEUE"}"""));
            app.MapPost("/v2/ep123/cancel/job-7", () => Json("""{"id":"job-7","status":"CANCELLED"}"""));
        });

        var e = await Assert.ThrowsAsync<TargetUnavailableException>(() => Client(server, jobTimeout: TimeSpan.FromMilliseconds(300)).RunToCompletionAsync(new JsonObject()));

        Assert.Contains("job-7", e.Message, StringComparison.Ordinal);
        Assert.Contains(server.Requests, r => r.PathAndQuery == "/v2/ep123/cancel/job-7");
        AssertSafe(e, Target);
    }

    [Fact]
    public async Task Health_reads_worker_counts_as_an_open_map_and_tells_cold_starts()
    {
        string workers = """{"idle":0,"ready":0,"running":2,"initializing":1,"throttled":3,"unhealthy":0}""";
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapGet("/v2/ep123/health", () => Json($$"""{"jobs":{"completed":7,"failed":1,"inProgress":2,"inQueue":5,"retried":0},"workers":{{workers}}}""")));
        RunPodServerlessClient client = Client(server);

        RunPodHealth health = await client.GetHealthAsync();
        TargetHealth snapshot = await client.ProbeAsync(new ProviderPrice(0.00031m * 3600, "test", DateTimeOffset.UnixEpoch, IsLive: false));

        Assert.True(health.ColdStartExpected);
        Assert.Equal(3, health.Workers["throttled"]);
        Assert.Equal(1, health.Workers["initializing"]);
        Assert.Equal(5, health.QueuedJobs);
        Assert.True(snapshot.Healthy);
        Assert.True(snapshot.ColdStartExpected);
        Assert.Equal(1.116m, snapshot.Price!.UsdPerHour);
        Assert.Equal(Target, snapshot.TargetName);
    }

    [Fact]
    public async Task An_idle_worker_means_no_cold_start()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapGet("/v2/ep123/health", () => Json("""{"jobs":{},"workers":{"idle":1,"running":0}}""")));

        Assert.False((await Client(server).GetHealthAsync()).ColdStartExpected);
    }

    [Fact]
    public async Task Cloudflare_524_is_a_typed_timeout_with_its_status()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapPost("/v2/ep123/runsync", () => Results.Text("<html>A timeout occurred</html>", "text/html", statusCode: 524)));

        var e = await Assert.ThrowsAsync<TargetUnavailableException>(() => Client(server).RunSyncAsync(new JsonObject()));

        Assert.Equal(524, e.StatusCode);
        Assert.Contains("100 s", e.Message, StringComparison.Ordinal);
        AssertSafe(e, Target);
    }

    [Theory]
    [InlineData(429, typeof(TargetOverloadedException))]
    [InlineData(500, typeof(TargetUnavailableException))]
    [InlineData(404, typeof(ProviderApiException))]
    public async Task Http_errors_map_to_typed_exceptions(int status, Type expected)
    {
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapGet("/v2/ep123/status/j", () => Json("""{"error":"job not found"}""", status)));

        var e = await Assert.ThrowsAnyAsync<InferenceException>(() => Client(server).GetStatusAsync("j"));

        Assert.IsType(expected, e);
        Assert.Equal(status, e.StatusCode);
        Assert.Contains("job not found", e.Message, StringComparison.Ordinal);
        AssertSafe(e, Target);
    }

    [Fact]
    public async Task Non_json_body_is_a_protocol_error()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapGet("/v2/ep123/health", () => Results.Text("<html>maintenance</html>", "text/html")));

        var e = await Assert.ThrowsAsync<InferenceProtocolException>(() => Client(server).GetHealthAsync());

        Assert.Contains("not JSON", e.Message, StringComparison.Ordinal);
        AssertSafe(e, Target);
    }

    [Fact]
    public async Task Unreachable_endpoint_is_unavailable_and_the_probe_says_unhealthy()
    {
        Uri dead;
        await using (var server = await LoopbackServer.StartAsync(_ => { }))
        {
            dead = server.BaseAddress;
        }

        var client = new RunPodServerlessClient(Http, new RunPodServerlessOptions { EndpointId = "ep123", ApiKey = ApiKey, BaseAddress = new Uri(dead, "v2/") });

        var e = await Assert.ThrowsAsync<TargetUnavailableException>(() => client.GetHealthAsync());
        TargetHealth snapshot = await client.ProbeAsync();

        AssertSafe(e, Target);
        Assert.False(snapshot.Healthy);
    }

    [Fact]
    public async Task A_server_that_never_answers_hits_the_request_timeout()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapGet("/v2/ep123/health", async (HttpContext context) =>
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
                return Results.Ok();
            }));

        var e = await Assert.ThrowsAsync<TargetUnavailableException>(() => Client(server, requestTimeout: TimeSpan.FromMilliseconds(200)).GetHealthAsync());

        Assert.Contains("did not answer", e.Message, StringComparison.Ordinal);
        AssertSafe(e, Target);
    }

    [Fact]
    public async Task Stream_polls_until_final_and_yields_every_output()
    {
        int polls = 0;
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v2/ep123/run", () => Json("""{"id":"job-8","status":"IN_QUEUE"}"""));
            app.MapGet("/v2/ep123/stream/job-8", () => ++polls switch
            {
                1 => Json("""{"status":"IN_QUEUE","stream":[]}"""),
                2 => Json("""{"status":"IN_PROGRESS","stream":[{"output":"a"},{"output":"b"}]}"""),
                3 => Json("""{"status":"COMPLETED","stream":[{"output":"c"}]}"""),
                _ => Json("""{"status":"COMPLETED","stream":[]}"""),
            });
            app.MapGet("/v2/ep123/status/job-8", () => Json("""{"id":"job-8","status":"COMPLETED","delayTime":5,"executionTime":900}"""));
        });
        RunPodJob? final = null;

        var outputs = new List<string>();
        await foreach (JsonElement output in Client(server).StreamAsync(new JsonObject(), job => final = job))
        {
            outputs.Add(output.GetString()!);
        }

        Assert.Equal(["a", "b", "c"], outputs);
        Assert.Equal(TimeSpan.FromMilliseconds(900), final!.ExecutionTime);
        Assert.DoesNotContain(server.Requests, r => r.PathAndQuery.Contains("cancel", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_options_name_the_setting()
    {
        var e = Assert.Throws<ArgumentException>(() => new RunPodServerlessClient(Http, new RunPodServerlessOptions { EndpointId = "ep", ApiKey = "" }));
        Assert.Equal("options.ApiKey", e.ParamName);
        var id = Assert.Throws<ArgumentException>(() => new RunPodServerlessClient(Http, new RunPodServerlessOptions { EndpointId = "a/b", ApiKey = "k" }));
        Assert.Equal("options.EndpointId", id.ParamName);
        Assert.Throws<ArgumentNullException>("httpClient", () => new RunPodServerlessClient(null!, new RunPodServerlessOptions()));
    }
}
