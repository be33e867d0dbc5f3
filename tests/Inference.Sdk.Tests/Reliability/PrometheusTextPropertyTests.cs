using System;
using Inference.Sdk.Engines;
using Inference.Sdk.Testing;

namespace Inference.Sdk.Tests.Reliability;

/// <summary>Random and mutated engine <c>/metrics</c> text gives samples or a <see cref="FormatException"/> naming the line, never another exception nor a hang.</summary>
public class PrometheusTextPropertyTests
{
    private static readonly string[] Seeds =
    [
        """
        # HELP vllm:num_requests_waiting Number of requests waiting to be processed.
        # TYPE vllm:num_requests_waiting gauge
        vllm:num_requests_waiting{model_name="meta-llama/Llama-3.1-8B-Instruct"} 3.0
        vllm:kv_cache_usage_perc{model_name="m"} 0.42
        vllm:time_to_first_token_seconds_bucket{le="0.1",model_name="m"} 17
        vllm:time_to_first_token_seconds_sum{model_name="m"} 1.5e+01 1700000000000
        """,
        "tgi_queue_size 0\ntgi_batch_current_size 4\n# EOF\n",
        "{\"quoted.name\",a=\"x\\\"y\\\\z\\n\"} NaN\nsglang:token_usage +Inf\nsglang:num_running_reqs -Inf\n",
    ];

    [Fact]
    public void Mutated_metrics_parse_or_fail_with_a_format_error() => Mutations.Holds(Mutations.Of(Mutations.Structural, Seeds), Property);

    [Fact]
    public void Random_text_parses_or_fails_with_a_format_error() => Mutations.Holds(Mutations.Text(), Property);

    [Fact]
    public void A_malformed_line_is_named_in_the_error()
    {
        var ex = Assert.Throws<FormatException>(() => PrometheusText.Parse("ok_metric 1\nbroken{le=\"0.1\" 2\n"));

        Assert.Contains("2", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"\"} NaN")] // found by Mutated_metrics_parse_or_fail_with_a_format_error (seed ccGYsvrvkoG2)
    [InlineData("{\"\", le=\"1\"} 3")]
    public void A_sample_with_an_empty_quoted_name_is_a_format_error(string text)
    {
        Assert.Throws<FormatException>(() => PrometheusText.Parse(text));
    }

    private static void Property(string text)
    {
        try
        {
            var samples = PrometheusText.Parse(text);
            Assert.All(samples, s => Assert.False(string.IsNullOrEmpty(s.Name)));
        }
        catch (FormatException e)
        {
            Assert.Contains("line", e.Message, StringComparison.OrdinalIgnoreCase);
        }
    }
}
