extern alias sdk;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Inference.Sdk.Analyzers.Tests.Infrastructure;

/// <summary>
/// The references test compilations get: the .NET reference pack of the running SDK (no download at test time),
/// Inference.Sdk, Microsoft.Extensions.AI.Abstractions (ChatOptions) and System.ClientModel (ApiKeyCredential).
/// </summary>
internal static class TestReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> Framework = new(LoadFramework);

    /// <summary>No package to resolve: the framework comes from <see cref="WithInferenceSdk"/>.</summary>
    public static ReferenceAssemblies None { get; } = new("net10.0");

    /// <summary>The framework plus Inference.Sdk and the libraries its users write against.</summary>
    public static IEnumerable<MetadataReference> WithInferenceSdk => Framework.Value.Concat(new[]
    {
        MetadataReference.CreateFromFile(typeof(sdk::Inference.Sdk.Hosting.InferenceTargetOptions).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.AI.ChatOptions).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(System.ClientModel.ApiKeyCredential).Assembly.Location),
    });

    /// <summary>The framework only: a compilation that does not reference Inference.Sdk.</summary>
    public static IEnumerable<MetadataReference> FrameworkOnly => Framework.Value;

    private static ImmutableArray<MetadataReference> LoadFramework()
    {
        // <dotnet>/shared/Microsoft.NETCore.App/<version>/ → <dotnet>/packs/Microsoft.NETCore.App.Ref/<version>/ref/net10.0
        var runtime = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory());
        var dotnet = runtime.Parent!.Parent!.Parent!.FullName;
        var packs = Path.Combine(dotnet, "packs", "Microsoft.NETCore.App.Ref");
        var pack = Directory.GetDirectories(packs)
            .Select(d => Path.Combine(d, "ref", "net10.0"))
            .Where(Directory.Exists)
            .OrderBy(d => d, StringComparer.Ordinal)
            .Last();
        return Directory.GetFiles(pack, "*.dll").Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToImmutableArray();
    }
}
