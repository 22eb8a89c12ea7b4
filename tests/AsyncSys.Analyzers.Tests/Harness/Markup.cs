using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace AsyncSys.Analyzers.Tests.Harness;

/// <summary>An expected diagnostic: its id and the exact span it must cover.</summary>
internal readonly record struct ExpectedDiagnostic(string Id, TextSpan Span);

/// <summary>
/// Test sources mark where a diagnostic must be with <c>{|ASYS1001:code|}</c>; the markers are removed
/// and remembered, so a test states the exact span next to the code it is about.
/// </summary>
internal static class Markup
{
    public static (string Source, List<ExpectedDiagnostic> Expected) Parse(string markup)
    {
        var source = new StringBuilder(markup.Length);
        var expected = new List<ExpectedDiagnostic>();
        var open = new Stack<(string Id, int Start)>();
        int i = 0;
        while (i < markup.Length)
        {
            if (markup[i] == '{' && i + 1 < markup.Length && markup[i + 1] == '|')
            {
                int colon = markup.IndexOf(':', i + 2);
                open.Push((markup.Substring(i + 2, colon - i - 2), source.Length));
                i = colon + 1;
            }
            else if (markup[i] == '|' && i + 1 < markup.Length && markup[i + 1] == '}' && open.Count > 0)
            {
                var (id, start) = open.Pop();
                expected.Add(new ExpectedDiagnostic(id, TextSpan.FromBounds(start, source.Length)));
                i += 2;
            }
            else
            {
                source.Append(markup[i]);
                i++;
            }
        }

        return (source.ToString(), expected);
    }
}
