#if NETSTANDARD2_0
namespace System.Diagnostics.CodeAnalysis;

/// <summary>Nullable-analysis attribute missing from netstandard2.0 (the analyzers compile these files for it).</summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
internal sealed class NotNullWhenAttribute : Attribute
{
    public NotNullWhenAttribute(bool returnValue) => ReturnValue = returnValue;

    public bool ReturnValue { get; }
}
#endif
