using Microsoft.CodeAnalysis;

namespace Inference.Sdk.Analyzers;

/// <summary>The types and properties the analyzer reads, resolved once per compilation.</summary>
internal sealed class InferenceSymbols
{
    private InferenceSymbols(INamedTypeSymbol targetOptions, Compilation compilation)
    {
        TargetOptions = targetOptions;
        TargetApiKey = FindProperty(targetOptions, "ApiKey");
        ChatOptions = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatOptions");
        RouterOptions = compilation.GetTypeByMetadataName("Inference.Sdk.Routing.HybridRouterOptions");
        EdgeTokenThreshold = RouterOptions is null ? null : FindProperty(RouterOptions, "EdgeTokenThreshold");
        ApiKeyCredential = compilation.GetTypeByMetadataName("System.ClientModel.ApiKeyCredential");
    }

    /// <summary>Gets <c>Inference.Sdk.Hosting.InferenceTargetOptions</c>.</summary>
    public INamedTypeSymbol TargetOptions { get; }

    public IPropertySymbol? TargetApiKey { get; }

    /// <summary>Gets <c>Microsoft.Extensions.AI.ChatOptions</c>, if referenced.</summary>
    public INamedTypeSymbol? ChatOptions { get; }

    /// <summary>Gets <c>Inference.Sdk.Routing.HybridRouterOptions</c>, if this version of the package has it.</summary>
    public INamedTypeSymbol? RouterOptions { get; }

    public IPropertySymbol? EdgeTokenThreshold { get; }

    /// <summary>Gets <c>System.ClientModel.ApiKeyCredential</c> (the OpenAI SDK's key type), if referenced.</summary>
    public INamedTypeSymbol? ApiKeyCredential { get; }

    /// <summary>Resolves the symbols; <see langword="null"/> when the compilation does not reference Inference.Sdk.</summary>
    public static InferenceSymbols? Create(Compilation compilation)
    {
        var targetOptions = compilation.GetTypeByMetadataName("Inference.Sdk.Hosting.InferenceTargetOptions");
        return targetOptions is null ? null : new InferenceSymbols(targetOptions, compilation);
    }

    private static IPropertySymbol? FindProperty(INamedTypeSymbol type, string name)
    {
        foreach (var member in type.GetMembers(name))
        {
            if (member is IPropertySymbol property)
            {
                return property;
            }
        }

        return null;
    }
}
