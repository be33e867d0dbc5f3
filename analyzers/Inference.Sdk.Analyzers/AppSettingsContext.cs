using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Inference.Sdk.Analyzers.AppSettings;
using Inference.Sdk.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Inference.Sdk.Analyzers;

/// <summary>
/// The appsettings*.json files of a compilation, parsed once per file content (a <see cref="SourceTextValueProvider{TValue}"/>
/// caches the parse across compilations) and each target read once through the Knowledge layer, for the file's own
/// diagnostics and for rules that cross from C# to JSON (the profile, the edge targets).
/// </summary>
internal sealed class AppSettingsContext
{
    /// <summary>Gets the parser, cached per file content by <c>TryGetValue</c> on the analysis contexts.</summary>
    public static SourceTextValueProvider<JsonNode?> Parser { get; } = new(static text => JsonReader.Parse(text.ToString()));

    private readonly Dictionary<string, AppSettingsDocument> _documents;

    private AppSettingsContext(Dictionary<string, AppSettingsDocument> documents, DeploymentProfile? profile)
    {
        _documents = documents;
        BaseProfile = profile;

        // Configuration layers appsettings.json under appsettings.{Environment}.json: a model an environment file describes wins.
        var described = new Dictionary<string, ModelSpec>(StringComparer.OrdinalIgnoreCase);
        foreach (var document in Layered(documents.Values))
        {
            foreach (var model in document.Models)
            {
                described[model.Id] = model;
            }
        }

        DescribedModels = new List<ModelSpec>(described.Values).AsReadOnly();
        foreach (var document in documents.Values)
        {
            var targetProfile = ProfileOf(document);
            foreach (var target in document.Targets)
            {
                target.Reading = TargetEvaluator.Read(target, targetProfile, DescribedModels);
            }
        }
    }

    /// <summary>Gets the models the appsettings files describe (<c>Inference:Models:{id}</c>), which resolve a target's <c>Model</c> before the catalog.</summary>
    public IReadOnlyCollection<ModelSpec> DescribedModels { get; }

    /// <summary>Gets the profile <c>appsettings.json</c> sets, if it sets one.</summary>
    public DeploymentProfile? BaseProfile { get; }

    /// <summary>Gets the profile C# targets are checked against: <c>appsettings.json</c>'s, else the runtime default (production).</summary>
    public DeploymentProfile CodeProfile => BaseProfile ?? DeploymentProfile.Production;

    public IEnumerable<AppSettingsDocument> Documents => _documents.Values;

    /// <summary>Gets what the Knowledge layer made of every target in every file (for the router threshold, INF2002).</summary>
    public IEnumerable<DeploymentReading> Readings
    {
        get
        {
            foreach (var document in _documents.Values)
            {
                foreach (var target in document.Targets)
                {
                    yield return target.Reading!;
                }
            }
        }
    }

    // appsettings.json first, then the environment files in name order.
    private static IEnumerable<AppSettingsDocument> Layered(IEnumerable<AppSettingsDocument> documents)
    {
        var ordered = new List<AppSettingsDocument>(documents);
        ordered.Sort((a, b) => IsBase(a) != IsBase(b) ? (IsBase(a) ? -1 : 1) : string.CompareOrdinal(a.Path, b.Path));
        return ordered;
    }

    private static bool IsBase(AppSettingsDocument document)
        => System.IO.Path.GetFileName(document.Path).Equals("appsettings.json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses the appsettings files among the compilation's additional files.</summary>
    public static AppSettingsContext Load(ImmutableArray<AdditionalText> files, Func<SourceText, JsonNode?> parse, CancellationToken cancellationToken)
    {
        var documents = new Dictionary<string, AppSettingsDocument>();
        DeploymentProfile? profile = null;
        foreach (var file in files)
        {
            if (!AppSettingsDocument.IsAppSettings(file.Path) || file.GetText(cancellationToken) is not { } text)
            {
                continue;
            }

            var document = AppSettingsDocument.Read(file.Path, text, parse(text));
            documents[file.Path] = document;
            if (System.IO.Path.GetFileName(file.Path).Equals("appsettings.json", System.StringComparison.OrdinalIgnoreCase))
            {
                profile = document.Profile;
            }
        }

        return new AppSettingsContext(documents, profile);
    }

    /// <summary>Gets the parsed document of an additional file, if it is an appsettings file.</summary>
    public AppSettingsDocument? Find(string path) => _documents.TryGetValue(path, out var document) ? document : null;

    /// <summary>The profile targets in a file are checked against: the file's own, the one its name implies, the base one, production.</summary>
    public DeploymentProfile ProfileOf(AppSettingsDocument document)
        => document.Profile ?? AppSettingsDocument.ProfileImpliedByName(document.Path) ?? CodeProfile;
}
