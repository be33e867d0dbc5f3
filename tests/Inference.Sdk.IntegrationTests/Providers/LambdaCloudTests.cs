using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Inference.Sdk.Providers;
using Inference.Sdk.Providers.Lambda;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Testing;
using static Inference.Sdk.IntegrationTests.Providers.ProviderTestKit;

namespace Inference.Sdk.IntegrationTests.Providers;

public class LambdaCloudTests
{
    /// <summary>The spec's Instance example (tests/Fixtures/lambda/instance.json) with another status value.</summary>
    private static string Instance(string status)
    {
        JsonNode instance = JsonNode.Parse(Fixtures.Text("lambda/instance.json"))!["data"]!;
        instance["status"] = status;
        return instance.ToJsonString();
    }

    private static LambdaCloudClient Client(LoopbackServer server) => new(Http, ApiKey, new Uri(server.BaseAddress, "api/v1/"));

    [Fact]
    public async Task Instance_types_are_a_map_with_cents_prices_and_regions_with_capacity()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/api/v1/instance-types", () => Fixtures.Answer("lambda/instance-types.json")));

        IReadOnlyList<LambdaInstanceType> types = await Client(server).GetInstanceTypesAsync();

        LambdaInstanceType example = Assert.Single(types);
        Assert.Equal("gpu_8x_example", example.Name);
        Assert.Equal(15.92m, example.UsdPerHour);
        Assert.Equal(["us-west-1"], example.RegionsWithCapacity);
        Assert.Equal(8, example.Gpus);
        AssertBearer(server.Requests[0]);
    }

    public static TheoryData<string> DocumentedStatuses()
    {
        var data = new TheoryData<string>();
        foreach (string status in Fixtures.Lines("lambda/instance-status-values.txt"))
        {
            data.Add(status);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DocumentedStatuses))]
    public async Task Every_documented_instance_status_is_known_and_only_active_serves(string wire)
    {
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/api/v1/instances/0920582c7ff041399e34823a0be62549", () => Json($$"""{"data":{{Instance(wire)}}}"""));
            app.MapGet("/api/v1/instances", () => Json($$"""{"data":[{{Instance(wire)}}]}"""));
        });
        LambdaCloudClient client = Client(server);

        LambdaInstance instance = await client.GetInstanceAsync("0920582c7ff041399e34823a0be62549");
        IReadOnlyList<LambdaInstance> all = await client.ListInstancesAsync();
        TargetHealth health = await client.ProbeInstanceAsync("0920582c7ff041399e34823a0be62549", "lambda-h100");

        Assert.NotEqual(LambdaInstanceStatus.Unknown, instance.Status);
        Assert.Equal(wire, instance.Status.ToString().ToLowerInvariant());
        Assert.Equal("198.51.100.2", instance.Ip);
        Assert.Equal("gpu_8x_h100_sxm5gdr", Assert.Single(all).InstanceTypeName);
        Assert.Equal(wire == "active", health.Healthy);
        Assert.Equal(wire is not ("preempted" or "terminated" or "terminating"), health.CapacityAvailable);
        Assert.False(health.StatusUnknown);
        Assert.Equal(35.92m, health.Price!.UsdPerHour);
    }

    [Fact]
    public async Task The_specs_list_answer_is_read()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/api/v1/instances", () => Fixtures.Answer("lambda/instances.json")));

        LambdaInstance instance = Assert.Single(await Client(server).ListInstancesAsync());

        Assert.Equal(("0920582c7ff041399e34823a0be62549", LambdaInstanceStatus.Booting, "10.0.2.100"), (instance.Id, instance.Status, instance.PrivateIp));
    }

    [Fact]
    public async Task Insufficient_capacity_is_raised_with_its_code_and_the_launch_body_is_lambdas()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapPost("/api/v1/instance-operations/launch", () => Fixtures.Answer("lambda/error-insufficient-capacity.json", 400)));

        var e = await Assert.ThrowsAsync<ProviderApiException>(() => Client(server).LaunchInstanceAsync("us-east-1", "gpu_1x_h100_pcie", "my-key", "vllm-1"));

        Assert.Equal(LambdaErrorCodes.InsufficientCapacity, e.ErrorCode);
        Assert.Equal(400, e.StatusCode);
        Assert.Contains("Not enough capacity", e.Message, StringComparison.Ordinal);
        AssertSafe(e, "lambda");
        var body = Body(server.Requests[0]);
        Assert.Equal("us-east-1", body.GetProperty("region_name").GetString());
        Assert.Equal("gpu_1x_h100_pcie", body.GetProperty("instance_type_name").GetString());
        Assert.Equal("my-key", body.GetProperty("ssh_key_names")[0].GetString());
        Assert.Equal(1, body.GetProperty("ssh_key_names").GetArrayLength());
    }

    [Fact]
    public async Task Launch_returns_the_instance_ids()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/api/v1/instance-operations/launch", () => Fixtures.Answer("lambda/launch.json")));

        Assert.Equal(["0920582c7ff041399e34823a0be62549"], await Client(server).LaunchInstanceAsync("us-east-1", "gpu_1x_h100_pcie", "my-key"));
    }

    [Fact]
    public async Task An_unknown_status_reads_as_Unknown_is_logged_once_and_the_probe_does_not_throw()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/api/v1/instances/a", () => Json($$"""{"data":{{Instance("hibernating")}}}"""));
            app.MapGet("/api/v1/instances/b", () => Json(Instance("active")));
        });
        var logger = new FakeLogger();
        var client = new LambdaCloudClient(Http, ApiKey, new Uri(server.BaseAddress, "api/v1/"), logger: logger);

        LambdaInstance unknown = await client.GetInstanceAsync("a");
        TargetHealth first = await client.ProbeInstanceAsync("a");
        TargetHealth second = await client.ProbeInstanceAsync("a");
        var bare = await Assert.ThrowsAsync<InferenceProtocolException>(() => client.GetInstanceAsync("b"));

        Assert.Equal(LambdaInstanceStatus.Unknown, unknown.Status);
        Assert.True(first.StatusUnknown && second.StatusUnknown);
        Assert.False(first.Healthy);
        FakeLogRecord warning = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.Contains("hibernating", warning.Message, StringComparison.Ordinal);
        Assert.Contains("'data'", bare.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_key_is_a_typed_error_that_does_not_echo_the_key()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/api/v1/instances", () =>
            Json("""{"error":{"code":"global/invalid-api-key","message":"API key was invalid, expired, or deleted."}}""", 401)));

        var e = await Assert.ThrowsAsync<ProviderApiException>(() => Client(server).ListInstancesAsync());

        Assert.Equal(LambdaErrorCodes.InvalidApiKey, e.ErrorCode);
        AssertSafe(e, "lambda");
    }
}
