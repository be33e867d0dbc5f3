using System.Collections.Generic;
using System.IO;
using Inference.Sdk.Evaluation;
using Inference.Sdk.Requests;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Tests.Requests;

/// <summary>The task classifiers on the held-out part of the public labelled sets (tests/Inference.Sdk.Evaluation/data).</summary>
public sealed class TaskClassifierTests
{
    private static readonly IReadOnlyList<TaskExample> Tasks = DataSets.Tasks();

    [Fact]
    public void The_linear_classifier_meets_every_routing_goal_on_the_held_out_split()
    {
        var held = TaskEvaluation.Run(Tasks, DataSets.HeldOut, LinearTaskClassifier.Instance);

        Assert.True(held.MacroF1 >= 0.85, $"macro-F1 {held.MacroF1:0.000}");
        foreach (var (category, goal) in TaskEvaluation.Goals)
        {
            double share = held.GoalShare(category);
            Assert.True(share >= System.Math.Abs(goal), $"{category}: {share:P1} where its goal wants it, goal {System.Math.Abs(goal):P0}");
        }
    }

    [Fact]
    public void The_linear_classifier_beats_the_rules_on_the_held_out_split()
    {
        var linear = TaskEvaluation.Run(Tasks, DataSets.HeldOut, LinearTaskClassifier.Instance);
        var rules = TaskEvaluation.Run(Tasks, DataSets.HeldOut, HeuristicTaskClassifier.Instance);

        Assert.True(linear.MacroF1 > rules.MacroF1 + 0.2, $"linear {linear.MacroF1:0.000}, rules {rules.MacroF1:0.000}");
    }

    [Fact]
    public void The_router_uses_the_linear_classifier_by_default()
    {
        using var router = new HybridRouterChatClient([new RouteTarget("edge", new Inference.Sdk.Tests.Routing.FakeChatClient("edge"), Inference.Sdk.Knowledge.TargetTier.Edge, 8192)]);
        const string Problem = "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?";

        Assert.Equal(TaskType.Reasoning, router.Plan([new ChatMessage(ChatRole.User, Problem)]).TaskType);
    }

    [Theory]
    [InlineData("How can I improve my garden this spring?")]
    [InlineData("The trustees met on Monday to discuss the budget.")]
    [InlineData("Please select a tennis racket for a beginner.")]
    public void Rules_match_whole_words_only(string prompt)
    {
        Assert.Equal(TaskType.ShortAnswer, HeuristicTaskClassifier.Instance.Classify([new ChatMessage(ChatRole.User, prompt)], null));
    }

    [Fact]
    public void A_long_requested_output_is_long_form()
    {
        var messages = new List<ChatMessage> { new(ChatRole.User, "What is the capital of France?") };

        Assert.Equal(TaskType.ShortAnswer, LinearTaskClassifier.Instance.Classify(messages, null));
        Assert.Equal(TaskType.LongForm, LinearTaskClassifier.Instance.Classify(messages, new ChatOptions { MaxOutputTokens = 4096 }));
    }

    [Fact]
    public void A_model_file_of_another_format_is_refused()
    {
        var e = Assert.Throws<InvalidDataException>(() => LinearTaskClassifier.Deserialize(new MemoryStream(LinearTaskClassifier.Serialize(64, [1, 1, 1], [0, 0, 0], new sbyte[192]))));

        Assert.Contains("classes", e.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Features_are_the_same_for_case_and_whitespace_variants_and_count_every_word()
    {
        static List<int> Features(string text)
        {
            var list = new List<int>();
            var f = new TaskTextFeatures(text, 1 << 15);
            while (f.MoveNext())
            {
                list.Add(f.Current);
            }

            Assert.Equal(list.Count, 2 * f.Words);
            return list;
        }

        Assert.Equal(Features("Write  a Function(x)"), Features("write a function( x )"));
        Assert.NotEqual(Features("write a function"), Features("write a functions"));
        Assert.Equal(Features("add 12 and 7"), Features("add 3 and 95"));
        Assert.Equal(6, Features("def f(x):").Count / 2);
    }
}
