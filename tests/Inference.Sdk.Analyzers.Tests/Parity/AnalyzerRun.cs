using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Inference.Sdk.Analyzers.Tests.Parity;

/// <summary>
/// The analyzer over an appsettings snippet, as a build runs it: a compilation that references Inference.Sdk with the
/// snippet as its <c>appsettings.json</c> additional file. Each diagnostic must be located in that file; its path is the key it
/// is reported on, or, when it sits on the target's name or another key of the target, the target plus the key it blames.
/// </summary>
internal static class AnalyzerRun
{
    private const string File = "/parity/appsettings.json";

    private static readonly Lazy<CSharpCompilation> Compilation = new(() => CSharpCompilation.Create(
        "Parity", [CSharpSyntaxTree.ParseText("class C { }")], TestReferences.WithInferenceSdk, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)));

    public static async Task<IReadOnlyList<Reported>> AnalyzeAsync(string json)
    {
        var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new Snippet(File, json)));
        var diagnostics = await Compilation.Value
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new InferenceAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        var paths = new JsonPaths(json);
        return diagnostics.Select(d => Name(d, paths)).ToList();
    }

    private static Reported Name(Diagnostic diagnostic, JsonPaths paths)
    {
        Assert.Equal(File, diagnostic.Location.GetLineSpan().Path);
        string located = paths.At(diagnostic.Location.SourceSpan.Start);
        Assert.True(diagnostic.Properties.TryGetValue(DiagnosticProperties.Key, out string? key) && key is not null, $"{diagnostic.Id} carries the key it blames");
        string path = located.EndsWith(":" + key, StringComparison.OrdinalIgnoreCase) || located.Equals("Inference:" + key, StringComparison.OrdinalIgnoreCase)
            ? located
            : TargetOf(located) + ":" + key;

        // On the blamed key when it is written; otherwise on the target or another key of it.
        Assert.True(path == located || !paths.Written.Contains(path), $"{diagnostic.Id} on {located}, but {path} is written");
        return new Reported(diagnostic.Id, ToFinding(diagnostic.Severity), path, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    // "Inference:Targets:t" or "Inference:Targets:t:Gpu" → "Inference:Targets:t"; the same for a model under "Inference:Models".
    private static string TargetOf(string located)
    {
        string[] parts = located.Split(':');
        Assert.True(parts.Length >= 3 && parts[0] == "Inference" && parts[1] is "Targets" or "Models", $"{located} is in a target or a described model");
        return string.Join(":", parts.Take(3));
    }

    private static string ToFinding(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "Error",
        DiagnosticSeverity.Warning => "Warning",
        _ => "Info",
    };

    private sealed class Snippet(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
