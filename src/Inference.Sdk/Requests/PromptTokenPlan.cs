using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Requests;

/// <summary>
/// Counts a request's prompt tokens for every target, only as exactly as the decision needs. The policy compares a
/// count with thresholds (each target's context window, and the edge budget for edge targets), always as
/// <c>prompt + output &gt; threshold</c>, and otherwise uses it only to estimate cost. So per distinct counter:
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>a byte-level BPE whose bound (<see cref="TokenCounter.Bound"/>: at most one token per UTF-8 byte, less where
/// adjacent letters must merge) is within every threshold is not run at all: every comparison is false
/// whatever the exact count, and the count reported is an estimate (another tokenizer's count of the same request,
/// else a quarter of the bytes, never above the bound), flagged as estimated;</item>
/// <item>otherwise it counts exactly up to the largest threshold the bound can cross, and stops there (the comparisons
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
    private readonly long[][] _thresholds;

    /// <summary>Initializes a new instance of the <see cref="PromptTokenPlan"/> class.</summary>
    /// <param name="counters">Each target's counter (same index as the targets).</param>
    /// <param name="thresholds">Each target's thresholds in tokens (prompt + output): its context window, and the edge budget for an edge target.</param>
    public PromptTokenPlan(IReadOnlyList<TokenCounter> counters, IReadOnlyList<long[]> thresholds)
    {
        var distinct = new List<TokenCounter>();
        var perCounter = new List<List<long>>();
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
            perCounter[g].AddRange(thresholds[i]);
        }

        _counters = [.. distinct];
        _thresholds = perCounter.ConvertAll(t => t.ToArray()).ToArray();
    }

    /// <summary>Adds a threshold of one target (a smaller context window its engine reported); counts from then on are exact enough for it too.</summary>
    /// <param name="target">The target's index.</param>
    /// <param name="threshold">The threshold in tokens (prompt + output).</param>
    public void AddThreshold(int target, long threshold)
    {
        int g = _counterOf[target];
        lock (_thresholds)
        {
            long[] current = _thresholds[g];
            if (Array.IndexOf(current, threshold) < 0)
            {
                Volatile.Write(ref _thresholds[g], [.. current, threshold]); // a count in flight reads the old list or the new one, whole
            }
        }
    }

    /// <summary>Fills the per-target counts and estimate flags for one request.</summary>
    /// <param name="messages">The request's messages.</param>
    /// <param name="outputTokens">The expected output tokens (the thresholds apply to prompt + output).</param>
    /// <param name="exactForCost">Whether eligible targets need exact counts (a budget will compare their costs).</param>
    /// <param name="tokens">The counts, per target.</param>
    /// <param name="estimated">Whether each count is an estimate, per target.</param>
    public void Count(IReadOnlyList<ChatMessage> messages, int outputTokens, bool exactForCost, int[] tokens, bool[] estimated)
    {
        int groups = _counters.Length;
        Span<long> counts = groups <= 16 ? stackalloc long[groups] : new long[groups];
        Span<long> reaches = groups <= 16 ? stackalloc long[groups] : new long[groups];
        Span<bool> estimate = groups <= 16 ? stackalloc bool[groups] : new bool[groups];
        long reference = -1;
        bool anyDeferred = false;
        long utf8 = -1;

        for (int g = 0; g < groups; g++)
        {
            var counter = _counters[g];
            long reach = long.MaxValue;
            if (counter.IsByteLevel && !exactForCost)
            {
                // The UTF-8 bound first (one pass, no tables, shared by every counter); the tighter pair bound only when the
                // looser one could cross a threshold.
                if (utf8 < 0)
                {
                    utf8 = TokenCounter.Utf8Bound(messages);
                }

                reach = utf8;
            }

            // The largest limit (threshold - output) the count could exceed; below zero, every count exceeds it.
            long max = LargestLimitBelow(g, outputTokens, reach);
            if (max >= 0 && counter.IsByteLevel && !exactForCost)
            {
                reach = counter.Bound(messages);
                max = LargestLimitBelow(g, outputTokens, reach);
            }

            reaches[g] = reach;
            if (max < 0 && !counter.IsHeuristic)
            {
                // No comparison depends on the exact count: any value in [0, reach] decides the same.
                counts[g] = -1;
                anyDeferred = true;
                continue;
            }

            counts[g] = counter.CountUpTo(messages, counter.IsHeuristic ? long.MaxValue : max, out bool over);
            estimate[g] = counter.IsEstimate || over;
            if (!over && !counter.IsHeuristic && reference < 0)
            {
                reference = counts[g];
            }
        }

        if (anyDeferred)
        {
            // Another tokenizer's count of the same text is the best guess; else a quarter of the bytes.
            long guess = reference >= 0 ? reference : GuessFromBytes(messages, utf8 >= 0 ? utf8 : TokenCounter.Utf8Bound(messages));
            for (int g = 0; g < groups; g++)
            {
                if (counts[g] < 0)
                {
                    counts[g] = Math.Min(guess, reaches[g]);
                    estimate[g] = true;
                }
            }
        }

        for (int i = 0; i < tokens.Length; i++)
        {
            int g = _counterOf[i];
            tokens[i] = (int)Math.Clamp(counts[g], 0, int.MaxValue);
            estimated[i] = estimate[g];
        }
    }

    /// <summary>The largest limit (a threshold of counter <paramref name="g"/> minus the output) below <paramref name="reach"/>; -1 when none is.</summary>
    private long LargestLimitBelow(int g, int outputTokens, long reach)
    {
        long max = -1;
        foreach (long t in Volatile.Read(ref _thresholds[g]))
        {
            long limit = t - outputTokens;
            if (limit < reach)
            {
                max = Math.Max(max, limit);
            }
        }

        return max;
    }

    private static long GuessFromBytes(IReadOnlyList<ChatMessage> messages, long utf8Bound)
    {
        long overhead = (long)messages.Count * TokenCounter.PerMessageOverhead;
        long bytes = utf8Bound - overhead;
        return overhead + ((bytes + BytesPerTokenEstimate - 1) / BytesPerTokenEstimate);
    }
}
