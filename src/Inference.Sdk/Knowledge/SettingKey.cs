using System;
using System.Globalization;

namespace Inference.Sdk.Knowledge;

/// <summary>
/// One key of a target's settings: its name, what its value is written as, and its range. <see cref="TryRead"/> turns a
/// written value (configuration text, a C# constant, a bound option) into the option's value or one message that
/// starts with the key and says the fix.
/// </summary>
internal sealed class SettingKey
{
    private SettingKey(string name, SettingKind kind, SettingVocabulary? vocabulary = null, int minimum = 0, int maximum = int.MaxValue, string example = "", string unit = "")
    {
        Name = name;
        Kind = kind;
        Vocabulary = vocabulary;
        Minimum = minimum;
        Maximum = maximum;
        Example = example;
        Unit = unit;
    }

    /// <summary>Gets the key as the options property and the configuration key spell it.</summary>
    public string Name { get; }

    /// <summary>Gets what the value is written as.</summary>
    public SettingKind Kind { get; }

    /// <summary>Gets the names of a <see cref="SettingKind.Choice"/>.</summary>
    public SettingVocabulary? Vocabulary { get; }

    /// <summary>Gets the smallest whole number a <see cref="SettingKind.Count"/> takes.</summary>
    public int Minimum { get; }

    /// <summary>Gets the largest whole number a <see cref="SettingKind.Count"/> takes.</summary>
    public int Maximum { get; }

    /// <summary>Gets a value to show in a message.</summary>
    public string Example { get; }

    /// <summary>Gets the unit of a <see cref="SettingKind.Number"/> ("tokens per second").</summary>
    public string Unit { get; }

    public static SettingKey Text(string name) => new(name, SettingKind.Text);

    public static SettingKey List(string name) => new(name, SettingKind.List);

    public static SettingKey Flag(string name) => new(name, SettingKind.Flag);

    public static SettingKey Usd(string name) => new(name, SettingKind.Usd);

    public static SettingKey Duration(string name, string example) => new(name, SettingKind.Duration, example: example);

    public static SettingKey Choice<TEnum>(string name)
        where TEnum : struct, Enum
        => new(name, SettingKind.Choice, SettingVocabulary.For(typeof(TEnum)));

    /// <summary>A set of names of a <see cref="FlagsAttribute"/> enum, read into one value of it.</summary>
    public static SettingKey Names<TEnum>(string name)
        where TEnum : struct, Enum
        => new(name, SettingKind.Names, SettingVocabulary.For(typeof(TEnum)));

    public static SettingKey Count(string name, int minimum, string example, int maximum = int.MaxValue)
        => new(name, SettingKind.Count, minimum: minimum, maximum: maximum, example: example);

    public static SettingKey Number(string name, string example, string unit) => new(name, SettingKind.Number, example: example, unit: unit);

    /// <summary>
    /// Reads a written value. <see langword="null"/>, blank text and a list's section read as "not set" (<paramref name="result"/>
    /// is <see langword="null"/>); text is parsed, typed values are range-checked.
    /// </summary>
    /// <returns><see langword="false"/> with <paramref name="problem"/> set when the value is not one the key takes.</returns>
    public bool TryRead(object? value, out object? result, out string? problem)
    {
        result = null;
        problem = null;
        switch (value)
        {
            case null:
                return true;
            case SettingSection:
                problem = Kind is SettingKind.List or SettingKind.Names ? null : SettingValues.NotSingleValue(Name);
                return problem is null;
            case string text when text.Trim().Length == 0:
                return true;
            case string text when Kind == SettingKind.Names:
                return TryParseNames(text.Split(','), out result, out problem);
            case string[] items when Kind == SettingKind.Names:
                return TryParseNames(items, out result, out problem);
            case string text:
                return TryParse(text, out result, out problem);
            default:
                return TryCheck(value, out result, out problem);
        }
    }

