using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Inference.Sdk.IntegrationTests.Samples;

/// <summary>Runs samples/Quickstart as the README's first command does, on a machine where no engine listens.</summary>
public sealed class QuickstartTests
{
    [Fact]
    public async Task Without_an_engine_it_says_so_then_prints_the_scenario_and_plan_only_decisions()
    {
        (int exitCode, string output, string stderr) = await SampleProcess.RunAsync("Quickstart", [], new Dictionary<string, string>
        {
            ["INFERENCE_ENDPOINT"] = "",
            ["INFERENCE_ENGINE"] = "LlamaCpp",
        });

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("No local engine answered", output, StringComparison.Ordinal);
        Assert.Contains("stay on the API", output, StringComparison.Ordinal); // $96,000/yr API < $9,023 GPU + $100,000 SRE
        Assert.Matches(@"fit:\s+Qwen3\.5-35B-A3B .*KV cache \d+\.\d GB \(\d+ tokens", output); // 10 attention layers of 40 sized, DeltaNet state added
        Assert.DoesNotContain("KV cache not sized", output, StringComparison.Ordinal);
        Assert.Matches(@"My SSN is 123-45-6789.*\sedge\s+Pii\s", output);
        Assert.Matches(@"Write a C# function.*\sgpu-pod\s+TaskType\s", output);
    }

    [Theory]
    [InlineData("INFERENCE_ENDPOINT", "localhost:8080", "error: INFERENCE_ENDPOINT is 'localhost:8080', which is not an absolute http or https address")]
    [InlineData("INFERENCE_ENGINE", "vllmm", "error: INFERENCE_ENGINE is 'vllmm', which is not an engine; use one of: Vllm,")]
    public async Task A_bad_setting_is_one_line_naming_the_variable_and_exit_code_2(string variable, string value, string expected)
    {
        var environment = new Dictionary<string, string> { ["INFERENCE_ENDPOINT"] = "http://127.0.0.1:9", [variable] = value };

        (int exitCode, string output, string stderr) = await SampleProcess.RunAsync("Quickstart", [], environment);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith(expected, Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }
}
