using System;
using System.Collections.Generic;
using System.Linq;

namespace Inference.Sdk.Knowledge;

/// <summary>
/// The keys of one target (<c>Inference:Targets:{name}:{key}</c>, the properties of <c>InferenceTargetOptions</c>), each with
/// what its value is written as and its range: the one vocabulary the analyzer and the start-up validation read a target with.
/// </summary>
internal static class TargetKeys
{
    public const string Provider = nameof(Provider);
    public const string Engine = nameof(Engine);
    public const string Endpoint = nameof(Endpoint);
    public const string Endpoints = nameof(Endpoints);
    public const string Service = nameof(Service);
    public const string Model = nameof(Model);
    public const string ApiVersion = nameof(ApiVersion);
    public const string ApiKey = nameof(ApiKey);
    public const string Tier = nameof(Tier);
    public const string Gpu = nameof(Gpu);
    public const string GpuCount = nameof(GpuCount);
    public const string Quantization = nameof(Quantization);
    public const string KvCacheDType = nameof(KvCacheDType);
    public const string ContextLength = nameof(ContextLength);
    public const string MaxOutputTokens = nameof(MaxOutputTokens);
    public const string Capacity = nameof(Capacity);
    public const string LatencyCritical = nameof(LatencyCritical);
    public const string Fallback = nameof(Fallback);
    public const string Tags = nameof(Tags);
    public const string Capabilities = nameof(Capabilities);
    public const string InputUsdPerMillionTokens = nameof(InputUsdPerMillionTokens);
    public const string OutputUsdPerMillionTokens = nameof(OutputUsdPerMillionTokens);
    public const string CachedInputUsdPerMillionTokens = nameof(CachedInputUsdPerMillionTokens);
    public const string UsdPerGpuHour = nameof(UsdPerGpuHour);
    public const string UsdPerServerlessSecond = nameof(UsdPerServerlessSecond);
    public const string MaxConcurrency = nameof(MaxConcurrency);
    public const string RequestsPerMinute = nameof(RequestsPerMinute);
    public const string TokensPerMinute = nameof(TokensPerMinute);
    public const string TimeToFirstTokenGoal = nameof(TimeToFirstTokenGoal);
    public const string RequestTimeout = nameof(RequestTimeout);
    public const string MaxRetries = nameof(MaxRetries);
    public const string EvaluatedForQuality = nameof(EvaluatedForQuality);
    public const string ExpectedPromptTokens = nameof(ExpectedPromptTokens);
    public const string ProviderResourceId = nameof(ProviderResourceId);
    public const string ProviderApiKey = nameof(ProviderApiKey);
    public const string ProviderBaseAddress = nameof(ProviderBaseAddress);
    public const string TokensPerSecond = nameof(TokensPerSecond);
    public const string AllowInsecureHttp = nameof(AllowInsecureHttp);
    public const string PrefixCacheBlocks = nameof(PrefixCacheBlocks);
    public const string AffinityInFlightSlack = nameof(AffinityInFlightSlack);

    private static readonly SettingKey[] Keys =
    [
        SettingKey.Choice<ProviderKind>(Provider),
        SettingKey.Choice<EngineKind>(Engine),
        SettingKey.Text(Endpoint),
        SettingKey.List(Endpoints),
        SettingKey.Text(Service),
        SettingKey.Text(Model),
        SettingKey.Text(ApiVersion),
        SettingKey.Text(ApiKey),
        SettingKey.Choice<TargetTier>(Tier),
        SettingKey.Choice<GpuKind>(Gpu),
        SettingKey.Count(GpuCount, 1, "2"),
        SettingKey.Choice<Knowledge.Quantization>(Quantization),
        SettingKey.Choice<Knowledge.KvCacheDType>(KvCacheDType),
        SettingKey.Count(ContextLength, 1, "8192"),
        SettingKey.Count(MaxOutputTokens, 1, "4096"),
        SettingKey.Choice<CapacityType>(Capacity),
        SettingKey.Flag(LatencyCritical),
        SettingKey.Text(Fallback),
        SettingKey.List(Tags),
        SettingKey.Names<ModelCapabilities>(Capabilities),
        SettingKey.Usd(InputUsdPerMillionTokens),
        SettingKey.Usd(OutputUsdPerMillionTokens),
        SettingKey.Usd(CachedInputUsdPerMillionTokens),
        SettingKey.Usd(UsdPerGpuHour),
        SettingKey.Usd(UsdPerServerlessSecond),
        SettingKey.Count(MaxConcurrency, 1, "64"),
        SettingKey.Count(RequestsPerMinute, 1, "600"),
        SettingKey.Count(TokensPerMinute, 1, "200000"),
        SettingKey.Duration(TimeToFirstTokenGoal, "00:00:00.500"),
        SettingKey.Duration(RequestTimeout, "00:01:40"),
        SettingKey.Count(MaxRetries, 0, "2", maximum: 10),
        SettingKey.Flag(EvaluatedForQuality),
        SettingKey.Count(ExpectedPromptTokens, 0, "1024"),
        SettingKey.Text(ProviderResourceId),
        SettingKey.Text(ProviderApiKey),
        SettingKey.Text(ProviderBaseAddress),
        SettingKey.Number(TokensPerSecond, "600", "tokens per second"),
        SettingKey.Flag(AllowInsecureHttp),
        SettingKey.Count(PrefixCacheBlocks, 1, "16384", maximum: 1 << 24),
        SettingKey.Count(AffinityInFlightSlack, 0, "2", maximum: 1024),
    ];

    private static readonly Dictionary<string, SettingKey> ByName = Keys.ToDictionary(k => k.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets every key, in the order <c>InferenceTargetOptions</c> declares them.</summary>
    public static IReadOnlyList<SettingKey> All { get; } = Array.AsReadOnly(Keys);

    /// <summary>Gets the key names.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly(Keys.Select(k => k.Name).ToArray());

    /// <summary>Finds a key, ignoring case as configuration does; <see langword="null"/> for a key no target has.</summary>
    public static SettingKey? Find(string name) => ByName.TryGetValue(name, out SettingKey? key) ? key : null;
}
