using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Inference.Sdk.IntegrationTests.Samples;

/// <summary>Runs a built sample (samples/&lt;name&gt;/bin/&lt;configuration&gt;/net10.0/&lt;name&gt;.dll) as a user would, and collects what it printed.</summary>
internal static class SampleProcess
{
    /// <summary>Runs the sample until it exits, or, when <paramref name="until"/> is given, until its output shows that text (then stops it).</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string sample, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null, string? until = null)
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

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await Task.WhenAny(process.WaitForExitAsync(timeout.Token), seen.Task).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{sample} did not {(until is null ? "exit" : $"print '{until}'")} within 2 minutes. stdout: {stdout} stderr: {stderr}");
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync(); // and for the output to drain
        return (process.ExitCode, stdout.ToString(), stderr.ToString());

        void Append(StringBuilder text, string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (text)
            {
                text.AppendLine(line);
            }

            if (until is not null && line.Contains(until, StringComparison.Ordinal))
            {
                seen.TrySetResult();
            }
        }
    }
}
