using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Inference.Sdk.CodeFixes;

/// <summary>Syntax edits shared by the code fixes.</summary>
internal static class FixHelpers
{
    /// <summary>Finds the expression a diagnostic is reported on.</summary>
    public static async Task<ExpressionSyntax?> FindExpressionAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var node = root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return node switch
        {
            ArgumentSyntax argument => argument.Expression,
            ExpressionSyntax expression => expression,
            _ => null,
        };
    }

    /// <summary>A fully qualified member access (<c>Inference.Sdk.Knowledge.GpuKind.H200</c>), simplified on apply.</summary>
    public static ExpressionSyntax Qualified(string typeName, string member)
        => SyntaxFactory.ParseExpression(typeName + "." + member)
            .WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);

    /// <summary>Replaces one expression, keeping its trivia.</summary>
    public static async Task<Document> ReplaceAsync(Document document, SyntaxNode node, SyntaxNode replacement, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return document.WithSyntaxRoot(root!.ReplaceNode(node, replacement.WithTriviaFrom(node)));
    }

    /// <summary>
    /// Sets a property of the options object the expression is assigned into: in an object initializer
    /// (<c>new InferenceTargetOptions { … }</c>) or in a lambda's statements (<c>t => { t.Gpu = …; }</c>). Replaces the
    /// value when the property is already assigned there, else adds the assignment.
    /// </summary>
    public static async Task<Document> SetSiblingPropertyAsync(
        Document document, ExpressionSyntax assignedValue, string property, ExpressionSyntax value, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || assignedValue.Parent is not AssignmentExpressionSyntax assignment)
        {
            return document;
        }

        value = value.WithAdditionalAnnotations(Formatter.Annotation);
        if (assignment.Parent is InitializerExpressionSyntax initializer)
        {
            var existing = initializer.Expressions.OfType<AssignmentExpressionSyntax>()
                .FirstOrDefault(a => a.Left is IdentifierNameSyntax name && name.Identifier.ValueText == property);
            if (existing is not null)
            {
                return document.WithSyntaxRoot(root.ReplaceNode(existing.Right, value.WithTriviaFrom(existing.Right)));
            }

            var added = SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(property), value);
            var expressions = initializer.Expressions.Insert(initializer.Expressions.IndexOf(assignment) + 1, added);
            return document.WithSyntaxRoot(root.ReplaceNode(initializer, initializer.WithExpressions(expressions).WithAdditionalAnnotations(Formatter.Annotation)));
        }

        if (assignment.Parent is ExpressionStatementSyntax statement
            && statement.Parent is BlockSyntax block
            && assignment.Left is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver })
        {
            var existing = block.Statements.OfType<ExpressionStatementSyntax>()
                .Select(s => s.Expression).OfType<AssignmentExpressionSyntax>()
                .FirstOrDefault(a => a.Left is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax r, Name.Identifier.ValueText: var name }
                    && r.Identifier.ValueText == receiver.Identifier.ValueText && name == property);
            if (existing is not null)
            {
                return document.WithSyntaxRoot(root.ReplaceNode(existing.Right, value.WithTriviaFrom(existing.Right)));
            }

            var added = SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression,
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(receiver.Identifier), SyntaxFactory.IdentifierName(property)),
                value)).WithAdditionalAnnotations(Formatter.Annotation);
            return document.WithSyntaxRoot(root.ReplaceNode(block, block.WithStatements(block.Statements.Insert(block.Statements.IndexOf(statement) + 1, added))));
        }

        return document;
    }
}
