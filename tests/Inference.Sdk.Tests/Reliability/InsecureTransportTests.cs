using System;
using Inference.Sdk.Hosting;
using Inference.Sdk.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Inference.Sdk.Tests.Reliability;

/// <summary>Non-loopback endpoints must be HTTPS unless the target explicitly allows plain HTTP (<see cref="InferenceTargetOptions.AllowInsecureHttp"/>).</summary>
public sealed class InsecureTransportTests
{
    [Theory]
    [InlineData("http://10.1.2.3:8000", null, false)] // remote plain http: refused
    [InlineData("http://gpu-pod.example.com:8000", "false", false)]
    [InlineData("http://10.1.2.3:8000", "true", true)] // allowed per target, on a trusted network
    [InlineData("https://10.1.2.3:8000", null, true)]
    [InlineData("http://127.0.0.1:8000", null, true)] // loopback
    [InlineData("http://localhost:8000", null, true)]
    public void A_remote_plain_http_endpoint_is_refused_at_start_unless_allowed_per_target(string endpoint, string? allow, bool accepted)
    {
        string extra = allow is null ? string.Empty : $", \"AllowInsecureHttp\": {allow}";
        using IHost host = HostingFixture.BuildHost(HostingFixture.Json(
            $"\"gpu-pod\": {{ \"Engine\": \"Vllm\", \"Endpoint\": \"{endpoint}\", \"Model\": \"Qwen/Qwen3.5-35B-A3B\"{extra} }}"));
        var options = host.Services.GetRequiredService<IOptions<InferenceOptions>>();

        if (accepted)
        {
            Assert.Equal(endpoint, options.Value.Targets["gpu-pod"].Endpoint);
            return;
        }

        var e = Assert.Throws<OptionsValidationException>(() => options.Value);
        string failure = Assert.Single(e.Failures);
        Assert.StartsWith("Inference:Targets:gpu-pod:Endpoint", failure, StringComparison.Ordinal);
        Assert.Contains("Inference:Targets:gpu-pod:AllowInsecureHttp", failure, StringComparison.Ordinal);
    }
}
