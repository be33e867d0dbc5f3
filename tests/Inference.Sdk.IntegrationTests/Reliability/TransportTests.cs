using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Inference.Sdk.Costs;
using Inference.Sdk.IntegrationTests.Routing;
using Inference.Sdk.Routing;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.IntegrationTests.Reliability;

/// <summary>
/// Transport faults end to end: an HTTPS edge whose certificate is self-signed (untrusted), and an edge whose host name does not
/// resolve (<c>*.invalid</c>). Each is a typed <see cref="TargetUnavailableException"/> that names the cause and keeps the
/// original error as its inner exception, and the request fails over to the next target.
/// </summary>
public class TransportTests
{
    private static readonly List<ChatMessage> Hello = [new(ChatRole.User, "Hello")];

    // cloud-a answers 5 prompt + 2 completion tokens at $1 / $2 per million.
    private const decimal CloudAUsd = (5m * 1m + 2m * 2m) / 1_000_000m;

    public static TheoryData<string, bool> Faults => new()
    {
        { "tls", false }, { "tls", true }, { "dns", false }, { "dns", true },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_transport_fault_fails_over_to_the_next_target(string fault, bool streaming)
    {
        await using var edge = await StartEdgeAsync(fault);
        await using var cloudA = await OpenAiLoopback.StartAsync((c, b) => Reliability.Faults.Answer(c, b, "from cloud a"));
        await using var cloudB = await OpenAiLoopback.StartAsync((c, b) => Reliability.Faults.Answer(c, b, "from cloud b"));
        using var sut = new FaultRouter(edge.Address, cloudA.BaseAddress, cloudB.BaseAddress);

        var (text, d) = await FaultRouter.CallAsync(sut.Router, Hello, streaming, null);

        Assert.Equal("from cloud a", text.Trim());
        Assert.Equal([("edge", AttemptOutcome.FailedOver, nameof(TargetUnavailableException)), ("cloud-a", AttemptOutcome.Succeeded, (string?)null)],
            d.Attempts.Select(a => (a.Target, a.Outcome, a.Error)));
        Assert.Empty(edge.Requests); // the handshake failed: nothing reached the edge's application
        Assert.Equal(CostTotals.Zero, sut.Totals("edge"));
        Assert.Equal(new CostTotals(CloudAUsd, 5, 2, 1, 0), sut.Totals("cloud-a"));
        Assert.Equal(sut.Totals("cloud-a"), sut.Global);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_transport_fault_is_typed_names_its_cause_and_keeps_the_original_error(string fault, bool streaming)
    {
        await using var edge = await StartEdgeAsync(fault);
        await using var cloudA = await OpenAiLoopback.StartAsync((c, b) => Reliability.Faults.Answer(c, b, "from cloud a"));
        await using var cloudB = await OpenAiLoopback.StartAsync((c, b) => Reliability.Faults.Answer(c, b, "from cloud b"));
        using var sut = new FaultRouter(edge.Address, cloudA.BaseAddress, cloudB.BaseAddress);
        var onlyEdge = new ChatOptions { AdditionalProperties = new() { [InferencePropertyNames.ForceTarget] = "edge" } };

        var e = await Assert.ThrowsAsync<TargetUnavailableException>(() => FaultRouter.CallAsync(sut.Router, Hello, streaming, onlyEdge));

        Assert.Equal("edge", e.TargetName);
        Assert.False(e.OutputCommitted);
        var chain = Chain(e).ToList();
        if (fault == "tls")
        {
            Assert.Contains("TLS", e.Message, StringComparison.Ordinal);
            Assert.Contains(chain, x => x is AuthenticationException); // the certificate error is not swallowed
            Assert.Contains(chain, x => x is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError });
        }
        else
        {
            Assert.Contains("DNS", e.Message, StringComparison.Ordinal);
            Assert.Contains(chain, x => x is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError });
        }

        Assert.Empty(cloudA.Requests);
        Assert.Empty(cloudB.Requests);
        Assert.Equal(CostTotals.Zero, sut.Global);
    }

    private static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    private static async Task<Edge> StartEdgeAsync(string fault)
    {
        if (fault == "dns")
        {
            return new Edge(new Uri("https://edge.invalid/"), null);
        }

        using var certificate = SelfSigned();
        int port = OpenAiLoopback.ClosedPort().Port;
        var server = await LoopbackServer.StartAsync(
            app => app.MapPost("/v1/chat/completions", (HttpContext c) => Reliability.Faults.Answer(c, "{}", "from edge")),
            k => k.Listen(IPAddress.Loopback, port, o => o.UseHttps(X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null))));
        return new Edge(new Uri($"https://127.0.0.1:{port}/"), server);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private sealed record Edge(Uri Address, LoopbackServer? Server) : IAsyncDisposable
    {
        public IReadOnlyList<RecordedRequest> Requests => Server?.Requests ?? [];

        public ValueTask DisposeAsync() => Server?.DisposeAsync() ?? default;
    }
}
