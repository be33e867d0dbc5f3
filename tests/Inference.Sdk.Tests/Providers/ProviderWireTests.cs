using System;
using System.Collections.Generic;
using System.Text.Json;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Providers;
using Inference.Sdk.Providers.Lambda;
using Inference.Sdk.Providers.RunPod;

namespace Inference.Sdk.Tests.Providers;

public class ProviderWireTests
{
    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

    [Theory]
    [InlineData("""{"error":{"code":"global/quota-exceeded","message":"Quota exceeded","suggestion":"Contact support"}}""", "global/quota-exceeded", "Quota exceeded (suggestion: Contact support)")]
    [InlineData("""{"error":{"message":"Rate limit","type":"rate_limit_error"}}""", "rate_limit_error", "Rate limit")]
    [InlineData("""{"type":"about:blank","title":"Bad Request","status":400,"detail":"invalid gpu","errors":["$.gpu: required"]}""", "Bad Request", "invalid gpu [$.gpu: required]")]
    [InlineData("""{"type":"https://api.runpod.io/problems/quota","title":"Quota","status":403,"detail":"no quota"}""", "https://api.runpod.io/problems/quota", "no quota")]
    [InlineData("""{"error":"job not found"}""", null, "job not found")]
    [InlineData("""{"message":"pod not found"}""", null, "pod not found")]
    [InlineData("<html>", null, "the body is not JSON")]
    [InlineData("", null, null)]
    public void Error_bodies_of_every_provider_shape_are_read(string body, string? code, string? detail)
    {
        Assert.Equal((code, detail), ProviderErrors.ParseErrorBody(body));
    }

    [Theory]
    [InlineData(524, typeof(TargetUnavailableException))]
    [InlineData(503, typeof(TargetOverloadedException))]
    [InlineData(429, typeof(TargetOverloadedException))]
    [InlineData(502, typeof(TargetUnavailableException))]
    [InlineData(408, typeof(TargetUnavailableException))]
    [InlineData(401, typeof(ProviderApiException))]
    public void Status_codes_map_to_the_shared_error_types(int status, Type expected)
    {
        InferenceException e = ProviderErrors.FromResponse("t", status, null, TimeSpan.FromSeconds(3));

        Assert.IsType(expected, e);
        Assert.Equal(status, e.StatusCode);
        Assert.Equal("t", e.TargetName);
        if (e is TargetOverloadedException overloaded)
        {
            Assert.Equal(TimeSpan.FromSeconds(3), overloaded.RetryAfter);
        }
    }

