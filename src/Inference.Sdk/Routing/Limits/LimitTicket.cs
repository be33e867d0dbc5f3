namespace Inference.Sdk.Routing.Limits;

/// <summary>What one request took from a <see cref="LimitCounter"/>, to correct by what it really used.</summary>
/// <param name="Counter">The counter it was taken from.</param>
/// <param name="Bucket">The bucket it was counted in.</param>
/// <param name="Amount">The amount taken (the estimate).</param>
/// <param name="Grant">The Redis grant it was spent from; -1 when counted only here.</param>
internal readonly record struct LimitTicket(LimitCounter? Counter, long Bucket, long Amount, long Grant)
{
    /// <summary>Corrects the take by what was really used; nothing for an empty ticket.</summary>
    public void Settle(long actual, long now) => Counter?.Settle(this, actual, now);
}
