// Inference.Sdk quickstart: `dotnet run --project samples/Quickstart`.
// 1. Finds a local engine (vLLM :8000, SGLang :30000, llama.cpp :8080, Ollama :11434) and chats through the router.
//    Point it at any engine instead with INFERENCE_ENDPOINT (and INFERENCE_ENGINE=Vllm|Sglang|LlamaCpp|Ollama|OpenAICompatible,
//    INFERENCE_MODEL=<model id>, INFERENCE_API_KEY=<key> for a hosted API).
// 2. Whatever it finds, runs the seeds' startup scenario: should an $8,000/month API bill move to Qwen3.5-35B-A3B on a
//    Spheron H100 spot GPU? Then routes sample prompts in plan-only mode (no request is sent) and prints each decision.
using System.Globalization;
using Inference.Sdk;
using Inference.Sdk.Costs;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// --- 1. a real engine, if one answers -------------------------------------------------------------------------------
DiscoveredEngine? found = null;
if (Environment.GetEnvironmentVariable("INFERENCE_ENDPOINT") is { Length: > 0 } configured)
{
    // A mistake in a setting is one line naming it and the fix, and exit code 2; no stack trace.
    if (!Uri.TryCreate(configured, UriKind.Absolute, out Uri? endpoint) || endpoint.Scheme is not ("http" or "https"))
    {
        Console.Error.WriteLine($"error: INFERENCE_ENDPOINT is '{configured}', which is not an absolute http or https address; set it to the engine's base URL, e.g. http://127.0.0.1:8080.");
        return 2;
    }

    EngineKind engine = EngineKind.OpenAICompatible;
    if (Environment.GetEnvironmentVariable("INFERENCE_ENGINE") is { Length: > 0 } named
        && !(Enum.TryParse(named, ignoreCase: true, out engine) && Enum.IsDefined(engine) && !char.IsAsciiDigit(named[0])))
    {
        Console.Error.WriteLine($"error: INFERENCE_ENGINE is '{named}', which is not an engine; use one of: {string.Join(", ", Enum.GetNames<EngineKind>())}.");
        return 2;
    }

    found = new DiscoveredEngine(engine, endpoint, Version: null);
}
else
{
    found = (await LocalEngineDiscovery.DiscoverAsync(timeout: TimeSpan.FromMilliseconds(700))).FirstOrDefault();
}

if (found is not null)
{
    string model = Environment.GetEnvironmentVariable("INFERENCE_MODEL") ?? "default";
    Console.WriteLine($"Found {found.Engine} at {found.Endpoint}; asking it through the router...");
    IChatClient engineClient = EngineChatClient.Create(found.Engine, found.Endpoint, model,
        new EngineClientOptions { ApiKey = Environment.GetEnvironmentVariable("INFERENCE_API_KEY"), TargetName = "local" });
    using var live = new HybridRouterChatClient([new RouteTarget("local", engineClient, TargetTier.Edge, 8_192)]);
    try
    {
        ChatResponse answer = await live.GetResponseAsync("In one sentence: what is an inference engine?", new ChatOptions { MaxOutputTokens = 64 });
        Console.WriteLine($"  answer: {answer.Text.Trim()}");
        Console.WriteLine($"  route:  {answer.AdditionalProperties?[InferencePropertyNames.RouteDecision]}");
    }
    catch (Exception ex) when (ex is InferenceException or RouteRefusedException)
    {
        Console.WriteLine($"  the engine did not answer: {ex.Message}");
    }
}
else
{
    Console.WriteLine("No local engine answered on 127.0.0.1 ports 8000 (vLLM), 30000 (SGLang), 8080 (llama.cpp) or 11434 (Ollama).");
    Console.WriteLine("Set INFERENCE_ENDPOINT (and INFERENCE_ENGINE, INFERENCE_MODEL) to chat with one. Showing the planner instead.");
}

