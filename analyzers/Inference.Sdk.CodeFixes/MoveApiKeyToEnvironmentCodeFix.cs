using System.Collections.Immutable;
using System.Composition;
using Inference.Sdk.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Inference.Sdk.CodeFixes;

/// <summary>
/// INF3001: replaces a key written in code with <c>Environment.GetEnvironmentVariable("INFERENCE_API_KEY")</c>. The
/// environment works in every kind of app (no configuration object needs to be in scope) and, with
/// <c>AddEnvironmentVariables()</c>, is also where configuration reads secrets from in containers.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveApiKeyToEnvironmentCodeFix))]
[Shared]
public sealed class MoveApiKeyToEnvironmentCodeFix : ExpressionCodeFix
{
    /// <summary>The equivalence key.</summary>
    public const string EquivalenceKey = "INF3001.ReadApiKeyFromEnvironment";

    /// <summary>The environment variable the fix reads.</summary>
    public const string VariableName = "INFERENCE_API_KEY";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ApiKeyLiteral);

    /// <inheritdoc/>
    protected override void Register(CodeFixContext context, Diagnostic diagnostic, ExpressionSyntax value)
        => context.RegisterCodeFix(
            CodeAction.Create(
                "Read the key from the " + VariableName + " environment variable",
                ct => FixHelpers.ReplaceAsync(context.Document, value, Replacement(value), ct),
                EquivalenceKey),
            diagnostic);

    // A property takes string? as is; a constructor argument (ApiKeyCredential) needs a string, so a missing variable throws.
    private static ExpressionSyntax Replacement(ExpressionSyntax value)
    {
        var read = "System.Environment.GetEnvironmentVariable(\"" + VariableName + "\")";
        var text = value.Parent is ArgumentSyntax
            ? read + " ?? throw new System.InvalidOperationException(\"Set the " + VariableName + " environment variable.\")"
            : read;
        return SyntaxFactory.ParseExpression(text).WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);
    }
}
