using System;
using System.IO;
using Inference.Sdk.Costs;
using Inference.Sdk.Hosting;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Tests.Costs;

/// <summary>Hosted-API list prices from LiteLLM's price map: parsing a verbatim excerpt, the shipped table, lookup by target, and a hosted target pricing itself.</summary>
public class HostedPriceTableTests
{
    private static readonly DateOnly Day = new(2026, 3, 6);

    private static HostedPriceTable Excerpt()
        => HostedPriceTable.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Costs", "litellm-prices-excerpt.json")), "excerpt", Day);

    [Fact]
    public void The_verbatim_excerpt_parses_to_per_million_prices_and_skips_what_is_not_chat()
    {
        HostedPriceTable table = Excerpt();

        Assert.Equal(5, table.Count); // the embedding model is skipped
        Assert.True(table.TryGet("gpt-4o", out HostedModelPrice? gpt4o));
        Assert.Equal(2.5m, gpt4o!.InputUsdPerMillionTokens); // 2.5e-06 per token
        Assert.Equal(10m, gpt4o.OutputUsdPerMillionTokens);
        Assert.Equal(1.25m, gpt4o.CachedInputUsdPerMillionTokens);
        Assert.Equal(1.25m, gpt4o.BatchInputUsdPerMillionTokens);
        Assert.Equal(5m, gpt4o.BatchOutputUsdPerMillionTokens);
        Assert.True(gpt4o.SupportsTools && gpt4o.SupportsVision);
        Assert.Equal(128_000, gpt4o.MaxInputTokens);
        Assert.False(table.TryGet("text-embedding-3-small", out _));

        Assert.True(table.TryGet("claude-sonnet-4-5", out HostedModelPrice? sonnet));
        Assert.Equal(3.75m, sonnet!.CacheWriteUsdPerMillionTokens);
        Assert.Equal(0.3m, sonnet.CachedInputUsdPerMillionTokens);

        Assert.True(table.TryGet("gpt-5", out HostedModelPrice? gpt5));
        Assert.True(gpt5!.Has(PriceTier.Flex));
        Assert.False(gpt5.Has(PriceTier.Batch));
        PerTokenPricing flex = gpt5.ToPricing(PriceTier.Flex, "excerpt", Day);
        Assert.Equal(0.625m, flex.InputUsdPerMillionTokens);
        Assert.Equal(5m, flex.OutputUsdPerMillionTokens);
        Assert.Equal("tier", Assert.Throws<ArgumentException>(() => gpt5.ToPricing(PriceTier.Batch, "excerpt", Day)).ParamName);
    }

    [Theory]
    [InlineData("gpt-4o", ProviderKind.OpenAICompatible, "https://api.openai.com/v1", "gpt-4o", 2.5)]
    [InlineData("openai/gpt-4o", ProviderKind.OpenAICompatible, "https://api.openai.com/v1", "gpt-4o", 2.5)]
    [InlineData("gpt-4o", ProviderKind.AzureOpenAI, "https://contoso.openai.azure.com/", "azure/gpt-4o", 2.5)]
    [InlineData("llama-3.3-70b-versatile", ProviderKind.OpenAICompatible, "https://api.groq.com/openai/v1", "groq/llama-3.3-70b-versatile", 0.59)]
    [InlineData("claude-sonnet-4-5", ProviderKind.OpenAICompatible, "https://api.anthropic.com/v1", "claude-sonnet-4-5", 3)]
    [InlineData("gpt-4o", ProviderKind.OpenAICompatible, null, "gpt-4o", 2.5)]
    public void A_target_finds_its_model_under_its_providers_key(string model, ProviderKind provider, string? endpoint, string key, double input)
    {
        Assert.True(Excerpt().TryFind(model, provider, endpoint is null ? null : new Uri(endpoint), out HostedModelPrice? price));
        Assert.Equal(key, price!.Key);
        Assert.Equal((decimal)input, price.InputUsdPerMillionTokens);
    }

