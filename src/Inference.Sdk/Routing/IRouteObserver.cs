namespace Inference.Sdk.Routing;

/// <summary>
/// Hears about every request the router handled once it has ended: served, failed, refused or canceled, with its decision and
/// every attempt (<see cref="RouteDecision.Attempts"/>). The seam for a route log or a dashboard.
/// </summary>
/// <remarks>
/// Called once per request, synchronously, on the request's thread: keep it fast, and never throw. Add one with
/// <see cref="HybridRouterChatClient.Observe(IRouteObserver)"/>; the hosted router (<c>AddInference</c>) adds every
/// <see cref="IRouteObserver"/> registered in the service collection.
/// </remarks>
public interface IRouteObserver
{
    /// <summary>Called when a request has ended.</summary>
    /// <param name="decision">The request's decision, complete: <see cref="RouteDecision.Outcome"/> says how it ended.</param>
    void OnCompleted(RouteDecision decision);
}
