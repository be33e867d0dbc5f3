using Inference.Sdk.Analyzers.AppSettings;

namespace Inference.Sdk.Analyzers.Tests.AppSettings;

public sealed class JsonReaderTests
{
    [Fact]
    public void Reads_comments_and_trailing_commas_like_the_configuration_parser()
    {
        const string Text = """
            // a line comment
            {
              /* a block
                 comment */
              "Inference": {
                "Targets": { "a": { "Gpu": "A100_80GB", }, }, // trailing commas
                "List": [1, 2, ],
              },
            }
            """;

        var root = Assert.IsType<JsonObject>(JsonReader.Parse(Text));
        var targets = Assert.IsType<JsonObject>(Assert.IsType<JsonObject>(root.Find("inference")!.Value).Find("TARGETS")!.Value);
        var gpu = Assert.IsType<JsonScalar>(Assert.IsType<JsonObject>(targets.Find("a")!.Value).Find("gpu")!.Value);
        Assert.Equal("A100_80GB", gpu.Value);
        Assert.Equal("\"A100_80GB\"", Text.Substring(gpu.Span.Start, gpu.Span.Length));
        var list = Assert.IsType<JsonArray>(Assert.IsType<JsonObject>(root.Find("Inference")!.Value).Find("List")!.Value);
        Assert.Equal(2, list.Items.Count);
    }

    [Fact]
    public void Keeps_offsets_of_names_and_numbers()
    {
        const string Text = "{\"GpuCount\" :  12 }";
        var property = Assert.IsType<JsonObject>(JsonReader.Parse(Text)).Properties[0];
        Assert.Equal("\"GpuCount\"", Text.Substring(property.NameSpan.Start, property.NameSpan.Length));
        var value = Assert.IsType<JsonScalar>(property.Value);
        Assert.Equal(15, value.Span.Start);
        Assert.Equal("12", value.Value);
    }

    [Fact]
    public void Stores_scalars_as_the_configuration_binder_sees_them()
    {
        var root = Assert.IsType<JsonObject>(JsonReader.Parse("{\"t\": true, \"f\": false, \"n\": null, \"s\": \"a\\u0041\\n\", \"d\": -1.5e3}"));
        Assert.Equal("True", ((JsonScalar)root.Find("t")!.Value).Value);
        Assert.Equal("False", ((JsonScalar)root.Find("f")!.Value).Value);
        Assert.Null(((JsonScalar)root.Find("n")!.Value).Value);
        Assert.Equal("aA\n", ((JsonScalar)root.Find("s")!.Value).Value);
        Assert.Equal("-1.5e3", ((JsonScalar)root.Find("d")!.Value).Value);
    }

    [Fact]
    public void The_last_duplicate_key_wins_ignoring_case()
    {
        var root = Assert.IsType<JsonObject>(JsonReader.Parse("{\"Gpu\": \"L4\", \"gpu\": \"H200\"}"));
        Assert.Equal("H200", ((JsonScalar)root.Find("GPU")!.Value).Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"a\" 1}")]
    [InlineData("{\"a\": 1} trailing")]
    [InlineData("{\"a\": tru}")]
    [InlineData("{\"a\": \"unterminated}")]
    [InlineData("{/* unterminated comment")]
    [InlineData("[1,,2]")]
    public void Malformed_text_gives_null(string text)
        => Assert.Null(JsonReader.Parse(text));
}