// --- 2. the seeds' startup scenario, through the planner --------------------------------------------------------------
Console.WriteLine();
Console.WriteLine("Scenario: a startup pays $8,000/month for a hosted API (about 20 M tokens a day); could Qwen3.5-35B-A3B on rented GPUs serve it?");
var workload = new Workload
{
    ModelId = ModelIds.Qwen35_35B_A3B,
    InputTokensPerDay = 15_000_000,
    OutputTokensPerDay = 5_000_000,
    Pattern = TrafficPattern.Steady,
    CurrentApiMonthlyUsd = 8_000m,
};
IReadOnlyList<Placement> placements = new DeploymentPlanner().Plan(workload);
Console.Write(DeploymentPlanner.FormatTable(placements.Take(6)));
Placement spot = placements.First(p => p.Provider == ProviderKind.Spheron && p.Gpu == GpuKind.H100Sxm5 && p.Capacity == CapacityType.Spot);
PriceOffer spotOffer = OfferCatalog.Default.Find(ProviderKind.Spheron, GpuKind.H100Sxm5, CapacityType.Spot)!;
ModelSpec qwen = Models.Get(ModelIds.Qwen35_35B_A3B);
Console.WriteLine($"  Spheron H100 spot: ${spot.UsdPerHour}/h ({spot.PriceSource}, {spot.PriceAsOf}), {spot.UsdPerMillionTokens:0.000} $/Mtok at {spot.ExpectedUtilization:P0} utilization, ${spot.MonthlyUsd:N0}-{spot.MonthlyUsdHigh:N0}/month");
Console.WriteLine($"  fit:     {spot.Memory}");
Console.WriteLine($"  verdict: {spot.UtilizationVerdict.Reason}");
if (spot.SelfHostVerdict is { } selfHost)
{
    Console.WriteLine($"  with people: {selfHost.Reason}");
}

// --- 3. plan-only routing of sample prompts -----------------------------------------------------------------------------
IChatClient unused = EngineChatClient.Create(EngineKind.LlamaCpp, new Uri("http://127.0.0.1:8080"), "unused");
using var router = new HybridRouterChatClient(
[
    new RouteTarget("edge", unused, TargetTier.Edge, 8_192) { ModelId = ModelIds.Llama31_8B, ExpectedCostUsd = (_, _) => 0m },
    new RouteTarget("gpu-pod", unused, TargetTier.CloudPod, qwen.ContextWindow)
    {
        ModelId = ModelIds.Qwen35_35B_A3B,
        ExpectedCostUsd = (input, output) => (input + output) * CostMath.EffectiveUsdPerMillionTokens(spotOffer.UsdPerGpuHour, 3_000, 0.5) / 1_000_000m,
    },
    new RouteTarget("cloud", unused, TargetTier.HostedApi, 400_000) { ExpectedCostUsd = (input, output) => ((input * 1.25m) + (output * 10m)) / 1_000_000m },
]);

string[] prompts =
[
    "What is the capital of France?",
    "Write a C# function that merges two sorted arrays, with unit tests.",
    "My SSN is 123-45-6789, please fill in the tax form for me.",
    "Summarize this report: " + string.Concat(Enumerable.Repeat("Quarterly revenue grew while costs stayed flat. ", 400)),
    "Prove that there are infinitely many primes, step by step.",
];
Console.WriteLine();
Console.WriteLine($"{"prompt",-42} {"target",-8} {"rule",-22} {"est. USD",10}  reasons");
foreach (string prompt in prompts)
{
    RouteDecision d = router.Plan([new ChatMessage(ChatRole.User, prompt)]);
    string shown = prompt.Length > 40 ? prompt[..39] + "…" : prompt;
    Console.WriteLine($"{shown,-42} {d.Target ?? "(none)",-8} {d.Rule,-22} {d.EstimatedCostUsd?.ToString("0.000000") ?? "?",10}  {string.Join("; ", d.Reasons)}");
}

return 0;