    [Fact]
    public void Long_provider_text_is_truncated_in_messages()
    {
        InferenceException e = ProviderErrors.FromResponse("t", 400, JsonSerializer.Serialize(new { message = new string('x', 5000) }));

        Assert.True(e.Message.Length < 600, e.Message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("IN_QUEUE", RunPodJobStatus.InQueue, false)]
    [InlineData("IN_PROGRESS", RunPodJobStatus.InProgress, false)]
    [InlineData("RUNNING", RunPodJobStatus.InProgress, false)]
    [InlineData("COMPLETED", RunPodJobStatus.Completed, true)]
    [InlineData("FAILED", RunPodJobStatus.Failed, true)]
    [InlineData("CANCELLED", RunPodJobStatus.Cancelled, true)]
    [InlineData("TIMED_OUT", RunPodJobStatus.TimedOut, true)]
    public void Every_documented_job_status_is_read(string wire, RunPodJobStatus status, bool terminal)
    {
        RunPodJob job = RunPodWire.ParseJob("t", Parse($$"""{"id":"j","status":"{{wire}}"}"""));

        Assert.Equal(status, job.Status);
        Assert.Equal(terminal, job.IsTerminal);
    }

    [Fact]
    public void A_job_without_id_is_a_protocol_error()
    {
        Assert.Throws<InferenceProtocolException>(() => RunPodWire.ParseJob("t", Parse("""{"status":"COMPLETED"}""")));
    }

    [Theory]
    [InlineData("""{"id":"","status":"IN_QUEUE"}""")] // found by RunPodWirePropertyTests (seed 2OZaquwvaaV1)
    [InlineData("""{"id":"   ","status":"IN_PROGRESS"}""")]
    public void A_job_with_an_empty_id_is_a_protocol_error_because_it_cannot_be_polled(string body)
    {
        var e = Assert.Throws<InferenceProtocolException>(() => RunPodWire.ParseJob("t", Parse(body)));
        Assert.Equal("t", e.TargetName);
    }

    [Fact]
    public void Stream_answers_in_object_and_bare_array_form_are_read()
    {
        var (status, outputs) = RunPodWire.ParseStream("t", Parse("""{"status":"IN_PROGRESS","stream":[{"output":"a"},{"output":{"x":1}}]}"""));
        var (bareStatus, bare) = RunPodWire.ParseStream("t", Parse("""[{"metrics":{},"output":"z"}]"""));

        Assert.Equal(RunPodJobStatus.InProgress, status);
        Assert.Equal(2, outputs.Count);
        Assert.Null(bareStatus);
        Assert.Equal("z", Assert.Single(bare).GetString());
    }

    [Fact]
    public void Health_ignores_non_numeric_worker_fields()
    {
        RunPodHealth health = RunPodWire.ParseHealth(Parse("""{"workers":{"idle":2,"ready":0,"note":"x"},"jobs":{"inQueue":1}}"""));

        Assert.Equal(new Dictionary<string, int> { ["idle"] = 2, ["ready"] = 0 }, health.Workers);
        Assert.False(health.ColdStartExpected);
    }

    [Fact]
    public void Stream_text_relays_raw_sse_and_wraps_chunk_objects()
    {
        Assert.Equal("data: {\"a\":1}\n\n", RunPodOpenAIOutput.StreamText("t", Parse("""{"a":1}""")));
        Assert.Equal("data: x\n\ndata: y\n\n", RunPodOpenAIOutput.StreamText("t", Parse("""["data: x\n\n", "data: y\n\n"]""")));
    }

    [Theory]
    [InlineData("NVIDIA H100 80GB HBM3", GpuKind.H100Sxm5)]
    [InlineData("NVIDIA H100 PCIe", GpuKind.H100Pcie)]
    [InlineData("H100 (80 GB PCIe)", GpuKind.H100Pcie)]
    [InlineData("NVIDIA H200", GpuKind.H200)]
    [InlineData("B200 (180 GB SXM6)", GpuKind.B200)]
    [InlineData("NVIDIA A100-SXM4-80GB", GpuKind.A100_80GB)]
    [InlineData("NVIDIA L40S", GpuKind.L40S)]
    [InlineData("NVIDIA L4", GpuKind.L4)]
    [InlineData("NVIDIA GeForce RTX 4090", GpuKind.Rtx4090)]
    [InlineData("NVIDIA RTX 6000 Ada Generation", GpuKind.Rtx6000Ada)]
    [InlineData("NVIDIA A100 40GB PCIe", null)]
    [InlineData("NVIDIA L40", null)]
    [InlineData("NVIDIA H100 NVL", null)]
    public void Provider_gpu_names_are_recognized(string name, GpuKind? expected)
    {
        Assert.Equal(expected, ProviderPrices.ParseGpu(name));
    }

    [Fact]
    public void Live_prices_win_and_the_catalog_fills_in_with_its_date()
    {
        var catalog = new OfferCatalog([new PriceOffer(ProviderKind.RunPod, GpuKind.H100Sxm5, 1, 2.5m, CapacityType.OnDemand, "2026-03", "seed")]);
        var live = new ProviderPrice(3m, "live", DateTimeOffset.UnixEpoch, IsLive: true);

        ProviderPrice? fallback = ProviderPrices.Resolve(null, ProviderKind.RunPod, GpuKind.H100Sxm5, 2, CapacityType.OnDemand, catalog);

        Assert.Same(live, ProviderPrices.Resolve(live, ProviderKind.RunPod, GpuKind.H100Sxm5, 2, CapacityType.OnDemand, catalog));
        Assert.Equal(5m, fallback!.UsdPerHour);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), fallback.AsOf);
        Assert.False(fallback.IsLive);
        Assert.Null(ProviderPrices.Resolve(null, ProviderKind.Lambda, GpuKind.L4, 1, CapacityType.Spot, catalog));
        Assert.Throws<ArgumentOutOfRangeException>("gpuCount", () => ProviderPrices.Resolve(null, ProviderKind.RunPod, GpuKind.L4, 0, CapacityType.Spot, catalog));
    }

    [Fact]
    public void RunPod_and_lambda_listings_become_catalog_overrides()
    {
        DateTimeOffset now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
        IReadOnlyList<PriceOffer> runpod = ProviderPrices.ToOffers(
            [new RunPodGpuType { Id = "NVIDIA H100 80GB HBM3", SecureUsdPerGpuHour = 2.69m }, new RunPodGpuType { Id = "Unknown GPU", SecureUsdPerGpuHour = 1m }], now);
        IReadOnlyList<PriceOffer> lambda = ProviderPrices.ToOffers(
            [new LambdaInstanceType { Name = "gpu_8x_h100_sxm5", GpuDescription = "H100 (80 GB SXM5)", PriceCentsPerHour = 2392, Gpus = 8 }], now);

        PriceOffer rp = Assert.Single(runpod);
        Assert.Equal((ProviderKind.RunPod, GpuKind.H100Sxm5, 2.69m, "2026-11"), (rp.Provider!.Value, rp.Gpu, rp.UsdPerGpuHour, rp.AsOf));
        PriceOffer lb = Assert.Single(lambda);
        Assert.Equal((8, 2.99m), (lb.GpuCount, lb.UsdPerGpuHour));

        OfferCatalog merged = OfferCatalog.Default.WithOverrides(runpod);
        Assert.Equal(2.69m, merged.Find(ProviderKind.RunPod, GpuKind.H100Sxm5, CapacityType.OnDemand)!.UsdPerGpuHour);
    }
}
