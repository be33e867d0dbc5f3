using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Inference.Sdk.IntegrationTests.Samples;

/// <summary>Runs samples/Quickstart as the README's first command does, on a machine where no engine listens.</summary>
public sealed class QuickstartTests
{
    [Fact]
    public async Task Without_an_engine_it_says_so_then_prints_the_scenario_and_plan_only_decisions()
    {
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0
        string dll = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../samples/Quickstart/bin", configuration, "net10.0/Quickstart.dll"));
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\"") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["INFERENCE_ENDPOINT"] = "";
        start.Environment["INFERENCE_ENGINE"] = "LlamaCpp";

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        string output = await stdout;

        Assert.True(process.ExitCode == 0, await stderr);
        Assert.Contains("No local engine answered", output, StringComparison.Ordinal);
        Assert.Contains("stay on the API", output, StringComparison.Ordinal); // $96,000/yr API < $9,023 GPU + $100,000 SRE
        Assert.Matches(@"My SSN is 123-45-6789.*\sedge\s+Pii\s", output);
        Assert.Matches(@"Write a C# function.*\sgpu-pod\s+TaskType\s", output);
    }
}
