namespace Inference.Sdk.Tests.Hosting;

/// <summary>Runs the telemetry gate's tests alone: another test's listener would observe the package's sources.</summary>
[CollectionDefinition(nameof(ObservedTelemetryChatClientTests), DisableParallelization = true)]
public sealed class ObservedTelemetryChatClientTestsCollection;
