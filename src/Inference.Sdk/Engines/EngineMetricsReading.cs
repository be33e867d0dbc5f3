namespace Inference.Sdk.Engines;

/// <summary>What one metrics page said: the metric set it was recognised as, and the load when the set has a queue or running gauge.</summary>
/// <param name="Set">The metric set the page matched; <see langword="null"/> when the engine has none.</param>
/// <param name="Load">The load; <see langword="null"/> when the page carries neither gauge of the set (or the set has none).</param>
internal readonly record struct EngineMetricsReading(EngineMetricSet? Set, EngineLoad? Load);
