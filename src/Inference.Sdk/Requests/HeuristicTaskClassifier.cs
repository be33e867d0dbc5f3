using System;
using System.Buffers;
using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Requests;

/// <summary>
/// The built-in <see cref="ITaskClassifier"/>: keyword families searched in the last user message (one vectorized
/// multi-string search each), plus the requested output size. Fast (no model call) and deliberately coarse.
/// </summary>
public sealed class HeuristicTaskClassifier : ITaskClassifier
{
    private static readonly string[] Code =
        ["```", "def ", "function ", "class ", "public static", "#include", "console.log", "import ", "SELECT ", "stack trace", "traceback",
         "write code", "a function", "a script", "a method", "refactor", "unit test", "regex", "compile", "debug", "python", "javascript", "typescript",
         "c#", "c++", "rust", "golang", "java ", "sql", "kotlin", "swift ", "bash ", "dockerfile", "kubernetes manifest", "implement "];

    private static readonly string[] Reasoning =
        ["step by step", "step-by-step", "prove", "proof", "derive", "reason through", "think through", "why does", "why do", "explain why",
         "trade-off", "tradeoff", "analyze", "analyse", "calculate", "solve", "plan a", "plan the", "compare and", "pros and cons", "how many ways", "puzzle"];

    private static readonly string[] LongForm =
        ["essay", "article", "blog post", "report on", "write a story", "short story", "chapter", "in depth", "in-depth", "detailed", "comprehensive",
         "long-form", "whitepaper", "white paper", "1000 words", "2000 words", "thesis", "documentation for"];

    private static readonly string[] Classification =
        ["classify", "categorize", "categorise", "sentiment", "label this", "which category", "yes or no", "true or false", "extract the", "tag this", "is this spam"];

    private static readonly SearchValues<string> CodeMarkers = SearchValues.Create(Code, StringComparison.OrdinalIgnoreCase);
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

        ReadOnlySpan<char> text = default;
        for (int i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Role == ChatRole.User)
            {
                text = LastText(messages[i]);
                break;
            }
        }

        // One pass answers the common case (no marker at all); the families are only told apart on a hit.
        bool marked = text.ContainsAny(AnyMarker);
        if (marked && text.ContainsAny(CodeMarkers))
        {
            return TaskType.Code;
        }

        if (marked && text.ContainsAny(ReasoningMarkers))
        {
            return TaskType.Reasoning;
        }

        if (options?.MaxOutputTokens >= LongFormOutputTokens || (marked && text.ContainsAny(LongFormMarkers)))
        {
            return TaskType.LongForm;
        }

        return marked && text.ContainsAny(ClassificationMarkers) ? TaskType.Classification : TaskType.ShortAnswer;
    }

    private static ReadOnlySpan<char> LastText(ChatMessage message)
    {
        var contents = message.Contents;
        for (int i = contents.Count - 1; i >= 0; i--)
        {
            if (contents[i] is TextContent { Text: { } t })
            {
                return t;
            }
        }

        return default;
    }
}
