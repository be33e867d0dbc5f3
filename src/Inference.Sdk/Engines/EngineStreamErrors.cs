using System;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Engines;

/// <summary>
/// Recovers the status an engine would have answered for an error it sent inside a 200 stream. TGI's chat route writes
/// every in-stream failure as <c>{"error":{"message",…,"http_status_code":422}}</c>, whatever its cause
/// (router/src/infer/mod.rs <c>into_openai_event</c>); the cause is in the message, which is the <c>InferError</c>'s text.
/// With the real status, "Model is overloaded" maps to <see cref="TargetOverloadedException"/> as the 429 of the same
/// error does outside a stream. Pure.
/// </summary>
internal static class EngineStreamErrors
{
    /// <summary>The error with the status its cause stands for, when the engine flattens in-stream statuses; else unchanged.</summary>
    public static EngineError Classify(EngineProfile profile, EngineError error)
    {
        if (profile.Engine != EngineKind.Tgi || error.Message is not string message)
        {
            return error;
        }

        // The statuses of router/src/server.rs `impl From<InferError> for (StatusCode, Json<ErrorResponse>)`.
        int? status =
            message.StartsWith("Model is overloaded", StringComparison.Ordinal) ? 429 :
            message.StartsWith("Input validation error", StringComparison.Ordinal) ? 422 :
            message.StartsWith("Request failed during generation", StringComparison.Ordinal) ? 424 :
            message.StartsWith("Incomplete generation", StringComparison.Ordinal) ? 500 :
            null;
        return status is int s ? error with { StatusCode = s } : error;
    }
}
