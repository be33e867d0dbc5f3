namespace Inference.Sdk.Providers.Lambda;

/// <summary>The status of a Lambda Cloud instance.</summary>
public enum LambdaInstanceStatus
{
    /// <summary>A status this version does not know (logged once as a warning); the provider monitor keeps its previous verdict.</summary>
    Unknown,

    /// <summary><c>booting</c>.</summary>
    Booting,

    /// <summary><c>active</c>: running and reachable at its <c>ip</c>.</summary>
    Active,

    /// <summary><c>unhealthy</c>.</summary>
    Unhealthy,

    /// <summary><c>terminated</c>.</summary>
    Terminated,

    /// <summary><c>terminating</c>.</summary>
    Terminating,

    /// <summary><c>preempted</c>: the capacity was taken back; the instance is gone.</summary>
    Preempted,
}
