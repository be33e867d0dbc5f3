namespace Inference.Sdk.Requests;

/// <summary>One piece of personal data or one secret found in a text.</summary>
/// <param name="Kind">What was found.</param>
/// <param name="Start">The index of the first character in the scanned text.</param>
/// <param name="Length">The number of characters.</param>
public readonly record struct PiiFinding(PiiKind Kind, int Start, int Length);
