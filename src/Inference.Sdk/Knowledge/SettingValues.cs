using System;
using System.Globalization;

namespace Inference.Sdk.Knowledge;

/// <summary>
/// The units settings are written in and what a malformed one is told: whole numbers, US dollars without a currency
/// sign, plain numbers with a '.' decimal point, <c>hh:mm:ss</c> durations, <c>true</c>/<c>false</c>. Every message
/// starts with the key, so it reads the same in a build diagnostic and in a start-up error.
/// </summary>
internal static class SettingValues
{
    /// <summary>Reads a whole number of at least <paramref name="minimum"/> (and at most <paramref name="maximum"/>).</summary>
    public static bool TryParseCount(string key, string text, int minimum, int maximum, string example, out int value, out string? problem)
    {
        if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value))
        {
            problem = key + " is '" + text + "', which is not a whole number. Write digits only, e.g. " + example + ".";
            return false;
        }

        return CheckCount(key, value, minimum, maximum, out problem);
    }

    /// <summary>Checks a whole number against its range.</summary>
    public static bool CheckCount(string key, long value, int minimum, int maximum, out string? problem)
    {
        problem = value >= minimum && value <= maximum ? null
            : maximum == int.MaxValue ? Invariant("{0} is {1}; it must be at least {2}.", key, value, minimum)
            : Invariant("{0} is {1}; use {2} to {3}.", key, value, minimum, maximum);
        return problem is null;
    }

    /// <summary>Reads an amount in US dollars: a plain, non-negative number; a currency sign gets the number to write instead.</summary>
    public static bool TryParseUsd(string key, string text, out decimal value, out string? problem)
    {
        string trimmed = text.Trim();
        bool currency = trimmed.IndexOfAny(['$', '€', '£']) >= 0 || trimmed.IndexOf("USD", StringComparison.OrdinalIgnoreCase) >= 0;
        if (!currency && decimal.TryParse(trimmed, NumberStyles.Number, CultureInfo.InvariantCulture, out value))
        {
            return CheckUsd(key, value, out problem);
        }

        string stripped = RemoveUsd(trimmed.Trim('$', '€', '£', ' ')).Trim();
        problem = currency && decimal.TryParse(stripped, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal plain)
            ? key + " is '" + text + "': write the price as a plain number in US dollars, without a currency sign: " + plain.ToString(CultureInfo.InvariantCulture) + "."
            : key + " is '" + text + "', which is not a number. Write a plain number with a '.' decimal point, e.g. 2.69.";
        value = 0;
        return false;
    }

    /// <summary>Checks an amount in US dollars: not negative.</summary>
    public static bool CheckUsd(string key, decimal value, out string? problem)
    {
        problem = value < 0 ? key + " is " + value.ToString(CultureInfo.InvariantCulture) + "; it must not be negative." : null;
        return problem is null;
    }

    /// <summary>Reads a plain number with a '.' decimal point (finite).</summary>
    public static bool TryParseNumber(string key, string text, out double value, out string? problem)
    {
        bool ok = double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsNaN(value) && !double.IsInfinity(value);
        problem = ok ? null : key + " is '" + text + "', which is not a number. Write a plain number with a '.' decimal point, e.g. 0.5.";
        return ok;
    }

    /// <summary>Checks a plain number: not negative.</summary>
    public static bool CheckNotNegative(string key, double value, out string? problem)
    {
        problem = value < 0 ? key + " is " + value.ToString(CultureInfo.InvariantCulture) + "; it must not be negative." : null;
        return problem is null;
    }

    /// <summary>Reads a duration of zero or more, <c>hh:mm:ss</c>.</summary>
    public static bool TryParseDuration(string key, string text, out TimeSpan value, out string? problem)
    {
        if (TimeSpan.TryParse(text.Trim(), CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero)
        {
            problem = null;
            return true;
        }

        problem = key + " is '" + text + "', which is not a duration. Write hh:mm:ss, e.g. 00:00:05 for five seconds.";
        return false;
    }

    /// <summary>Reads <c>true</c> or <c>false</c>, ignoring case.</summary>
    public static bool TryParseFlag(string key, string text, out bool value, out string? problem)
    {
        bool ok = bool.TryParse(text.Trim(), out value);
        problem = ok ? null : key + " is '" + text + "'; write true or false.";
        return ok;
    }

    /// <summary>The message for a section (a JSON object or array) where one value belongs.</summary>
    public static string NotSingleValue(string key) => key + " must be a single value, not a section.";

    /// <summary>The message for a key no setting has, with the nearest known one.</summary>
    public static string UnknownKey(string key, System.Collections.Generic.IReadOnlyCollection<string> known)
    {
        string? suggestion = Suggestions.Closest(key, known);
        return key + " is not a setting this package knows. "
            + (suggestion is null ? "Known settings here: " + string.Join(", ", known) + "." : "Did you mean '" + suggestion + "'?");
    }

    private static string RemoveUsd(string text)
    {
        int at = text.IndexOf("USD", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? text : text.Remove(at, 3);
    }

    private static string Invariant(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
