namespace Inference.Sdk.Providers.CoreWeave;

/// <summary>The state of a CoreWeave inference gateway (<c>gateway.status.status</c>, <c>STATUS_*</c>).</summary>
public enum CoreWeaveGatewayState
{
    /// <summary>A value this version does not know, or an integer enum value (older reference pages show integers and no table gives their names); logged once as a warning, the provider monitor keeps its previous verdict.</summary>
    Unknown,

    /// <summary><c>STATUS_CREATING</c>.</summary>
    Creating,

    /// <summary><c>STATUS_READY</c>: serving; <c>status.endpoints</c> holds its URLs.</summary>
    Ready,

    /// <summary><c>STATUS_UPDATING</c>.</summary>
    Updating,

    /// <summary><c>STATUS_DELETING</c>.</summary>
    Deleting,

    /// <summary><c>STATUS_ERROR</c>.</summary>
    Error,
}
