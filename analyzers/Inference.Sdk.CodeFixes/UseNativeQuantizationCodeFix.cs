using System.Collections.Immutable;
using System.Composition;
using Inference.Sdk.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Inference.Sdk.CodeFixes;

/// <summary>INF1001: switches to the format the GPU runs natively (FP8 → INT8 on A100; NVFP4 → FP8 or INT8 before Blackwell).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseNativeQuantizationCodeFix))]
[Shared]
public sealed class UseNativeQuantizationCodeFix : ExpressionCodeFix
{
    /// <summary>The equivalence key: one for every INF1001 fix, so fix-all applies them together.</summary>
    public const string EquivalenceKey = "INF1001.UseNativeQuantization";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.QuantizationNotNative);

    /// <inheritdoc/>
    protected override void Register(CodeFixContext context, Diagnostic diagnostic, ExpressionSyntax value)
    {
        if (diagnostic.Properties.TryGetValue(DiagnosticProperties.Quantization, out var quantization) && quantization is not null)
        {
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use Quantization." + quantization,
                    ct => FixHelpers.ReplaceAsync(context.Document, value, FixHelpers.Qualified("Inference.Sdk.Knowledge.Quantization", quantization), ct),
                    EquivalenceKey),
                diagnostic);
        }
    }
}
