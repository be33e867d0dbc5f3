using System;
using System.Collections.Generic;

namespace Inference.Sdk.Knowledge;

/// <summary>
/// A string-keyed view of one target's settings as written: configuration text, C# constants or the values of bound
/// options. A key whose value is known only at run time (a C# expression) or was already reported is <em>unknown</em>:
/// the rules that read it are skipped, never guessed. <see cref="DeploymentSettings.Read"/> maps the view to a
/// <see cref="DeploymentDescription"/>.
/// </summary>
internal sealed class TargetSettings
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _unknown = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Initializes a view of the target <paramref name="name"/> (<see langword="null"/> when the name is not known, as in C#).</summary>
    public TargetSettings(string? name)
    {
        Name = name;
    }

    /// <summary>Gets the target's name, when known.</summary>
    public string? Name { get; }

    /// <summary>Gets the written values by key, as written (text, a typed constant, <see cref="SettingSection"/>, or <see langword="null"/>).</summary>
    public IEnumerable<KeyValuePair<string, object?>> Values => _values;

    /// <summary>Records a written value; the last one written for a key wins, as in configuration.</summary>
    public void Set(string key, object? value)
    {
        _values[key] = value;
        _ = _unknown.Remove(key);
    }

    /// <summary>Records a key whose value is not known here.</summary>
    public void SetUnknown(string key)
    {
        _ = _values.Remove(key);
        _ = _unknown.Add(key);
    }

    /// <summary>Whether a key's value is not known here.</summary>
    public bool IsUnknown(string key) => _unknown.Contains(key);

    /// <summary>Whether a key is written, with a known value or not.</summary>
    public bool IsWritten(string key) => _values.ContainsKey(key) || _unknown.Contains(key);
}
