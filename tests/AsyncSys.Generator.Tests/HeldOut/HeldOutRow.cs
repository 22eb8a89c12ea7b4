using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>How one held-out declaration came out.</summary>
internal enum HeldOutOutcome
{
    /// <summary>An async variant exists and every property holds.</summary>
    Correct,

    /// <summary>No variant, and an ASYS error located on the declaration says why.</summary>
    Refused,

    /// <summary>Anything else: a crash, silence, an unsafe or lossy signature, a failure returned as success.</summary>
    Wrong,
}

/// <summary>The verdict for one declaration, with the evidence a reader needs to reproduce it.</summary>
internal sealed class HeldOutRow
{
    public HeldOutRow(HeldOutCase @case, string declaration)
    {
        Case = @case;
        Declaration = declaration;
    }

    public HeldOutCase Case { get; }

    /// <summary>The wrapper as the compiler displays it.</summary>
    public string Declaration { get; }

    /// <summary>Generated async variants, as the compiler displays them.</summary>
    public List<string> Variants { get; } = new();

    /// <summary>ASYS diagnostics located on the declaration: "ASYS0005: message".</summary>
    public List<string> Diagnostics { get; } = new();

    /// <summary>Violated properties; any entry makes the row wrong. (A set: both overloads of a variant report the same.)</summary>
    public HashSet<string> Problems { get; } = new();

    /// <summary>Observations that break no acceptance property but a user would notice.</summary>
    public HashSet<string> Notes { get; } = new();

    /// <summary>End-to-end runs and their results, for the summary.</summary>
    public List<string> Runs { get; } = new();

    public bool HasErrorDiagnostic { get; set; }

    /// <summary>Parameters whose calling-thread values a run saw refused at the call (ArgumentException naming them).</summary>
    public HashSet<string> RefusedCallingThreadParameters { get; } = new();

    /// <summary>What the generator did, in the words of the case line's <c>expect=</c>: ring, worker, or the ASYS error ids.</summary>
    public List<string> Verdict { get; } = new();

    /// <summary>Whether the verdict differs from the one the case line expects (no verdict expected: never).</summary>
    public bool DiffersFromExpectation => Case.Expected.Count > 0 && !Verdict.Any(v => Case.Expected.Contains(v));

    /// <summary>Whether the wrapper is a [LibraryImport] partial (its runs need the runtime's LibraryImport generator).</summary>
    public bool IsLibraryImport { get; set; }

    /// <summary>The generated variants' symbols, for the end-to-end runner to find them by reflection.</summary>
    public List<Microsoft.CodeAnalysis.IMethodSymbol> VariantSymbols { get; } = new();

    /// <summary>The wrapper's own symbol, for the hostile-argument run to call it by reflection.</summary>
    public Microsoft.CodeAnalysis.IMethodSymbol? WrapperSymbol { get; init; }

    public HeldOutOutcome Outcome =>
        Problems.Count > 0 ? HeldOutOutcome.Wrong
        : Variants.Count > 0 && !HasErrorDiagnostic ? HeldOutOutcome.Correct
        : HeldOutOutcome.Refused;

