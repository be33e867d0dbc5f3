namespace Inference.Sdk.Analyzers.Tests.Parity;

/// <summary>One appsettings snippet of the parity corpus.</summary>
/// <param name="Name">What it shows, unique in the corpus.</param>
/// <param name="Json">The whole appsettings.json.</param>
/// <param name="Expected">"id severity path" of every diagnostic expected, in any order; <see langword="null"/> where the case only
/// asserts that no setting is invalid (a documented name or alias) and both sides agree.</param>
internal sealed record ParityCase(string Name, string Json, string[]? Expected);
