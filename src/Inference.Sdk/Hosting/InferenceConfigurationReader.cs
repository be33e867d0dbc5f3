using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Requests;
using Inference.Sdk.Routing;
using Microsoft.Extensions.Configuration;


namespace Inference.Sdk.Hosting;

/// <summary>
/// Reads the <c>Inference</c> section the way a new user writes it, before the binder sees it: every unknown key,
/// misspelt name, price with a currency sign or malformed number becomes one INF1000 problem that names the
/// configuration path and the fix, instead of a binder exception from deep inside the options pipeline. Names, units
/// and ranges come from the Knowledge layer (<see cref="SettingVocabulary"/>, <see cref="SettingValues"/>, and
/// <see cref="TargetKeys"/> for targets), which the analyzer reads appsettings*.json with.
/// </summary>
internal static class InferenceConfigurationReader
{
    private static readonly ConcurrentDictionary<Type, Dictionary<string, PropertyInfo>> Properties = new();

    /// <summary>Binds <paramref name="section"/> into <paramref name="options"/>, skipping what cannot be bound, and returns the problems.</summary>
    public static IReadOnlyList<ConfigurationProblem> Bind(IConfiguration section, InferenceOptions options)
    {
        var problems = new List<ConfigurationProblem>();
        BindObject(section, options, PathOf(section, InferenceOptions.SectionName), problems);
        return problems;
    }

