using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Inference.Sdk.Analyzers;

/// <summary>
/// Catches bad deployments at compile time: the Knowledge layer's deployment rules over constants in
/// <c>InferenceTargetOptions</c> initializers, registration lambdas and appsettings*.json; token budgets in
/// <c>ChatOptions</c> and the router; API keys written in code.
/// </summary>
/// <remarks>
/// Registers nothing when the compilation does not reference Inference.Sdk. Otherwise it listens to object
/// creations, lambdas, assignments and additional files only: no syntax-tree walks, symbols resolved once.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InferenceAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagDescriptors.All;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (InferenceSymbols.Create(start.Compilation) is not { } symbols)
            {
                return;
            }

            var appSettings = AppSettingsContext.Load(
                start.Options.AdditionalFiles,
                text => start.TryGetValue(text, AppSettingsContext.Parser, out var root) ? root : null,
                start.CancellationToken);
            var analysis = new CompilationAnalysis(symbols, appSettings);
            start.RegisterOperationAction(analysis.AnalyzeObjectCreation, OperationKind.ObjectCreation);
            start.RegisterOperationAction(analysis.AnalyzeAnonymousFunction, OperationKind.AnonymousFunction);
            start.RegisterOperationAction(analysis.AnalyzeAssignment, OperationKind.SimpleAssignment);
            start.RegisterAdditionalFileAction(analysis.AnalyzeAdditionalFile);
        });
    }
}
