using System;
using System.Collections.Generic;

namespace Inference.Sdk.Requests;

/// <summary>Finds personal data and secrets in a text; the router calls it once per text of every request (a short text that repeats within a request, once).</summary>
/// <remarks>Implementations are pure and fast (no I/O): they run on the routing path.</remarks>
public interface IPiiDetector
{
    /// <summary>Adds the findings in <paramref name="text"/> to <paramref name="findings"/>.</summary>
    /// <param name="text">The text to scan.</param>
    /// <param name="findings">The list the findings are added to, in any order.</param>
    void Detect(ReadOnlySpan<char> text, ICollection<PiiFinding> findings);
}
