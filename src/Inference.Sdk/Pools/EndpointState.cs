namespace Inference.Sdk.Pools;

/// <summary>What the scorer reads of one endpoint: plain values the pool copies from the endpoint's board and prefix memory.</summary>
/// <param name="Available">Whether the endpoint may be sent anything: healthy, circuit not open, not backing off.</param>
/// <param name="ConversationOwned">Whether the request's conversation was last sent here by choice.</param>
/// <param name="ConversationBorrowed">Whether the request's conversation was last sent here while its own endpoint was out.</param>
/// <param name="OwnedBlocks">The longest prefix, in blocks, this endpoint was last sent by choice.</param>
/// <param name="AnyBlocks">The longest prefix, in blocks, this endpoint was last sent at all.</param>
/// <param name="Queued">Requests waiting in the engine's queue (from its metrics).</param>
/// <param name="KvCacheUsage">The engine's KV-cache occupancy in [0, 1], when read.</param>
/// <param name="InFlight">Requests this process has in flight on the endpoint now.</param>
/// <param name="MaxConcurrency">The most requests the endpoint may have in flight, when limited.</param>
internal readonly record struct EndpointState(
    bool Available,
    bool ConversationOwned,
    bool ConversationBorrowed,
    int OwnedBlocks,
    int AnyBlocks,
    int Queued,
    double? KvCacheUsage,
    int InFlight,
    int? MaxConcurrency);
