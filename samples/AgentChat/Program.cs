// Inference.Sdk + Microsoft Agent Framework: an agent whose model is the router, with one tool.
//   dotnet run --project samples/AgentChat -- "What's the weather like in Boston today?"
// The router sends each turn to "edge" (llama.cpp on 127.0.0.1:8080) or "cloud" (any OpenAI-compatible API) by the rules
// in appsettings.json, fails over between them, and meters what each cost. Give the cloud its key in the environment:
//   export Inference__Targets__cloud__ApiKey=sk-...
using System.ComponentModel;
using System.Globalization;
using AgentChat;
using Inference.Sdk.Costs;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddInference(configure: settings => settings.DisableHealthChecks = true); // the router is the IChatClient; edge and cloud are keyed ones
using IHost host = builder.Build();

try
{
    _ = host.Services.GetRequiredService<IOptions<Inference.Sdk.Hosting.InferenceOptions>>().Value; // a configuration mistake is one line per key, here
}
catch (OptionsValidationException e)
{
    Console.Error.WriteLine("AgentChat did not start: " + string.Join(Environment.NewLine, e.Failures));
    return 1;
}

AIAgent agent = host.Services.GetRequiredService<IChatClient>().AsAIAgent(
    instructions: "You are a concise travel assistant. Call get_current_weather for current conditions before you answer.",
    name: "TravelAgent",
    tools: [AIFunctionFactory.Create(Weather.GetCurrentWeather, "get_current_weather")]);

string question = args.Length > 0 ? string.Join(' ', args) : "What's the weather like in Boston today?";
var answer = await agent.RunAsync(question);
Console.WriteLine(answer.Text);

// Every model call the agent made went through the router and the ledger: print what each target served and cost.
ICostLedger ledger = host.Services.GetRequiredService<ICostLedger>();
foreach ((string target, CostTotals totals) in ledger.GetBreakdown(CostDimension.Target, CostWindow.Day, DateTimeOffset.UtcNow))
{
    Console.WriteLine($"target {target}: {totals.Requests} model call(s), {totals.Usd:0.000000} USD");
}

return 0;

namespace AgentChat
{
    /// <summary>The agent's tool. A stand-in for your weather API: it answers from a fixed table.</summary>
    internal static class Weather
    {
        [Description("Get the current weather in a given location")]
        public static string GetCurrentWeather([Description("The city and state, e.g. San Francisco, CA")] string location) =>
            location.Contains("Boston", StringComparison.OrdinalIgnoreCase) ? "Boston, MA: 18 °C, light rain" : $"{location}: 22 °C, clear";
    }
}
