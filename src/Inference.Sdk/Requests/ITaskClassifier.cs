using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Requests;

/// <summary>Tells what kind of work a request asks for; the router calls it once per request.</summary>
/// <remarks>Implementations are fast and do no I/O: they run on the routing path.</remarks>
public interface ITaskClassifier
{
    /// <summary>Classifies a request.</summary>
    /// <param name="messages">The request's messages.</param>
    /// <param name="options">The request's options, if any.</param>
    /// <returns>The task type.</returns>
    TaskType Classify(IReadOnlyList<ChatMessage> messages, ChatOptions? options);
}
