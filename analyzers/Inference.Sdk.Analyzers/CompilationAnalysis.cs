using System;
using System.Collections.Immutable;
using Inference.Sdk.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Inference.Sdk.Analyzers;

/// <summary>The per-compilation state of <see cref="InferenceAnalyzer"/> and its actions.</summary>
internal sealed class CompilationAnalysis
{
    private readonly InferenceSymbols _symbols;
    private readonly AppSettingsContext _appSettings;

    public CompilationAnalysis(InferenceSymbols symbols, AppSettingsContext appSettings)
    {
        _symbols = symbols;
        _appSettings = appSettings;
    }

    /// <summary><c>new InferenceTargetOptions { … }</c>, <c>new ChatOptions { … }</c>, <c>new ApiKeyCredential("…")</c>.</summary>
    public void AnalyzeObjectCreation(OperationAnalysisContext context)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        var type = creation.Type;
        if (type is null)
        {
            return;
        }

        if (SymbolEqualityComparer.Default.Equals(type, _symbols.TargetOptions))
        {
            if (creation.Initializer is { } initializer)
            {
                var target = new LocatedTarget(null, creation.Syntax.GetLocation());
                foreach (var member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment)
                    {
                        Record(target, property.Property, assignment.Value);
                    }
                }

                TargetEvaluator.Evaluate(target, _appSettings.CodeProfile, _appSettings.DescribedModels, context.ReportDiagnostic);
            }
        }
        else if (SymbolEqualityComparer.Default.Equals(type, _symbols.ChatOptions))
        {
            AnalyzeChatOptions(creation, context);
        }
        else if (SymbolEqualityComparer.Default.Equals(type, _symbols.ApiKeyCredential)
            && creation.Arguments.Length > 0
            && ConstantReader.IsNonBlankString(creation.Arguments[0].Value))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagDescriptors.ApiKeyLiteral, creation.Arguments[0].Value.Syntax.GetLocation()));
        }
    }

    /// <summary>A lambda over <c>InferenceTargetOptions</c> (<c>AddTarget("name", t => { t.Gpu = …; })</c>, <c>Configure</c>): its top-level assignments.</summary>
    public void AnalyzeAnonymousFunction(OperationAnalysisContext context)
    {
        var lambda = (IAnonymousFunctionOperation)context.Operation;
        if (lambda.Symbol.Parameters.Length != 1
            || !SymbolEqualityComparer.Default.Equals(lambda.Symbol.Parameters[0].Type, _symbols.TargetOptions))
        {
            return;
        }

        var parameter = lambda.Symbol.Parameters[0];
        var target = new LocatedTarget(null, lambda.Syntax.GetLocation());
        var any = false;
        foreach (var statement in lambda.Body.Operations)
        {
            if (statement is IExpressionStatementOperation
                {
                    Operation: ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: IParameterReferenceOperation receiver } property } assignment,
                }
                && SymbolEqualityComparer.Default.Equals(receiver.Parameter, parameter))
            {
                Record(target, property.Property, assignment.Value);
                any = true;
            }
        }

        if (any)
        {
            TargetEvaluator.Evaluate(target, _appSettings.CodeProfile, _appSettings.DescribedModels, context.ReportDiagnostic);
        }
    }

    /// <summary>Any assignment: <c>ApiKey = "…"</c> (INF3001) and the router's <c>EdgeTokenThreshold</c> (INF2002).</summary>
    public void AnalyzeAssignment(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: var property })
        {
            return;
        }

        if (SymbolEqualityComparer.Default.Equals(property, _symbols.TargetApiKey))
        {
            if (ConstantReader.IsNonBlankString(assignment.Value))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagDescriptors.ApiKeyLiteral, assignment.Value.Syntax.GetLocation()));
            }
        }
        else if (_symbols.EdgeTokenThreshold is not null
            && SymbolEqualityComparer.Default.Equals(property, _symbols.EdgeTokenThreshold)
            && ConstantReader.TryGetConstant(assignment.Value, out var value)
            && value is int threshold)
        {
            CheckEdgeThreshold(threshold, assignment.Value.Syntax.GetLocation(), context.ReportDiagnostic);
        }
    }

    /// <summary>An appsettings*.json file: its section keys, every target in its <c>Inference</c> section, and the router threshold.</summary>
    public void AnalyzeAdditionalFile(AdditionalFileAnalysisContext context)
    {
        if (_appSettings.Find(context.AdditionalFile.Path) is not { } document)
        {
            return;
        }

        foreach (var finding in document.SectionFindings)
        {
            TargetEvaluator.Report(finding.Key, finding.Value, ImmutableDictionary<string, string?>.Empty, context.ReportDiagnostic);
        }

        var profile = _appSettings.ProfileOf(document);
        foreach (var target in document.Targets)
        {
            TargetEvaluator.Evaluate(target, profile, _appSettings.DescribedModels, context.ReportDiagnostic);
        }

        if (document.EdgeTokenThreshold is { } threshold)
        {
            CheckEdgeThreshold(threshold.Key, threshold.Value, context.ReportDiagnostic);
        }
    }

    // A constant is recorded as written (enum members by name, a cast enum as its number); anything else is unknown.
    private static void Record(LocatedTarget target, IPropertySymbol property, IOperation value)
    {
        if (ConstantReader.TryGetConstant(value, out var constant))
        {
            target.Set(property.Name, constant, value.Syntax.GetLocation());
        }
        else
        {
            target.SetUnknown(property.Name, value.Syntax.GetLocation());
        }
    }

    private void AnalyzeChatOptions(IObjectCreationOperation creation, OperationAnalysisContext context)
    {
        if (creation.Initializer is null)
        {
            return;
        }

        string? modelId = null;
        IOperation? output = null;
        foreach (var member in creation.Initializer.Initializers)
        {
            if (member is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment)
            {
                continue;
            }

            switch (property.Property.Name)
            {
                case "ModelId" when ConstantReader.TryGetConstant(assignment.Value, out var id):
                    modelId = id as string;
                    break;
                case "MaxOutputTokens":
                    output = assignment.Value;
                    break;
            }
        }

        if (modelId is not null && output is not null && Models.TryGet(modelId, out var model)
            && ConstantReader.TryGetConstant(output, out var value) && value is int tokens)
        {
            TargetEvaluator.CheckOutputBudget(tokens, model, output.Syntax.GetLocation(), context.ReportDiagnostic);
        }
    }

    // INF2002: the Knowledge rule over every target the appsettings files declare (a target's tier defaults to Edge).
    private void CheckEdgeThreshold(int threshold, Location location, Action<Diagnostic> report)
    {
        if (DeploymentSettings.EdgeThreshold(threshold, _appSettings.Readings) is { } finding)
        {
            TargetEvaluator.Report(finding, location, ImmutableDictionary<string, string?>.Empty, report);
        }
    }
}
