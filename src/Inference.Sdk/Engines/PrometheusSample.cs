using System.Collections.Generic;

namespace Inference.Sdk.Engines;

/// <summary>One sample of the Prometheus text format: a series name, its labels and its value.</summary>
/// <param name="Name">The series name, e.g. <c>vllm:num_requests_waiting</c> or <c>vllm:time_to_first_token_seconds_sum</c>.</param>
/// <param name="Labels">The labels, in the order written.</param>
/// <param name="Value">The value (may be NaN or ±infinity).</param>
internal readonly record struct PrometheusSample(string Name, IReadOnlyList<KeyValuePair<string, string>> Labels, double Value);
