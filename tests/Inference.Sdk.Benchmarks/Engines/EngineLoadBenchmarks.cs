using System;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Benchmarks.Engines;

/// <summary>The load monitor's per-scrape work: parse a vLLM-sized /metrics page and read the EngineLoad out of it.</summary>
[MemoryDiagnoser]
public class EngineLoadBenchmarks
{
    private readonly EngineProfile _vllm = EngineProfile.For(EngineKind.Vllm);
    private string _page = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        // About the size of a real vLLM page: ~60 families, histograms with 20 buckets, two engines.
        var text = new StringBuilder();
        foreach (string engine in new[] { "0", "1" })
        {
            text.Append("vllm:num_requests_running{engine=\"").Append(engine).Append("\",model_name=\"Qwen/Qwen3-8B\"} 3.0\n");
            text.Append("vllm:num_requests_waiting{engine=\"").Append(engine).Append("\",model_name=\"Qwen/Qwen3-8B\"} 1.0\n");
            text.Append("vllm:kv_cache_usage_perc{engine=\"").Append(engine).Append("\",model_name=\"Qwen/Qwen3-8B\"} 0.42\n");
            foreach (string histogram in Enumerable.Range(0, 12).Select(i => $"vllm:histogram_{i}_seconds").Append("vllm:time_to_first_token_seconds").Append("vllm:inter_token_latency_seconds"))
            {
                text.Append("# HELP ").Append(histogram).Append(" A histogram.\n# TYPE ").Append(histogram).Append(" histogram\n");
                for (int b = 0; b < 20; b++)
                {
                    text.Append(histogram).Append("_bucket{engine=\"").Append(engine).Append("\",le=\"").Append(0.01 * (1 << (b % 12))).Append("\",model_name=\"Qwen/Qwen3-8B\"} ").Append(b * 7).Append('\n');
                }

                text.Append(histogram).Append("_sum{engine=\"").Append(engine).Append("\",model_name=\"Qwen/Qwen3-8B\"} 12.5\n");
                text.Append(histogram).Append("_count{engine=\"").Append(engine).Append("\",model_name=\"Qwen/Qwen3-8B\"} 140\n");
            }
        }

        _page = text.ToString();
    }

    [Benchmark]
    public int Parse() => PrometheusText.Parse(_page).Count;

    [Benchmark]
    public EngineLoad? ParseAndRead() => EngineLoadReader.Read(_vllm, PrometheusText.Parse(_page), DateTimeOffset.UnixEpoch);
}
