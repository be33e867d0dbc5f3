using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Hosting;

/// <summary>
/// Connects a kind of target that the core package does not speak to itself (for example Azure OpenAI's deployment routes
/// and Entra ID sign-in, in the <c>Inference.Sdk.Azure</c> package): it checks the target's settings, creates the innermost
/// chat client of its pipeline in place of the engine adapter, and prepares its health probe.
/// </summary>
/// <remarks>
/// Register an implementation as a singleton <see cref="IInferenceTargetConnector"/> (a companion package's <c>AddXxx</c>
/// does it). The first registered connector that <see cref="Serves"/> a target owns it; the cost meter, OpenTelemetry, the
/// router's failover and the ledger around it stay the same.
/// </remarks>
public interface IInferenceTargetConnector
{
    /// <summary>Returns whether this connector serves <paramref name="target"/>.</summary>
    /// <param name="target">The target's settings.</param>
    /// <returns><see langword="true"/> when this connector creates the target's client and probe.</returns>
    bool Serves(InferenceTargetOptions target);

    /// <summary>Checks the settings this connector needs, when the host starts.</summary>
    /// <param name="path">The target's configuration path, e.g. <c>Inference:Targets:cloud</c>; each message starts with the key it names under it.</param>
    /// <param name="target">The target's settings.</param>
    /// <returns>One message per problem, e.g. <c>Inference:Targets:cloud:ApiVersion is '2023-01-01', …</c>; empty when the settings are usable.</returns>
    IEnumerable<string> Validate(string path, InferenceTargetOptions target);

    /// <summary>Creates the innermost chat client of the target's pipeline.</summary>
    /// <param name="name">The target's name.</param>
    /// <param name="target">The target's settings (already validated).</param>
    /// <param name="httpClient">The target's named <see cref="HttpClient"/> (infinite timeout: the client owns its timeout).</param>
    /// <returns>The chat client; it maps failures to <see cref="InferenceException"/>s so the router can fail over.</returns>
    IChatClient CreateChatClient(string name, InferenceTargetOptions target, HttpClient httpClient);

    /// <summary>Creates the request that probes the target's health, with its credentials.</summary>
    /// <param name="target">The target's settings.</param>
    /// <param name="cancellationToken">Cancels acquiring a credential.</param>
    /// <returns>The probe request; the probe treats 5xx, 401 and 403 as unhealthy.</returns>
    ValueTask<HttpRequestMessage> CreateProbeRequestAsync(InferenceTargetOptions target, CancellationToken cancellationToken);
}
