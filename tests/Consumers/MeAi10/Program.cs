// Microsoft.Extensions.AI 10.11: the router from services.AddInference, streaming one answer from INFERENCE_ENDPOINT.
using System.Text;
using Inference.Sdk.Knowledge;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

var services = new ServiceCollection();
services.AddLogging();
services.AddInference(inference => inference.AddTarget("edge", target =>
{
    target.Engine = EngineKind.Vllm; // LlamaCpp would be INF1006 (a development engine) from the analyzers in this package
    target.Endpoint = Environment.GetEnvironmentVariable("INFERENCE_ENDPOINT");
    target.Model = ModelIds.Llama31_8B;
})).AddAzureOpenAI();
await using ServiceProvider provider = services.BuildServiceProvider();

var text = new StringBuilder();
await foreach (ChatResponseUpdate update in provider.GetRequiredService<IChatClient>().GetStreamingResponseAsync("hello"))
{
    text.Append(update.Text);
}

Console.WriteLine($"answer: {text}");
return text.Length > 0 ? 0 : 1;
