using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Routing.Policy;

/// <summary>
/// Capabilities: a request that needs tools, structured output, vision or reasoning is never sent to a target that lacks one
/// (configured, from the model catalog, reported by its engine, or refused by it before).
/// </summary>
internal sealed class CapabilityFilter : RouteFilter
{
    public static readonly CapabilityFilter Instance = new();

    public override bool Apply(ref RouteContext c)
    {
        ModelCapabilities needs = c.Request.Needs;
        if (needs == ModelCapabilities.None)
        {
            return true;
        }

        for (int i = 0; i < c.Count; i++)
        {
            ref readonly var s = ref c.Targets[i];
            ModelCapabilities missing = needs & ~s.Capabilities;
            if (c.IsEligible(i) && missing != ModelCapabilities.None)
            {
                c.Exclude(i, RouteRule.Capability, $"lacks {missing}, which the request needs ({Why(missing, s)})");
            }
        }

        return true;
    }

    private static string Why(ModelCapabilities missing, in TargetSnapshot s) =>
        (missing & s.Refused) != 0 ? "its engine refused a request for it"
        : (missing & s.Reported) != 0 ? "its engine says so"
        : s.Target.Capabilities is null ? "unknown" : "its Capabilities, configured or from the model catalog";
}
