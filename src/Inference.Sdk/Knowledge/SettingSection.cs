namespace Inference.Sdk.Knowledge;

/// <summary>Stands for a value written as a section (a JSON object or array) where a key may expect one value.</summary>
internal sealed class SettingSection
{
    private SettingSection()
    {
    }

    /// <summary>Gets the one instance.</summary>
    public static SettingSection Instance { get; } = new();
}
