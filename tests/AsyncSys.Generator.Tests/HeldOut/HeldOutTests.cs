using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// An independent held-out check of issue 11's acceptance: wrapper declarations in the shapes public .NET projects
/// use (Cases/*.case), written apart from the generator's own corpus. Every declaration must come out correct or
/// refused with an ASYS error on it; never a crash, never silent, never an unsafe or lossy signature, never a
/// failure returned as success. The test prints a summary and fails if any declaration is wrong.
/// </summary>
public sealed class HeldOutTests
{
    private readonly ITestOutputHelper _output;

    public HeldOutTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Case_files_compile_and_every_wrapper_has_a_case_line()
    {
        var ids = new HashSet<string>();
        foreach (HeldOutGroup group in HeldOutGroup.LoadAll())
        {
            List<string> problems = HeldOutChecker.CaseFileProblems(group).Select(d => group.Name + ": " + d).ToList();
            Assert.True(problems.Count == 0, string.Join("\n", problems));
            var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(group.Source, Infrastructure.GeneratorHarness.ParseOptions);
            foreach ((HeldOutCase @case, _) in HeldOutGroup.CasesIn(group.Name, tree))
            {
                Assert.True(ids.Add(@case.Id), "duplicate case id " + @case.Id);
                Assert.True(!@case.EndToEnd || HeldOutScenarios.ByCase.ContainsKey(@case.Id), @case.Id + " is marked e2e but has no run");
            }
        }

        Assert.All(HeldOutScenarios.ByCase.Keys, id => Assert.Contains(id, ids));
        Assert.True(ids.Count >= 80, "only " + ids.Count + " held-out declarations");
    }

    [Fact]
    public async Task Held_out_wrappers_are_correct_or_refused_never_wrong()
    {
        IReadOnlyList<HeldOutGroup> groups = HeldOutGroup.LoadAll();
        var rows = new List<HeldOutRow>();
        foreach (HeldOutGroup group in groups)
        {
            rows.AddRange(await HeldOutChecker.CheckAsync(group));
        }

        List<string> project = await CompareWithAllFilesInOneProjectAsync(groups, rows);
        await RunOnTheKernelAsync(groups, rows);
        ExpectCallingThreadValuesRefused(rows);

        string summary = HeldOutRow.Summarize(rows, project);
        _output.WriteLine(summary);
        string? summaryPath = Environment.GetEnvironmentVariable("ASYNCSYS_HELDOUT_SUMMARY");
        if (!string.IsNullOrEmpty(summaryPath))
        {
            File.WriteAllText(summaryPath, summary);
        }

        Assert.True(rows.All(r => r.Outcome != HeldOutOutcome.Wrong) && project.Count == 1 && project[0].StartsWith("0 ", StringComparison.Ordinal), summary);
        // A floor under the hostile run's reach (176 rows, 704 calls when set): a change that stops it filling some shape shows here.
        Assert.True(_hostileRows >= 170 && _hostileCalls >= 690, "the hostile run compared only " + _hostileRows + " rows, " + _hostileCalls + " calls");
    }

    /// <summary>
    /// A row whose call acts on the calling thread for some values of a parameter (thread=pid, thread=option) may have a
    /// variant only if that variant refuses those values at the call; the row's run must have shown it for each parameter.
    /// </summary>
    private static void ExpectCallingThreadValuesRefused(List<HeldOutRow> rows)
    {
        foreach (HeldOutRow row in rows.Where(r => r.VariantSymbols.Count > 0 && !r.Case.AlwaysCallingThread))
        {
            foreach (string parameter in row.Case.CallingThread.Where(p => !row.RefusedCallingThreadParameters.Contains(p)))
            {
                row.Problems.Add("the call acts on the calling thread for some values of '" + parameter + "' (from the man page) and a variant was generated, but no run saw such a value refused at the call");
            }
        }
    }

    private int _hostileRows;
    private int _hostileCalls;

    /// <summary>
    /// One project holding every case file: a bad wrapper anywhere must not take other wrappers' variants with it.
    /// Reported once, at project level, so each row keeps its own verdict from its own file.
    /// </summary>
    private static async Task<List<string>> CompareWithAllFilesInOneProjectAsync(IReadOnlyList<HeldOutGroup> groups, List<HeldOutRow> rows)
    {
        List<HeldOutRow> together = await HeldOutChecker.CheckAsync(groups.ToArray());
        var lost = new List<string>();
        foreach (HeldOutRow alone in rows)
        {
            HeldOutRow joint = together.Single(r => r.Case.Id == alone.Case.Id);
            if (alone.Variants.Count > 0 && joint.Variants.Count == 0)
            {
                lost.Add(alone.Case.Id);
            }
        }

        var findings = together.SelectMany(r => r.Problems).Where(p => p.StartsWith("crash", StringComparison.Ordinal)).Distinct().Select(p => FirstLine(p)).ToList();
        findings.Add(lost.Count + " variants generated file by file are lost in the one project" + (lost.Count > 0 ? ": " + string.Join(", ", lost) : ""));
        return findings;
    }

    private static string FirstLine(string text) => text.Split('\n')[0];

