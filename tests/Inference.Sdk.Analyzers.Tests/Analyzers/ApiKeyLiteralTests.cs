using System.Threading.Tasks;
using Inference.Sdk.Analyzers.Tests.Infrastructure;

namespace Inference.Sdk.Analyzers.Tests.Analyzers;

public sealed class ApiKeyLiteralTests
{
    [Fact]
    public Task Fires_on_a_literal_key_in_an_initializer_and_in_an_assignment()
        => Verify.AnalyzerAsync("""
            using Inference.Sdk.Hosting;

            class C
            {
                const string Key = "sk-from-a-const";

                void M()
                {
                    var t = new InferenceTargetOptions { ApiKey = {|#0:"sk-live-1234"|} };
                    t.ApiKey = {|#1:Key|};
                }
            }
            """,
            Verify.Diagnostic(DiagDescriptors.ApiKeyLiteral).WithLocation(0),
            Verify.Diagnostic(DiagDescriptors.ApiKeyLiteral).WithLocation(1));

    [Fact]
    public Task Fires_on_a_literal_ApiKeyCredential()
        => Verify.AnalyzerAsync("""
            using System.ClientModel;

            class C
            {
                ApiKeyCredential M() => new ApiKeyCredential({|#0:"sk-proj-abc"|});
            }
            """,
            Verify.Diagnostic(DiagDescriptors.ApiKeyLiteral).WithLocation(0));

    [Fact]
    public Task Does_not_fire_on_keys_read_at_run_time_or_blank_keys()
        => Verify.AnalyzerAsync("""
            using System;
            using System.ClientModel;
            using Inference.Sdk.Hosting;

            class C
            {
                void M(string fromConfiguration)
                {
                    var t = new InferenceTargetOptions { ApiKey = fromConfiguration };
                    t.ApiKey = Environment.GetEnvironmentVariable("KEY");
                    t.ApiKey = "";
                    t.ApiKey = null;
                    t.Model = "sk-this-is-not-a-key-property";
                    _ = new ApiKeyCredential(fromConfiguration);
                }
            }
            """);
}
