using System;
using Inference.Sdk.Analyzers.AppSettings;
using Inference.Sdk.Testing;

namespace Inference.Sdk.Analyzers.Tests.Reliability;

/// <summary>
/// The analyzers' own JSON reader on random and mutated appsettings text: it returns a tree or <see langword="null"/>, never
/// throws (an exception inside an analyzer is a build warning in every user's project) and never hangs; it accepts all that
/// System.Text.Json accepts.
/// </summary>
public sealed class JsonReaderPropertyTests
{
    private const string Interesting = "{}[]\":,\\/* \n\r\t0123456789.-+eEtruefalsn";

    private static readonly string[] Seeds =
    [
        """{ "Inference": { "Targets": { "edge": { "Gpu": "A100_80GB", "Quantization": "Awq", "MaxOutputTokens": 4096 } } } }""",
        """
        // comment
        { "Inference": { "Targets": { "a": { "ApiKey": "sk-x", "Prices": [1.5, -2, 3e2, ], }, }, /* block */ }, }
        """,
        """{ "a": [true, false, null, "s\"\\\u00e9", { "b": [] }], "n": -0.5e-3 }""",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    ];

    [Fact]
    public void Random_text_gives_a_tree_or_null() => Mutations.Holds(Mutations.Text(Interesting), Property);

    [Fact]
    public void Mutated_appsettings_give_a_tree_or_null() => Mutations.Holds(Mutations.Of(Interesting, Seeds), Property);

    [Fact]
    public void Deep_nesting_is_refused_not_a_stack_overflow()
    {
        string deep = new string('[', 100_000) + new string(']', 100_000);

        Assert.Null(JsonReader.Parse(deep));
    }

    private static void Property(string text)
    {
        var node = JsonReader.Parse(text);
        if (node is not null)
        {
            Assert.InRange(node.Span.Start, 0, text.Length);
            Assert.InRange(node.Span.End, node.Span.Start, text.Length);
        }

        bool strictJson;
        try
        {
            using var _ = System.Text.Json.JsonDocument.Parse(text);
            strictJson = true;
        }
        catch (System.Text.Json.JsonException)
        {
            strictJson = false;
        }

        // Depth beyond the reader's limit (64) is the one documented refusal of valid JSON.
        if (strictJson && Depth(text) <= 64)
        {
            Assert.NotNull(node);
        }
    }

    private static int Depth(string text)
    {
        int depth = 0, max = 0;
        bool inString = false;
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (inString)
            {
                if (ch == '\\') { i++; } else if (ch == '"') { inString = false; }
            }
            else if (ch == '"') { inString = true; }
            else if (ch is '{' or '[') { max = Math.Max(max, ++depth); }
            else if (ch is '}' or ']') { depth--; }
        }

        return max;
    }
}
