using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Inference.Sdk.Providers;
using Inference.Sdk.Providers.Lambda;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using static Inference.Sdk.IntegrationTests.Providers.ProviderTestKit;

namespace Inference.Sdk.IntegrationTests.Providers;

public class LambdaCloudTests
{
    private static string Instance(string status) => $$$"""
        {"id":"0920582c7ff041399e34823a0be62549","name":"My Instance","ip":"198.51.100.2","private_ip":"10.0.2.100","status":"{{{status}}}",
         "ssh_key_names":["My SSH key"],"file_system_names":[],"region":{"name":"us-west-1","description":"California, USA"},
         "instance_type":{"name":"gpu_8x_h100_sxm5","description":"8x H100 (80 GB SXM5)","gpu_description":"H100 (80 GB SXM5)","price_cents_per_hour":2392,
                          "specs":{"vcpus":208,"memory_gib":1800,"storage_gib":24780,"gpus":8}},
         "hostname":"headnode1","actions":{}}
        """;

    private static LambdaCloudClient Client(LoopbackServer server) => new(Http, ApiKey, new Uri(server.BaseAddress, "api/v1/"));

    [Fact]
    public async Task Instance_types_are_a_map_with_cents_prices_and_regions_with_capacity()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/api/v1/instance-types", () => Json("""
            {"data":{
              "gpu_1x_h100_pcie":{"instance_type":{"name":"gpu_1x_h100_pcie","description":"1x H100 (80 GB PCIe)","gpu_description":"H100 (80 GB PCIe)",
                 "price_cents_per_hour":249,"specs":{"vcpus":26,"memory_gib":200,"storage_gib":1000,"gpus":1}},
                 "regions_with_capacity_available":[{"name":"us-east-1","description":"Virginia, USA"}]},
              "gpu_8x_b200_sxm6":{"instance_type":{"name":"gpu_8x_b200_sxm6","description":"8x B200","gpu_description":"B200 (180 GB SXM6)",
                 "price_cents_per_hour":4792,"specs":{"vcpus":208,"memory_gib":2900,"storage_gib":22000,"gpus":8}},
                 "regions_with_capacity_available":[]}}}
            """)));

        IReadOnlyList<LambdaInstanceType> types = await Client(server).GetInstanceTypesAsync();

        Assert.Equal(2, types.Count);
        LambdaInstanceType h100 = Assert.Single(types, t => t.Name == "gpu_1x_h100_pcie");
        Assert.Equal(2.49m, h100.UsdPerHour);
        Assert.Equal(["us-east-1"], h100.RegionsWithCapacity);
        Assert.Equal(1, h100.Gpus);
        Assert.Empty(Assert.Single(types, t => t.Name == "gpu_8x_b200_sxm6").RegionsWithCapacity);
        AssertBearer(server.Requests[0]);
    }

    [Theory]
    [InlineData("active", LambdaInstanceStatus.Active, true)]
    [InlineData("preempted", LambdaInstanceStatus.Preempted, false)]
    [InlineData("booting", LambdaInstanceStatus.Booting, false)]
    public async Task Instance_status_and_ip_are_read(string wire, LambdaInstanceStatus status, bool healthy)
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

        Assert.Equal(status, instance.Status);
        Assert.Equal("198.51.100.2", instance.Ip);
        Assert.Equal("us-west-1", instance.Region);
        Assert.Equal("gpu_8x_h100_sxm5", Assert.Single(all).InstanceTypeName);
        Assert.Equal(healthy, health.Healthy);
        Assert.Equal(status != LambdaInstanceStatus.Preempted, health.CapacityAvailable);
        Assert.Equal(23.92m, health.Price!.UsdPerHour);
    }

    [Fact]
    public async Task Insufficient_capacity_is_raised_with_its_code_and_the_launch_body_is_lambdas()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/api/v1/instance-operations/launch", () => Json("""
            {"error":{"code":"instance-operations/launch/insufficient-capacity","message":"Not enough capacity to fulfill launch request.","suggestion":"Choose an instance type with more availability, or try again later."}}
            """, 400)));

        var e = await Assert.ThrowsAsync<ProviderApiException>(() => Client(server).LaunchInstanceAsync("us-east-1", "gpu_1x_h100_pcie", "my-key", "vllm-1"));

        Assert.Equal(LambdaErrorCodes.InsufficientCapacity, e.ErrorCode);
        Assert.Equal(400, e.StatusCode);
        Assert.Contains("try again later", e.Message, StringComparison.Ordinal);
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
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/api/v1/instance-operations/launch", () =>
            Json("""{"data":{"instance_ids":["0920582c7ff041399e34823a0be62549"]}}""")));

        Assert.Equal(["0920582c7ff041399e34823a0be62549"], await Client(server).LaunchInstanceAsync("us-east-1", "gpu_1x_h100_pcie", "my-key"));
    }

    [Fact]
    public async Task Unknown_status_and_missing_envelope_are_protocol_errors()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/api/v1/instances/a", () => Json($$"""{"data":{{Instance("hibernating")}}}"""));
            app.MapGet("/api/v1/instances/b", () => Json(Instance("active")));
        });

        var unknown = await Assert.ThrowsAsync<InferenceProtocolException>(() => Client(server).GetInstanceAsync("a"));
        var bare = await Assert.ThrowsAsync<InferenceProtocolException>(() => Client(server).GetInstanceAsync("b"));

        Assert.Contains("hibernating", unknown.Message, StringComparison.Ordinal);
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
