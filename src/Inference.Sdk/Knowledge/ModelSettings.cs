using System;
using System.Collections.Generic;
using System.Linq;

namespace Inference.Sdk.Knowledge;

/// <summary>
/// Reads a model described in configuration (<c>Inference:Models:{id}</c>, the keys of <see cref="ModelKeys"/>) into a
/// <see cref="ModelSpec"/>, or into INF1000 findings that each name the key and the fix: an unknown or misspelt key, a value
/// of the wrong kind, a missing <c>TotalParametersBillions</c> or <c>ContextWindow</c>, numbers that do not add up
/// (<see cref="ModelSpec.Check"/>). The analyzer (appsettings*.json) and the start-up binding both call it.
/// </summary>
internal static class ModelSettings
{
    /// <summary>Reads one described model.</summary>
    /// <param name="id">The model id: the configuration key under <c>Models</c>, which a target's <c>Model</c> names.</param>
    /// <param name="settings">The keys as written; a list (<c>Aliases</c>) as a list of strings.</param>
    /// <param name="model">The model, when the description is whole.</param>
    /// <returns>The findings, each on the key it blames (relative to the model); empty when <paramref name="model"/> is set.</returns>
    public static IReadOnlyList<SettingFinding> Read(string id, TargetSettings settings, out ModelSpec? model)
    {
        _ = Guard.NotNull(settings, nameof(settings));
        model = null;
        var findings = new List<SettingFinding>();
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, object?> written in settings.Values)
        {
            if (ModelKeys.Find(written.Key) is not { } key)
            {
                findings.Add(DeploymentSettings.Invalid(written.Key, SettingValues.UnknownKey(written.Key, ModelKeys.Names)));
            }
            else if (key.TryRead(written.Value, out object? value, out string? problem))
            {
                values[key.Name] = value;
            }
            else
            {
                findings.Add(DeploymentSettings.Invalid(key.Name, problem!));
            }
        }

        foreach (string required in ModelKeys.Required)
        {
            if (!values.TryGetValue(required, out object? value) || value is null)
            {
                if (!findings.Any(f => string.Equals(f.Key, required, StringComparison.OrdinalIgnoreCase)))
                {
                    findings.Add(DeploymentSettings.Invalid(required, required + " is missing: " + Missing(required)));
                }
            }
        }

        if (findings.Count > 0 || string.IsNullOrWhiteSpace(id))
        {
            return findings;
        }

        double total = (double)values[ModelKeys.TotalParametersBillions]!;
        var spec = new ModelSpec(
            id.Trim(),
            Text(values, ModelKeys.DisplayName) ?? id.Trim(),
            Get<ModelFamily>(values, ModelKeys.Family) ?? ModelFamily.Generic,
            total,
            values.TryGetValue(ModelKeys.ActiveParametersBillions, out object? active) && active is double a ? a : total,
            (int)values[ModelKeys.ContextWindow]!,
            Get<int>(values, ModelKeys.Layers),
            Get<int>(values, ModelKeys.KvHeads),
            Get<int>(values, ModelKeys.HeadDim),
            Text(values, ModelKeys.Source) ?? "described in configuration (Inference:Models:" + id.Trim() + ")")
        {
            Attention = Get<AttentionKind>(values, ModelKeys.Attention) ?? AttentionKind.GroupedQuery,
            AttentionLayers = Get<int>(values, ModelKeys.AttentionLayers),
            SlidingWindowLayers = Get<int>(values, ModelKeys.SlidingWindowLayers) ?? 0,
            SlidingWindow = Get<int>(values, ModelKeys.SlidingWindow),
            KvLoraRank = Get<int>(values, ModelKeys.KvLoraRank),
            RopeHeadDim = Get<int>(values, ModelKeys.RopeHeadDim),
            RecurrentKind = Get<RecurrentLayerKind>(values, ModelKeys.RecurrentKind) ?? RecurrentLayerKind.None,
            RecurrentLayers = Get<int>(values, ModelKeys.RecurrentLayers) ?? 0,
            RecurrentHeads = Get<int>(values, ModelKeys.RecurrentHeads),
            RecurrentKeyDim = Get<int>(values, ModelKeys.RecurrentKeyDim),
            RecurrentValueDim = Get<int>(values, ModelKeys.RecurrentValueDim),
            NativeQuantization = Get<Quantization>(values, ModelKeys.NativeQuantization) ?? Quantization.BF16,
            SupportsTools = Get<bool>(values, ModelKeys.SupportsTools) ?? false,
            SupportsVision = Get<bool>(values, ModelKeys.SupportsVision) ?? false,
            Aliases = values.TryGetValue(ModelKeys.Aliases, out object? aliases) && aliases is IEnumerable<string> names
                ? Array.AsReadOnly(names.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).ToArray())
                : Array.Empty<string>(),
        };

        foreach (string problem in spec.Check())
        {
            // Each problem starts with the property it is about, which is also the key to change.
            string key = problem.Split(' ')[0];
            findings.Add(DeploymentSettings.Invalid(ModelKeys.Find(key)?.Name ?? ModelKeys.Layers, problem));
        }

        model = findings.Count == 0 ? spec : null;
        return findings;
    }

    private static string Missing(string key) => key == ModelKeys.ContextWindow
        ? "the longest context the model supports, in tokens (max_position_embeddings in its config.json), e.g. 131072."
        : "all parameters in billions (what must sit in memory), e.g. 32 for a 32B model.";

    private static T? Get<T>(Dictionary<string, object?> values, string key)
        where T : struct
        => values.TryGetValue(key, out object? value) && value is T typed ? typed : null;

    private static string? Text(Dictionary<string, object?> values, string key)
        => values.TryGetValue(key, out object? value) && value is string text && text.Trim().Length > 0 ? text.Trim() : null;
}
