using System;
using System.Collections.Generic;
using System.Globalization;
using Inference.Sdk.Knowledge;
using Microsoft.CodeAnalysis;

namespace Inference.Sdk.Analyzers;

/// <summary>
/// The values of one <c>InferenceTargetOptions</c> known at compile time, read from a C# initializer, a
/// registration lambda or an appsettings target, with where each was written. A property assigned a value
/// that is not a constant is <em>unknown</em>: rules that read it are skipped, never guessed.
/// </summary>
internal sealed class TargetSettings
{
    private readonly Dictionary<string, Location> _locations = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _unknown = new(StringComparer.OrdinalIgnoreCase);

    public TargetSettings(string? name, Location location)
    {
        Name = name;
        Location = location;
    }

    /// <summary>Gets the target's name when known (appsettings), else <see langword="null"/>.</summary>
    public string? Name { get; }

    /// <summary>Gets where the target as a whole is written (the <c>new</c> expression, the lambda, or the JSON key).</summary>
    public Location Location { get; }

    public ProviderKind? Provider { get; private set; }

    public EngineKind? Engine { get; private set; }

    public string? Model { get; private set; }

    public GpuKind? Gpu { get; private set; }

    public int? GpuCount { get; private set; }

    public Quantization? Quantization { get; private set; }

    public KvCacheDType? KvCacheDType { get; private set; }

    public int? ContextLength { get; private set; }

    public int? MaxOutputTokens { get; private set; }

    public CapacityType? Capacity { get; private set; }

    public bool? LatencyCritical { get; private set; }

    public string? Fallback { get; private set; }

    public TargetTier? Tier { get; private set; }

    /// <summary>Gets whether any of the properties was assigned a value only known at run time.</summary>
    public bool IsUnknown(string property) => _unknown.Contains(property);

    /// <summary>Gets where a property's value is written, if it is.</summary>
    public Location? LocationOf(string property) => _locations.TryGetValue(property, out var location) ? location : null;

    /// <summary>Records a property whose value is not a compile-time constant.</summary>
    public void SetUnknown(string property) => _unknown.Add(property);

    /// <summary>
    /// Records a constant: enum members come as names or numbers, numbers as <see cref="int"/> or strings (JSON),
    /// booleans as <see cref="bool"/> or strings. A value that does not convert is unknown (the binder rejects it at
    /// run time; the analyzer stays quiet).
    /// </summary>
    public void Set(string property, object? value, Location location)
    {
        _locations[property] = location;
        var ok = property.ToUpperInvariant() switch
        {
            "PROVIDER" => TrySetEnum<ProviderKind>(value, v => Provider = v),
            "ENGINE" => TrySetEnum<EngineKind>(value, v => Engine = v),
            "MODEL" => TrySetString(value, v => Model = v),
            "GPU" => TrySetEnum<GpuKind>(value, v => Gpu = v),
            "GPUCOUNT" => TrySetInt(value, v => GpuCount = v) && GpuCount is null or >= 1,
            "QUANTIZATION" => TrySetEnum<Quantization>(value, v => Quantization = v),
            "KVCACHEDTYPE" => TrySetEnum<KvCacheDType>(value, v => KvCacheDType = v),
            "CONTEXTLENGTH" => TrySetInt(value, v => ContextLength = v) && ContextLength is null or > 0,
            "MAXOUTPUTTOKENS" => TrySetInt(value, v => MaxOutputTokens = v) && MaxOutputTokens is null or > 0,
            "CAPACITY" => TrySetEnum<CapacityType>(value, v => Capacity = v),
            "LATENCYCRITICAL" => TrySetBool(value, v => LatencyCritical = v),
            "FALLBACK" => TrySetString(value, v => Fallback = v),
            "TIER" => TrySetEnum<TargetTier>(value, v => Tier = v),
            _ => true,
        };

        // A value the runtime rejects (a count below 1) is left to the options validation: the rules reading it are skipped.
        if (!ok)
        {
            _unknown.Add(property);
        }
    }

    private static bool TrySetEnum<T>(object? value, Action<T?> set)
        where T : struct, Enum
    {
        switch (value)
        {
            case null:
                set(null);
                return true;
            case string name when !IsNumber(name) && Enum.TryParse<T>(name.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(typeof(T), parsed):
                set(parsed);
                return true;
            case string number when int.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && Enum.IsDefined(typeof(T), n):
                set((T)Enum.ToObject(typeof(T), n));
                return true;
            case int n when Enum.IsDefined(typeof(T), n):
                set((T)Enum.ToObject(typeof(T), n));
                return true;
            default:
                return false;
        }
    }

    private static bool TrySetInt(object? value, Action<int?> set)
    {
        switch (value)
        {
            case null:
                set(null);
                return true;
            case int n:
                set(n);
                return true;
            case string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n):
                set(n);
                return true;
            default:
                return false;
        }
    }

    private static bool TrySetBool(object? value, Action<bool?> set)
    {
        switch (value)
        {
            case bool b:
                set(b);
                return true;
            case string s when bool.TryParse(s, out var b):
                set(b);
                return true;
            default:
                return false;
        }
    }

    private static bool TrySetString(object? value, Action<string?> set)
    {
        switch (value)
        {
            case null:
                set(null);
                return true;
            case string s:
                set(s);
                return true;
            default:
                return false;
        }
    }

    private static bool IsNumber(string s) => s.Length > 0 && (char.IsDigit(s[0]) || s[0] == '-');
}
