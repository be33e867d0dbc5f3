using System.Runtime.CompilerServices;
using AspNetChat;
using Inference.Sdk;
using Inference.Sdk.Costs;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;

var builder = WebApplication.CreateBuilder(args);

// One registration: targets, router, budgets and ledger come from the "Inference" section of appsettings.json
// (secrets such as Inference:Targets:cloud:ApiKey from user secrets or the environment).
var inference = builder.Services.AddInference(builder.Configuration.GetSection("Inference"));
builder.Services.AddSingleton<RouteLog>();
inference.ChatClient.Use(async (messages, options, next, cancellationToken) => await next(messages, options, cancellationToken)); // your middleware goes here
builder.Services.AddHealthChecks().AddInferenceHealthChecks();

await using var app = builder.Build();

// A configuration mistake (a misspelt provider, a missing endpoint, "$2.50" for a price) stops the app here, before it
// listens: each problem is logged as one critical line naming its key and the fix, and no stack trace follows.
if (!Startup.ConfigurationIsValid(app))
{
    return 1;
}

app.MapPost("/chat", (ChatRequest request, IChatClient chat, RouteLog log, CancellationToken cancellationToken) =>
    TypedResults.ServerSentEvents(Stream(request, chat, log, cancellationToken), eventType: "delta"));

app.MapGet("/costs", (ICostLedger ledger) => Dashboard.Costs(ledger, DateTimeOffset.UtcNow));
app.MapGet("/dashboard/data", (ICostLedger ledger, GpuUtilizationTracker utilization, HybridRouterChatClient router, RouteLog log) =>
    Dashboard.Data(ledger, utilization, router, log, DateTimeOffset.UtcNow));
app.MapGet("/dashboard", () => Results.Content(Dashboard.Html, "text/html"));
app.MapHealthChecks("/health");

await app.RunAsync();
return 0;

static async IAsyncEnumerable<string> Stream(ChatRequest request, IChatClient chat, RouteLog log, [EnumeratorCancellation] CancellationToken cancellationToken)
{
    var options = new ChatOptions { AdditionalProperties = [] };
    if (request.Tenant is { Length: > 0 } tenant)
    {
        options.AdditionalProperties[InferencePropertyNames.Tenant] = tenant;
    }

    RouteDecision? decision = null;
    await foreach (ChatResponseUpdate update in chat.GetStreamingResponseAsync(request.Message, options, cancellationToken))
    {
        if (update.AdditionalProperties?.TryGetValue(InferencePropertyNames.RouteDecision, out object? value) == true && value is RouteDecision d)
        {
            decision = d;
        }

        if (update.Text.Length > 0)
        {
            yield return update.Text;
        }
    }

    if (decision is not null)
    {
        log.Add(decision);
    }
}

/// <summary>The body of <c>POST /chat</c>.</summary>
public sealed record ChatRequest(string Message, string? Tenant = null);

/// <summary>The entry point; public so that tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
