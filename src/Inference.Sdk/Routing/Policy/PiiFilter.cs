using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Routing.Policy;

/// <summary>
/// PII and data classification (seed priority 1): a local-only classification or PII under <see cref="PiiPolicy.ForceLocal"/> keeps
/// the request on edge targets; <see cref="PiiPolicy.Redact"/> marks it for redaction before it leaves; <see cref="PiiPolicy.Refuse"/> refuses it.
/// </summary>
internal sealed class PiiFilter : RouteFilter
{
    public static readonly PiiFilter Instance = new();

    public override bool Apply(ref RouteContext c)
    {
        var d = c.Decision;
        bool localOnly = false;
        if (c.Request.DataClassification is { } classification && c.Options.LocalOnlyClassifications.Contains(classification))
        {
            localOnly = true;
            d.AddReason($"data classification '{classification}' is local-only");
        }

        if (c.Request.PiiKinds != 0)
        {
            string kinds = string.Join(", ", d.PiiKinds);
            switch (c.Options.PiiPolicy)
            {
                case PiiPolicy.Refuse:
                    d.AddReason($"PII found ({kinds}) and the PII policy is Refuse");
                    return false;
                case PiiPolicy.Redact when !localOnly:
                    d.Redacted = true;
                    d.AddReason(c.Options.RestoreRedactedValues
                        ? $"PII found ({kinds}): replaced by placeholders before leaving for a non-edge target, restored in the answer"
                        : $"PII found ({kinds}): replaced by placeholders before leaving for a non-edge target");
                    break;
                default:
                    localOnly = true;
                    d.AddReason($"PII found ({kinds}): kept local");
                    break;
            }
        }

        if (!localOnly)
        {
            return true;
        }

        d.LocalOnly = true;
        bool any = false;
        for (int i = 0; i < c.Count; i++)
        {
            if (c.IsEligible(i) && c.Targets[i].Target.Tier != TargetTier.Edge)
            {
                c.Exclude(i, RouteRule.Pii, "not an edge target and the request must stay local");
                any = true;
            }
        }

        if (any)
        {
            c.Rule ??= RouteRule.Pii;
        }

        return true;
    }
}
