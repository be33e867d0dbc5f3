using BenchmarkDotNet.Running;
using Inference.Sdk.Benchmarks.Pipeline;

// BenchmarkDotNet: dotnet run -c Release --project tests/Inference.Sdk.Benchmarks -- --filter '*'
// Console modes: throughput [seconds] [rounds] | pools [conversations] [turns] [requests per second] | hot [seconds] [layer,layer,...] [--warmup S] | cold [seconds] [KiB] [layer,...] | peer-server PORT | peer-latency SERVER_V1 GATEWAY_V1 [requests]
return args switch
{
    ["throughput", ..] => await Throughput.RunAsync(args),
    ["pools", ..] => await Inference.Sdk.Benchmarks.Pools.PoolRouting.RunAsync(args),
    ["decompose", ..] => await PeerLatency.DecomposeAsync(args),
    ["hot", ..] => await PeerLatency.HotAsync(args),
    ["cold", ..] => await ColdCache.RunAsync(args),
    ["peer-server", _, ..] => await PeerLatency.ServeAsync(args),
    ["peer-latency", _, _, ..] => await PeerLatency.RunAsync(args),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}

/// <summary>The entry point.</summary>
internal sealed partial class Program;
