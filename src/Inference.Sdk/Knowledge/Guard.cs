using System;

namespace Inference.Sdk.Knowledge;

/// <summary>Argument checks that compile for netstandard2.0 as well as net10.0 (the analyzers link these files).</summary>
internal static class Guard
{
    public static T NotNull<T>(T? value, string paramName)
        where T : class
        => value ?? throw new ArgumentNullException(paramName);

    public static string NotNullOrWhiteSpace(string? value, string paramName)
    {
        if (value is null)
        {
            throw new ArgumentNullException(paramName);
        }

        if (value.Trim().Length == 0)
        {
            throw new ArgumentException("The value must not be empty or white space.", paramName);
        }

        return value;
    }

    public static int Positive(int value, string paramName)
        => value > 0 ? value : throw new ArgumentOutOfRangeException(paramName, value, "The value must be greater than zero.");

    public static int NotNegative(int value, string paramName)
        => value >= 0 ? value : throw new ArgumentOutOfRangeException(paramName, value, "The value must not be negative.");

    public static decimal NotNegative(decimal value, string paramName)
        => value >= 0m ? value : throw new ArgumentOutOfRangeException(paramName, value, "The value must not be negative.");

    public static decimal Positive(decimal value, string paramName)
        => value > 0m ? value : throw new ArgumentOutOfRangeException(paramName, value, "The value must be greater than zero.");

    public static double Positive(double value, string paramName)
        => IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(paramName, value, "The value must be a finite number greater than zero.");

    public static double NotNegative(double value, string paramName)
        => IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(paramName, value, "The value must be a finite number that is not negative.");

    /// <summary>A fraction in (0, 1]: utilization, a share of an FTE.</summary>
    public static double Fraction(double value, string paramName)
        => IsFinite(value) && value > 0 && value <= 1
            ? value
            : throw new ArgumentOutOfRangeException(paramName, value, "The value must be greater than 0 and at most 1.");

    public static TEnum Defined<TEnum>(TEnum value, string paramName)
        where TEnum : struct, Enum
        => Enum.IsDefined(typeof(TEnum), value)
            ? value
            : throw new ArgumentOutOfRangeException(paramName, value, "The value is not a known " + typeof(TEnum).Name + ".");

    /// <summary>The catalog entry at an enum's value (catalogs are laid out in enum order).</summary>
    public static T Item<T, TEnum>(T[] catalog, int index, TEnum value, string paramName)
        where TEnum : struct, Enum
        => (uint)index < (uint)catalog.Length
            ? catalog[index]
            : throw new ArgumentOutOfRangeException(paramName, value, "The value is not a known " + typeof(TEnum).Name + ".");

    private static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);
}
