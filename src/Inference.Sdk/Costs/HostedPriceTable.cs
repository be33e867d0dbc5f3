using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Costs;

/// <summary>
/// List prices of hosted models (input, output, cached input, cache write, reasoning; batch, flex and priority tiers where
/// they exist), read from LiteLLM's <c>model_prices_and_context_window.json</c> (MIT licensed). <see cref="Default"/> is the
/// copy shipped in this package with its date; <see cref="Parse"/> reads a newer copy of the same file.
/// </summary>
public sealed class HostedPriceTable
{
    /// <summary>The commit of BerriAI/litellm the shipped table was cut from.</summary>
    public const string ShippedCommit = "273932c9237bb01c09380f04d2f345fb42be982d";

    /// <summary>Where the shipped table comes from.</summary>
    public const string ShippedSource = "LiteLLM model_prices_and_context_window.json (MIT), BerriAI/litellm@273932c9237b";

    private static readonly Lazy<HostedPriceTable> Shipped = new(LoadShipped);

    /// <summary>Host names of hosted APIs and the provider prefix of their keys in the table.</summary>
    private static readonly (string Host, string Prefix)[] Hosts =
    [
        ("api.openai.com", "openai"), ("openai.azure.com", "azure"), ("api.anthropic.com", "anthropic"), ("api.groq.com", "groq"),
        ("api.together.xyz", "together_ai"), ("api.fireworks.ai", "fireworks_ai"), ("api.deepseek.com", "deepseek"), ("api.mistral.ai", "mistral"),
        ("api.x.ai", "xai"), ("openrouter.ai", "openrouter"), ("api.deepinfra.com", "deepinfra"), ("generativelanguage.googleapis.com", "gemini"),
        ("api.moonshot.ai", "moonshot"), ("api.cerebras.ai", "cerebras"), ("api.perplexity.ai", "perplexity"), ("api.sambanova.ai", "sambanova"),
        ("api.studio.nebius.com", "nebius"), ("api.lambda.ai", "lambda_ai"), ("api.novita.ai", "novita"), ("api.hyperbolic.xyz", "hyperbolic"),
        ("dashscope-intl.aliyuncs.com", "dashscope"), ("dashscope.aliyuncs.com", "dashscope"),
    ];

    private readonly Dictionary<string, HostedModelPrice> _prices;

    private HostedPriceTable(Dictionary<string, HostedModelPrice> prices, string source, DateOnly asOf)
    {
        _prices = prices;
        Source = source;
        AsOf = asOf;
    }

    /// <summary>Gets the table shipped in this package: LiteLLM's prices at <see cref="ShippedCommit"/> (2026-03-06).</summary>
    public static HostedPriceTable Default => Shipped.Value;

    /// <summary>Gets where the prices come from.</summary>
    public string Source { get; }

    /// <summary>Gets the date of the prices.</summary>
    public DateOnly AsOf { get; }

    /// <summary>Gets the number of models priced.</summary>
    public int Count => _prices.Count;

