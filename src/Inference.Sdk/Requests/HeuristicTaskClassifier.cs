using System;
using System.Buffers;
using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Requests;

/// <summary>
/// A rule-based <see cref="ITaskClassifier"/>: keyword families matched as whole words in the last user message (one vectorized
/// multi-string search, then a word-boundary check of each hit), plus the requested output size. Coarse, and kept as a
/// transparent alternative to the built-in <see cref="LinearTaskClassifier"/>, which scores better on every measured set
/// (<c>docs/routing.md</c>).
/// </summary>
public sealed class HeuristicTaskClassifier : ITaskClassifier
{
    private static readonly string[] Code =
        ["```", "def", "function", "public static", "#include", "console.log", "stack trace", "traceback", "write code", "a function", "a script",
         "a method", "refactor", "unit test", "regex", "compile", "debug", "python", "javascript", "typescript", "c#", "c++", "rust", "golang",
         "java", "sql", "kotlin", "bash", "dockerfile", "kubernetes manifest", "implement", "algorithm", "program"];

    // Case-sensitive: these are code only when written the way code writes them.
    private static readonly string[] CodeExact = ["SELECT", "import", "#include", "=>", "();", "{\n", "return "];

    private static readonly string[] Reasoning =
        ["step by step", "step-by-step", "prove", "proof", "derive", "reason through", "think through", "explain why", "trade-off", "tradeoff",
         "calculate", "solve", "how many", "how much", "pros and cons", "how many ways", "puzzle", "deduce", "what is the value"];

    private static readonly string[] LongForm =
        ["essay", "article", "blog post", "report on", "story", "chapter", "in depth", "in-depth", "comprehensive", "long-form", "whitepaper",
         "white paper", "words", "thesis", "documentation for", "letter", "speech", "screenplay", "poem", "cover letter", "email to"];

    private static readonly string[] Classification =
        ["classify", "categorize", "categorise", "sentiment", "label this", "which category", "yes or no", "true or false", "extract", "tag this",
         "is this spam", "best describes", "positive or negative"];

    private static readonly SearchValues<string> CodeMarkers = SearchValues.Create(Code, StringComparison.OrdinalIgnoreCase);
    private static readonly SearchValues<string> CodeExactMarkers = SearchValues.Create(CodeExact, StringComparison.Ordinal);
    private static readonly SearchValues<string> ReasoningMarkers = SearchValues.Create(Reasoning, StringComparison.OrdinalIgnoreCase);
    private static readonly SearchValues<string> LongFormMarkers = SearchValues.Create(LongForm, StringComparison.OrdinalIgnoreCase);
    private static readonly SearchValues<string> ClassificationMarkers = SearchValues.Create(Classification, StringComparison.OrdinalIgnoreCase);
    private static readonly SearchValues<string> AnyMarker = SearchValues.Create([.. Code, .. Reasoning, .. LongForm, .. Classification], StringComparison.OrdinalIgnoreCase);

    /// <summary>Gets the shared instance.</summary>
    public static HeuristicTaskClassifier Instance { get; } = new();

    /// <summary>Gets or initializes the requested output size (<c>MaxOutputTokens</c>) from which a request counts as long-form.</summary>
    public int LongFormOutputTokens { get; init; } = 2048;

    /// <inheritdoc/>
    public TaskType Classify(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var text = TaskText.LastUserText(messages);

        // One pass answers the common case (no marker at all); the families are only told apart on a hit.
        bool marked = text.ContainsAny(AnyMarker);
        if (HasWord(text, CodeExactMarkers, CodeExact, StringComparison.Ordinal) || (marked && HasWord(text, CodeMarkers, Code, StringComparison.OrdinalIgnoreCase)))
        {
            return TaskType.Code;
        }

        if (marked && HasWord(text, ReasoningMarkers, Reasoning, StringComparison.OrdinalIgnoreCase))
        {
            return TaskType.Reasoning;
        }

        if (options?.MaxOutputTokens >= LongFormOutputTokens || (marked && HasWord(text, LongFormMarkers, LongForm, StringComparison.OrdinalIgnoreCase)))
        {
            return TaskType.LongForm;
        }

        return marked && HasWord(text, ClassificationMarkers, Classification, StringComparison.OrdinalIgnoreCase) ? TaskType.Classification : TaskType.ShortAnswer;
    }

    /// <summary>Whether one of <paramref name="markers"/> occurs as a whole word: not preceded or followed by a letter or digit.</summary>
    internal static bool HasWord(ReadOnlySpan<char> text, SearchValues<string> search, string[] markers, StringComparison comparison)
    {
        int offset = 0;
        while (offset < text.Length)
        {
            int i = text[offset..].IndexOfAny(search);
            if (i < 0)
            {
                return false;
            }

            int at = offset + i;
            bool before = at == 0 || !char.IsLetterOrDigit(text[at - 1]) || !char.IsLetterOrDigit(text[at]);
            foreach (string marker in markers)
            {
                if (before && text[at..].StartsWith(marker, comparison))
                {
                    int end = at + marker.Length;
                    if (end == text.Length || !char.IsLetterOrDigit(text[end]) || !char.IsLetterOrDigit(marker[^1]))
                    {
                        return true;
                    }
                }
            }

            offset = at + 1;
        }

        return false;
    }
}
