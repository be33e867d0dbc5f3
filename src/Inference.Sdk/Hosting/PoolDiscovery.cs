using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Pools;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.ServiceDiscovery;

namespace Inference.Sdk.Hosting;

/// <summary>
/// Resolves the replicas of a pool whose target names a <see cref="InferenceTargetOptions.Service"/> through
/// <see cref="ServiceEndpointResolver"/> (Microsoft.Extensions.ServiceDiscovery: configuration, pass-through, or any provider the
/// application adds, such as DNS SRV) and makes them the pool's replicas. The thin I/O shell of <see cref="EndpointPoolChatClient.SetEndpoints"/>.
/// </summary>
internal static partial class PoolDiscovery
{
    /// <summary>Resolves the service and sets the pool's replicas; returns the token that fires when the provider sees a change.</summary>
    /// <param name="resolver">The application's resolver.</param>
    /// <param name="target">The target's name.</param>
    /// <param name="options">The target.</param>
    /// <param name="pool">The target's pool.</param>
    /// <param name="logger">Where joins, leaves and refused addresses are logged.</param>
    /// <param name="cancellationToken">Cancels the resolution.</param>
    public static async Task<IChangeToken> RefreshAsync(
        ServiceEndpointResolver resolver, string target, InferenceTargetOptions options, EndpointPoolChatClient pool, ILogger logger, CancellationToken cancellationToken)
    {
        string service = options.Service!;
        ServiceEndpointSource source = await resolver.GetEndpointsAsync(service, cancellationToken).ConfigureAwait(false);
        var addresses = new List<Uri>(source.Endpoints.Count);
        foreach (ServiceEndpoint endpoint in source.Endpoints)
        {
            if (AddressOf(endpoint.EndPoint, service) is not { } address)
            {
                LogRefused(logger, target, endpoint.EndPoint.ToString() ?? endpoint.EndPoint.GetType().Name, "it is not an http or https address");
            }
            else if (address.Scheme == Uri.UriSchemeHttp && !address.IsLoopback && !options.AllowInsecureHttp)
            {
                LogRefused(logger, target, address.Authority, $"it is plain http to a remote host; use https, or set AllowInsecureHttp on the target on a trusted network");
            }
            else
            {
                addresses.Add(address);
            }
        }

        (IReadOnlyList<PoolEndpoint> joined, IReadOnlyList<PoolEndpoint> left) = pool.SetEndpoints(addresses);
        foreach (PoolEndpoint endpoint in joined)
        {
            LogJoined(logger, target, endpoint.Address.Authority, service);
        }

        foreach (PoolEndpoint endpoint in left)
        {
            LogLeft(logger, target, endpoint.Address.Authority, service, endpoint.Board.Snapshot().InFlight);
        }

        return source.ChangeToken;
    }

    /// <summary>
    /// The base address of a resolved endpoint: a URI endpoint as it is; a host and port with the first scheme the service name
    /// allows (<c>https+http://vllm</c>: https), or the endpoint name of a DNS SRV-style name (<c>_http.vllm</c>), else http.
    /// </summary>
    internal static Uri? AddressOf(EndPoint endpoint, string service)
    {
        if (endpoint is UriEndPoint { Uri: { } uri })
        {
            return uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps ? uri : null;
        }

        string scheme = SchemeOf(service);
        return endpoint switch
        {
            IPEndPoint ip => new UriBuilder(scheme, ip.Address.ToString(), ip.Port > 0 ? ip.Port : -1).Uri,
            DnsEndPoint dns => new UriBuilder(scheme, dns.Host, dns.Port > 0 ? dns.Port : -1).Uri,
            _ => null,
        };
    }

    private static string SchemeOf(string service)
    {
        if (ServiceEndpointQuery.TryParse(service, out ServiceEndpointQuery? query))
        {
            foreach (string scheme in query.IncludedSchemes)
            {
                if (scheme is "https" or "http")
                {
                    return scheme;
                }
            }

            if (query.EndpointName is "https")
            {
                return Uri.UriSchemeHttps;
            }
        }

        return Uri.UriSchemeHttp;
    }

    [LoggerMessage(EventId = 7060, Level = LogLevel.Information, Message = "Endpoint {Endpoint} joined the pool of target {Target} (service {Service}), with no prefix history")]
    private static partial void LogJoined(ILogger logger, string target, string endpoint, string service);

    [LoggerMessage(EventId = 7061, Level = LogLevel.Information, Message = "Endpoint {Endpoint} left the pool of target {Target} (service {Service}); its {InFlight} requests in flight finish there")]
    private static partial void LogLeft(ILogger logger, string target, string endpoint, string service, int inFlight);

    [LoggerMessage(EventId = 7062, Level = LogLevel.Warning, Message = "A resolved endpoint {Endpoint} of target {Target} is not used: {Reason}")]
    private static partial void LogRefused(ILogger logger, string target, string endpoint, string reason);
}