    [Theory]
    [InlineData("gpt-4o", "https://llm.example.com/v1")] // someone else's host: its price is its own
    [InlineData("llama-3.3-70b-versatile", "https://api.openai.com/v1")] // Groq's model is not OpenAI's
    [InlineData("claude-sonnet-4-5", "https://api.groq.com/openai/v1")]
    [InlineData("", null)]
    public void A_price_is_never_borrowed_from_another_provider(string model, string? endpoint)
    {
        Assert.False(Excerpt().TryFind(model, ProviderKind.OpenAICompatible, endpoint is null ? null : new Uri(endpoint), out _));
    }

    [Fact]
    public void The_shipped_table_is_dated_and_prices_the_common_hosted_models()
    {
        HostedPriceTable table = HostedPriceTable.Default;

        Assert.True(table.Count > 1_000, table.Count.ToString());
        Assert.Equal(new DateOnly(2026, 3, 6), table.AsOf);
        Assert.Contains(HostedPriceTable.ShippedCommit[..12], table.Source, StringComparison.Ordinal);
        Assert.True(table.TryFind("gpt-4o-mini", ProviderKind.OpenAICompatible, new Uri("https://api.openai.com/v1"), out HostedModelPrice? mini));
        Assert.Equal(0.15m, mini!.InputUsdPerMillionTokens);
        Assert.Equal(0.6m, mini.OutputUsdPerMillionTokens);
        Assert.True(table.TryFind("deepseek-chat", ProviderKind.OpenAICompatible, new Uri("https://api.deepseek.com/v1"), out _));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{ \"sample_spec\": { \"mode\": \"chat\" } }")]
    [InlineData("{ not json")]
    public void A_table_that_is_not_LiteLLMs_schema_is_a_format_error(string json)
    {
        FormatException e = Assert.Throws<FormatException>(() => HostedPriceTable.Parse(json, "https://example.com/prices.json", Day));
        Assert.Contains("https://example.com/prices.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hosted_target_with_nothing_typed_prices_itself_from_its_model_id_and_typed_prices_win()
    {
        var hosted = new InferenceTargetOptions { Provider = ProviderKind.AzureOpenAI, Endpoint = "https://contoso.openai.azure.com/", Model = "gpt-4o", Tier = TargetTier.HostedApi };
        var typed = new InferenceTargetOptions { Provider = ProviderKind.AzureOpenAI, Endpoint = "https://contoso.openai.azure.com/", Model = "gpt-4o", Tier = TargetTier.HostedApi, InputUsdPerMillionTokens = 2m, OutputUsdPerMillionTokens = 8m };
        var local = new InferenceTargetOptions { Engine = EngineKind.LlamaCpp, Endpoint = "http://127.0.0.1:8080", Model = "gpt-4o", Gpu = GpuKind.Rtx4090 };

        var listed = Assert.IsType<PerTokenPricing>(InferencePricing.For(hosted, Day, Excerpt()));
        Assert.Equal(2.5m, listed.InputUsdPerMillionTokens);
        Assert.Equal(10m, listed.OutputUsdPerMillionTokens);
        Assert.Equal(1.25m, listed.CachedInputUsdPerMillionTokens);
        Assert.Contains("azure/gpt-4o", listed.Source, StringComparison.Ordinal);
        Assert.Equal(Day, listed.AsOf);
        Assert.Equal(0.0035m, ExpectedCost.ByToken(listed).Of(1_000, 100, live: null)); // 1,000 × $2.50/M + 100 × $10/M

        Assert.Equal(8m, Assert.IsType<PerTokenPricing>(InferencePricing.For(typed, Day, Excerpt())).OutputUsdPerMillionTokens);
        Assert.Equal(0m, Assert.IsType<PerTokenPricing>(InferencePricing.For(local, Day, Excerpt())).InputUsdPerMillionTokens);
    }
}