    private static void BindObject(IConfiguration section, object instance, string path, List<ConfigurationProblem> problems)
    {
        Dictionary<string, PropertyInfo> properties = PropertiesOf(instance.GetType());
        foreach (IConfigurationSection child in section.GetChildren())
        {
            string key = $"{path}:{child.Key}";
            if (instance is HybridRouterOptions && string.Equals(child.Key, nameof(HybridRouterOptions.Tenants), StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(Invalid(key, $"Tenants are not router settings: move this section to {path[..path.LastIndexOf(':')]}:Tenants."));
                continue;
            }

            if (!properties.TryGetValue(child.Key, out PropertyInfo? property))
            {
                problems.Add(Invalid(key, SettingValues.UnknownKey(child.Key, properties.Keys)));
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

                    BindTarget(item, target, $"{key}:{item.Key}", problems);
                }
            }
            else if (current is IDictionary<string, ModelSpec> models)
            {
                foreach (IConfigurationSection item in child.GetChildren())
                {
                    BindModel(item, models, $"{key}:{item.Key}", problems);
                }
            }
            else if (current is IDictionary<string, TenantLimits> tenants)
            {
                foreach (IConfigurationSection item in child.GetChildren())
                {
                    if (!tenants.TryGetValue(item.Key, out TenantLimits? tenant))
                    {
                        tenant = new TenantLimits();
                        tenants[item.Key] = tenant;
                    }

                    BindObject(item, tenant, $"{key}:{item.Key}", problems);
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
                    BindObject(item, budget, $"{key}:{item.Key}", problems);
                    budgets.Add(budget);
                }
            }
            else if (current is IList<PiiPattern> patterns)
            {
                patterns.Clear();
                foreach (IConfigurationSection item in child.GetChildren())
                {
                    var pattern = new PiiPattern();
                    BindObject(item, pattern, $"{key}:{item.Key}", problems);
                    patterns.Add(pattern);
                }
            }
            else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ISet<>) && property.CanWrite)
            {
                Type element = type.GetGenericArguments()[0];
                var set = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
                foreach (string value in Values(child))
                {
                    if (TryConvert(value, element, child.Key, out object? converted, out string? problem))
                    {
                        set.Add(converted);
                    }
                    else
                    {
                        problems.Add(Invalid(key, problem!));
                    }
                }

                property.SetValue(instance, element == typeof(string)
                    ? new HashSet<string>(set.Cast<string>(), StringComparer.OrdinalIgnoreCase)
                    : Activator.CreateInstance(typeof(HashSet<>).MakeGenericType(element), set));
            }
            else if (current is not null && type.IsClass && type != typeof(string))
            {
                BindObject(child, current, key, problems);
            }
            else if (property.CanWrite && !type.IsGenericType && ScalarOf(child, key, problems) is { } raw)
            {
                if (raw.Trim().Length == 0)
                {
                    if (property.PropertyType != type)
                    {
                        property.SetValue(instance, null);
                    }
                }
                else if (TryConvert(raw, type, child.Key, out object? converted, out string? problem))
                {
                    property.SetValue(instance, converted);
                }
                else
                {
                    problems.Add(Invalid(key, problem!));
                }
            }
        }
    }

    // A target is read key by key with the Knowledge vocabulary: the one the analyzer reads appsettings targets with.
    private static void BindTarget(IConfigurationSection section, InferenceTargetOptions target, string path, List<ConfigurationProblem> problems)
    {
        Dictionary<string, PropertyInfo> properties = PropertiesOf(typeof(InferenceTargetOptions));
        foreach (IConfigurationSection child in section.GetChildren())
        {
            if (TargetKeys.Find(child.Key) is not { } setting)
            {
                problems.Add(Invalid($"{path}:{child.Key}", SettingValues.UnknownKey(child.Key, TargetKeys.Names)));
                continue;
            }

            string key = $"{path}:{setting.Name}";
            PropertyInfo property = properties[setting.Name];
            if (setting.Kind == SettingKind.List)
            {
                property.SetValue(target, Values(child).ToList());
                continue;
            }

            object? written = setting.Kind == SettingKind.Names ? Values(child).ToArray()
                : child.Value is { } raw ? raw : child.GetChildren().Any() ? SettingSection.Instance : null;
            if (!setting.TryRead(written, out object? value, out string? problem))
            {
                problems.Add(Invalid(key, problem!));
            }
            else if (value is not null || Nullable.GetUnderlyingType(property.PropertyType) is not null || !property.PropertyType.IsValueType)
            {
                property.SetValue(target, value); // blank or null unsets a nullable key; a value type keeps its default
            }
        }
    }

    // A described model is read key by key with the Knowledge vocabulary the analyzer reads Inference:Models with.
    private static void BindModel(IConfigurationSection section, IDictionary<string, ModelSpec> models, string path, List<ConfigurationProblem> problems)
    {
        var written = new TargetSettings(section.Key);
        foreach (IConfigurationSection child in section.GetChildren())
        {
            written.Set(child.Key, ModelKeys.Find(child.Key)?.Kind == SettingKind.List
                ? Values(child).ToArray()
                : child.Value is { } raw ? raw : child.GetChildren().Any() ? SettingSection.Instance : null);
        }

        IReadOnlyList<SettingFinding> findings = ModelSettings.Read(section.Key, written, out ModelSpec? model);
        foreach (SettingFinding finding in findings)
        {
            problems.Add(Invalid($"{path}:{finding.Key}", finding.Message));
        }

        if (model is not null)
        {
            models[section.Key] = model;
        }
    }

    private static IEnumerable<string> Values(IConfigurationSection section)
        => (section.Value is { } single
            ? single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value))
            .Where(v => !string.IsNullOrWhiteSpace(v))!;

    // The single value of a key; a section where one value belongs is a problem, a key with neither (JSON null) is unset.
    private static string? ScalarOf(IConfigurationSection child, string key, List<ConfigurationProblem> problems)
    {
        if (child.Value is { } raw)
        {
            return raw;
        }

        if (child.GetChildren().Any())
        {
            problems.Add(Invalid(key, SettingValues.NotSingleValue(child.Key)));
        }

        return null;
    }

    private static bool TryConvert(string raw, Type type, string name, out object? value, out string? problem)
    {
        value = null;
        problem = null;
        bool ok;
        if (type == typeof(string))
        {
            value = raw;
            return true;
        }

        if (type.IsEnum)
        {
            SettingVocabulary vocabulary = SettingVocabulary.For(type);
            ok = vocabulary.TryParse(raw, out value);
            problem = ok ? null : vocabulary.Problem(name, raw);
            return ok;
        }

        if (type == typeof(decimal))
        {
            ok = SettingValues.TryParseUsd(name, raw, out decimal usd, out problem);
            value = usd;
            return ok;
        }

        if (type == typeof(double))
        {
            ok = SettingValues.TryParseNumber(name, raw, out double number, out problem) && SettingValues.CheckNotNegative(name, number, out problem);
            value = number;
            return ok;
        }

        if (type == typeof(int))
        {
            ok = SettingValues.TryParseCount(name, raw, 0, int.MaxValue, "4096", out int count, out problem);
            value = count;
            return ok;
        }

        if (type == typeof(bool))
        {
            ok = SettingValues.TryParseFlag(name, raw, out bool flag, out problem);
            value = flag;
            return ok;
        }

        if (type == typeof(TimeSpan))
        {
            ok = SettingValues.TryParseDuration(name, raw, out TimeSpan span, out problem);
            value = span;
            return ok;
        }

        problem = $"{name} has a type this package cannot read ({type.Name}).";
        return false;
    }

    private static ConfigurationProblem Invalid(string path, string message) => new(path, FindingSeverity.Error, message, RuleIds.InvalidSetting);

    private static string PathOf(IConfiguration section, string fallback) => section is IConfigurationSection s && s.Path.Length > 0 ? s.Path : fallback;

    private static Dictionary<string, PropertyInfo> PropertiesOf(Type type)
        => Properties.GetOrAdd(type, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase));
}
