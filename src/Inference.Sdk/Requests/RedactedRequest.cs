using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Requests;

/// <summary>A request as it leaves for a non-edge target under <c>PiiPolicy.Redact</c>, and the restore of its placeholders.</summary>
/// <param name="Messages">The redacted messages.</param>
/// <param name="Options">The options, cloned with redacted instructions when they held a finding.</param>
/// <param name="Restore">The restore of the placeholders in what comes back.</param>
internal sealed record RedactedRequest(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options, PiiRestore Restore);
