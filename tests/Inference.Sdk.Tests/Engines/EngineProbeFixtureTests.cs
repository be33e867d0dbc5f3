using System;
using System.Linq;
using System.Threading.Tasks;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Inference.Sdk.Tests.Engines;

/// <summary>The load and health probe against loopback servers answering with the upstream fixtures.</summary>
public class EngineProbeFixtureTests
{
    private const string PrometheusText = "text/plain; version=0.0.4";

    // A fresh loopback server's first answer can take seconds on a loaded two-core machine: the default 2 s probe timeout would make these tests flaky.
    private static readonly EngineClientOptions Patient = new() { RequestTimeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Tgi_is_idle_before_its_first_request_and_loaded_after()
    {
        bool served = false;
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapGet("/metrics", () => Fixtures.Answer(served ? "tgi/metrics.prom" : "tgi/metrics-before-first-request.prom", contentType: PrometheusText)));
        var probe = new EngineProbe(EngineKind.Tgi, server.BaseAddress, Patient);

        EngineLoad? before = await probe.GetLoadAsync();
        served = true;
        EngineLoad? after = await probe.GetLoadAsync();

        Assert.Equal((0, 0), (before!.Queued, before.Running));
        Assert.Equal((5, 3), (after!.Queued, after.Running));
        Assert.Equal("tgi", after.MetricSet);
    }

    [Fact]
    public async Task Llama_cpp_kv_occupancy_is_derived_from_slots_when_metrics_have_no_kv_gauge()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/metrics", () => Fixtures.Answer("llamacpp/metrics.prom", contentType: PrometheusText));
            app.MapGet("/slots", () => Fixtures.Answer("llamacpp/slots-server-code.json"));
        });
        var probe = new EngineProbe(EngineKind.LlamaCpp, server.BaseAddress, Patient);

        EngineLoad? load = await probe.GetLoadAsync();

        Assert.Equal((1, 2), (load!.Queued, load.Running));
        Assert.Equal(0.25, load.KvCacheUsage);
        Assert.True(load.KvCacheUsageDerived);
        Assert.Equal(["/metrics", "/slots"], server.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task Llama_cpp_with_the_older_kv_gauge_is_read_from_the_gauge_without_asking_slots()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapGet("/metrics", () => Fixtures.Answer("llamacpp/metrics-kv-gauge.prom", contentType: PrometheusText)));
        var probe = new EngineProbe(EngineKind.LlamaCpp, server.BaseAddress, Patient);

        EngineLoad? load = await probe.GetLoadAsync();

        Assert.Equal(0.25, load!.KvCacheUsage);
        Assert.False(load.KvCacheUsageDerived);
        Assert.Equal("/metrics", Assert.Single(server.Requests).PathAndQuery);
    }

    [Fact]
    public async Task Llama_cpp_metrics_turned_off_is_a_configuration_hint_not_an_outage()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/metrics", () => Fixtures.Answer("llamacpp/metrics-disabled.json", 501));
            app.MapGet("/health", () => Fixtures.Answer("llamacpp/health-ok.json"));
        });
        var probe = new EngineProbe(EngineKind.LlamaCpp, server.BaseAddress, new EngineClientOptions { TargetName = "laptop", RequestTimeout = Patient.RequestTimeout });

        var e = await Assert.ThrowsAsync<InferenceException>(() => probe.GetLoadAsync());

        Assert.IsNotType<TargetUnavailableException>(e);
        Assert.Equal(501, e.StatusCode);
        Assert.Contains("--metrics", e.Message, StringComparison.Ordinal);
        Assert.Equal("laptop", e.TargetName);
        Assert.Equal(EngineHealth.Healthy, await probe.CheckHealthAsync());
    }

    [Theory]
    [InlineData("llamacpp/health-ok.json", 200, EngineHealth.Healthy)]
    [InlineData("llamacpp/health-loading.json", 503, EngineHealth.Loading)]
    public async Task Llama_cpp_health_answers_map_to_EngineHealth(string fixture, int status, EngineHealth expected)
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/health", () => Fixtures.Answer(fixture, status)));

        Assert.Equal(expected, await new EngineProbe(EngineKind.LlamaCpp, server.BaseAddress, Patient).CheckHealthAsync());
    }

    [Fact]
    public async Task Sglang_503_during_warm_up_is_Loading_and_after_being_ready_is_Unhealthy()
    {
        int status = 503;
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapGet("/health", () => Fixtures.Answer("sglang/health-warmup.txt", status, "text/plain")));
        var probe = new EngineProbe(EngineKind.Sglang, server.BaseAddress, Patient);

        EngineHealth warming = await probe.CheckHealthAsync();
        status = 200;
        EngineHealth ready = await probe.CheckHealthAsync();
        status = 503;
        EngineHealth down = await probe.CheckHealthAsync();

        Assert.Equal([EngineHealth.Loading, EngineHealth.Healthy, EngineHealth.Unhealthy], [warming, ready, down]);
    }

    [Fact]
    public async Task Vllm_503_stays_Unhealthy_because_its_server_only_listens_once_loaded()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/health", () => Results.StatusCode(503)));

        Assert.Equal(EngineHealth.Unhealthy, await new EngineProbe(EngineKind.Vllm, server.BaseAddress, Patient).CheckHealthAsync());
    }

    [Fact]
    public async Task TensorRt_llm_versions_are_told_apart_by_their_metric_names()
    {
        string page = "trtllm/metrics-queue-length.prom";
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapGet("/prometheus/metrics", () => Fixtures.Answer(page, contentType: PrometheusText)));
        var probe = new EngineProbe(EngineKind.TensorRtLlm, server.BaseAddress, Patient);

        EngineLoad? intermediate = await probe.GetLoadAsync();
        page = "trtllm/metrics-iteration-stats.prom";
        EngineLoad? current = await probe.GetLoadAsync();
        page = "trtllm/metrics-1.0.prom";
        EngineLoad? first = await probe.GetLoadAsync();

        Assert.Equal((6, 8), (intermediate!.Queued, intermediate.Running));
        Assert.Equal((0, 9), (current!.Queued, current.Running));
        Assert.Null(first);
        Assert.NotEqual(intermediate.MetricSet, current.MetricSet);
    }
}
