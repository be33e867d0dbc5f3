using System;
using System.Text;
using System.Threading.Tasks;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Inference.Sdk.IntegrationTests.Reliability;

/// <summary>Malformed and oversized engine <c>/metrics</c>: a typed error naming the cause, no crash, bounded reading.</summary>
public class MetricsBoundsTests
{
    [Fact]
    public async Task Malformed_metrics_are_a_protocol_error_naming_the_line()
    {
        await using var engine = await Metrics(c => c.Response.WriteAsync("vllm:num_requests_waiting{model_name=\"m\"} 3\nvllm:num_requests_running{model_name=\"m\" 1\n"));
        var probe = new EngineProbe(EngineKind.Vllm, engine.BaseAddress, new EngineClientOptions { TargetName = "edge" });

        var ex = await Assert.ThrowsAsync<InferenceProtocolException>(() => probe.GetLoadAsync());

        Assert.Equal("edge", ex.TargetName);
        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endless_metrics_stop_at_the_read_limit_with_a_typed_error()
    {
        byte[] line = Encoding.ASCII.GetBytes("vllm:num_requests_waiting{model_name=\"m\"} 3\n");
        await using var engine = await Metrics(async c =>
        {
            for (int i = 0; i < 400_000 && !c.RequestAborted.IsCancellationRequested; i++) // ~18 MB, well past the limit
            {
                await c.Response.Body.WriteAsync(line, c.RequestAborted);
            }
        });
        var probe = new EngineProbe(EngineKind.Vllm, engine.BaseAddress, new EngineClientOptions { TargetName = "edge", RequestTimeout = TimeSpan.FromSeconds(30) });

        var ex = await Assert.ThrowsAsync<InferenceProtocolException>(() => probe.GetLoadAsync());

        Assert.Contains("MiB", ex.Message, StringComparison.Ordinal);
        Assert.Equal("edge", ex.TargetName);
    }

    [Fact]
    public async Task Well_formed_metrics_give_the_load()
    {
        await using var engine = await Metrics(c => c.Response.WriteAsync("# TYPE vllm:num_requests_waiting gauge\nvllm:num_requests_waiting{model_name=\"m\"} 3\nvllm:num_requests_running{model_name=\"m\"} 1\n"));
        var probe = new EngineProbe(EngineKind.Vllm, engine.BaseAddress);

        var load = await probe.GetLoadAsync();

        Assert.NotNull(load);
    }

    private static Task<LoopbackServer> Metrics(Func<HttpContext, Task> answer) =>
        LoopbackServer.StartAsync(app => app.MapGet("/metrics", answer));
}
