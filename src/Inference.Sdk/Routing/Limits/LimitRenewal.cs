using System.Collections.Generic;

namespace Inference.Sdk.Routing.Limits;

/// <summary>One renewal of a <see cref="LimitCounter"/>'s fleet lease: what to ask Redis for and what to give back to it.</summary>
/// <param name="Counter">The counter.</param>
/// <param name="Want">The lease to ask for, on top of what is carried.</param>
/// <param name="Replay">What was admitted while Redis was away, to add to the fleet's count.</param>
/// <param name="Refunds">Unused amounts to give back, by the grant they came from.</param>
/// <param name="LeaseGrant">The grant the current lease came from (-1 when none).</param>
/// <param name="Carried">The part of the current lease kept: moved in Redis from <paramref name="LeaseGrant"/> to the new grant, so it stays counted once.</param>
/// <param name="Returned">The part of the current lease given back to <paramref name="LeaseGrant"/> in the same round trip (no longer spent here).</param>
internal sealed record LimitRenewal(LimitCounter Counter, long Want, long Replay, Dictionary<long, long>? Refunds, long LeaseGrant = -1, long Carried = 0, long Returned = 0)
{
    /// <summary>Gets what the round trip adds to the grant's bucket besides the new grant: the replay and the carried lease.</summary>
    public long Added => Replay + Carried;

    /// <summary>The amounts to take off earlier grants: the refunds, then the carried and returned lease off its grant.</summary>
    /// <returns>(grant, amount) pairs.</returns>
    public IEnumerable<(long Grant, long Amount)> Takebacks()
    {
        foreach ((long grant, long amount) in Refunds ?? [])
        {
            yield return (grant, amount);
        }

        if (LeaseGrant >= 0 && Carried + Returned > 0)
        {
            yield return (LeaseGrant, Carried + Returned);
        }
    }
}
