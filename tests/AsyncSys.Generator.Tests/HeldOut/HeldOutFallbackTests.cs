using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Every ring variant generated from the held-out declarations can run its wrapper for arguments its request cannot
/// take (a bad descriptor, offset, buffer list, path, RWF_ flags...), whatever shape its worker form would have (iovec
/// pointers, arrays and spans as buffer lists, sbyte* paths, a statx pointer as memory, poll's one descriptor): none is
/// left answering such arguments itself with an exception or an errno the kernel would not give. A stub (a method whose
/// body only throws, placed on the ring with an explicit <c>RingOp</c>) is the exception: it is not the call, so it must
/// never run, and its variant has no fallback.
/// </summary>
public sealed class HeldOutFallbackTests
{
    [Fact]
    public void Every_held_out_ring_variant_runs_its_wrapper_for_arguments_the_request_cannot_take()
    {
        var without = new List<string>();
        var runsStub = new List<string>();
        int ringVariants = 0;
        foreach (HeldOutGroup group in HeldOutGroup.LoadAll())
        {
            Compilation compilation = GeneratorHarness.Compile(group.Source);
            HashSet<string> stubs = Stubs(compilation);
            (GeneratorDriverRunResult run, _) = GeneratorHarness.Run(compilation);
            foreach (GeneratedSourceResult source in run.Results[0].GeneratedSources)
            {
                string text = source.SourceText.ToString();
                if (!text.Contains("ring.SubmitAsync(") && !text.Contains("ring.SubmitRawAsync("))
                {
                    continue;
                }

                ringVariants++;
                string wrapper = Regex.Match(text, "inheritdoc cref=\"([^\"]*)\"").Groups[1].Value;
                Match signature = Regex.Match(wrapper, @"(\w+)\(([^)]*)\)");
                int parameters = signature.Groups[2].Value.Length == 0 ? 0 : signature.Groups[2].Value.Count(c => c == ',') + 1;
                bool isStub = stubs.Contains(signature.Groups[1].Value + "/" + parameters);
                if (isStub == text.Contains("RunWrapperAsync("))
                {
                    (isStub ? runsStub : without).Add(group.Name + ": " + wrapper);
                }
            }
        }

        Assert.True(ringVariants >= 70, "only " + ringVariants + " ring variants");
        Assert.True(without.Count == 0, string.Join("\n", without.Distinct()));
        Assert.True(runsStub.Count == 0, "stubs the variant may run: " + string.Join("\n", runsStub.Distinct()));
    }

    /// <summary>The [AsyncSyscall] methods whose body only throws, as name/parameter count (overloads share a name).</summary>
    private static HashSet<string> Stubs(Compilation compilation)
    {
        var names = new HashSet<string>();
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            foreach (var method in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>())
            {
                bool marked = method.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString().StartsWith("AsyncSyscall", System.StringComparison.Ordinal));
                bool onlyThrows = method.ExpressionBody?.Expression is Microsoft.CodeAnalysis.CSharp.Syntax.ThrowExpressionSyntax ||
                    method.Body is { Statements: [Microsoft.CodeAnalysis.CSharp.Syntax.ThrowStatementSyntax] };
                if (marked && onlyThrows)
                {
                    names.Add(method.Identifier.ValueText + "/" + method.ParameterList.Parameters.Count);
                }
            }
        }

        return names;
    }
}