    /// <summary>
    /// With ASYNCSYS_HELDOUT_TRACE set to a file, each row's run and hostile calls are announced there before they start,
    /// written through at once: a native crash ends the test host with no message, and the file's last line names the row.
    /// </summary>
    private static void Trace(string line)
    {
        string? path = Environment.GetEnvironmentVariable("ASYNCSYS_HELDOUT_TRACE");
        if (!string.IsNullOrEmpty(path))
        {
            File.AppendAllText(path, line + "\n");
        }
    }

    private async Task RunOnTheKernelAsync(IReadOnlyList<HeldOutGroup> groups, List<HeldOutRow> rows)
    {
        using IoRing ring = IoRing.Create();
        string directory = Directory.CreateTempSubdirectory("asyncsys-heldout-").FullName;
        var cleanup = new List<IDisposable>();
        int hostileRows = 0, hostileCalls = 0;
        try
        {
            foreach (HeldOutGroup group in groups.Where(g => HeldOutScenarios.Probes.ContainsKey(g.Name)))
            {
                // End-to-end rows run their scenario, then the hostile calls; every other row with a variant (an instance
                // method, a wrapper without a scenario) runs the hostile calls only: they need no probe.
                List<HeldOutRow> runnable = rows.Where(r => r.Case.Group == group.Name && (r.Case.EndToEnd || r.VariantSymbols.Count > 0)).ToList();

                // These runs make real calls in the test host. If one ever kills it (a signal, a native crash), the test
                // runner prints the host's standard error, its first 8 KB only, and nothing else: one short line per group
                // (about 2 KB in all) says where it was.
                Console.Error.WriteLine("held-out end-to-end runs: " + group.Name);
                HeldOutRunner? runner = null;
                foreach (HeldOutRow row in runnable)
                {
                    if (row.VariantSymbols.Count == 0)
                    {
                        row.Runs.Add("not run: no variant");
                        continue;
                    }

                    try
                    {
                        if (runner is null)
                        {
                            (string probes, string libraryImportProbes) = HeldOutScenarios.Probes[group.Name];
                            runner = HeldOutRunner.Build(group, probes, libraryImportProbes);
                            _output.WriteLine(group.Name + " end-to-end assembly: " + runner.LibraryImportMode);
                        }

                        if (row.IsLibraryImport && !runner.HasLibraryImports)
                        {
                            row.Runs.Add("NOT RUN: " + runner.LibraryImportMode);
                            if (row.Case.EndToEnd)
                            {
                                row.Notes.Add("end-to-end run not done: " + runner.LibraryImportMode);
                            }

                            continue;
                        }

                        var run = new HeldOutRun(row, runner, ring, directory, cleanup);
                        Trace(row.Case.Id + ": run");
                        if (row.Case.EndToEnd)
                        {
                            try
                            {
                                await HeldOutScenarios.ByCase[row.Case.Id](run);
                            }
                            catch (ArgumentException e)
                            {
                                // The variant's parameters could not be matched by name: the run says so instead of guessing.
                                // The hostile calls still run: they fill an iovec list by its role.
                                row.Runs.Add("NOT RUN: " + e.Message);
                                row.Notes.Add("end-to-end run not done: " + e.Message);
                            }
                        }

                        if (Environment.GetEnvironmentVariable("ASYNCSYS_HELDOUT_GCSTRESS") == "1")
                        {
                            // A stress switch (README, "Test host crashes"): a full, compacting GC between every row's run and
                            // its hostile calls moves what the run's threads hold, so a reference the GC failed to update
                            // crashes the host in about every second run instead of one CI run in four.
                            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                            GC.WaitForPendingFinalizers();
                        }

                        Trace(row.Case.Id + ": hostile calls");
                        int calls = await HeldOutHostile.RunAsync(run, runner);
                        if (calls > 0)
                        {
                            hostileRows++;
                            hostileCalls += calls;
                        }
                    }
                    catch (ArgumentException e)
                    {
                        // The hostile calls could not fill the variant's parameters: the run says so instead of guessing.
                        row.Runs.Add("hostile: NOT RUN: " + e.Message);
                        row.Notes.Add("hostile run not done: " + e.Message);
                    }
                    catch (InvalidOperationException e) when (e.Message.Contains("the run is wrong", StringComparison.Ordinal))
                    {
                        // The sync reference itself did not behave as the man page says: no verdict on the variant.
                        row.Runs.Add("NOT RUN (sync reference invalid): " + e.Message);
                        row.Notes.Add("end-to-end run not done: " + e.Message);
                    }
                    catch (InvalidOperationException e) when (e.Message.Contains("does not compile", StringComparison.Ordinal))
                    {
                        row.Problems.Add("the generated code does not build into an assembly: " + e.Message);
                    }
                }
            }
        }
        finally
        {
            foreach (IDisposable disposable in cleanup)
            {
                disposable.Dispose();
            }

            Directory.Delete(directory, recursive: true);
        }

        _hostileRows = hostileRows;
        _hostileCalls = hostileCalls;
        _output.WriteLine("end-to-end runs done in " + directory);
        _output.WriteLine("hostile arguments: " + hostileRows + " rows, " + hostileCalls + " calls compared with the sync wrapper; wrong: "
            + string.Join(", ", rows.Where(r => r.Problems.Any(p => p.StartsWith("hostile", StringComparison.Ordinal))).Select(r => r.Case.Id)));
    }
}
