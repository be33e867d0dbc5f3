using System;
using System.IO;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Costs;

namespace Inference.Sdk.Hosting;

/// <summary>
/// Reads a newer copy of LiteLLM's <c>model_prices_and_context_window.json</c> from <see cref="InferenceMonitoringOptions.HostedPricesUrl"/>
/// (the I/O shell around <see cref="HostedPriceTable.Parse"/>): at most <see cref="MaxBytes"/>, and nothing to do when the text
/// has not changed since the last read.
/// </summary>
internal sealed class HostedPriceSource(Uri url, HttpClient http, TimeSpan timeout)
{
    /// <summary>The most read from the URL (LiteLLM's file is about 1.5 MB).</summary>
    public const int MaxBytes = 64 * 1024 * 1024;

    private byte[]? _lastHash;

    /// <summary>Gets the address read.</summary>
    public Uri Url { get; } = url;

    /// <summary>Reads the table; <see langword="null"/> when the text is the one read last time.</summary>
    /// <exception cref="HttpRequestException">The URL could not be read or answered an error status.</exception>
    /// <exception cref="TimeoutException">The URL did not answer in time.</exception>
    /// <exception cref="FormatException">The text is not a price table (the message names the URL).</exception>
    public async Task<HostedPriceTable?> ReadAsync(DateOnly today, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        byte[] body;
        try
        {
            using HttpResponseMessage response = await http.GetAsync(Url, HttpCompletionOption.ResponseHeadersRead, cts.Token).ConfigureAwait(false);
            _ = response.EnsureSuccessStatusCode();
            if (response.Content.Headers.ContentLength > MaxBytes)
            {
                throw new FormatException($"The price table at {Url} is larger than {MaxBytes / (1024 * 1024)} MiB.");
            }

            using var buffer = new MemoryStream();
            Stream stream = await response.Content.ReadAsStreamAsync(cts.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                byte[] chunk = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(chunk, cts.Token).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > MaxBytes)
                    {
                        throw new FormatException($"The price table at {Url} is larger than {MaxBytes / (1024 * 1024)} MiB.");
                    }

                    buffer.Write(chunk, 0, read);
                }
            }

            body = buffer.ToArray();
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The price table at {Url} did not arrive within {timeout.TotalSeconds:0.#} s.", e);
        }

        byte[] hash = SHA256.HashData(body);
        if (_lastHash is not null && hash.AsSpan().SequenceEqual(_lastHash))
        {
            return null;
        }

        HostedPriceTable table = HostedPriceTable.Parse(Encoding.UTF8.GetString(body), $"{Url} (LiteLLM price map, read {today:yyyy-MM-dd})", today);
        _lastHash = hash;
        return table;
    }
}
