namespace Inference.Sdk.Routing.Policy;

/// <summary>One hard rule of the policy: takes targets out of the decision, each with its rule and reason. Pure: no I/O, no clock.</summary>
internal abstract class RouteFilter
{
    /// <summary>Applies the rule to the decision in progress.</summary>
    /// <param name="c">The decision in progress.</param>
    /// <returns><see langword="false"/> to refuse the request outright (a reason says why).</returns>
    public abstract bool Apply(ref RouteContext c);
}
