using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Tokens;

/// <summary>
/// A tool definition as the engine reads it (name, description, JSON schema of the parameters), and its measures per counter,
/// computed once per tool instance: tools are usually the same objects on every turn of a conversation.
/// </summary>
/// <remarks>A tool's definition is read the first time the tool is seen; an <see cref="AITool"/> whose schema changes later is not re-read.</remarks>
internal sealed class ToolText
{
    private static readonly ConditionalWeakTable<AITool, ToolText> Cache = [];

    private readonly object _gate = new();
    private (TokenCounter Counter, long Count)[] _measures = [];

    private ToolText(string text)
    {
        Text = text;
        Utf8Bytes = Encoding.UTF8.GetByteCount(text);
    }

    /// <summary>Gets the text: the name, the description and the parameters' JSON schema, one per line.</summary>
    public string Text { get; }

    /// <summary>Gets the text's UTF-8 length.</summary>
    public long Utf8Bytes { get; }

    /// <summary>Gets the text of a tool, from the cache or read now.</summary>
    /// <param name="tool">The tool.</param>
    /// <returns>Its text.</returns>
    public static ToolText Of(AITool tool) => Cache.GetValue(tool, static t => new ToolText(Describe(t)));

    /// <summary>Gets the exact count with <paramref name="counter"/>, counted once.</summary>
    public long CountWith(TokenCounter counter) => Measure(counter).Count;

    /// <summary>
    /// Gets the upper bound with a byte-level <paramref name="counter"/>: the count itself, known once counted (a bound computed
    /// from the text alone is about three times the count of a JSON schema, and would send requests near a threshold to the tokenizer).
    /// </summary>
    public long BoundWith(TokenCounter counter) => Measure(counter).Count;

    private static string Describe(AITool tool)
    {
        string schema = tool is AIFunctionDeclaration function ? function.JsonSchema.GetRawText() : string.Empty;
        return string.Concat(tool.Name, "\n", tool.Description, "\n", schema);
    }

    private (TokenCounter Counter, long Count) Measure(TokenCounter counter)
    {
        var measures = System.Threading.Volatile.Read(ref _measures);
        foreach (var m in measures)
        {
            if (ReferenceEquals(m.Counter, counter))
            {
                return m;
            }
        }

        var measure = (counter, counter.CountText(Text));
        lock (_gate)
        {
            _measures = [.. _measures, measure];
        }

        return measure;
    }
}
