using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Inference.Sdk.CodeFixes;

/// <summary>
/// Base of the fixes: each diagnostic is reported on the expression to change, and carries what to change it to in
/// its properties. Fix-all is the batch fixer (every fix of one kind shares its equivalence key).
/// </summary>
public abstract class ExpressionCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (await FixHelpers.FindExpressionAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is { } value)
            {
                Register(context, diagnostic, value);
            }
        }
    }

    /// <summary>Registers the fixes for one diagnostic on <paramref name="value"/>.</summary>
    protected abstract void Register(CodeFixContext context, Diagnostic diagnostic, ExpressionSyntax value);
}
