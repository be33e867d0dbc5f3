using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;
using Inference.Sdk.Testing;
using Inference.Sdk.Tests.Routing;
using Inference.Sdk.Tokens;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Tests.Tokens;

/// <summary>Images cost prompt tokens by their size and each target's rule; their sizes come from the bytes of real images.</summary>
public class ImageTokenTests
{
    [Theory]
    [InlineData("images/dotnet.png", 456, 456)]
    [InlineData("images/ollama-33x32.png", 33, 32)]
    [InlineData("images/litellm-1000x257.jpg", 1000, 257)]
    [InlineData("images/pillar-200x200.jpg", 200, 200)]
    [InlineData("images/voyage-400x399.webp", 400, 399)]
    [InlineData("images/loading-24x24.gif", 24, 24)]
    public void The_size_is_read_from_the_header(string fixture, int width, int height)
    {
        byte[] bytes = File.ReadAllBytes(Fixtures.Path(fixture));

        Assert.True(ImageInput.TryReadSize(bytes, out int w, out int h));
        Assert.Equal((width, height), (w, h));
        Assert.False(ImageInput.TryReadSize(bytes.AsSpan(0, 8).ToArray(), out _, out _)); // a cut header is no size
    }

    [Theory]
    [InlineData("gpt-4o", 1024, 1024, false, 765)]        // OpenAI's worked example: scaled to 768 x 768, 4 tiles
    [InlineData("gpt-4o", 2048, 4096, false, 1105)]       // fit to 1024 x 2048, then 768 x 1536: 6 tiles
    [InlineData("gpt-4o", 4096, 8192, true, 85)]          // low detail: the base only
    [InlineData("gpt-4.1", 1000, 257, false, 425)]        // never scaled up: 2 x 1 tiles
    [InlineData("gpt-4o-mini", 1024, 1024, false, 765)]   // gpt-4o's encoder: the 2,833 + 5,667 is a price, not context
    [InlineData("o3", 512, 512, false, 225)]              // 75 + 150
    [InlineData("gpt-4.1-mini", 1024, 1024, false, 1024)] // 1024 patches; the x1.62 is billing
    [InlineData("gpt-4.1-mini", 1800, 2400, false, 1452)] // OpenAI's example: scaled to 1452 patches
    [InlineData("Qwen/Qwen2.5-VL-7B-Instruct", 1000, 257, false, 324)] // 36 x 9 patches of 28 pixels
    [InlineData("google/gemma-3-4b-it", 1000, 257, false, 256)]
    [InlineData("some-local-model", 0, 0, false, 765)]   // unknown size counts as 1024 x 1024; unknown model as OpenAI tiles
    public void Each_family_takes_context_by_its_encoders_rule(string model, int width, int height, bool lowDetail, int tokens)
    {
        Assert.Equal(tokens, ImageTokenRule.ForContext(model, null).Estimate(new ImageInput(width, height, lowDetail)));
    }

    [Theory]
    [InlineData("gpt-4o-mini", 1024, 1024, false, 25501)] // OpenAI's pricing: 2833 + 4 x 5667
    [InlineData("gpt-4o-mini", 512, 512, true, 2833)]     // low detail: the billed base
    [InlineData("gpt-4.1-mini", 1024, 1024, false, 1659)] // 1024 patches x 1.62
    [InlineData("gpt-4.1-mini", 1800, 2400, false, 2353)] // OpenAI's example: 1452 patches x 1.62
    [InlineData("gpt-5-nano", 1024, 1024, false, 2520)]   // 1024 patches x 2.46
    [InlineData("o4-mini", 1024, 1024, false, 1762)]      // 1024 patches x 1.72
    [InlineData("gpt-4o", 1024, 1024, false, 765)]        // no multiplier: billed as held
    [InlineData("Qwen/Qwen2.5-VL-7B-Instruct", 1000, 257, false, 324)]
    public void A_hosted_api_bills_an_image_at_its_per_model_rate(string model, int width, int height, bool lowDetail, int tokens)
    {
        Assert.Equal(tokens, ImageTokenRule.ForBilling(model, hostedApi: true).Estimate(new ImageInput(width, height, lowDetail)));
    }

    [Theory]
    [InlineData("gpt-4o-mini", null, 765)]
    [InlineData("gpt-4.1-mini", null, 1024)]
    [InlineData("gpt-4.1-mini", 576, 576)]
    public void A_self_hosted_target_bills_what_its_context_holds(string model, int? tokensPerImage, int tokens)
    {
        Assert.Equal(tokens, ImageTokenRule.ForBilling(model, hostedApi: false, tokensPerImage).Estimate(new ImageInput(1024, 1024, false)));
    }

