using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Inference.Sdk.Tests.Engines;

/// <summary>The load and health probe against real loopback servers answering each engine's documented shapes.</summary>
public class EngineProbeTests
{
    [Fact]
    public async Task TensorRt_llm_metrics_are_read_from_prometheus_metrics()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/metrics", () => Results.Json(new[] { new { iter = 1 } })); // JSON iteration stats, not Prometheus
            app.MapGet("/prometheus/metrics", () => Fixtures.Answer("trtllm/metrics-iteration-stats.prom", contentType: "text/plain; version=0.0.4"));
        });
        var probe = new EngineProbe(EngineKind.TensorRtLlm, new Uri(server.BaseAddress, "v1"));

        EngineLoad? load = await probe.GetLoadAsync();

        Assert.NotNull(load);
        Assert.Equal(9, load.Running);
        Assert.Equal(0.9, load.KvCacheUsage);
        Assert.Equal("/prometheus/metrics", server.Requests.Single().PathAndQuery);
    }

    [Fact]
    public async Task Malformed_metrics_give_InferenceProtocolException_naming_the_target()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/metrics", () => Results.Text("vllm:num_requests_waiting{model_name=\"m\" 1")));
        var probe = new EngineProbe(EngineKind.Vllm, server.BaseAddress, new EngineClientOptions { TargetName = "gpu-1" });

        var e = await Assert.ThrowsAsync<InferenceProtocolException>(() => probe.GetLoadAsync());

        Assert.Equal("gpu-1", e.TargetName);
        Assert.Contains("line 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ollama_has_no_metrics_and_its_health_is_the_root()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/", () => Results.Text("Ollama is running")));
        var probe = new EngineProbe(EngineKind.Ollama, server.BaseAddress);

        Assert.Null(await probe.GetLoadAsync());
        Assert.Equal(EngineHealth.Healthy, await probe.CheckHealthAsync());
        Assert.Equal("/", server.Requests.Single().PathAndQuery);
    }

    [Theory]
    [InlineData(EngineKind.LlamaCpp, 200, """{"status":"ok"}""", EngineHealth.Healthy)]
    [InlineData(EngineKind.LlamaCpp, 503, """{"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}""", EngineHealth.Loading)]
    [InlineData(EngineKind.Vllm, 200, "", EngineHealth.Healthy)]
    [InlineData(EngineKind.Vllm, 503, "", EngineHealth.Unhealthy)]
    [InlineData(EngineKind.Tgi, 503, """{"error":"unhealthy","error_type":"healthcheck"}""", EngineHealth.Unhealthy)]
    [InlineData(EngineKind.TensorRtLlm, 503, "LLM is unavailable", EngineHealth.Unhealthy)]
    public async Task Health_answers_map_to_EngineHealth(EngineKind engine, int status, string body, EngineHealth expected)
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/health", () => Results.Text(body, "application/json", statusCode: status)));
        var probe = new EngineProbe(engine, server.BaseAddress);

        Assert.Equal(expected, await probe.CheckHealthAsync());
    }

    [Fact]
    public async Task An_unreachable_or_silent_engine_is_Unreachable_and_nothing_hangs()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapGet("/health", (HttpContext c) => Task.Delay(Timeout.Infinite, c.RequestAborted)));
        var silent = new EngineProbe(EngineKind.Vllm, server.BaseAddress, new EngineClientOptions { RequestTimeout = TimeSpan.FromMilliseconds(200) });
        var closed = new EngineProbe(EngineKind.Vllm, new Uri($"http://127.0.0.1:{EngineResponses.FreePort()}"), new EngineClientOptions { TargetName = "gone" });

        Assert.Equal(EngineHealth.Unreachable, await silent.CheckHealthAsync());
        Assert.Equal(EngineHealth.Unreachable, await closed.CheckHealthAsync());
        var e = await Assert.ThrowsAsync<TargetUnavailableException>(() => closed.GetLoadAsync());
        Assert.Equal("gone", e.TargetName);
    }

    [Fact]
    public async Task Discovery_tells_which_engine_answered_on_each_port()
    {
        await using var ollama = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/", () => Results.Text("Ollama is running"));
            app.MapGet("/api/version", () => Results.Json(new { version = "0.12.3" }));
        });
        await using var sglang = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/get_server_info", () => Results.Json(new { version = "0.5.4", model_path = "m" }));
            app.MapGet("/version", () => Results.Json(new { version = "0.5.4" }));
        });
        await using var vllm = await LoopbackServer.StartAsync(app => app.MapGet("/version", () => Results.Json(new { version = "0.11.0" })));
        await using var tgi = await LoopbackServer.StartAsync(app =>
            app.MapGet("/info", () => Results.Json(new { model_id = "m", max_total_tokens = 4096, version = "3.3.6" })));
        await using var other = await LoopbackServer.StartAsync(app => app.MapGet("/", () => Results.Text("hello")));
        int closed = EngineResponses.FreePort();

        var found = await LocalEngineDiscovery.DiscoverAsync([ollama.BaseAddress.Port, sglang.BaseAddress.Port, vllm.BaseAddress.Port, tgi.BaseAddress.Port, other.BaseAddress.Port, closed], TimeSpan.FromSeconds(10));

        Assert.Equal([EngineKind.Ollama, EngineKind.Sglang, EngineKind.Vllm, EngineKind.Tgi], found.Select(f => f.Engine));
        Assert.Equal(["0.12.3", "0.5.4", "0.11.0", "3.3.6"], found.Select(f => f.Version));
        Assert.Equal(vllm.BaseAddress, found[2].Endpoint);
    }

    [Fact]
    public async Task Discovery_rejects_bad_ports_and_timeouts()
    {
        Assert.Equal("ports", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => LocalEngineDiscovery.DiscoverAsync([0]))).ParamName);
        Assert.Equal("timeout", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => LocalEngineDiscovery.DiscoverAsync([80], TimeSpan.Zero))).ParamName);
    }
}
