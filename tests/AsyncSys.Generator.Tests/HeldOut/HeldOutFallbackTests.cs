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
/// left answering such arguments itself with an exception or an errno the kernel would not give.
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
            (GeneratorDriverRunResult run, _) = GeneratorHarness.Run(GeneratorHarness.Compile(group.Source));
            foreach (GeneratedSourceResult source in run.Results[0].GeneratedSources)
            {
                string text = source.SourceText.ToString();
                if (!text.Contains("ring.SubmitAsync(") && !text.Contains("ring.SubmitRawAsync("))
                {
                    continue;
                }

                ringVariants++;
                if (!text.Contains("RunWrapperAsync("))
                {
                    without.Add(group.Name + ": " + Regex.Match(text, "inheritdoc cref=\"([^\"]*)\"").Groups[1].Value);
                }
            }
        }

        Assert.True(ringVariants >= 70, "only " + ringVariants + " ring variants");
        Assert.True(without.Count == 0, string.Join("\n", without.Distinct()));
    }
}
