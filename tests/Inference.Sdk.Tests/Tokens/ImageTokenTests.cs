using System;
using System.Collections.Generic;
using System.IO;
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
    [InlineData("gpt-4o-mini", 1024, 1024, false, 25501)] // 2833 + 4 x 5667
    [InlineData("o3", 512, 512, false, 225)]              // 75 + 150
    [InlineData("gpt-4.1-mini", 1024, 1024, false, 1659)] // 1024 patches x 1.62
    [InlineData("gpt-4.1-mini", 1800, 2400, false, 2353)] // OpenAI's example: scaled to 1452 patches, x 1.62
    [InlineData("Qwen/Qwen2.5-VL-7B-Instruct", 1000, 257, false, 324)] // 36 x 9 patches of 28 pixels
    [InlineData("google/gemma-3-4b-it", 1000, 257, false, 256)]
    [InlineData("some-local-model", 0, 0, false, 765)]   // unknown size counts as 1024 x 1024; unknown model as OpenAI tiles
    public void Each_family_prices_an_image_by_its_rule(string model, int width, int height, bool lowDetail, int tokens)
    {
        Assert.Equal(tokens, ImageTokenRule.For(model, null).Estimate(new ImageInput(width, height, lowDetail)));
    }

    [Fact]
    public void A_configured_number_per_image_wins()
    {
        Assert.Equal(576, ImageTokenRule.For("gpt-4o", 576).Estimate(new ImageInput(4000, 3000, false)));
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
}
