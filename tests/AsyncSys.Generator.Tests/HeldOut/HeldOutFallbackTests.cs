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
/// left answering such arguments itself with an exception or an errno the kernel would not give. An ordinary method
/// placed on the ring with an explicit <c>RingOp</c> is not held to this: its body may be a stub, not the call, so where
/// the generator cannot give its body the ring's arguments it keeps the request's ArgumentException.
/// </summary>
public sealed class HeldOutFallbackTests
{
    [Fact]
    public void Every_held_out_ring_variant_runs_its_wrapper_for_arguments_the_request_cannot_take()
    {
        var without = new List<string>();
        int ringVariants = 0;
        foreach (HeldOutGroup group in HeldOutGroup.LoadAll())
        {
            Compilation compilation = GeneratorHarness.Compile(group.Source);
            HashSet<string> ordinary = OrdinaryWrappers(compilation);
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
                bool isOrdinary = ordinary.Contains(Regex.Match(wrapper, @"(\w+)\(").Groups[1].Value);
                if (!isOrdinary && !text.Contains("RunWrapperAsync("))
                {
                    without.Add(group.Name + ": " + wrapper);
                }
            }
        }

        Assert.True(ringVariants >= 70, "only " + ringVariants + " ring variants");
        Assert.True(without.Count == 0, string.Join("\n", without.Distinct()));
    }

    /// <summary>The names of the [AsyncSyscall] methods with a body of their own (not extern, not [LibraryImport] partial).</summary>
    private static HashSet<string> OrdinaryWrappers(Compilation compilation)
    {
        var names = new HashSet<string>();
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            foreach (var method in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>())
            {
                bool marked = method.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString().StartsWith("AsyncSyscall", System.StringComparison.Ordinal));
                if (marked && (method.Body is not null || method.ExpressionBody is not null))
                {
                    names.Add(method.Identifier.ValueText);
                }
            }
        }

        return names;
    }
}
