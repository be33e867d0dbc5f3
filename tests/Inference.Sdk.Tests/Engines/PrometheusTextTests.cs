using System;
using System.Linq;
using Inference.Sdk.Engines;

namespace Inference.Sdk.Tests.Engines;

public class PrometheusTextTests
{
    [Fact]
    public void Parses_names_labels_values_and_skips_comments()
    {
        var samples = PrometheusText.Parse("""
            # HELP x help text with "quotes"
            # TYPE x gauge

            x 1
            y{a="1",b="two words"} -2.5e3 1700000000000
            z{path="C:\\dir",msg="say \"hi\"\nbye",} +Inf
            w NaN
            {"my.metric", env="prod"} 4
            # EOF
            """);

        Assert.Equal(["x", "y", "z", "w", "my.metric"], samples.Select(s => s.Name));
        Assert.Equal(1, samples[0].Value);
        Assert.Empty(samples[0].Labels);
        Assert.Equal(-2500, samples[1].Value);
        Assert.Equal("two words", samples[1].Labels.Single(l => l.Key == "b").Value);
        Assert.Equal(double.PositiveInfinity, samples[2].Value);
        Assert.Equal("C:\\dir", samples[2].Labels[0].Value);
        Assert.Equal("say \"hi\"\nbye", samples[2].Labels[1].Value);
        Assert.True(double.IsNaN(samples[3].Value));
        Assert.Equal("prod", samples[4].Labels.Single().Value);
    }

    [Theory]
    [InlineData("x", 1)]
    [InlineData("x{a=\"1\" 2", 1)]
    [InlineData("ok 1\nx{a=1} 2", 2)]
    [InlineData("x{=\"1\"} 2", 1)]
    [InlineData("x abc", 1)]
    [InlineData("x{a=\"unterminated} 1", 1)]
    [InlineData("9x 1", 1)]
    [InlineData("x{a=\"1\"}", 1)]
    public void Malformed_text_gives_a_FormatException_naming_the_line(string text, int line)
    {
        var e = Assert.Throws<FormatException>(() => PrometheusText.Parse(text));

        Assert.Contains($"line {line}:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_text_names_the_parameter() =>
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => PrometheusText.Parse(null!)).ParamName);
}
