using System;
using System.Collections.Concurrent;
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
    private static readonly ConcurrentDictionary<Type, Dictionary<string, PropertyInfo>> Properties = new();

    /// <summary>Binds <paramref name="section"/> into <paramref name="options"/>, skipping what cannot be bound, and returns the problems.</summary>
    public static IReadOnlyList<string> Bind(IConfiguration section, InferenceOptions options)
    {
        var errors = new List<string>();
        BindObject(section, options, PathOf(section, InferenceOptions.SectionName), errors);
        return errors;
    }

    private static void BindObject(IConfiguration section, object instance, string path, List<string> errors)
    {
        Dictionary<string, PropertyInfo> properties = PropertiesOf(instance.GetType());
        foreach (IConfigurationSection child in section.GetChildren())
        {
            string key = $"{path}:{child.Key}";
            if (!properties.TryGetValue(child.Key, out PropertyInfo? property))
            {
                errors.Add(UnknownKey(key, child.Key, properties.Keys));
                continue;
            }

            Type type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            object? current = property.GetValue(instance);
            if (current is IDictionary<string, InferenceTargetOptions> targets)
            {
                foreach (IConfigurationSection item in child.GetChildren())
                {
                    if (!targets.TryGetValue(item.Key, out InferenceTargetOptions? target))
                    {
                        target = new InferenceTargetOptions();
                        targets[item.Key] = target;
                    }

                    BindObject(item, target, $"{key}:{item.Key}", errors);
                }
            }
            else if (current is IList<string> strings)
            {
                strings.Clear();
                foreach (string value in Values(child))
                {
                    strings.Add(value);
                }
            }
            else if (current is IList<InferenceBudgetOptions> budgets)
            {
                budgets.Clear();
                foreach (IConfigurationSection item in child.GetChildren())
                {
                    var budget = new InferenceBudgetOptions();
                    BindObject(item, budget, $"{key}:{item.Key}", errors);
                    budgets.Add(budget);
                }
            }
            else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ISet<>) && property.CanWrite)
            {
                Type element = type.GetGenericArguments()[0];
                var set = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
                foreach (string value in Values(child))
                {
                    if (TryConvert(value, element, key, out object? converted, out string? error))
                    {
                        set.Add(converted);
                    }
                    else
                    {
                        errors.Add(error!);
                    }
                }

                property.SetValue(instance, element == typeof(string)
                    ? new HashSet<string>(set.Cast<string>(), StringComparer.OrdinalIgnoreCase)
                    : Activator.CreateInstance(typeof(HashSet<>).MakeGenericType(element), set));
            }
            else if (current is not null && type.IsClass && type != typeof(string))
            {
                BindObject(child, current, key, errors);
            }
            else if (property.CanWrite && !type.IsGenericType)
            {
                BindScalar(child, instance, property, type, key, errors);
            }
        }
    }

    private static IEnumerable<string> Values(IConfigurationSection section)
        => (section.Value is { } single
            ? single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value))
            .Where(v => !string.IsNullOrWhiteSpace(v))!;

    private static void BindScalar(IConfigurationSection child, object instance, PropertyInfo property, Type type, string key, List<string> errors)
    {
        string? raw = child.Value;
        if (raw is null)
        {
            errors.Add($"{key} must be a single value, not a section.");
            return;
        }

        if (string.IsNullOrWhiteSpace(raw) && property.PropertyType != type)
        {
            property.SetValue(instance, null);
            return;
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
        "PiiPolicy" => "PII policy",
        "CostWindow" => "cost window",
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

        if (best is not null && bestDistance <= Math.Max(2, best.Length / 3))
        {
            return best;
        }

        return value.Length >= 3 ? candidates.FirstOrDefault(c => c.StartsWith(value, StringComparison.OrdinalIgnoreCase)) : null;
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
        => Properties.GetOrAdd(type, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase));
}
