using System;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Engines;

/// <summary>An engine found by <see cref="LocalEngineDiscovery"/>.</summary>
/// <param name="Engine">Which engine answered.</param>
/// <param name="Endpoint">Its address (pass it to <see cref="EngineChatClient.Create"/>).</param>
/// <param name="Version">The version or build it reported, when it did.</param>
public sealed record DiscoveredEngine(EngineKind Engine, Uri Endpoint, string? Version);
