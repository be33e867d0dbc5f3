using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace Inference.Sdk.Analyzers.Tests.Infrastructure;

/// <summary>An analyzer or code-fix test against Inference.Sdk, with optional appsettings files.</summary>
internal sealed class InferenceAnalyzerTest<TCodeFix> : CSharpCodeFixTest<InferenceAnalyzer, TCodeFix, DefaultVerifier>
    where TCodeFix : CodeFixProvider, new()
{
    public InferenceAnalyzerTest()
    {
        ReferenceAssemblies = TestReferences.None;
        TestState.AdditionalReferences.AddRange(TestReferences.WithInferenceSdk);
        FixedState.AdditionalReferences.AddRange(TestReferences.WithInferenceSdk);
        TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary;
    }
}
