using System;
using System.Collections.Generic;
using System.Linq;

namespace Inference.Sdk.Knowledge;

/// <summary>
/// The mapping from one target's settings (<see cref="TargetSettings"/>) to a <see cref="DeploymentDescription"/> and
/// its findings, each with the key it blames. The analyzer (appsettings*.json, C# initializers) and the start-up
/// validation (bound options) both call it: the same names, defaults, ranges and rules on both sides.
/// </summary>
internal static class DeploymentSettings
{
    /// <summary>The key INF2002 blames, under the <c>Inference</c> section.</summary>
    public const string EdgeTokenThresholdKey = "Router:EdgeTokenThreshold";

    /// <summary>The key of the deployment profile, under the <c>Inference</c> section.</summary>
    public const string ProfileKey = "Profile";

    /// <summary>Reads a target's settings.</summary>
    /// <param name="settings">The settings as written.</param>
    /// <param name="profile">Whether the deployment serves production traffic.</param>
    /// <param name="described">Models the configuration describes (<c>Inference:Models</c>), which resolve the <c>Model</c> setting before the catalog.</param>
    public static DeploymentReading Read(TargetSettings settings, DeploymentProfile profile, IReadOnlyCollection<ModelSpec>? described = null)
    {
        _ = Guard.NotNull(settings, nameof(settings));
        var findings = new List<SettingFinding>();
        var unknown = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (string key in TargetKeys.Names)
        {
            if (settings.IsUnknown(key))
            {
                _ = unknown.Add(key);
            }
        }

        foreach (KeyValuePair<string, object?> written in settings.Values)
        {
            if (TargetKeys.Find(written.Key) is not { } key)
            {
                findings.Add(Invalid(written.Key, SettingValues.UnknownKey(written.Key, TargetKeys.Names)));
            }
            else if (key.TryRead(written.Value, out object? value, out string? problem))
            {
                values[key.Name] = value;
            }
            else
            {
                findings.Add(Invalid(key.Name, problem!));
                _ = unknown.Add(key.Name);
            }
        }

        string? modelId = GetText(values, TargetKeys.Model);
        ModelSpec? model = Models.TryGet(modelId, described, out ModelSpec? found) ? found : null;
        var description = new DeploymentDescription
        {
            Provider = Get<ProviderKind>(values, TargetKeys.Provider) ?? ProviderKind.Local,
            Engine = Get<EngineKind>(values, TargetKeys.Engine),
            Gpu = Get<GpuKind>(values, TargetKeys.Gpu),
            GpuCount = Get<int>(values, TargetKeys.GpuCount) ?? 1,
            ModelId = model?.Id ?? modelId,
            Model = model,
            Quantization = Get<Quantization>(values, TargetKeys.Quantization),
            KvCacheDType = Get<KvCacheDType>(values, TargetKeys.KvCacheDType) ?? KvCacheDType.Auto,
            ContextLength = Get<int>(values, TargetKeys.ContextLength),
            MaxOutputTokens = Get<int>(values, TargetKeys.MaxOutputTokens),
            ExpectedPromptTokens = Get<int>(values, TargetKeys.ExpectedPromptTokens),
            Capacity = Get<CapacityType>(values, TargetKeys.Capacity) ?? CapacityType.OnDemand,
            LatencyCritical = Get<bool>(values, TargetKeys.LatencyCritical) ?? false,
            HasFallback = !string.IsNullOrWhiteSpace(GetText(values, TargetKeys.Fallback)),
            Profile = profile,
            EvaluatedForQuality = Get<bool>(values, TargetKeys.EvaluatedForQuality) ?? false,
        };
        TargetTier tier = Get<TargetTier>(values, TargetKeys.Tier) ?? TargetTier.Edge;

        if (model is null && !string.IsNullOrWhiteSpace(modelId) && !IsHosted(description, tier))
        {
            AddUnlessUnknown(findings, unknown, ModelNotInCatalog(modelId!, description.Gpu, described));
        }

        foreach (Finding finding in DeploymentRules.Evaluate(description))
        {
            AddUnlessUnknown(findings, unknown, finding);
        }

        return new DeploymentReading(settings.Name, description, model, tier, findings);
    }

