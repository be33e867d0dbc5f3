namespace Inference.Sdk.Hosting;

/// <summary>What the registration knows about the configuration: the root path that messages name.</summary>
/// <param name="Root">The configuration path of the section, e.g. <c>Inference</c>.</param>
internal sealed record InferenceHostingState(string Root);
