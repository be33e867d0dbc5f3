using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Requests;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Tests.Requests;

public sealed class EmbeddingTaskClassifierTests
{
    private static readonly Dictionary<TaskType, IReadOnlyList<string>> Examples = new()
    {
        [TaskType.Code] = ["Write a Python function that reverses a list.", "Fix the bug in this JavaScript function.", "Implement a C# method that parses JSON."],
        [TaskType.Reasoning] = ["A farmer has 12 cows and buys 7 more. How many cows does he have?", "Solve for x: 2x + 3 = 11."],
        [TaskType.ShortAnswer] = ["What is the capital of France?", "Who wrote Faust?", "When did the Berlin Wall fall?"],
    };

    [Theory]
    [InlineData("Write a Rust function that sums a vector.", TaskType.Code)]
    [InlineData("A shop sells 15 apples and buys 9 more. How many apples does it have?", TaskType.Reasoning)]
    [InlineData("What is the capital of Spain?", TaskType.ShortAnswer)]
    public async Task The_nearest_centroid_decides(string prompt, TaskType expected)
    {
        using var generator = new WordHashEmbeddings();
        var classifier = await EmbeddingTaskClassifier.CreateAsync(generator, Examples);

        Assert.Equal(expected, classifier.Classify([new ChatMessage(ChatRole.User, prompt)], null));
        Assert.Equal(TaskType.LongForm, classifier.Classify([new ChatMessage(ChatRole.User, prompt)], new ChatOptions { MaxOutputTokens = 4096 }));
    }

    [Fact]
    public async Task The_router_uses_a_plugged_classifier()
    {
        using var generator = new WordHashEmbeddings();
        var classifier = await EmbeddingTaskClassifier.CreateAsync(generator, Examples);
        using var router = new Inference.Sdk.Routing.HybridRouterChatClient(
            [new Inference.Sdk.Routing.RouteTarget("edge", new Inference.Sdk.Tests.Routing.FakeChatClient("edge"), Inference.Sdk.Knowledge.TargetTier.Edge, 8192)],
            taskClassifier: classifier);

        Assert.Equal(TaskType.Code, router.Plan([new ChatMessage(ChatRole.User, "Write a Go function that sorts a slice.")]).TaskType);
    }

    [Fact]
    public async Task One_task_type_is_not_enough()
    {
        using var generator = new WordHashEmbeddings();
        var e = await Assert.ThrowsAsync<ArgumentException>(() => EmbeddingTaskClassifier.CreateAsync(generator, new Dictionary<TaskType, IReadOnlyList<string>> { [TaskType.Code] = ["x"] }));

        Assert.Equal("examples", e.ParamName);
    }

    /// <summary>A deterministic embedding: lower-cased words hashed into 256 buckets.</summary>
    private sealed class WordHashEmbeddings : IEmbeddingGenerator<string, Embedding<float>>
    {
        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var result = new GeneratedEmbeddings<Embedding<float>>();
            foreach (string value in values)
            {
                var v = new float[256];
                foreach (string word in value.ToLowerInvariant().Split([' ', '.', ',', '?', ':'], StringSplitOptions.RemoveEmptyEntries))
                {
                    uint h = 2166136261;
                    foreach (char c in word.Any(char.IsDigit) ? "0" : word)
                    {
                        h = (h ^ c) * 16777619;
                    }

                    v[h % 256] += 1;
                }

                result.Add(new Embedding<float>(v));
            }

            return Task.FromResult(result);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
