namespace Inference.Sdk.Hosting;

/// <summary>
/// The names to give OpenTelemetry so it collects this package's metrics and traces, without this package depending on
/// the OpenTelemetry SDK: <c>.WithMetrics(m =&gt; m.AddMeter(InferenceOpenTelemetry.MeterNames))</c> and
/// <c>.WithTracing(t =&gt; t.AddSource(InferenceOpenTelemetry.ActivitySourceNames))</c>.
/// </summary>
public static class InferenceOpenTelemetry
{
    /// <summary>Gets the meter names: the one meter of the package (tokens, cost, route decisions, utilization).</summary>
    public static string[] MeterNames => [InferenceTelemetry.Name];

    /// <summary>Gets the activity source names: the package's source, which the per-target OpenTelemetry chat clients also use.</summary>
    public static string[] ActivitySourceNames => [InferenceTelemetry.Name];
}
