using System;

namespace Inference.Sdk.Routing;

/// <summary>The result of one probe of a target.</summary>
/// <param name="Healthy">Whether the target answered its health route in time with neither a server error nor an authentication failure.</param>
/// <param name="Detail">What was probed and what came back, without secrets.</param>
/// <param name="CheckedAt">When the probe finished.</param>
internal sealed record TargetProbeResult(bool Healthy, string Detail, DateTimeOffset CheckedAt);
