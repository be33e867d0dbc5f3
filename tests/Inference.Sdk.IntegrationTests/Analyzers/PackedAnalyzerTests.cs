using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Inference.Sdk.IntegrationTests.Analyzers;

/// <summary>
/// How users meet the analyzers: a fresh project that references the packed Inference.Sdk from a local feed,
/// built with <c>dotnet build</c>. Misconfigured code and appsettings.json produce diagnostics at the right file,
/// line and column, errors where the host would refuse to start; a correct configuration builds clean; the appsettings
/// opt-out property works.
/// </summary>
public sealed class PackedAnalyzerTests : IClassFixture<PackedPackageFixture>
{
    private const string BadProgram = """
        using Inference.Sdk.Hosting;
        using Inference.Sdk.Knowledge;

        var target = new InferenceTargetOptions
        {
            Gpu = GpuKind.A100_80GB,
            Quantization = Quantization.FP8,
            ApiKey = "sk-live-0123456789",
        };
        Console.WriteLine(target.Gpu);
        """;

    private const string BadAppSettings = """
        {
          // Inference targets: comments and trailing commas, as appsettings.json allows
          "Inference": {
            "Targets": {
              "big": {
                "Model": "meta-llama/Llama-3.3-70B-Instruct",
                "Gpu": "H100Sxm5",
                "GpuCount": 1,
                "Quantization": "FP16",
                "KvCacheDType": "FP8",
                "ContextLength": 8192,
              },
              "laptop": { "Engine": "Ollama", },
            },
          },
        }
        """;

    private const string GoodProgram = """
        using Inference.Sdk.Hosting;
        using Inference.Sdk.Knowledge;

        var target = new InferenceTargetOptions
        {
            Gpu = GpuKind.H100Sxm5,
            Quantization = Quantization.FP8,
            KvCacheDType = KvCacheDType.FP8,
            ApiKey = Environment.GetEnvironmentVariable("INFERENCE_API_KEY"),
        };
        Console.WriteLine(target.Gpu);
        """;

    private const string GoodAppSettings = """
        {
          "Inference": {
            "Targets": {
              "big": {
                "Model": "meta-llama/Llama-3.3-70B-Instruct",
                "Gpu": "H100Sxm5",
                "GpuCount": 2,
                "Quantization": "FP16",
                "KvCacheDType": "FP8",
                "ContextLength": 8192,
              },
            },
          },
        }
        """;

    private readonly PackedPackageFixture _package;

    public PackedAnalyzerTests(PackedPackageFixture package)
    {
        _package = package;
    }

    [Fact]
    public void A_misconfigured_project_gets_diagnostics_in_Program_cs_and_inside_appsettings_json_and_fails_where_the_host_would()
    {
        var (exitCode, output) = _package.BuildConsumer("Misconfigured", BadProgram, BadAppSettings);

        Assert.True(exitCode != 0, output); // INF1002 is an error: the host would not start with this appsettings.json
        AssertDiagnostic(output, "Program.cs", BadProgram, "warning", "INF1001", "Quantization.FP8");
        AssertDiagnostic(output, "Program.cs", BadProgram, "warning", "INF3001", "\"sk-live-0123456789\"");
        AssertDiagnostic(output, "appsettings.json", BadAppSettings, "error", "INF1002", "1,", lineContaining: "\"GpuCount\"");
        AssertDiagnostic(output, "appsettings.json", BadAppSettings, "warning", "INF1006", "\"Ollama\"");
        Assert.Contains("does not fit", output, StringComparison.Ordinal);
        Assert.Equal(4, DistinctInferenceDiagnostics(output));
    }

    [Fact]
    public void The_package_carries_both_analyzer_dlls_and_the_targets_without_depending_on_them()
    {
        using var package = System.IO.Compression.ZipFile.OpenRead(Path.Combine(_package.Feed, $"Inference.Sdk.{_package.Version}.nupkg"));
        var entries = package.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("analyzers/dotnet/cs/Inference.Sdk.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Inference.Sdk.CodeFixes.dll", entries);
        Assert.Contains("build/Inference.Sdk.targets", entries);
        Assert.Contains("buildTransitive/Inference.Sdk.targets", entries);

        using var nuspec = new StreamReader(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var manifest = nuspec.ReadToEnd();
        Assert.DoesNotContain("Inference.Sdk.Analyzers", manifest, StringComparison.Ordinal);
        Assert.DoesNotContain("Inference.Sdk.CodeFixes", manifest, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.CodeAnalysis", manifest, StringComparison.Ordinal);
    }

    [Fact]
    public void A_correct_configuration_builds_clean()
    {
        var (exitCode, output) = _package.BuildConsumer("Correct", GoodProgram, GoodAppSettings);

        Assert.True(exitCode == 0, output);
        Assert.Equal(0, DistinctInferenceDiagnostics(output));
    }

    [Fact]
    public void The_appsettings_opt_out_keeps_code_warnings_and_drops_json_ones()
    {
        var (exitCode, output) = _package.BuildConsumer(
            "OptedOut", BadProgram, BadAppSettings, extraProperties: "<InferenceSdkAnalyzeAppSettings>false</InferenceSdkAnalyzeAppSettings>");

        Assert.True(exitCode == 0, output);
        AssertDiagnostic(output, "Program.cs", BadProgram, "warning", "INF1001", "Quantization.FP8");
        Assert.DoesNotContain("appsettings.json(", output, StringComparison.Ordinal);
        Assert.Equal(2, DistinctInferenceDiagnostics(output));
    }

    // file(line,column): warning ID — line and column computed from the text we wrote, 1-based like the compiler.
    private static void AssertDiagnostic(string output, string file, string text, string severity, string id, string value, string? lineContaining = null)
    {
        var lines = text.Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains(lineContaining ?? value, StringComparison.Ordinal));
        Assert.True(index >= 0, $"'{value}' is not in the {file} the test wrote");
        var column = lines[index].IndexOf(value, StringComparison.Ordinal) + 1;
        var expected = $"{file}({index + 1},{column}): {severity} {id}:";
        Assert.True(output.Contains(Path.DirectorySeparatorChar + expected, StringComparison.Ordinal), $"Expected '{expected}' in:\n{output}");
    }

    // MSBuild repeats each diagnostic in its summary; count distinct ones.
    private static int DistinctInferenceDiagnostics(string output)
        => output.Split('\n')
            .Select(l => Regex.Match(l, @"[^\s]+\(\d+,\d+\): (warning|error) INF\d{4}"))
            .Where(m => m.Success)
            .Select(m => m.Value)
            .Distinct(StringComparer.Ordinal)
            .Count();
}
