using System;
using System.Collections.Generic;

namespace Inference.Sdk.Knowledge;

/// <summary>"Did you mean": the candidate a misspelt name was meant to be, shared by the analyzer and the start-up validation.</summary>
internal static class Suggestions
{
    /// <summary>
    /// The candidate nearest to <paramref name="value"/> by edit distance (case ignored) when it is close enough to be a typo,
    /// else the first candidate that starts with it (three characters or more), else <see langword="null"/>.
    /// </summary>
    public static string? Closest(string value, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        string? prefixed = null;
        string upper = value.ToUpperInvariant();
        foreach (string candidate in candidates)
        {
            int distance = Distance(upper, candidate.ToUpperInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }

            if (prefixed is null && value.Length >= 3 && candidate.StartsWith(value, StringComparison.OrdinalIgnoreCase))
            {
                prefixed = candidate;
            }
        }

        return best is not null && bestDistance <= Math.Max(2, best.Length / 3) ? best : prefixed;
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
}