    /// <summary>
    /// INF2002 over a set of targets: the smallest context among the edge targets whose model the catalog knows, against
    /// the router's <paramref name="threshold"/>; blames <c>Router:EdgeTokenThreshold</c>.
    /// </summary>
    public static SettingFinding? EdgeThreshold(int threshold, IEnumerable<DeploymentReading> targets)
    {
        DeploymentReading? edge = null;
        foreach (DeploymentReading target in targets)
        {
            if (target.Tier == TargetTier.Edge && target.Model is not null && target.ServedContext < (edge?.ServedContext ?? int.MaxValue))
            {
                edge = target;
            }
        }

        return edge is not null && DeploymentRules.EdgeThreshold(threshold, edge.Name, edge.Model!, edge.ServedContext!.Value) is { } finding
            ? new SettingFinding(EdgeTokenThresholdKey, finding)
            : null;
    }

    /// <summary>Reads the <c>Profile</c> setting: a name, or INF1000.</summary>
    public static bool TryReadProfile(object? value, out DeploymentProfile? profile, out SettingFinding? problem)
    {
        profile = null;
        problem = null;
        SettingKey key = SettingKey.Choice<DeploymentProfile>(ProfileKey);
        if (key.TryRead(value, out object? result, out string? message))
        {
            profile = (DeploymentProfile?)result;
            return true;
        }

        problem = Invalid(ProfileKey, message!);
        return false;
    }

    /// <summary>An INF1000 finding on a key.</summary>
    public static SettingFinding Invalid(string key, string message)
        => new(key, new Finding(RuleIds.InvalidSetting, FindingSeverity.Error, message, Array.AsReadOnly(new[] { new KeyValuePair<string, string>("key", key) })));

    // A hosted API serves models by its own names: only a self-hosted target (a GPU, or an engine we run) is checked against the catalog.
    private static bool IsHosted(DeploymentDescription d, TargetTier tier)
        => d.Gpu is null && (d.Engine is null or EngineKind.OpenAICompatible || tier == TargetTier.HostedApi
            || d.Provider is ProviderKind.AzureOpenAI or ProviderKind.OpenAICompatible);

    // A warning: the host starts, unchecked; describing the model (Inference:Models) or a ContextLength brings the checks back.
    private static Finding ModelNotInCatalog(string id, GpuKind? gpu, IReadOnlyCollection<ModelSpec>? described)
    {
        IEnumerable<string> ids = (described ?? Array.Empty<ModelSpec>()).Concat(Models.All).Select(m => m.Id);
        string? nearest = Suggestions.Closest(id, ids);
        string hint = nearest is null ? string.Empty : " Did you mean '" + nearest + "'?";
        string unchecked_ = gpu is null ? "its context window and memory are not checked" : "its memory on the " + gpu + " is not checked";
        return new Finding(RuleIds.ModelNotInCatalog, FindingSeverity.Warning,
            "'" + id + "' is not in the model catalog, so " + unchecked_ + "." + hint + " Describe it under Inference:Models:" + id
                + " (TotalParametersBillions, ContextWindow, Layers, KvHeads, HeadDim) or set ContextLength.",
            Array.AsReadOnly(new[] { new KeyValuePair<string, string>("model", id) }));
    }

    private static void AddUnlessUnknown(List<SettingFinding> findings, HashSet<string> unknown, Finding finding)
    {
        if (!RuleKeys.Inputs(finding.RuleId).Any(unknown.Contains))
        {
            findings.Add(new SettingFinding(RuleKeys.Blamed(finding.RuleId), finding));
        }
    }

    private static T? Get<T>(Dictionary<string, object?> values, string key)
        where T : struct
        => values.TryGetValue(key, out object? value) && value is T typed ? typed : null;

    private static string? GetText(Dictionary<string, object?> values, string key)
        => values.TryGetValue(key, out object? value) ? value as string : null;
}
