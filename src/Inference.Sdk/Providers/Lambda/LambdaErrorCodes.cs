namespace Inference.Sdk.Providers.Lambda;

/// <summary>Lambda Cloud API error codes worth branching on (<see cref="ProviderApiException.ErrorCode"/>); branch on the code, never the message.</summary>
public static class LambdaErrorCodes
{
    /// <summary>No capacity for the instance type in the region.</summary>
    public const string InsufficientCapacity = "instance-operations/launch/insufficient-capacity";

    /// <summary>The API key is not valid.</summary>
    public const string InvalidApiKey = "global/invalid-api-key";

    /// <summary>The account's quota does not allow the request.</summary>
    public const string QuotaExceeded = "global/quota-exceeded";

    /// <summary>The instance (or other object) does not exist.</summary>
    public const string ObjectDoesNotExist = "global/object-does-not-exist";
}
