using System.Collections.Immutable;
using System.Composition;
using Inference.Sdk.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp;

namespace Inference.Sdk.CodeFixes;

/// <summary>
/// INF2001, INF2003: clamps <c>MaxOutputTokens</c> into the context, keeping half of it for the prompt (clamping to
/// the window itself would leave no room for one, which is INF2003).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ClampMaxOutputTokensCodeFix))]
[Shared]
public sealed class ClampMaxOutputTokensCodeFix : ExpressionCodeFix
{
    /// <summary>The equivalence key shared by INF2001 and INF2003 fixes.</summary>
    public const string EquivalenceKey = "INF2001.ClampMaxOutputTokens";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.MaxOutputTokensOverContextWindow, DiagnosticIds.OutputBudgetLeavesNoPrompt);

    /// <inheritdoc/>
    protected override void Register(CodeFixContext context, Diagnostic diagnostic, ExpressionSyntax value)
    {
        if (diagnostic.Properties.TryGetValue(DiagnosticProperties.MaxOutputTokens, out var clamp) && int.TryParse(clamp, out var tokens))
        {
            var literal = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(tokens));
            context.RegisterCodeFix(
                CodeAction.Create("Clamp MaxOutputTokens to " + clamp, ct => FixHelpers.ReplaceAsync(context.Document, value, literal, ct), EquivalenceKey),
                diagnostic);
        }
    }
}
