using System;

namespace Inference.Sdk.Routing.Policy;

/// <summary>The caller named the target (<see cref="InferencePropertyNames.ForceTarget"/>): every other target is out; the hard rules after this one still apply.</summary>
internal sealed class ForceTargetFilter : RouteFilter
{
    public static readonly ForceTargetFilter Instance = new();

    public override bool Apply(ref RouteContext c)
    {
        if (c.Request.ForceTarget is not { } name)
        {
            return true;
        }

        int forced = -1;
        for (int i = 0; i < c.Count && forced < 0; i++)
        {
            forced = string.Equals(c.Targets[i].Target.Name, name, StringComparison.OrdinalIgnoreCase) ? i : -1;
        }

        if (forced < 0)
        {
            c.Decision.AddReason($"force-target '{name}' is not a configured target");
            return false;
        }

        for (int i = 0; i < c.Count; i++)
        {
            if (i != forced)
            {
                c.Exclude(i, RouteRule.ForceTarget, "caller forced another target");
            }
        }

        c.Rule = RouteRule.ForceTarget;
        c.Decision.AddReason($"caller forced '{c.Targets[forced].Target.Name}'");
        return true;
    }
}
