using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;

namespace Inference.Sdk.Analyzers.Tests.Analyzers;

/// <summary>The analyzer costs nothing in projects that do not reference Inference.Sdk: it registers no action there.</summary>
public sealed class RegistrationTests
{
    private const string Source = """
        class C
        {
            object M() => new System.Text.StringBuilder { Capacity = 10 };
            System.Action<int> L() => x => { };
        }
        """;

    [Fact]
    public async Task Registers_nothing_when_Inference_Sdk_is_not_referenced()
    {
        var telemetry = await TelemetryAsync(TestReferences.FrameworkOnly);

        Assert.Equal(1, telemetry.CompilationStartActionsCount);
        Assert.Equal(0, telemetry.OperationActionsCount);
        Assert.Equal(0, telemetry.AdditionalFileActionsCount);
        Assert.Equal(0, telemetry.SyntaxNodeActionsCount);
        Assert.Equal(0, telemetry.SyntaxTreeActionsCount);
        Assert.Equal(0, telemetry.SemanticModelActionsCount);
        Assert.Equal(0, telemetry.CompilationEndActionsCount);
    }

    [Fact]
    public async Task Registers_operation_and_additional_file_actions_when_it_is()
    {
        var telemetry = await TelemetryAsync(TestReferences.WithInferenceSdk);

        Assert.Equal(3, telemetry.OperationActionsCount);
        Assert.Equal(1, telemetry.AdditionalFileActionsCount);
        Assert.Equal(0, telemetry.SyntaxTreeActionsCount);
        Assert.Equal(0, telemetry.CompilationEndActionsCount);
    }

    private static async Task<AnalyzerTelemetryInfo> TelemetryAsync(System.Collections.Generic.IEnumerable<MetadataReference> references)
    {
        var compilation = CSharpCompilation.Create(
            "Consumer",
            new[] { CSharpSyntaxTree.ParseText(Source) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var analyzer = new InferenceAnalyzer();
        var withAnalyzers = compilation.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(analyzer),
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        Assert.Empty(diagnostics);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
    }
}
