namespace Inference.Sdk.Requests;

/// <summary>
/// How a request yields when targets near their rate limits: interactive work keeps every target's full limit; batch work uses
/// only <c>HybridRouterOptions.BatchLimitShare</c> of it (so it moves to other targets first) and, when no target admits
/// it, waits in a bounded queue (<c>HybridRouterOptions.BatchQueueLimit</c>, <c>BatchQueueTimeout</c>).
/// </summary>
public enum RequestPriority
{
    /// <summary>A person is waiting: refused at once with a time to retry when nothing admits it.</summary>
    Interactive,

    /// <summary>Background work (evaluations, agents, bulk jobs): leaves headroom to interactive work and waits for capacity.</summary>
    Batch,
}
