using System.Collections.Generic;
using System.Text;

namespace Inference.Sdk.Knowledge;

/// <summary>Lookup keys for names people write in many ways ("H100 SXM5", "h100-sxm5", "Q4_K_M").</summary>
internal static class Names
{
    /// <summary>The name's letters and digits, lower-cased: case, spaces and punctuation are ignored.</summary>
    public static string Key(string name)
    {
        var key = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                _ = key.Append(char.ToLowerInvariant(c));
            }
        }

        return key.ToString();
    }

    /// <summary>Adds names for one value to a key map.</summary>
    public static void Add<T>(Dictionary<string, T> map, T value, params string[] names)
    {
        foreach (string name in names)
        {
            map[Key(name)] = value;
        }
    }
}
