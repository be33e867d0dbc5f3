using System;
using System.Collections.Generic;

namespace Inference.Sdk.Providers.CoreWeave;

/// <summary>A CoreWeave Dedicated Inference gateway (<c>/v1alpha1/inference/gateways/{id}</c>).</summary>
public sealed record CoreWeaveGateway
{
    /// <summary>The status value of a gateway that serves requests.</summary>
    public const string ReadyStatus = "STATUS_READY";

    /// <summary>Gets the gateway id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the gateway name.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the status value as CoreWeave wrote it (<c>STATUS_CREATING</c>, <c>STATUS_READY</c>, <c>STATUS_UPDATING</c>, <c>STATUS_DELETING</c>, <c>STATUS_ERROR</c>, …; an integer on older pages).</summary>
    public string? Status { get; init; }

    /// <summary>Gets the state <see cref="Status"/> stands for; <see cref="CoreWeaveGatewayState.Unknown"/> for a value this version does not know.</summary>
    public CoreWeaveGatewayState State { get; init; }

    /// <summary>Gets a value indicating whether the gateway is ready (<see cref="ReadyStatus"/>).</summary>
    public bool IsReady => State == CoreWeaveGatewayState.Ready || Status == ReadyStatus;

    /// <summary>Gets the gateway's endpoint URLs (<c>status.endpoints[]</c>), present once it is ready.</summary>
    public IReadOnlyList<Uri> Endpoints { get; init; } = [];
}
