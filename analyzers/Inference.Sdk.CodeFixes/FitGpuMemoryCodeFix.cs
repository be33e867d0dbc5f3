using System.Collections.Immutable;
using System.Composition;
using Inference.Sdk.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Inference.Sdk.CodeFixes;

/// <summary>INF1002: raises <c>GpuCount</c> to the smallest count that fits, or picks the smallest GPU that fits at the current count.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FitGpuMemoryCodeFix))]
[Shared]
public sealed class FitGpuMemoryCodeFix : ExpressionCodeFix
{
    /// <summary>The equivalence key of "raise the GPU count".</summary>
    public const string RaiseGpuCountKey = "INF1002.RaiseGpuCount";

    /// <summary>The equivalence key of "pick the smallest GPU that fits".</summary>
    public const string SmallestGpuKey = "INF1002.SmallestGpu";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.DoesNotFitVram);

    /// <inheritdoc/>
    protected override void Register(CodeFixContext context, Diagnostic diagnostic, ExpressionSyntax value)
    {
        if (diagnostic.Properties.TryGetValue(DiagnosticProperties.GpuCount, out var count) && int.TryParse(count, out var gpuCount))
        {
            ExpressionSyntax literal = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(gpuCount));
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use " + count + " GPUs",
                    ct => IsAssignedTo(value, "GpuCount")
                        ? FixHelpers.ReplaceAsync(context.Document, value, literal, ct)
                        : FixHelpers.SetSiblingPropertyAsync(context.Document, value, "GpuCount", literal, ct),
                    RaiseGpuCountKey),
                diagnostic);
        }

        if (diagnostic.Properties.TryGetValue(DiagnosticProperties.Gpu, out var gpu) && gpu is not null)
        {
            var kind = FixHelpers.Qualified("Inference.Sdk.Knowledge.GpuKind", gpu);
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use GpuKind." + gpu,
                    ct => IsAssignedTo(value, "Gpu")
                        ? FixHelpers.ReplaceAsync(context.Document, value, kind, ct)
                        : FixHelpers.SetSiblingPropertyAsync(context.Document, value, "Gpu", kind, ct),
                    SmallestGpuKey),
                diagnostic);
        }
    }

    private static bool IsAssignedTo(ExpressionSyntax value, string property)
        => value.Parent is AssignmentExpressionSyntax assignment && assignment.Right == value && assignment.Left switch
        {
            IdentifierNameSyntax name => name.Identifier.ValueText == property,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText == property,
            _ => false,
        };
}
