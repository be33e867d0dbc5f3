// Lets the linked Knowledge sources (records, init-only setters) compile for netstandard2.0.
#pragma warning disable IDE0161
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}
