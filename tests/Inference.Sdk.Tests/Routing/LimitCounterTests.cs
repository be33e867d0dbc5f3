using System;
using Inference.Sdk.Routing;
using Inference.Sdk.Routing.Limits;
using Microsoft.Extensions.Time.Testing;

namespace Inference.Sdk.Tests.Routing;

/// <summary>One limit counted in memory: the sliding window, the wait it names, corrections by usage, the fleet lease.</summary>
public sealed class LimitCounterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    private LimitSet Set() => new(_time, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(250));

    private long Now => _time.GetTimestamp();

    [Fact]
    public void A_window_never_holds_more_than_the_limit_and_frees_a_minute_after_each_take()
    {
        var tokens = Set().Create("Targets:api:TokensPerMinute", RateLimitKind.TokensPerMinute, 1000);

        Assert.True(tokens.TryTake(600, 1, Now, out _, out _));
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.True(tokens.TryTake(400, 1, Now, out _, out _));
        Assert.False(tokens.TryTake(1, 1, Now, out _, out var refused));

        // The first 600 leave the window a minute (and at most one bucket) after they were taken: 40 to 41 s from now.
        Assert.Equal(1000, refused.Used);
        Assert.InRange(refused.RetryAfter!.Value, TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(41));
        Assert.Contains("Targets:api:TokensPerMinute: 1000 of 1000 used in the window, needs 1", refused.Describe(tokens, 1));

        _time.Advance(TimeSpan.FromSeconds(39));
        Assert.False(tokens.Check(600, 1, Now).Admits); // not yet a minute
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(tokens.TryTake(600, 1, Now, out _, out _));
        Assert.False(tokens.Check(1, 1, Now).Admits); // the 400 are still in the window
    }

    [Fact]
    public void Every_sliding_window_holds_at_most_the_limit_under_random_takes()
    {
        var tokens = Set().Create("t", RateLimitKind.TokensPerMinute, 5000);
        var random = new Random(7);
        var admitted = new System.Collections.Generic.List<(DateTimeOffset At, long Amount)>();
        for (int i = 0; i < 4000; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(random.Next(0, 400)));
            long amount = random.Next(1, 700);
            if (tokens.TryTake(amount, 1, Now, out _, out _))
            {
                admitted.Add((_time.GetUtcNow(), amount));
            }
        }

        Assert.True(admitted.Count > 100);
        for (int i = 0; i < admitted.Count; i++)
        {
            long sum = 0;
            for (int j = i; j < admitted.Count && admitted[j].At - admitted[i].At < TimeSpan.FromMinutes(1); j++)
            {
                sum += admitted[j].Amount;
            }

            Assert.True(sum <= 5000, $"{sum} tokens within a minute of {admitted[i].At:O}");
        }
    }

    [Fact]
    public void An_amount_over_the_limit_is_never_admitted_and_says_so()
    {
        var tokens = Set().Create("Tenants:acme:TokensPerMinute", RateLimitKind.TokensPerMinute, 1000);

        var check = tokens.Check(1001, 1, Now);

        Assert.False(check.Admits);
        Assert.Null(check.RetryAfter);
        Assert.Equal("Tenants:acme:TokensPerMinute 1000 cannot admit a request of 1001", check.Describe(tokens, 1001));
    }

    [Fact]
    public void A_batch_share_keeps_the_rest_of_the_limit_for_interactive_work()
    {
        var tokens = Set().Create("t", RateLimitKind.TokensPerMinute, 1000);
        Assert.True(tokens.TryTake(700, 0.75, Now, out _, out _));

        Assert.False(tokens.Check(100, 0.75, Now).Admits);
        Assert.True(tokens.Check(300, 1, Now).Admits);
    }

    [Fact]
    public void The_usage_a_response_reports_corrects_the_estimate_both_ways()
    {
        var tokens = Set().Create("t", RateLimitKind.TokensPerMinute, 1000);
        Assert.True(tokens.TryTake(800, 1, Now, out var ticket, out _));
        Assert.False(tokens.Check(300, 1, Now).Admits);

        ticket.Settle(200, Now); // the response used 200 of the 800 estimated
        Assert.True(tokens.Check(800, 1, Now).Admits);
        Assert.False(tokens.Check(801, 1, Now).Admits);

        Assert.True(tokens.TryTake(100, 1, Now, out var second, out _));
        second.Settle(500, Now); // used more than estimated: counted as used
        Assert.Equal(700, tokens.Check(1, 1, Now).Used);
    }

    [Fact]
    public void In_a_fleet_only_the_granted_lease_is_spent_and_unused_parts_go_back_to_their_grant()
    {
        var set = Set();
        var tokens = set.Create("t", RateLimitKind.TokensPerMinute, 1000);
        _ = set.JoinFleet(TimeSpan.FromMilliseconds(100));
        var renewal = Renew(tokens);
        Assert.Equal(1000 / 24, renewal.Want); // an idle instance asks for an eighth of its share
        tokens.CompleteRenewal(renewal, granted: 300, grant: 42, recorded: 900, expires: Now + Ticks(2));

        Assert.Equal(LimitMode.Fleet, tokens.Mode);
        Assert.True(tokens.TryTake(250, 1, Now, out var ticket, out _));
        Assert.False(tokens.TryTake(100, 1, Now, out _, out var refused));
        Assert.True(refused.LeaseShort);
        Assert.Equal(TimeSpan.FromMilliseconds(100), refused.RetryAfter);

        ticket.Settle(150, Now); // 100 unused: back to grant 42 at the next renewal
        var next = tokens.BeginRenewal(Now, Ticks(2), Ticks(0.5), instances: 3)!;
        Assert.Equal(100, next.Refunds![42]);

        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.False(tokens.Check(10, 1, Now).Admits); // the lease expired
    }

    [Fact]
    public void A_renewal_carries_the_lease_still_wanted_into_the_new_grant_and_gives_the_rest_back_in_the_same_round_trip()
    {
        var tokens = Leased();
        Assert.True(tokens.TryTake(10, 1, Now, out _, out _)); // 290 of the lease left
        _time.Advance(TimeSpan.FromSeconds(1)); // due: the lease ends within two intervals

        var renewal = Renew(tokens);

        // 10 a second over the next lease and interval wants 41 (an eighth of the share): 41 carried, 249 given back, none asked.
        Assert.Equal((42L, 41L, 249L, 0L), (renewal.LeaseGrant, renewal.Carried, renewal.Returned, renewal.Want));
        Assert.Equal([(42L, 290L)], renewal.Takebacks());
        Assert.Equal(41, renewal.Added); // the carried part is added to the new grant's bucket: counted once, never twice

        // While the round trip is under way only the carried part is spent: what was given back may go to another instance.
        Assert.False(tokens.TryTake(42, 1, Now, out _, out var refused));
        Assert.True(refused.LeaseShort);
        Assert.Equal(900 - 290, refused.Used); // the fleet's count less this lease, as before: what is given back is not counted as used
        Assert.True(tokens.TryTake(30, 1, Now, out var during, out _));
        Assert.Equal(42, during.Grant);

        tokens.CompleteRenewal(renewal, granted: 0, grant: 43, recorded: 700, expires: Now + Ticks(2));
        Assert.True(tokens.TryTake(11, 1, Now, out var after, out _)); // the 11 carried and unspent, now the new grant's
        Assert.Equal(43, after.Grant);
        Assert.False(tokens.TryTake(1, 1, Now, out _, out refused));
        Assert.True(refused.LeaseShort);
        Assert.Empty(Renew(tokens).Takebacks()); // nothing left to give back later
    }

    [Fact]
    public void A_renewal_Redis_did_not_answer_gives_its_returned_lease_back_next_time_and_keeps_the_carried_part()
    {
        var tokens = Leased();
        _time.Advance(TimeSpan.FromSeconds(1));
        var renewal = Renew(tokens);
        Assert.Equal((41L, 259L), (renewal.Carried, renewal.Returned));

        tokens.FailRenewal(renewal);

        Assert.True(tokens.TryTake(41, 1, Now, out var ticket, out _)); // the carried part is still this instance's, from grant 42
        Assert.Equal(42, ticket.Grant);
        Assert.False(tokens.Check(1, 1, Now).Admits);
        var next = Renew(tokens);
        Assert.Equal(259, next.Refunds![42]); // given back next time, once
        Assert.Equal(0, next.Carried);
    }

    [Fact]
    public void An_expired_lease_is_given_back_whole_and_none_of_it_is_carried()
    {
        var tokens = Leased();
        _time.Advance(TimeSpan.FromSeconds(3));

        var renewal = Renew(tokens);

        Assert.Equal((0L, 300L, 41L), (renewal.Carried, renewal.Returned, renewal.Want));
        Assert.Equal(0, renewal.Added);
    }

    [Fact]
    public void While_Redis_is_away_a_fleet_counter_admits_its_share_and_keeps_it_for_the_fleet()
    {
        var set = Set();
        var tokens = set.Create("t", RateLimitKind.TokensPerMinute, 900);
        _ = set.JoinFleet(TimeSpan.FromMilliseconds(100));
        tokens.Degrade(300);

        Assert.True(tokens.TryTake(300, 1, Now, out _, out _));
        Assert.False(tokens.Check(1, 1, Now).Admits);
        var renewal = Renew(tokens);
        Assert.Equal(300, renewal.Replay);

        tokens.CompleteRenewal(renewal, granted: 50, grant: 7, recorded: 650, expires: Now + Ticks(2));
        Assert.Null(tokens.BeginRenewal(Now, Ticks(2), Ticks(0.5), instances: 3)?.Replay is > 0 ? "replayed twice" : null);
    }

    /// <summary>A fleet counter of 1000 a minute (three instances) holding a lease of 300 from grant 42, the fleet at 900.</summary>
    private LimitCounter Leased()
    {
        var set = Set();
        var tokens = set.Create("t", RateLimitKind.TokensPerMinute, 1000);
        _ = set.JoinFleet(TimeSpan.FromMilliseconds(100));
        tokens.CompleteRenewal(Renew(tokens), granted: 300, grant: 42, recorded: 900, expires: Now + Ticks(2));
        return tokens;
    }

    private LimitRenewal Renew(LimitCounter counter) => counter.BeginRenewal(Now, Ticks(2), Ticks(0.5), instances: 3)!;

    private long Ticks(double seconds) => (long)(seconds * _time.TimestampFrequency);
}
