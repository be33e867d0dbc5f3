using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;

namespace Inference.Sdk.Analyzers.Tests.Infrastructure;

/// <summary>Short forms for analyzer tests.</summary>
internal static class Verify
{
    public static DiagnosticResult Diagnostic(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor)
        => new(descriptor);

    /// <summary>Runs the analyzer on <paramref name="source"/> and checks exactly <paramref name="expected"/>.</summary>
    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected)
        => AnalyzerAsync(source, appSettings: null, expected);

    /// <summary>Runs the analyzer on <paramref name="source"/> with an <c>appsettings.json</c> (markup allowed in both).</summary>
    public static Task AnalyzerAsync(string source, string? appSettings, params DiagnosticResult[] expected)
    {
        var test = new InferenceAnalyzerTest<EmptyCodeFixProvider> { TestCode = source };
        if (appSettings is not null)
        {
            test.TestState.AdditionalFiles.Add(("/0/appsettings.json", appSettings));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
