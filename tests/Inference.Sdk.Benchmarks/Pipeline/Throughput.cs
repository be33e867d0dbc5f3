using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.IntegrationTests.Infrastructure;
using Inference.Sdk.Knowledge;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Benchmarks.Pipeline;

/// <summary>
/// <c>dotnet run -c Release -- throughput [seconds] [rounds]</c>: requests per second against a real llama-server
/// (the tiny model, <c>--parallel 64</c>, <c>--metrics</c>) at concurrency 1, 8 and 64, through (b) the bare OpenAI
/// SDK and (c) our pipeline, alternating b and c for each round so drift in the machine's load hits both alike.
/// </summary>
internal static class Throughput
{
    private static readonly int[] Concurrencies = [1, 8, 64];
    private static readonly List<ChatMessage> Messages = [new(ChatRole.User, "Say hello.")];
    private static readonly ChatOptions Options = new() { MaxOutputTokens = 8, Temperature = 0 };

    public static async Task<int> RunAsync(string[] args)
    {
        double seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        int rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
        await using var llama = await LlamaServer.StartAsync(contextPerSlot: 128, parallel: Concurrencies.Max());
        var openAIBase = new Uri(llama.Endpoint, "v1");
        using var sdk = Contenders.Sdk(openAIBase, LlamaServer.ModelName);
        var (host, pipeline) = await Contenders.PipelineAsync(openAIBase, EngineKind.LlamaCpp, LlamaServer.ModelName);
        using (host)
        {
            Console.WriteLine($"llama-server {llama.ServerPath} -m {llama.ModelPath} --parallel {llama.Parallel}; {seconds} s per run, {rounds} rounds; {Environment.ProcessorCount} cores");
            Console.WriteLine("| concurrency | (b) OpenAI SDK req/s | (c) pipeline req/s | (c)/(b) |");
            Console.WriteLine("|---:|---:|---:|---:|");
            foreach (int concurrency in Concurrencies)
            {
                await MeasureAsync(sdk, concurrency, TimeSpan.FromSeconds(2)); // warm both paths and the server's slots
                await MeasureAsync(pipeline, concurrency, TimeSpan.FromSeconds(2));
                double b = 0, c = 0;
                for (int r = 0; r < rounds; r++)
                {
                    b += await MeasureAsync(sdk, concurrency, TimeSpan.FromSeconds(seconds));
                    c += await MeasureAsync(pipeline, concurrency, TimeSpan.FromSeconds(seconds));
                }

                Console.WriteLine($"| {concurrency} | {b / rounds:0.0} | {c / rounds:0.0} | {c / b:0.000} |");
            }

            await host.StopAsync();
        }

        return 0;
    }

    /// <summary>Runs <paramref name="concurrency"/> closed-loop workers for <paramref name="duration"/>; returns completed requests per second.</summary>
    public static async Task<double> MeasureAsync(IChatClient client, int concurrency, TimeSpan duration)
    {
        long done = 0;
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await client.GetResponseAsync(Messages, Options).ConfigureAwait(false);
                if (response.Messages.Count == 0)
                {
                    throw new InvalidOperationException("The server returned no message.");
                }

                Interlocked.Increment(ref done);
            }
        })).ToArray();
        await Task.Delay(duration).ConfigureAwait(false);
        stop.Cancel();
        await Task.WhenAll(workers).ConfigureAwait(false);
        return Interlocked.Read(ref done) / clock.Elapsed.TotalSeconds;
    }
}