    private bool TryParse(string text, out object? result, out string? problem)
    {
        result = null;
        problem = null;
        bool ok;
        switch (Kind)
        {
            case SettingKind.Choice:
                ok = Vocabulary!.TryParse(text, out result);
                problem = ok ? null : Vocabulary.Problem(Name, text);
                return ok;
            case SettingKind.Count:
                ok = SettingValues.TryParseCount(Name, text, Minimum, Maximum, Example, out int count, out problem);
                result = count;
                return ok;
            case SettingKind.Number:
                ok = SettingValues.TryParseNumber(Name, text, out double number, out problem) && CheckPositive(number, out problem);
                result = number;
                return ok;
            case SettingKind.Usd:
                ok = SettingValues.TryParseUsd(Name, text, out decimal usd, out problem);
                result = usd;
                return ok;
            case SettingKind.Duration:
                ok = SettingValues.TryParseDuration(Name, text, out TimeSpan duration, out problem) && CheckPositive(duration, out problem);
                result = duration;
                return ok;
            case SettingKind.Flag:
                ok = SettingValues.TryParseFlag(Name, text, out bool flag, out problem);
                result = flag;
                return ok;
            default:
                result = text;
                return true;
        }
    }

    // A set of names: each one a name of the enum (aliases included), combined into one value; a bad one is the message.
    private bool TryParseNames(string[] items, out object? result, out string? problem)
    {
        result = null;
        problem = null;
        long bits = 0;
        bool any = false;
        foreach (string item in items)
        {
            if (item.Trim().Length == 0)
            {
                continue;
            }

            if (!Vocabulary!.TryParse(item.Trim(), out object? member))
            {
                problem = Vocabulary.Problem(Name, item.Trim());
                return false;
            }

            bits |= Convert.ToInt64(member, CultureInfo.InvariantCulture);
            any = true;
        }

        result = any ? Enum.ToObject(Vocabulary!.Type, bits) : null;
        return true;
    }

    private bool TryCheck(object value, out object? result, out string? problem)
    {
        result = value;
        problem = null;
        switch (Kind)
        {
            case SettingKind.Names when value.GetType() == Vocabulary!.Type || value is int or long or short or byte:
                long bits = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                long defined = 0;
                foreach (object member in Enum.GetValues(Vocabulary.Type))
                {
                    defined |= Convert.ToInt64(member, CultureInfo.InvariantCulture);
                }

                result = Enum.ToObject(Vocabulary.Type, bits);
                problem = (bits & ~defined) == 0 ? null : Vocabulary.Problem(Name, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                return problem is null;
            case SettingKind.Choice:
                if (Vocabulary!.IsMember(value, out result))
                {
                    return true;
                }

                problem = Vocabulary.Problem(Name, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                return false;
            case SettingKind.Count when value is int or long or short or byte:
                long count = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                result = (int)Math.Max(int.MinValue, Math.Min(int.MaxValue, count));
                return SettingValues.CheckCount(Name, count, Minimum, Maximum, out problem);
            case SettingKind.Number when value is double or float or int or long or decimal:
                double number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                result = number;
                return CheckPositive(number, out problem);
            case SettingKind.Usd when value is decimal or int or long or double:
                decimal usd = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                result = usd;
                return SettingValues.CheckUsd(Name, usd, out problem);
            case SettingKind.Duration when value is TimeSpan duration:
                return CheckPositive(duration, out problem);
            case SettingKind.Flag when value is bool:
            case SettingKind.Text:
            case SettingKind.List:
                return true;
            default:
                problem = Name + " is '" + Convert.ToString(value, CultureInfo.InvariantCulture) + "', which this setting cannot take.";
                result = null;
                return false;
        }
    }

    private bool CheckPositive(double number, out string? problem)
    {
        problem = number > 0 && !double.IsInfinity(number)
            ? null
            : Name + " is " + number.ToString(CultureInfo.InvariantCulture) + "; it must be a positive number of " + Unit + ", e.g. " + Example + ".";
        return problem is null;
    }

    private bool CheckPositive(TimeSpan duration, out string? problem)
    {
        problem = duration > TimeSpan.Zero ? null : Name + " must be a positive duration, e.g. " + Example + ".";
        return problem is null;
    }
}
