using System;
using System.Text;
using System.Threading.Tasks;
using CsCheck;
using Inference.Sdk.Analyzers.AppSettings;

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

    private static readonly Gen<string> Random = Gen.Frequency(
        (1, Gen.String),
        (3, Gen.Char[Interesting].Array[0, 300].Select(chars => new string(chars))));

    private static readonly Gen<string> Mutated = Gen.Select(
        Gen.OneOfConst(Seeds), Gen.Int[0, 3].Array[1, 4], Gen.Int[0, int.MaxValue].Array[4], Gen.Char[Interesting],
        (seed, ops, positions, c) =>
        {
            var text = new StringBuilder(seed);
            for (int k = 0; k < ops.Length; k++)
            {
                int at = text.Length == 0 ? 0 : positions[k] % text.Length;
                switch (ops[k])
                {
                    case 0: text.Length = at; break;
                    case 1 when text.Length > 0: text[at] = c; break;
                    case 2: text.Insert(at, c); break;
                    default: text.Insert(at, text.ToString(at, Math.Min(text.Length - at, 1 + (positions[(k + 1) % 4] % 16)))); break;
                }
            }

            return text.ToString();
        });

    [Fact]
    public Task Random_text_gives_a_tree_or_null() => Holds(Random);

    [Fact]
    public Task Mutated_appsettings_give_a_tree_or_null() => Holds(Mutated);

    [Fact]
    public void Deep_nesting_is_refused_not_a_stack_overflow()
    {
        string deep = new string('[', 100_000) + new string(']', 100_000);

        Assert.Null(JsonReader.Parse(deep));
    }

    private static async Task Holds(Gen<string> gen) =>
        await Task.Run(() => gen.Sample(Property, iter: 5_000, threads: 1)).WaitAsync(TimeSpan.FromSeconds(60));

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
