using System.Globalization;
using System.Text.Json;

namespace Inference.Sdk.Providers;

/// <summary>Lenient readers for provider JSON: a missing or differently typed field reads as <see langword="null"/>.</summary>
internal static class JsonRead
{
    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    public static decimal? Decimal(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) ? Decimal(value) : null;

    public static decimal? Decimal(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetDecimal(out decimal d) => d,
        JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out decimal d) => d,
        _ => null,
    };

    public static long? Long(JsonElement element, string name) =>
        Decimal(element, name) is decimal d && d == decimal.Truncate(d) && d >= long.MinValue && d <= long.MaxValue ? (long)d : null;

    public static int? Int(JsonElement element, string name) =>
        Long(element, name) is long l && l >= int.MinValue && l <= int.MaxValue ? (int)l : null;

    public static bool? Bool(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value)
            ? value.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null }
            : null;

    public static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    /// <summary>The first of <paramref name="names"/> that is present.</summary>
    public static JsonElement? FirstProperty(JsonElement element, params string[] names)
    {
        foreach (string name in names)
        {
            if (Property(element, name) is JsonElement value)
            {
                return value;
            }
        }

        return null;
    }
}