    /// <summary>
    /// Reads a table in LiteLLM's <c>model_prices_and_context_window.json</c> schema: chat models with both an input and an output
    /// price per token are kept; other entries (embeddings, images, the <c>sample_spec</c>) are skipped.
    /// </summary>
    /// <param name="json">The file's text.</param>
    /// <param name="source">Where it came from (recorded with every cost priced from it).</param>
    /// <param name="asOf">The date of the prices.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> or <paramref name="source"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The text is not a JSON object of models, or no chat model in it has prices.</exception>
    public static HostedPriceTable Parse(string json, string source, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new FormatException($"The price table from {source} is not JSON: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"The price table from {source} is not a JSON object of models.");
            }

            var prices = new Dictionary<string, HostedModelPrice>(StringComparer.OrdinalIgnoreCase);
            foreach (JsonProperty entry in document.RootElement.EnumerateObject())
            {
                if (Read(entry) is { } price)
                {
                    prices[entry.Name] = price;
                }
            }

            return prices.Count > 0
                ? new HostedPriceTable(prices, source, asOf)
                : throw new FormatException($"The price table from {source} has no chat model with an input and an output price.");
        }
    }

    /// <summary>Gets the prices under one table key, e.g. "gpt-4o" or "groq/llama-3.3-70b-versatile".</summary>
    /// <param name="key">The key (case-insensitive).</param>
    /// <param name="price">The prices, when listed.</param>
    /// <returns><see langword="true"/> when the key is in the table.</returns>
    public bool TryGet(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HostedModelPrice? price)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _prices.TryGetValue(key.Trim(), out price);
    }

    /// <summary>
    /// Finds the prices of a hosted target's model: under the API's own provider prefix (Azure OpenAI: "azure/", Groq: "groq/",
    /// from <paramref name="provider"/> and the <paramref name="endpoint"/>'s host), then the id as written when it names the same
    /// provider's entry or the endpoint is unknown or OpenAI's. A model served by an unknown host is not guessed from another
    /// provider's price.
    /// </summary>
    /// <param name="modelId">The model id the target sends (or the Azure deployment's model name).</param>
    /// <param name="provider">The target's provider.</param>
    /// <param name="endpoint">The target's base address, when known.</param>
    /// <param name="price">The prices, when found.</param>
    /// <returns><see langword="true"/> when the model is priced.</returns>
    public bool TryFind(string? modelId, ProviderKind provider, Uri? endpoint, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HostedModelPrice? price)
    {
        price = null;
        if (string.IsNullOrWhiteSpace(modelId))
        {
            return false;
        }

        string id = modelId.Trim();
        string? prefix = provider == ProviderKind.AzureOpenAI ? "azure" : PrefixOf(endpoint);
        if (prefix is not null)
        {
            if (_prices.TryGetValue(prefix + "/" + id, out price))
            {
                return true;
            }

            // Keys of OpenAI and Anthropic models carry no prefix: "gpt-4o", "claude-sonnet-4-5".
            return _prices.TryGetValue(id, out price) && string.Equals(price.Provider, prefix, StringComparison.OrdinalIgnoreCase)
                || (prefix == "openai" && id.StartsWith("openai/", StringComparison.OrdinalIgnoreCase) && _prices.TryGetValue(id["openai/".Length..], out price));
        }

        if (endpoint is not null && !endpoint.IsLoopback)
        {
            return false; // an unknown host: its price is its own
        }

        return _prices.TryGetValue(id, out price);
    }

    private static string? PrefixOf(Uri? endpoint)
    {
        if (endpoint is null)
        {
            return null;
        }

        string host = endpoint.Host;
        foreach ((string known, string prefix) in Hosts)
        {
            if (host.Equals(known, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + known, StringComparison.OrdinalIgnoreCase))
            {
                return prefix;
            }
        }

        return null;
    }

    private static HostedModelPrice? Read(JsonProperty entry)
    {
        JsonElement e = entry.Value;
        if (e.ValueKind != JsonValueKind.Object || !Is(e, "mode", "chat") || PerMillion(e, "input_cost_per_token") is not decimal input
            || PerMillion(e, "output_cost_per_token") is not decimal output)
        {
            return null;
        }

        return new HostedModelPrice(entry.Name, Text(e, "litellm_provider") ?? string.Empty, input, output)
        {
            CachedInputUsdPerMillionTokens = PerMillion(e, "cache_read_input_token_cost"),
            CacheWriteUsdPerMillionTokens = PerMillion(e, "cache_creation_input_token_cost"),
            ReasoningUsdPerMillionTokens = PerMillion(e, "output_cost_per_reasoning_token"),
            BatchInputUsdPerMillionTokens = PerMillion(e, "input_cost_per_token_batches"),
            BatchOutputUsdPerMillionTokens = PerMillion(e, "output_cost_per_token_batches"),
            FlexInputUsdPerMillionTokens = PerMillion(e, "input_cost_per_token_flex"),
            FlexOutputUsdPerMillionTokens = PerMillion(e, "output_cost_per_token_flex"),
            FlexCachedInputUsdPerMillionTokens = PerMillion(e, "cache_read_input_token_cost_flex"),
            PriorityInputUsdPerMillionTokens = PerMillion(e, "input_cost_per_token_priority"),
            PriorityOutputUsdPerMillionTokens = PerMillion(e, "output_cost_per_token_priority"),
            MaxInputTokens = Int(e, "max_input_tokens"),
            MaxOutputTokens = Int(e, "max_output_tokens"),
            SupportsTools = Bool(e, "supports_function_calling"),
            SupportsVision = Bool(e, "supports_vision"),
        };
    }

    /// <summary>A price per token in the file as USD per million tokens, read from the number's text (no binary rounding).</summary>
    private static decimal? PerMillion(JsonElement e, string name)
        => e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number
            && decimal.TryParse(v.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal perToken) && perToken >= 0
            ? perToken * 1_000_000m
            : null;

    private static int? Int(JsonElement e, string name)
        => e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int n) && n > 0 ? n : null;

    private static bool Bool(JsonElement e, string name) => e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.True;

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool Is(JsonElement e, string name, string value) => string.Equals(Text(e, name), value, StringComparison.Ordinal);

    private static HostedPriceTable LoadShipped()
    {
        using Stream stream = typeof(HostedPriceTable).Assembly.GetManifestResourceStream("Inference.Sdk.hosted-prices.json")
            ?? throw new InvalidOperationException("The package's hosted price table (Inference.Sdk.hosted-prices.json) is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), ShippedSource, new DateOnly(2026, 3, 6));
    }

    /// <summary>The keys in the table, for diagnostics and tests.</summary>
    internal IEnumerable<string> Keys => _prices.Keys.OrderBy(k => k, StringComparer.Ordinal);
}
