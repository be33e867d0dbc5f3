using Inference.Sdk.Requests;
using Inference.Sdk.Routing.Limits;

namespace Inference.Sdk.Routing.Policy;

/// <summary>
/// Rate limits before sending: a target whose requests- or tokens-per-minute limit cannot admit the request now (its prompt
/// there plus the expected output) is skipped, with the count and the wait in the reason, instead of being sent a request it
/// would answer with 429. Batch work sees only <see cref="HybridRouterOptions.BatchLimitShare"/> of each limit.
/// </summary>
internal sealed class RateLimitFilter : RouteFilter
{
    public static readonly RateLimitFilter Instance = new();

    public override bool Apply(ref RouteContext c)
    {
        double share = c.Request.Priority == RequestPriority.Batch ? c.Options.BatchLimitShare : 1;
        for (int i = 0; i < c.Count; i++)
        {
            ref readonly var s = ref c.Targets[i];
            if (s.Limits is not { } limits || !c.IsEligible(i))
            {
                continue;
            }

            long need = c.Need(i);
            if (limits.Check(need, share, s.Now) is { } refused)
            {
                string why = refused.Check.Describe(refused.Counter, refused.Amount);
                c.Exclude(i, RouteRule.RateLimit, share < 1 ? why + " (batch share)" : why);
                c.Decision.Limited = LimitRefusal.Sooner(c.Decision.Limited, new LimitRefusal(refused.Counter.Kind, refused.Counter.Name, s.Target.Name, IsTenant: false, refused.Check.RetryAfter, why, refused.Check.LeaseShort));
            }
        }

        return true;
    }
}
