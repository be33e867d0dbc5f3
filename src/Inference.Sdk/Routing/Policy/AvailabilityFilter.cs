namespace Inference.Sdk.Routing.Policy;

/// <summary>
/// Availability: open circuits, unhealthy targets and targets that asked to be left alone (<c>Retry-After</c>) are skipped, and
/// so is a cold serverless endpoint when the request cannot wait for it to boot.
/// </summary>
internal sealed class AvailabilityFilter : RouteFilter
{
    public static readonly AvailabilityFilter Instance = new();

    public override bool Apply(ref RouteContext c)
    {
        var d = c.Decision;
        for (int i = 0; i < c.Count; i++)
        {
            ref readonly var s = ref c.Targets[i];
            if (!c.IsEligible(i))
            {
                continue;
            }

            if (s.CircuitOpen || !s.Healthy)
            {
                c.Exclude(i, RouteRule.Degraded, s.CircuitOpen ? "circuit open" : "unhealthy");
            }
            else if (s.BackOff is { } wait)
            {
                c.Exclude(i, RouteRule.Degraded, $"overloaded: asked to retry after {wait.TotalMilliseconds:0} ms");
                d.RetryAfter = d.RetryAfter is { } known && known < wait ? known : wait;
            }
            else if (s.ColdStart && c.Request.LatencyGoal is { } goal && goal < c.Options.ColdStartDuration)
            {
                c.Exclude(i, RouteRule.Degraded, $"cold start expected (~{c.Options.ColdStartDuration.TotalSeconds:0} s) and the latency goal is {goal.TotalMilliseconds:0} ms");
            }
        }

        return true;
    }
}
