using System.Net.Http;
using System.Threading.Tasks;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Inference.Sdk.Tests.Infrastructure;

public class LoopbackServerTests
{
    [Fact]
    public async Task Records_what_it_receives_and_answers_on_loopback()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/echo", async (HttpRequest r) => Results.Text("pong")));
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await http.PostAsync("echo", new StringContent("{\"a\":1}"));

        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
        Assert.Equal("pong", await response.Content.ReadAsStringAsync());
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/echo", request.PathAndQuery);
        Assert.Equal("{\"a\":1}", request.Body);
    }
}
