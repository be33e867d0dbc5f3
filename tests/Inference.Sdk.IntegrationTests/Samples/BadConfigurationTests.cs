using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace Inference.Sdk.IntegrationTests.Samples;

/// <summary>
/// Configuration mistakes as a new user makes them, tried on samples/AspNetChat run as a process: each gives one clear message at
/// start that names the key and the fix, the app exits non-zero, and no stack trace is printed.
/// </summary>
public sealed class BadConfigurationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bad-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("Inference__Targets__edge__Provider", "Runpd", "Inference:Targets:edge:Provider", "is 'Runpd', which is not a provider. Did you mean 'RunPod'?")]
    [InlineData("Inference__Targets__edge__Engine", "vllmm", "Inference:Targets:edge:Engine", "Did you mean 'Vllm'?")]
    [InlineData("Inference__Targets__edge__UsdPerGpuHour", "$2.50", "Inference:Targets:edge:UsdPerGpuHour", "without a currency sign: 2.50.")]
    [InlineData("Inference__Targets__gpu-pod__Model", "meta-llama/Llama-3.1-8B-Instruct", "Inference:Targets:gpu-pod:Endpoint", "is missing. Set it to the base URL")]
    [InlineData("Inference__Targets__edge__Endpoint", "127.0.0.1:8080", "Inference:Targets:edge:Endpoint", "which is not an absolute http or https address")]
    [InlineData("Inference__Targets__edge__Tier", "Cheap", "Inference:Targets:edge:Tier", "Use one of: Edge,")]
    [InlineData("Inference__Targets__edge__Modle", "meta-llama/Llama-3.1-8B-Instruct", "Inference:Targets:edge:Modle", "Did you mean 'Model'?")]
    public async Task A_mistake_stops_the_app_with_one_message_naming_the_key_and_no_stack_trace(string variable, string value, string key, string fix)
    {
        (int exitCode, string stdout, string stderr) = await SampleProcess.RunAsync("AspNetChat", [], Environment(variable, value));
        string output = stdout + stderr;

        Assert.Equal(1, exitCode);
        Assert.Single(Regex.Matches(output, Regex.Escape(key) + @"\b"));
        string line = Assert.Single(output.Split('\n'), l => l.Contains(key, StringComparison.Ordinal));
        Assert.Contains(fix, line, StringComparison.Ordinal);
        Assert.Contains("AspNetChat did not start: 1 configuration problem(s)", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_mistakes_are_each_named_once()
    {
        var environment = Environment("Inference__Targets__edge__Provider", "Runpd");
        environment["Inference__Targets__edge__UsdPerGpuHour"] = "$2.50";

        (int exitCode, string stdout, string stderr) = await SampleProcess.RunAsync("AspNetChat", [], environment);

        Assert.Equal(1, exitCode);
        Assert.Single(Regex.Matches(stdout, "Inference:Targets:edge:Provider"));
        Assert.Single(Regex.Matches(stdout, "Inference:Targets:edge:UsdPerGpuHour"));
        Assert.Contains("2 configuration problem(s)", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FP8_on_an_A100_in_appsettings_json_is_one_warning_naming_the_key_and_the_app_still_starts()
    {
        // The app's content root is its working folder: this appsettings.json is the one it reads.
        await File.WriteAllTextAsync(Path.Combine(_folder, "appsettings.json"), """
            {
              "Logging": { "LogLevel": { "Default": "Information", "Microsoft.AspNetCore": "Warning", "System.Net.Http.HttpClient": "Warning" } },
              "Inference": {
                "Targets": {
                  "gpu-pod": {
                    "Provider": "RunPod",
                    "Engine": "Vllm",
                    "Endpoint": "http://127.0.0.1:9/v1",
                    "Model": "meta-llama/Llama-3.1-8B-Instruct",
                    "Gpu": "A100",
                    "Quantization": "FP8",
                    "Tier": "CloudPod"
                  }
                }
              }
            }
            """);

        (_, string stdout, string stderr) = await SampleProcess.RunAsync("AspNetChat", [], Environment(), _folder, until: "Application started");

        string line = Assert.Single(stdout.Split('\n'), l => l.Contains("Inference:Targets:gpu-pod:Quantization", StringComparison.Ordinal));
        Assert.Contains("INF1001 FP8 does not run natively on A100", line, StringComparison.Ordinal);
        Assert.Contains("formats native here:", line, StringComparison.Ordinal);
        Assert.Contains("Now listening on", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_the_catalog_does_not_know_is_one_warning_and_the_app_still_starts()
    {
        Dictionary<string, string> environment = Environment("Inference__Targets__edge__Model", "acme/llama-9000-instruct");
        environment["Inference__Targets__cloud__Endpoint"] = "http://127.0.0.1:9/v1"; // the app starts its monitors: keep every probe on this machine
        (_, string stdout, string stderr) = await SampleProcess.RunAsync("AspNetChat", [], environment, until: "Application started");

        string line = Assert.Single(stdout.Split('\n'), l => l.Contains("Inference:Targets:edge:Model", StringComparison.Ordinal));
        Assert.Contains("'acme/llama-9000-instruct' is not in the model catalog", line, StringComparison.Ordinal);
        Assert.Contains("Inference:Models:acme/llama-9000-instruct", line, StringComparison.Ordinal);
        Assert.Contains("Now listening on", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("did not start", stderr, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Environment(string? variable = null, string? value = null)
    {
        var environment = new Dictionary<string, string> { ["ASPNETCORE_URLS"] = "http://127.0.0.1:0", ["ASPNETCORE_ENVIRONMENT"] = "Production" };
        if (variable is not null)
        {
            environment[variable] = value!;
        }

        return environment;
    }
}
