using Inference.Sdk.Routing;

namespace Inference.Sdk.Hosting;

/// <summary>
/// The names to give OpenTelemetry so it collects this package's metrics and traces, without this package depending on
/// the OpenTelemetry SDK: <c>.WithMetrics(m =&gt; m.AddMeter(InferenceOpenTelemetry.MeterNames))</c> and
/// <c>.WithTracing(t =&gt; t.AddSource(InferenceOpenTelemetry.ActivitySourceNames))</c>.
/// </summary>
public static class InferenceOpenTelemetry
{
    /// <summary>Gets the meter names: the cost, token and utilization meter, and the router's meter.</summary>
    public static string[] MeterNames => [InferenceTelemetry.Name, HybridRouterChatClient.MeterName];

    /// <summary>Gets the activity source names: the package's source, which the per-target OpenTelemetry chat clients also use.</summary>
    public static string[] ActivitySourceNames => [InferenceTelemetry.Name];
}
