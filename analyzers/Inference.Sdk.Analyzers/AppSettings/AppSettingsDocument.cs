using System;
using System.Collections.Generic;
using System.Globalization;
using Inference.Sdk.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Inference.Sdk.Analyzers.AppSettings;

/// <summary>
/// The <c>Inference</c> section of one appsettings*.json file: the profile, the targets (as <see cref="LocatedTarget"/>s
/// located inside the file) and the router's <c>EdgeTokenThreshold</c>, read as the start-up validation reads them.
/// </summary>
internal sealed class AppSettingsDocument
{
    private const string SectionName = "Inference";

    private AppSettingsDocument(string path)
    {
        Path = path;
    }

    public string Path { get; }

    /// <summary>Gets the <c>Inference:Profile</c> written in this file, if any (and valid).</summary>
    public DeploymentProfile? Profile { get; private set; }

    public List<LocatedTarget> Targets { get; } = new();

    /// <summary>Gets the models this file describes under <c>Inference:Models</c> whose descriptions are whole.</summary>
    public List<ModelSpec> Models { get; } = new();

    /// <summary>Gets the findings on section keys (an invalid <c>Profile</c>), with where they are written.</summary>
    public List<KeyValuePair<SettingFinding, Location>> SectionFindings { get; } = new();

    /// <summary>Gets the <c>Inference:Router:EdgeTokenThreshold</c> constant with its location, if written as a whole number.</summary>
    public KeyValuePair<int, Location>? EdgeTokenThreshold { get; private set; }

    /// <summary>Whether a file name is one the analyzer reads: <c>appsettings.json</c> and <c>appsettings.{Environment}.json</c>.</summary>
    public static bool IsAppSettings(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        return name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase)
            && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The profile a file implies when it does not set one: <c>appsettings.Development.json</c> is development.</summary>
    public static DeploymentProfile? ProfileImpliedByName(string path)
        => System.IO.Path.GetFileName(path).Equals("appsettings.Development.json", StringComparison.OrdinalIgnoreCase)
            ? DeploymentProfile.Development
            : null;

    /// <summary>Reads the section from a parsed file (<paramref name="root"/> may be <see langword="null"/> for malformed JSON).</summary>
    public static AppSettingsDocument Read(string path, SourceText text, JsonNode? root)
    {
        var document = new AppSettingsDocument(path);
        if (root is not JsonObject rootObject || rootObject.Find(SectionName)?.Value is not JsonObject section)
        {
            return document;
        }

        if (section.Find(DeploymentSettings.ProfileKey)?.Value is { } profile)
        {
            if (DeploymentSettings.TryReadProfile(ValueOf(profile), out var parsed, out var problem))
            {
                document.Profile = parsed;
            }
            else
            {
                document.SectionFindings.Add(new KeyValuePair<SettingFinding, Location>(problem!, Locate(path, text, profile.Span)));
            }
        }

        if (section.Find("Targets")?.Value is JsonObject targets)
        {
            foreach (var target in targets.Properties)
            {
                if (target.Value is not JsonObject body)
                {
                    continue;
                }

                var settings = new LocatedTarget(target.Name, Locate(path, text, target.NameSpan));
                foreach (var property in body.Properties)
                {
                    var kind = TargetKeys.Find(property.Name)?.Kind;
                    object? written = kind == SettingKind.List || kind == SettingKind.Names ? ListOf(property.Value) : ValueOf(property.Value);
                    settings.Set(property.Name, written, Locate(path, text, property.Value.Span), Locate(path, text, property.NameSpan));
                }

                document.Targets.Add(settings);
            }
        }

        if (section.Find("Models")?.Value is JsonObject models)
        {
            foreach (var model in models.Properties)
            {
                if (model.Value is JsonObject body)
                {
                    document.ReadModel(model.Name, body, Locate(path, text, model.NameSpan), text);
                }
            }
        }

        if (section.Find("Router")?.Value is JsonObject router
            && router.Find("EdgeTokenThreshold")?.Value is JsonScalar { Value: { } threshold } scalar
            && int.TryParse(threshold, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            document.EdgeTokenThreshold = new KeyValuePair<int, Location>(value, Locate(path, text, scalar.Span));
        }

        return document;
    }

    // A described model, read with the Knowledge vocabulary the host binds Inference:Models with; each finding on the key it blames.
    private void ReadModel(string id, JsonObject body, Location idLocation, SourceText text)
    {
        var settings = new TargetSettings(id);
        var names = new Dictionary<string, Location>(StringComparer.OrdinalIgnoreCase);
        var values = new Dictionary<string, Location>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in body.Properties)
        {
            settings.Set(property.Name, ModelKeys.Find(property.Name)?.Kind == SettingKind.List ? ListOf(property.Value) : ValueOf(property.Value));
            names[property.Name] = Locate(Path, text, property.NameSpan);
            values[property.Name] = Locate(Path, text, property.Value.Span);
        }

        var findings = ModelSettings.Read(id, settings, out var model);
        foreach (var finding in findings)
        {
            var location = ModelKeys.Find(finding.Key) is null
                ? (names.TryGetValue(finding.Key, out var name) ? name : idLocation)
                : (values.TryGetValue(finding.Key, out var value) ? value : idLocation);
            SectionFindings.Add(new KeyValuePair<SettingFinding, Location>(finding, location));
        }

        if (model is not null)
        {
            Models.Add(model);
        }
    }

    // A list as configuration reads it: the items of an array, or one comma-separated value.
    private static string[] ListOf(JsonNode node)
    {
        var items = new List<string>();
        if (node is JsonArray array)
        {
            foreach (var item in array.Items)
            {
                if (item is JsonScalar { Value: { } value } && value.Trim().Length > 0)
                {
                    items.Add(value.Trim());
                }
            }
        }
        else if (node is JsonScalar { Value: { } single })
        {
            foreach (var part in single.Split(','))
            {
                if (part.Trim().Length > 0)
                {
                    items.Add(part.Trim());
                }
            }
        }

        return items.ToArray();
    }

    // What configuration sees: a scalar's string (null for JSON null), or a section for an object or array.
    private static object? ValueOf(JsonNode node) => node is JsonScalar scalar ? scalar.Value : SettingSection.Instance;

    private static Location Locate(string path, SourceText text, TextSpan span)
        => Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
}
