using System.Runtime.CompilerServices;
using AspNetChat;
using Inference.Sdk;
using Inference.Sdk.Costs;
using Inference.Sdk.Routing;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.AI;

var builder = WebApplication.CreateBuilder(args);

// One registration: targets, router, budgets and ledger come from the "Inference" section of appsettings.json (secrets such as
// Inference:Targets:cloud:ApiKey from user secrets or the environment), with a health check per target and the package's
// meter and source in OpenTelemetry (Aspire-style: ConnectionStrings:{target} = Endpoint=...;Key=...;Model=... works too).
var inference = builder.AddInference();
builder.Services.AddSingleton<RouteLog>();
builder.Services.AddSingleton<IRouteObserver>(services => services.GetRequiredService<RouteLog>()); // the router tells it every request's end
builder.Services.AddProblemDetails();
inference.ChatClient.Use(async (messages, options, next, cancellationToken) => await next(messages, options, cancellationToken)); // your middleware goes here

await using var app = builder.Build();

// A configuration mistake (a misspelt provider, a missing endpoint, "$2.50" for a price) stops the app here, before it
// listens: each problem is logged as one critical line naming its key and the fix, and no stack trace follows.
if (!Startup.ConfigurationIsValid(app))
{
    return 1;
}

// Streams the answer as server-sent events. The route is decided before the first event, so the response names its target
// and rule in headers; a request no target can take is a problem+json answer (422 refused, 503 failed) with the reasons.
app.MapPost("/chat", async (ChatRequest request, IChatClient chat, HttpContext http, CancellationToken cancellationToken) =>
{
    var options = new ChatOptions { AdditionalProperties = [] };
    if (request.Tenant is { Length: > 0 } tenant)
    {
        options.AdditionalProperties[InferencePropertyNames.Tenant] = tenant;
    }

    if (request.Target is { Length: > 0 } target)
    {
        options.AdditionalProperties[InferencePropertyNames.ForceTarget] = target;
    }

    IAsyncEnumerator<ChatResponseUpdate> updates = chat.GetStreamingResponseAsync(request.Message, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
    ChatResponseUpdate? first;
    try
    {
        first = await updates.MoveNextAsync() ? updates.Current : null;
    }
    catch (Exception e) when (ChatProblems.For(e) is { } problem)
    {
        await updates.DisposeAsync();
        return problem;
    }

    RouteDecision? decision = ChatProblems.DecisionOf(first);
    http.Response.Headers["X-Inference-Target"] = decision?.ServedBy ?? decision?.Target ?? string.Empty;
    http.Response.Headers["X-Inference-Rule"] = decision?.Rule.ToString() ?? string.Empty;
    return TypedResults.ServerSentEvents(Stream(first, updates, cancellationToken), eventType: "delta");
});

app.MapGet("/costs", (ICostLedger ledger) => Dashboard.Costs(ledger, DateTimeOffset.UtcNow));
app.MapGet("/dashboard/data", (ICostLedger ledger, GpuUtilizationTracker utilization, HybridRouterChatClient router, RouteLog log) =>
    Dashboard.Data(ledger, utilization, router, log, DateTimeOffset.UtcNow));
app.MapGet("/dashboard", () => Results.Content(Dashboard.Html, "text/html"));
app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthJson.WriteAsync }); // one entry per target, with its reason

await app.RunAsync();
return 0;

static async IAsyncEnumerable<string> Stream(
    ChatResponseUpdate? first, IAsyncEnumerator<ChatResponseUpdate> updates, [EnumeratorCancellation] CancellationToken cancellationToken)
{
    try
    {
        for (ChatResponseUpdate? update = first; update is not null;)
        {
            if (update.Text.Length > 0)
            {
                yield return update.Text;
            }

            try
            {
                update = await updates.MoveNextAsync() ? updates.Current : null;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                update = null; // after output reached the caller nothing is retried: the stream ends here (the router logs it failed)
            }
        }
    }
    finally
    {
        await updates.DisposeAsync(); // the router tells the route log how the request ended, with every attempt
    }
}

/// <summary>The body of <c>POST /chat</c>: the message, the tenant to bill, and optionally a target to force.</summary>
public sealed record ChatRequest(string Message, string? Tenant = null, string? Target = null);

/// <summary>The entry point; public so that tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
