using System;
using System.Text;
using System.Threading.Tasks;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Inference.Sdk.IntegrationTests.Reliability;

/// <summary>Oversized engine <c>/metrics</c>: a typed error naming the cause and bounded reading (malformed metrics: <c>Engines/EngineProbeTests</c>).</summary>
public class MetricsBoundsTests
{
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

    private static Task<LoopbackServer> Metrics(Func<HttpContext, Task> answer) =>
        LoopbackServer.StartAsync(app => app.MapGet("/metrics", answer));
}
