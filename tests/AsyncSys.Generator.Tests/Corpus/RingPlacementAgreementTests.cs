extern alias analyzers;

using System.Collections.Generic;
using System.Linq;
using System.Text;
using AsyncSys.Generator.Model;
using AsyncSys.Generator.Tests.HeldOut;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;
using AnalyzerApi = analyzers::AsyncSys.Analyzers.AsyncSysApi;
using AnalyzerPlacement = analyzers::AsyncSys.Generator.Model.RingPlacement;

namespace AsyncSys.Generator.Tests.Corpus;

/// <summary>
/// The analyzers (whose worker-thread rules need to know which wrappers run on a worker) and the generator decide
/// ring or worker with the same planning code: over every corpus and held-out wrapper, what the analyzers answer is
/// where the generated code actually runs.
/// </summary>
public sealed class RingPlacementAgreementTests
{
    private readonly ITestOutputHelper _output;

    public RingPlacementAgreementTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void The_analyzers_place_every_wrapper_where_the_generated_code_runs()
    {
        var compilations = new List<(string Name, Compilation Input)> { ("corpus", CorpusTests.Build().Input) };
        // LoadAll finds Cases/ beside the file it is given (by default, its caller's).
        foreach (HeldOutGroup group in HeldOutGroup.LoadAll(System.IO.Path.Combine(Repository.Root, "tests", "AsyncSys.Generator.Tests", "HeldOut", "HeldOutCase.cs")))
        {
            compilations.Add((group.Name, GeneratorHarness.Compile(group.Source)));
        }

        int ring = 0, worker = 0, refused = 0;
        var disagreements = new StringBuilder();
        foreach ((string name, Compilation input) in compilations)
        {
            (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);
            var files = run.Results[0].GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
            AnalyzerApi api = AnalyzerApi.Create(output);
            foreach ((IMethodSymbol wrapper, AttributeData attribute) in Wrappers(output))
            {
                // Where the generated code runs, read from the code itself.
                string generated = files.TryGetValue(WrapperInspector.HintName(wrapper), out string? text)
                    ? text.Contains("ring.RunBlockingAsync(") && !text.Contains("global::AsyncSys.RingRequest.") ? "worker" : "ring " + RequestIn(text)
                    : "nothing";
                var placement = AnalyzerPlacement.Of(wrapper, attribute);
                string analyzers = placement is null ? "nothing" : placement == analyzers::AsyncSys.Generator.Model.RingOpKind.None ? "worker" : "ring " + placement;
                bool offloaded = api.IsOffloaded(wrapper, attribute);
                if (generated == "nothing")
                {
                    // Refused (a diagnostic says why): no generated code runs anywhere, whatever the analyzers would say.
                    refused++;
                    continue;
                }

                if (generated != analyzers || offloaded != (generated == "worker"))
                {
                    disagreements.Append(name).Append(' ').Append(wrapper.ContainingType.Name).Append('.').Append(wrapper.Name)
                        .Append(": generated ").Append(generated).Append(", analyzers ").Append(analyzers)
                        .Append(offloaded ? " (offloaded)" : " (not offloaded)").Append('\n');
                }
                else if (generated == "worker")
                {
                    worker++;
                }
                else
                {
                    ring++;
                }
            }
        }

        _output.WriteLine("agree: " + ring + " on the ring, " + worker + " on workers; " + refused + " generated nothing");
        Assert.True(disagreements.Length == 0, "the analyzers and the generator disagree:\n" + disagreements);
        Assert.True(ring + worker >= 150, "too few wrappers compared: " + (ring + worker));
        Assert.True(ring >= 40, "too few ring wrappers compared: " + ring);
    }

    private static IEnumerable<(IMethodSymbol Wrapper, AttributeData Attribute)> Wrappers(Compilation compilation)
    {
        var types = new Stack<INamespaceOrTypeSymbol>();
        types.Push(compilation.Assembly.GlobalNamespace);
        while (types.Count > 0)
        {
            foreach (ISymbol member in types.Pop().GetMembers())
            {
                if (member is INamespaceOrTypeSymbol container)
                {
                    types.Push(container);
                }
                else if (member is IMethodSymbol { PartialDefinitionPart: null } method &&
                         method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "AsyncSys.AsyncSyscallAttribute") is { } attribute)
                {
                    yield return (method, attribute);
                }
            }
        }
    }

    /// <summary>The operation of the first <c>RingRequest.X(</c> in generated code.</summary>
    private static string RequestIn(string source)
    {
        const string Marker = "global::AsyncSys.RingRequest.";
        int start = source.IndexOf(Marker, System.StringComparison.Ordinal) + Marker.Length;
        return source.Substring(start, source.IndexOf('(', start) - start);
    }
}
