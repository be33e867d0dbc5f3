using System;
using System.Collections.Generic;
using System.Threading;
using Inference.Sdk.Tokens;

namespace Inference.Sdk.Requests;

/// <summary>
/// Counts a request's prompt tokens for every target, only as exactly as the decision needs. The policy compares a
/// count with thresholds (each target's context window, and the edge budget for edge targets), always as
/// <c>prompt + output &gt; threshold</c>, and otherwise uses it only to estimate cost. A target's prompt is its counter's count
/// of the <see cref="PromptText"/> (text, tool calls and results, tool definitions, instructions, template overhead) plus its
/// own price of the images (<see cref="ImageTokenRule"/>). So per distinct counter:
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>a byte-level BPE whose upper bound (<see cref="TokenCounter.Bound"/>: at most one token per UTF-8 byte, less where
/// adjacent letters must merge) is within every threshold, or whose lower bound (<see cref="TokenCounter.LowerBound"/>: the
/// pieces its pre-tokenizer must cut the text into) already exceeds every threshold the upper bound can cross, is not run at
/// all (tool definitions enter both bounds at their exact count, counted once per tool and counter, see <see cref="ToolText"/>):
/// every comparison comes out the same whatever the exact count, and the count reported is an estimate (another
/// tokenizer's count of the same request, else a quarter of the bytes, kept between the bounds), flagged as estimated;</item>
/// <item>otherwise it counts exactly up to the largest threshold between the bounds, and stops there (the comparisons
/// are then all true below it and all false above);</item>
/// <item>when a budget needs the expected cost (a known remainder or an exhausted budget), it counts exactly up to the
/// largest threshold: any target that stays eligible gets its exact count.</item>
/// </list>
/// Targets sharing a counter share one count. Every comparison the policy makes therefore comes out as with exact counts.
/// </remarks>
internal sealed class PromptTokenPlan
{
    private const int BytesPerTokenEstimate = 4;

    private readonly TokenCounter[] _counters;
    private readonly int[] _counterOf;
    private readonly ImageTokenRule[] _images;
    private readonly (long Threshold, int Target)[][] _thresholds;

    /// <summary>Initializes a new instance of the <see cref="PromptTokenPlan"/> class.</summary>
    /// <param name="counters">Each target's counter (same index as the targets).</param>
    /// <param name="thresholds">Each target's thresholds in tokens (prompt + output): its context window, and the edge budget for an edge target.</param>
    /// <param name="images">Each target's rule for the tokens of an image.</param>
    public PromptTokenPlan(IReadOnlyList<TokenCounter> counters, IReadOnlyList<long[]> thresholds, IReadOnlyList<ImageTokenRule> images)
    {
        var distinct = new List<TokenCounter>();
        var perCounter = new List<List<(long, int)>>();
        _counterOf = new int[counters.Count];
        for (int i = 0; i < counters.Count; i++)
        {
            var counter = counters[i];
            int g = distinct.IndexOf(counter);
            if (g < 0)
            {
                g = distinct.Count;
                distinct.Add(counter);
                perCounter.Add([]);
            }

            _counterOf[i] = g;
            foreach (long t in thresholds[i])
            {
                perCounter[g].Add((t, i));
            }
        }

        _counters = [.. distinct];
        _thresholds = perCounter.ConvertAll(t => t.ToArray()).ToArray();
        _images = [.. images];
    }

    /// <summary>Adds a threshold of one target (a smaller context window its engine reported); counts from then on are exact enough for it too.</summary>
    /// <param name="target">The target's index.</param>
    /// <param name="threshold">The threshold in tokens (prompt + output).</param>
    public void AddThreshold(int target, long threshold)
    {
        int g = _counterOf[target];
        lock (_thresholds)
        {
            var current = _thresholds[g];
            if (Array.IndexOf(current, (threshold, target)) < 0)
            {
                Volatile.Write(ref _thresholds[g], [.. current, (threshold, target)]); // a count in flight reads the old list or the new one, whole
            }
        }
    }

    /// <summary>Fills the per-target counts and estimate flags for one request.</summary>
    /// <param name="prompt">What the engines read of the request.</param>
    /// <param name="outputTokens">The expected output tokens (the thresholds apply to prompt + output).</param>
    /// <param name="exactForCost">Whether eligible targets need exact counts (a budget will compare their costs).</param>
    /// <param name="tokens">The counts, per target.</param>
    /// <param name="estimated">Whether each count is an estimate, per target.</param>
    public void Count(PromptText prompt, int outputTokens, bool exactForCost, int[] tokens, bool[] estimated)
    {
        // Images first: each target prices them with its own rule, and its thresholds are left for the text by that much.
        var images = prompt.Images;
        for (int i = 0; i < tokens.Length; i++)
        {
            tokens[i] = images.Count == 0 ? 0 : (int)Math.Min(_images[i].Estimate(images), int.MaxValue / 2);
        }

        int groups = _counters.Length;
        Span<long> counts = groups <= 16 ? stackalloc long[groups] : new long[groups];
        Span<long> reaches = groups <= 16 ? stackalloc long[groups] : new long[groups];
        Span<long> floors = groups <= 16 ? stackalloc long[groups] : new long[groups];
        Span<bool> estimate = groups <= 16 ? stackalloc bool[groups] : new bool[groups];
        long reference = -1;
        bool anyDeferred = false;
        long utf8 = -1;
        long lower = -1;

        for (int g = 0; g < groups; g++)
        {
            var counter = _counters[g];
            long reach = long.MaxValue;
            long floor = 0;
            bool bounded = counter.IsByteLevel && !exactForCost;
            if (bounded)
            {
                // The UTF-8 bound first (one pass, no tables, shared by every counter); the tighter pair bound only when the
                // looser one could cross a threshold; the lower bound only when that one could too.
                if (utf8 < 0)
                {
                    utf8 = TokenCounter.Utf8Bound(prompt);
                }

                reach = utf8;
            }

            // The largest limit (threshold - output - images) in [floor, reach): the only comparisons the exact count decides.
            long max = LargestLimitWithin(g, outputTokens, tokens, floor, reach);
            if (max >= 0 && bounded)
            {
                reach = counter.Bound(prompt);
                max = LargestLimitWithin(g, outputTokens, tokens, floor, reach);
                if (max >= 0)
                {
                    if (lower < 0)
                    {
                        lower = TokenCounter.TextLowerBound(prompt);
                    }

                    floor = counter.LowerBound(prompt, lower);
                    max = LargestLimitWithin(g, outputTokens, tokens, floor, reach);
                }
            }

            reaches[g] = reach;
            floors[g] = floor;
            if (max < 0 && !counter.IsHeuristic)
            {
                // No comparison depends on the exact count: any value in [floor, reach] decides the same.
                counts[g] = -1;
                anyDeferred = true;
                continue;
            }

            counts[g] = counter.CountUpTo(prompt, counter.IsHeuristic ? long.MaxValue : max, out bool over);
            estimate[g] = counter.IsEstimate || over;
            if (!over && !counter.IsHeuristic && reference < 0)
            {
                reference = counts[g];
            }
        }

        if (anyDeferred)
        {
            // Another tokenizer's count of the same text is the best guess; else a quarter of the bytes.
            long guess = reference >= 0 ? reference : GuessFromBytes(prompt, utf8 >= 0 ? utf8 : TokenCounter.Utf8Bound(prompt));
            for (int g = 0; g < groups; g++)
            {
                if (counts[g] < 0)
                {
                    counts[g] = Math.Max(floors[g], Math.Min(guess, reaches[g]));
                    estimate[g] = true;
                }
            }
        }

        for (int i = 0; i < tokens.Length; i++)
        {
            int g = _counterOf[i];
            tokens[i] = (int)Math.Clamp(counts[g] + tokens[i], 0, int.MaxValue);
            estimated[i] = estimate[g];
        }
    }

    /// <summary>
    /// The largest limit (a threshold of counter <paramref name="g"/> minus the output and the target's image tokens) in
    /// [<paramref name="floor"/>, <paramref name="reach"/>); -1 when none is. A limit below the floor is exceeded whatever the exact
    /// count, one at or above the reach never is.
    /// </summary>
    private long LargestLimitWithin(int g, int outputTokens, int[] images, long floor, long reach)
    {
        long max = -1;
        foreach (var (threshold, target) in Volatile.Read(ref _thresholds[g]))
        {
            long limit = threshold - outputTokens - images[target];
            if (limit < reach && limit >= floor)
            {
                max = Math.Max(max, limit);
            }
        }

        return max;
    }

    private static long GuessFromBytes(PromptText prompt, long utf8Bound)
    {
        long bytes = utf8Bound - prompt.Overhead;
        return prompt.Overhead + ((bytes + BytesPerTokenEstimate - 1) / BytesPerTokenEstimate);
    }
}
