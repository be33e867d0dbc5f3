using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using Inference.Sdk.Knowledge;
using Microsoft.Extensions.Configuration;

namespace Inference.Sdk.Hosting;

/// <summary>
/// Reads the <c>Inference</c> configuration section the way a new user writes it, before the binder sees it: every
/// unknown key, misspelt enum value, price with a currency sign or malformed number becomes one message that names the
/// configuration path and the fix, instead of a binder exception from deep inside the options pipeline.
/// </summary>
internal static class InferenceConfigurationReader
{
    private static readonly Dictionary<string, PropertyInfo> RootProperties = PropertiesOf(typeof(InferenceOptions));
    private static readonly Dictionary<string, PropertyInfo> TargetProperties = PropertiesOf(typeof(InferenceTargetOptions));

    /// <summary>Binds <paramref name="section"/> into <paramref name="options"/>, skipping what cannot be bound, and returns the problems.</summary>
    public static IReadOnlyList<string> Bind(IConfiguration section, InferenceOptions options)
    {
        var errors = new List<string>();
        string root = PathOf(section, InferenceOptions.SectionName);
        foreach (IConfigurationSection child in section.GetChildren())
        {
            if (string.Equals(child.Key, nameof(InferenceOptions.Targets), StringComparison.OrdinalIgnoreCase))
            {
                foreach (IConfigurationSection target in child.GetChildren())
                {
                    InferenceTargetOptions bound = options.Targets.TryGetValue(target.Key, out InferenceTargetOptions? existing) ? existing : new InferenceTargetOptions();
                    BindObject(target, bound, TargetProperties, $"{root}:Targets:{target.Key}", errors);
                    options.Targets[target.Key] = bound;
                }
            }
            else if (!RootProperties.ContainsKey(child.Key))
            {
                errors.Add(UnknownKey($"{root}:{child.Key}", child.Key, RootProperties.Keys.Append(nameof(InferenceOptions.Targets))));
            }
        }

        BindObject(section, options, RootProperties, root, errors, skipUnknown: true);
        return errors;
    }

    private static void BindObject(IConfiguration section, object instance, Dictionary<string, PropertyInfo> properties, string path, List<string> errors, bool skipUnknown = false)
    {
        foreach (IConfigurationSection child in section.GetChildren())
        {
            string key = $"{path}:{child.Key}";
            if (!properties.TryGetValue(child.Key, out PropertyInfo? property))
            {
                if (!skipUnknown)
                {
                    errors.Add(UnknownKey(key, child.Key, properties.Keys));
                }

                continue;
            }

            Type type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type == typeof(IList<string>))
            {
                var list = (IList<string>)property.GetValue(instance)!;
                list.Clear();
                IEnumerable<string?> values = child.Value is { } single
                    ? single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    : child.GetChildren().Select(c => c.Value);
                foreach (string? value in values)
                {
                    if (!string.IsNullOrWhiteSpace(value))
                    {
                        list.Add(value);
                    }
                }

                continue;
            }

            if (!property.CanWrite || type.IsGenericType)
            {
                continue;
            }

            string? raw = child.Value;
            if (raw is null)
            {
                errors.Add($"{key} must be a single value, not a section.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(raw) && property.PropertyType != type)
            {
                property.SetValue(instance, null);
                continue;
            }

            if (TryConvert(raw, type, key, out object? converted, out string? error))
            {
                property.SetValue(instance, converted);
            }
            else
            {
                errors.Add(error!);
            }
        }
    }

    private static bool TryConvert(string raw, Type type, string key, out object? value, out string? error)
    {
        string text = raw.Trim();
        value = null;
        error = null;
        if (type == typeof(string))
        {
            value = raw;
            return true;
        }

        if (type.IsEnum)
        {
            if (type == typeof(GpuKind) && Gpus.TryParse(text, out GpuKind gpu))
            {
                value = gpu;
                return true;
            }

            string normalized = text.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
            if (!char.IsAsciiDigit(normalized.FirstOrDefault()) && Enum.TryParse(type, normalized, ignoreCase: true, out object? parsed) && Enum.IsDefined(type, parsed!))
            {
                value = parsed;
                return true;
            }

            string[] names = Enum.GetNames(type);
            string? suggestion = Closest(text, names);
            error = $"{key} is '{raw}', which is not a {Describe(type)}. "
                + (suggestion is null ? string.Empty : $"Did you mean '{suggestion}'? ")
                + $"Use one of: {string.Join(", ", names)}.";
            return false;
        }

        if (type == typeof(decimal) || type == typeof(double))
        {
            bool currency = text.IndexOfAny(['$', '€', '£']) >= 0 || text.Contains("USD", StringComparison.OrdinalIgnoreCase);
            string stripped = text.Trim('$', '€', '£', ' ').Replace("USD", string.Empty, StringComparison.OrdinalIgnoreCase).Trim();
            if (!currency && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal number))
            {
                if (number < 0)
                {
                    error = $"{key} is {raw}; it must not be negative.";
                    return false;
                }

                value = type == typeof(decimal) ? number : (double)number;
                return true;
            }

            error = currency && decimal.TryParse(stripped, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal plain)
                ? $"{key} is '{raw}': write the price as a plain number in US dollars, without a currency sign: {plain.ToString(CultureInfo.InvariantCulture)}."
                : $"{key} is '{raw}', which is not a number. Write a plain number with a '.' decimal point, e.g. 2.69.";
            return false;
        }

        if (type == typeof(int))
        {
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) && number >= 0)
            {
                value = number;
                return true;
            }

            error = $"{key} is '{raw}', which is not a whole number of zero or more. Write digits only, e.g. 4096.";
            return false;
        }

        if (type == typeof(bool))
        {
            if (bool.TryParse(text, out bool flag))
            {
                value = flag;
                return true;
            }

            error = $"{key} is '{raw}'; write true or false.";
            return false;
        }

        if (type == typeof(TimeSpan))
        {
            if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan span) && span > TimeSpan.Zero)
            {
                value = span;
                return true;
            }

            error = $"{key} is '{raw}', which is not a positive duration. Write hh:mm:ss, e.g. 00:00:05 for five seconds.";
            return false;
        }

        error = $"{key} has a type this package cannot read ({type.Name}).";
        return false;
    }

    private static string UnknownKey(string path, string key, IEnumerable<string> known)
    {
        string[] names = known.ToArray();
        string? suggestion = Closest(key, names);
        return $"{path} is not a setting this package knows. "
            + (suggestion is null ? $"Known settings here: {string.Join(", ", names)}." : $"Did you mean '{suggestion}'?");
    }

    private static string Describe(Type type) => type.Name switch
    {
        nameof(ProviderKind) => "provider",
        nameof(EngineKind) => "engine",
        nameof(GpuKind) => "GPU",
        nameof(TargetTier) => "target tier",
        nameof(CapacityType) => "capacity type",
        nameof(KvCacheDType) => "KV-cache data type",
        nameof(DeploymentProfile) => "deployment profile",
        _ => type.Name,
    };

    /// <summary>The candidate nearest to <paramref name="value"/> by edit distance, when it is close enough to be a typo.</summary>
    internal static string? Closest(string value, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            int distance = Distance(value.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best is not null && bestDistance <= Math.Max(2, best.Length / 3) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        int[] previous = new int[b.Length + 1], current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static string PathOf(IConfiguration section, string fallback) => section is IConfigurationSection s && s.Path.Length > 0 ? s.Path : fallback;

    private static Dictionary<string, PropertyInfo> PropertiesOf(Type type)
        => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != nameof(InferenceOptions.Targets))
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
}
