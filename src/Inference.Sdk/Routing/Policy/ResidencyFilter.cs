using System;
using System.Collections.Generic;

namespace Inference.Sdk.Routing.Policy;

/// <summary>Residency and compliance tags (<see cref="InferencePropertyNames.RequiredTags"/>): a target lacking one is never chosen.</summary>
internal sealed class ResidencyFilter : RouteFilter
{
    public static readonly ResidencyFilter Instance = new();

    public override bool Apply(ref RouteContext c)
    {
        if (c.Request.RequiredTags.Count == 0)
        {
            return true;
        }

        for (int i = 0; i < c.Count; i++)
        {
            if (c.IsEligible(i) && MissingTag(c.Targets[i].Target, c.Request.RequiredTags) is { } missing)
            {
                c.Exclude(i, RouteRule.Residency, $"lacks required tag '{missing}'");
            }
        }

        return true;
    }

    private static string? MissingTag(RouteTarget t, IReadOnlyList<string> required)
    {
        foreach (string tag in required)
        {
            bool found = false;
            foreach (string have in t.Tags)
            {
                if (string.Equals(have, tag, StringComparison.OrdinalIgnoreCase))
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return tag;
            }
        }

        return null;
    }
}