    [Fact]
    public void A_configured_number_per_image_wins()
    {
        Assert.Equal(576, ImageTokenRule.ForContext("gpt-4o", 576).Estimate(new ImageInput(4000, 3000, false)));
    }

    [Fact]
    public void Each_target_counts_an_image_with_its_own_rule_and_a_large_one_leaves_a_small_edge()
    {
        byte[] jpeg = File.ReadAllBytes(Fixtures.Path("images/litellm-1000x257.jpg"));
        List<ChatMessage> messages = [new(ChatRole.User, [new TextContent("What does this logo say?"), new DataContent(jpeg, "image/jpeg")])];
        var edge = new RouteTarget("edge", new FakeChatClient("edge"), TargetTier.Edge, 1024) { ModelId = "llama-3.1-8b-instruct", TokensPerImage = 900 };
        var api = new RouteTarget("api", new FakeChatClient("api"), TargetTier.HostedApi, 128000) { ModelId = "gpt-4o" };
        using var router = new HybridRouterChatClient([edge, api]);

        var d = router.Plan(messages);

        Assert.Equal("api", d.Target);
        Assert.Contains(d.Rejected, r => r is { Target: "edge", Rule: RouteRule.ContextWindow });
        var features = router.Reader.Read(messages, null);
        Assert.InRange(features.PromptTokens[0], 900, 930);           // 900 for the image, the text and its overhead
        Assert.InRange(features.PromptTokens[1], 425, 455);           // OpenAI tiles: 85 + 2 x 170
    }

    [Fact]
    public void The_context_window_check_reads_the_context_tokens_not_the_billed_ones()
    {
        // One 1024 x 1024 image on gpt-4o-mini: 765 tokens of context, 25,501 billed. A 4,096-token window holds it.
        byte[] png = File.ReadAllBytes(Fixtures.Path("images/dotnet.png"));
        List<ChatMessage> messages = [new(ChatRole.User, [new TextContent("Describe this logo."), new DataContent(png, "image/png")])];
        var mini = new RouteTarget("mini", new FakeChatClient("mini"), TargetTier.HostedApi, 4096) { ModelId = "gpt-4o-mini" };
        var big = new RouteTarget("big", new FakeChatClient("big"), TargetTier.HostedApi, 128000) { ModelId = "gpt-4o" };
        using var router = new HybridRouterChatClient([mini, big]);

        var d = router.Plan(messages);

        Assert.Equal("mini", d.Target);
        Assert.DoesNotContain(d.Rejected, r => r.Rule == RouteRule.ContextWindow);
        Assert.InRange(router.Reader.Read(messages, null).PromptTokens[0], 255, 300); // 456 x 456: one tile, 85 + 170, and the text
    }

    [Fact]
    public async Task The_cost_meters_estimate_bills_a_hosted_apis_image_tokens_and_a_self_hosted_engines_context_tokens()
    {
        byte[] png = File.ReadAllBytes(Fixtures.Path("images/dotnet.png")); // 456 x 456: one tile
        List<ChatMessage> messages = [new(ChatRole.User, [new DataContent(png, "image/png")])];
        var pricing = new Inference.Sdk.Costs.PerTokenPricing(1m, 1m, "config", new DateOnly(2026, 6, 1));
        var hosted = new FakeChatClient("api").AsBuilder().UseCostMeter(
            new Inference.Sdk.Costs.MeteredTarget("api", pricing, ProviderKind.OpenAICompatible, TargetTier.HostedApi, "gpt-4o-mini"), new Inference.Sdk.Costs.InMemoryCostLedger()).Build();
        var local = new FakeChatClient("edge").AsBuilder().UseCostMeter(
            new Inference.Sdk.Costs.MeteredTarget("edge", pricing, ProviderKind.Local, TargetTier.Edge, "gpt-4o-mini"), new Inference.Sdk.Costs.InMemoryCostLedger()).Build();

        var billed = Assert.IsType<Inference.Sdk.Costs.RequestCost>((await hosted.GetResponseAsync(messages)).AdditionalProperties![InferencePropertyNames.Cost]);
        var held = Assert.IsType<Inference.Sdk.Costs.RequestCost>((await local.GetResponseAsync(messages)).AdditionalProperties![InferencePropertyNames.Cost]);

        Assert.True(billed.IsEstimated);
        Assert.InRange(billed.InputTokens, 8500, 8520); // 2,833 + 5,667 and the message's overhead
        Assert.InRange(held.InputTokens, 255, 275);     // 85 + 170 and the overhead
    }
}
