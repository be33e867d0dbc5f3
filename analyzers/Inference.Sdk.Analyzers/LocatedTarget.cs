using System;
using System.Collections.Generic;
using Inference.Sdk.Knowledge;
using Microsoft.CodeAnalysis;

namespace Inference.Sdk.Analyzers;

/// <summary>
/// One target's settings as the Knowledge layer reads them (<see cref="TargetSettings"/>), read from a C# initializer, a
/// registration lambda or an appsettings target, with where each key and value is written so a finding can be
/// reported on the key it blames.
/// </summary>
internal sealed class LocatedTarget
{
    private readonly Dictionary<string, Location> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Location> _names = new(StringComparer.OrdinalIgnoreCase);

    public LocatedTarget(string? name, Location location)
    {
        Settings = new TargetSettings(name);
        Location = location;
    }

    /// <summary>Gets the target's name when known (appsettings), else <see langword="null"/>.</summary>
    public string? Name => Settings.Name;

    /// <summary>Gets where the target as a whole is written (the <c>new</c> expression, the lambda, or the JSON key).</summary>
    public Location Location { get; }

    /// <summary>Gets the settings the Knowledge layer reads.</summary>
    public TargetSettings Settings { get; }

    /// <summary>Gets or sets what the Knowledge layer made of the settings, once read (appsettings targets are read when the file is loaded).</summary>
    public DeploymentReading? Reading { get; set; }

    /// <summary>
    /// Records a written value: a configuration string, a C# constant (enum members by name, a cast enum as its number),
    /// <see langword="null"/>, or <see cref="SettingSection"/> for a JSON object or array.
    /// </summary>
    public void Set(string key, object? value, Location valueLocation, Location? keyLocation = null)
    {
        Settings.Set(key, value);
        _values[key] = valueLocation;
        _names[key] = keyLocation ?? valueLocation;
    }

    /// <summary>Records a key assigned a value that is not a compile-time constant.</summary>
    public void SetUnknown(string key, Location valueLocation)
    {
        Settings.SetUnknown(key);
        _values[key] = valueLocation;
        _names[key] = valueLocation;
    }

    /// <summary>Where a finding is reported: an unknown key's name; else the value of the blamed key, or of another key the rule reads, or the target.</summary>
    public Location Locate(SettingFinding finding)
    {
        if (finding.RuleId == RuleIds.InvalidSetting)
        {
            return TargetKeys.Find(finding.Key) is null
                ? (_names.TryGetValue(finding.Key, out var name) ? name : Location)
                : (_values.TryGetValue(finding.Key, out var value) ? value : Location);
        }

        foreach (var key in RuleKeys.PointAt(finding.RuleId))
        {
            if (_values.TryGetValue(key, out var location))
            {
                return location;
            }
        }

        return Location;
    }

    /// <summary>Whether a key is written.</summary>
    public bool IsWritten(string key) => _values.ContainsKey(key);
}
