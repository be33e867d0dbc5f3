// Microsoft.Extensions.AI 11 and Microsoft.Extensions.* 11: builder.AddInference() (Aspire-style) with the target's address in
// ConnectionStrings:edge, one answer, and the package's metrics collected by the app's OpenTelemetry SDK.
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;

var metrics = new List<Metric>();
HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
builder.Configuration["Inference:Targets:edge:Engine"] = "LlamaCpp";
builder.Configuration["ConnectionStrings:edge"] = $"Endpoint={Environment.GetEnvironmentVariable("INFERENCE_ENDPOINT")};Model=meta-llama/Llama-3.1-8B-Instruct";
builder.AddInference();
builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddInMemoryExporter(metrics));
using IHost host = builder.Build();
await host.StartAsync();

ChatResponse response = await host.Services.GetRequiredKeyedService<IChatClient>("edge").GetResponseAsync("hello");
HealthReport health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
host.Services.GetRequiredService<MeterProvider>().ForceFlush();
await host.StopAsync();

Console.WriteLine($"answer: {response.Text}");
Console.WriteLine($"health: {string.Join(", ", health.Entries.Select(e => $"{e.Key}={e.Value.Status}"))}");
Console.WriteLine($"metrics: {string.Join(", ", metrics.Select(m => m.Name).Distinct().Order())}");
return response.Text.Length > 0 ? 0 : 1;
