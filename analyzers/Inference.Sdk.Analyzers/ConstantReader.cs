using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Inference.Sdk.Analyzers;

/// <summary>Reads compile-time constants out of operations: literals, folded expressions, const fields, enum members.</summary>
internal static class ConstantReader
{
    /// <summary>
    /// Gets the constant an operation evaluates to. Enum members come back as their name (the binder's view, and
    /// robust to renumbering); other constants as their CLR value. <see langword="false"/> for anything computed
    /// at run time.
    /// </summary>
    public static bool TryGetConstant(IOperation value, out object? constant)
    {
        var operation = value;
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        if (operation is IFieldReferenceOperation { Field: { HasConstantValue: true, ContainingType.TypeKind: TypeKind.Enum } member })
        {
            constant = member.Name;
            return true;
        }

        var result = value.ConstantValue.HasValue ? value.ConstantValue : operation.ConstantValue;
        constant = result.HasValue ? result.Value : null;
        return result.HasValue;
    }

    /// <summary>Gets a non-blank string constant (a key written in code), if the operation is one.</summary>
    public static bool IsNonBlankString(IOperation value)
        => TryGetConstant(value, out var constant) && constant is string s && s.Trim().Length > 0;
}
