using System.Collections.Generic;

namespace Inference.Sdk.Routing.Limits;

/// <summary>One renewal of a <see cref="LimitCounter"/>'s fleet lease: what to ask Redis for and what to give back to it.</summary>
/// <param name="Counter">The counter.</param>
/// <param name="Want">The lease to ask for.</param>
/// <param name="Replay">What was admitted while Redis was away, to add to the fleet's count.</param>
/// <param name="Refunds">Unused amounts to give back, by the grant they came from.</param>
internal sealed record LimitRenewal(LimitCounter Counter, long Want, long Replay, Dictionary<long, long>? Refunds);
