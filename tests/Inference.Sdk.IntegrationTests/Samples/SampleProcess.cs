using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Inference.Sdk.IntegrationTests.Samples;

/// <summary>Runs a built sample (samples/&lt;name&gt;/bin/&lt;configuration&gt;/net10.0/&lt;name&gt;.dll) as a user would, and collects what it printed.</summary>
internal static class SampleProcess
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string sample, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0
        string output = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../samples", sample, "bin", configuration, "net10.0"));
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? output,
        };
        start.ArgumentList.Add(Path.Combine(output, sample + ".dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{sample} did not exit within 2 minutes. stdout: {await stdout} stderr: {await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
