using System.Collections.Generic;
using System.Text;
using BenchmarkDotNet.Attributes;
using Inference.Sdk.Requests;
using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;

namespace Inference.Sdk.Benchmarks;

/// <summary>The parts of the routing decision's feature extraction, per prompt size: token counting, PII scan, classification.</summary>
[MemoryDiagnoser]
[Config(typeof(P95Config))]
public class FeatureBenchmarks
{
    private readonly List<PiiFinding> _findings = [];
    private string _text = null!;
    private List<ChatMessage> _messages = null!;
    private Tokenizer _cl100k = null!;
    private Tokenizer _o200k = null!;

    /// <summary>Gets or sets the prompt size in bytes.</summary>
    [Params(1024, 2 * 1024, 32 * 1024)]
    public int PromptBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = RoutingBenchmarks.Prose(PromptBytes);
        _messages = [new ChatMessage(ChatRole.User, _text)];
        _cl100k = TiktokenTokenizer.CreateForEncoding("cl100k_base");
        _o200k = TiktokenTokenizer.CreateForEncoding("o200k_base");
        _ = _cl100k.CountTokens(_text) + _o200k.CountTokens(_text);
    }

    [Benchmark(Baseline = true)]
    public int Utf8ByteCount() => Encoding.UTF8.GetByteCount(_text);

    [Benchmark]
    public int CountCl100k() => _cl100k.CountTokens(_text);

    [Benchmark]
    public int CountO200k() => _o200k.CountTokens(_text);

    [Benchmark]
    public int PiiScan()
    {
        _findings.Clear();
        PiiDetector.Instance.Detect(_text, _findings);
        return _findings.Count;
    }

    /// <summary>The built-in classifier (the linear model).</summary>
    [Benchmark]
    public TaskType Classify() => LinearTaskClassifier.Instance.Classify(_messages, null);

    /// <summary>The rule-based classifier, for comparison.</summary>
    [Benchmark]
    public TaskType ClassifyRules() => HeuristicTaskClassifier.Instance.Classify(_messages, null);
}
