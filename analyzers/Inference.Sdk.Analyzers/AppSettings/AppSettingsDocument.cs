using System;
using System.Collections.Generic;
using System.Globalization;
using Inference.Sdk.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Inference.Sdk.Analyzers.AppSettings;

/// <summary>
/// The <c>Inference</c> section of one appsettings*.json file: the profile, the targets (as
/// <see cref="TargetSettings"/> located inside the file) and any router <c>EdgeTokenThreshold</c>.
/// </summary>
internal sealed class AppSettingsDocument
{
    private const string SectionName = "Inference";

    private AppSettingsDocument(string path)
    {
        Path = path;
    }

    public string Path { get; }

    /// <summary>Gets the <c>Inference:Profile</c> written in this file, if any.</summary>
    public DeploymentProfile? Profile { get; private set; }

    public List<TargetSettings> Targets { get; } = new();

    /// <summary>Gets every <c>Inference:{section}:EdgeTokenThreshold</c> constant with its location.</summary>
    public List<KeyValuePair<int, Location>> EdgeTokenThresholds { get; } = new();

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

        if (section.Find("Profile")?.Value is JsonScalar { Value: { } profile }
            && Enum.TryParse<DeploymentProfile>(profile, ignoreCase: true, out var parsedProfile))
        {
            document.Profile = parsedProfile;
        }

        if (section.Find("Targets")?.Value is JsonObject targets)
        {
            foreach (var target in targets.Properties)
            {
                if (target.Value is not JsonObject body)
                {
                    continue;
                }

                var settings = new TargetSettings(target.Name, Locate(path, text, target.NameSpan));
                foreach (var property in body.Properties)
                {
                    if (property.Value is JsonScalar scalar)
                    {
                        settings.Set(property.Name, scalar.Value, Locate(path, text, scalar.Span));
                    }
                }

                document.Targets.Add(settings);
            }
        }

        foreach (var property in section.Properties)
        {
            if (property.Value is JsonObject child
                && child.Find("EdgeTokenThreshold")?.Value is JsonScalar { Value: { } threshold } scalar
                && int.TryParse(threshold, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                document.EdgeTokenThresholds.Add(new KeyValuePair<int, Location>(value, Locate(path, text, scalar.Span)));
            }
        }

        return document;
    }

    private static Location Locate(string path, SourceText text, TextSpan span)
        => Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
}
