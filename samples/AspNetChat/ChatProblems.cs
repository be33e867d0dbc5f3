using Inference.Sdk;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;

namespace AspNetChat;

/// <summary>What a caller reads when no target takes the request: RFC 9457 problem details, with reasons and no secrets.</summary>
public static class ChatProblems
{
    /// <summary>The route decision an update carries, if any.</summary>
    public static RouteDecision? DecisionOf(ChatResponseUpdate? update) =>
        update?.AdditionalProperties?.TryGetValue(InferencePropertyNames.RouteDecision, out object? value) == true ? value as RouteDecision : null;

    /// <summary>
    /// The answer for a failure before the first token (the router has already told the route log, with every attempt): 422
    /// when the router refused the request (no target may take it: too long, PII that must stay local, budget) or the prompt
    /// fits no context window, 503 when the targets that could take it failed or are overloaded (with <c>Retry-After</c> when they said). <see langword="null"/> for
    /// anything else (a bug, or the caller gone), which is not handled here.
    /// </summary>
    public static IResult? For(Exception exception)
    {
        switch (exception)
        {
            case RouteRefusedException refused:
                return TypedResults.Problem(
                    title: "No target may take this request",
                    detail: "The router refused the request under its policy; 'reasons' says why and 'rejected' why each target was passed over.",
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    type: "https://github.com/inference-sdk/inference-sdk/blob/main/docs/routing.md",
                    extensions: new Dictionary<string, object?>
                    {
                        ["rule"] = refused.Decision?.Rule.ToString(),
                        ["reasons"] = refused.Decision?.Reasons ?? [],
                        ["rejected"] = refused.Decision?.Rejected.Select(r => new { target = r.Target, rule = r.Rule.ToString(), reason = r.Reason }).ToArray() ?? [],
                    });
            case ContextWindowExceededException tooLong:
                return TypedResults.Problem(
                    title: "The prompt does not fit the model's context window",
                    detail: $"{tooLong.PromptTokens?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "The"} prompt tokens do not fit target '{tooLong.TargetName}' ({tooLong.ContextWindow?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"} tokens). Shorten the prompt.",
                    statusCode: StatusCodes.Status422UnprocessableEntity);
            case InferenceException failed:
                // The type and target only: provider messages may quote the request or the provider's own text.
                var extensions = new Dictionary<string, object?> { ["target"] = failed.TargetName, ["error"] = failed.GetType().Name };
                if (failed is TargetOverloadedException { RetryAfter: TimeSpan retryAfter })
                {
                    extensions["retryAfterSeconds"] = (int)Math.Ceiling(retryAfter.TotalSeconds);
                }

                return TypedResults.Problem(
                    title: "No target could serve the request",
                    detail: $"Every target the router tried failed; the last was '{failed.TargetName}' ({failed.GetType().Name}). Try again later.",
                    statusCode: StatusCodes.Status503ServiceUnavailable,
                    extensions: extensions);
            default:
                return null;
        }
    }
}