    public static string Summarize(IReadOnlyList<HeldOutRow> rows, IReadOnlyList<string> projectFindings)
    {
        var text = new StringBuilder();
        int correct = rows.Count(r => r.Outcome == HeldOutOutcome.Correct);
        int refused = rows.Count(r => r.Outcome == HeldOutOutcome.Refused);
        int wrong = rows.Count(r => r.Outcome == HeldOutOutcome.Wrong);
        int runs = rows.Sum(r => r.Runs.Count);
        text.Append("Held-out [AsyncSyscall] declarations: ").Append(rows.Count)
            .Append(" | correct ").Append(correct)
            .Append(" | refused with diagnostic ").Append(refused)
            .Append(" | wrong ").Append(wrong)
            .Append(" | end-to-end runs ").Append(runs)
            .Append(" | correct or refused: ").Append((100.0 * (correct + refused) / rows.Count).ToString("F1", System.Globalization.CultureInfo.InvariantCulture)).Append(" %\n");
        foreach (IGrouping<string, HeldOutRow> group in rows.GroupBy(r => r.Case.Group))
        {
            text.Append("  ").Append(group.Key).Append(": ")
                .Append(group.Count(r => r.Outcome == HeldOutOutcome.Correct)).Append(" correct, ")
                .Append(group.Count(r => r.Outcome == HeldOutOutcome.Refused)).Append(" refused, ")
                .Append(group.Count(r => r.Outcome == HeldOutOutcome.Wrong)).Append(" wrong\n");
        }

        // A row whose end-to-end run could not be done is not verified by it: say so, never count it silently.
        var notRun = rows.Where(r => r.Runs.Any(run => run.StartsWith("NOT RUN", System.StringComparison.Ordinal))).Select(r => r.Case.Id).ToList();
        text.Append("  end-to-end runs not done (verdict from the static checks only): ").Append(notRun.Count)
            .Append(notRun.Count > 0 ? " (" + string.Join(", ", notRun) + ")" : "").Append('\n');

        var differing = rows.Where(r => r.DiffersFromExpectation).ToList();
        text.Append("  verdicts other than the case line expects: ").Append(differing.Count).Append('\n');
        foreach (HeldOutRow row in differing)
        {
            text.Append("    ").Append(row.Case.Id).Append(": expected ").Append(string.Join("|", row.Case.Expected))
                .Append(", got ").Append(string.Join(", ", row.Verdict)).Append(" (").Append(row.Outcome).Append(")\n");
        }

        text.Append("\nALL CASE FILES AS ONE PROJECT:\n");
        foreach (string finding in projectFindings)
        {
            text.Append("  ").Append(finding).Append('\n');
        }

        text.Append("\nWRONG:\n");
        foreach (HeldOutRow row in rows.Where(r => r.Outcome == HeldOutOutcome.Wrong))
        {
            Append(text, row, withProblems: true);
        }

        text.Append("\nREFUSED (diagnostic on the declaration):\n");
        foreach (HeldOutRow row in rows.Where(r => r.Outcome == HeldOutOutcome.Refused))
        {
            text.Append("  ").Append(row.Case.Id).Append("  ").Append(string.Join(" | ", row.Diagnostics)).Append('\n');
        }

        text.Append("\nCORRECT:\n");
        foreach (HeldOutRow row in rows.Where(r => r.Outcome == HeldOutOutcome.Correct))
        {
            text.Append("  ").Append(row.Case.Id).Append("  ").Append(string.Join(" ; ", row.Variants.Take(1))).Append('\n');
            foreach (string run in row.Runs)
            {
                text.Append("      run: ").Append(run).Append('\n');
            }

            foreach (string note in row.Notes)
            {
                text.Append("      note: ").Append(note).Append('\n');
            }

            // A warning (ASYS0010, ASYS0017, ASYS0018, ASYS0020) leaves the variant generated: say it beside the row.
            foreach (string warning in row.Diagnostics)
            {
                text.Append("      warning: ").Append(warning).Append('\n');
            }
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, HeldOutRow row, bool withProblems)
    {
        text.Append("  ").Append(row.Case.Id).Append("  [").Append(row.Declaration).Append("]\n");
        if (withProblems)
        {
            foreach (string problem in row.Problems)
            {
                text.Append("      - ").Append(problem).Append('\n');
            }
        }

        foreach (string variant in row.Variants.Take(1))
        {
            text.Append("      variant: ").Append(variant).Append('\n');
        }

        foreach (string diagnostic in row.Diagnostics)
        {
            text.Append("      diagnostic: ").Append(diagnostic).Append('\n');
        }

        foreach (string run in row.Runs)
        {
            text.Append("      run: ").Append(run).Append('\n');
        }

        foreach (string note in row.Notes)
        {
            text.Append("      note: ").Append(note).Append('\n');
        }
    }
}
