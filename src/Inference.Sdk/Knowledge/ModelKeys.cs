using System;
using System.Collections.Generic;
using System.Linq;

namespace Inference.Sdk.Knowledge;

/// <summary>
/// The keys of a model described in configuration (<c>Inference:Models:{id}:{key}</c>): the properties of a catalog entry
/// (<see cref="ModelSpec"/>), each with what its value is written as and its range. The one vocabulary the analyzer and the
/// start-up validation read a described model with (<see cref="ModelSettings"/>).
/// </summary>
internal static class ModelKeys
{
    public const string DisplayName = nameof(ModelSpec.DisplayName);
    public const string Family = nameof(ModelSpec.Family);
    public const string TotalParametersBillions = nameof(ModelSpec.TotalParametersBillions);
    public const string ActiveParametersBillions = nameof(ModelSpec.ActiveParametersBillions);
    public const string ContextWindow = nameof(ModelSpec.ContextWindow);
    public const string Layers = nameof(ModelSpec.Layers);
    public const string KvHeads = nameof(ModelSpec.KvHeads);
    public const string HeadDim = nameof(ModelSpec.HeadDim);
    public const string Source = nameof(ModelSpec.Source);
    public const string Attention = nameof(ModelSpec.Attention);
    public const string AttentionLayers = nameof(ModelSpec.AttentionLayers);
    public const string SlidingWindowLayers = nameof(ModelSpec.SlidingWindowLayers);
    public const string SlidingWindow = nameof(ModelSpec.SlidingWindow);
    public const string KvLoraRank = nameof(ModelSpec.KvLoraRank);
    public const string RopeHeadDim = nameof(ModelSpec.RopeHeadDim);
    public const string RecurrentKind = nameof(ModelSpec.RecurrentKind);
    public const string RecurrentLayers = nameof(ModelSpec.RecurrentLayers);
    public const string RecurrentHeads = nameof(ModelSpec.RecurrentHeads);
    public const string RecurrentKeyDim = nameof(ModelSpec.RecurrentKeyDim);
    public const string RecurrentValueDim = nameof(ModelSpec.RecurrentValueDim);
    public const string NativeQuantization = nameof(ModelSpec.NativeQuantization);
    public const string SupportsTools = nameof(ModelSpec.SupportsTools);
    public const string SupportsVision = nameof(ModelSpec.SupportsVision);
    public const string Aliases = nameof(ModelSpec.Aliases);

    private static readonly SettingKey[] Keys =
    [
        SettingKey.Text(DisplayName),
        SettingKey.Choice<ModelFamily>(Family),
        SettingKey.Number(TotalParametersBillions, "32", "billion parameters"),
        SettingKey.Number(ActiveParametersBillions, "3", "billion parameters"),
        SettingKey.Count(ContextWindow, 1, "131072"),
        SettingKey.Count(Layers, 1, "64"),
        SettingKey.Count(KvHeads, 1, "8"),
        SettingKey.Count(HeadDim, 1, "128"),
        SettingKey.Text(Source),
        SettingKey.Choice<AttentionKind>(Attention),
        SettingKey.Count(AttentionLayers, 1, "16"),
        SettingKey.Count(SlidingWindowLayers, 0, "40"),
        SettingKey.Count(SlidingWindow, 1, "4096"),
        SettingKey.Count(KvLoraRank, 1, "512"),
        SettingKey.Count(RopeHeadDim, 0, "64"),
        SettingKey.Choice<RecurrentLayerKind>(RecurrentKind),
        SettingKey.Count(RecurrentLayers, 0, "48"),
        SettingKey.Count(RecurrentHeads, 1, "32"),
        SettingKey.Count(RecurrentKeyDim, 1, "128"),
        SettingKey.Count(RecurrentValueDim, 1, "128"),
        SettingKey.Choice<Quantization>(NativeQuantization),
        SettingKey.Flag(SupportsTools),
        SettingKey.Flag(SupportsVision),
        SettingKey.List(Aliases),
    ];

    private static readonly Dictionary<string, SettingKey> ByName = Keys.ToDictionary(k => k.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the keys a described model needs: without them it cannot be checked at all.</summary>
    public static IReadOnlyList<string> Required { get; } = Array.AsReadOnly(new[] { TotalParametersBillions, ContextWindow });

    /// <summary>Gets every key, in the order <see cref="ModelSpec"/> declares them.</summary>
    public static IReadOnlyList<SettingKey> All { get; } = Array.AsReadOnly(Keys);

    /// <summary>Gets the key names.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly(Keys.Select(k => k.Name).ToArray());

    /// <summary>Finds a key, ignoring case as configuration does; <see langword="null"/> for a key no model has.</summary>
    public static SettingKey? Find(string name) => ByName.TryGetValue(name, out SettingKey? key) ? key : null;
}
