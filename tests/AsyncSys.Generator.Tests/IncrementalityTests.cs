using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncSys.Generator.Tests;

/// <summary>
/// The generator does no work when nothing relevant changed: every tracked step is cached across a rerun
/// and across unrelated edits, and no model keeps a Roslyn object alive.
/// </summary>
public sealed class IncrementalityTests
{
    private const string Wrappers = """
        using System;
        using System.Runtime.InteropServices;
        using AsyncSys;

        namespace Demo;

        public static unsafe partial class Libc
        {
            [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
            [AsyncSyscall]
            public static partial nint PRead(int fd, byte* buffer, nuint count, long offset);

            [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
            [AsyncSyscall(CancelHook = nameof(Interrupt))]
            public static partial int Flock(int fd, int operation);

            [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
            public static int CreatePipe(int flags, out int readFd, out int writeFd)
            {
                readFd = flags;
                writeFd = flags;
                return 0;
            }

            private static void Interrupt(BlockingCallInfo call) => call.InterruptWorker();

            public static int Helper() => 1;
        }
        """;

    private static readonly string[] TrackedSteps = { StepNames.AttributedMethods, StepNames.ValidWrappers, StepNames.GeneratedSources };

    private static readonly Type[] RoslynTypes =
    {
        typeof(ISymbol), typeof(Compilation), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(SemanticModel),
    };

    [Fact]
    public void Rerun_on_a_cloned_compilation_is_fully_cached()
    {
        Compilation compilation = GeneratorHarness.Compile(Wrappers);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        driver = driver.RunGenerators(compilation.Clone());

        AssertAllCached(driver.GetRunResult());
    }

    [Fact]
    public void Adding_an_unrelated_file_keeps_every_step_cached()
    {
        Compilation compilation = GeneratorHarness.Compile(Wrappers);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Compilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Other; public static class Unrelated { public static int Answer() => 42; }",
            GeneratorHarness.ParseOptions,
            path: "Unrelated.cs"));
        driver = driver.RunGenerators(edited);

        AssertAllCached(driver.GetRunResult());
    }

    [Fact]
    public void Editing_an_unrelated_file_does_not_rerun_any_step_after_the_models()
    {
        const string Unrelated = "namespace Other; public static class Edited { public static int Value => 1; }";
        Compilation compilation = GeneratorHarness.Compile(Wrappers, Unrelated);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree unrelatedTree = compilation.SyntaxTrees.Last();
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(
            unrelatedTree,
            CSharpSyntaxTree.ParseText(Unrelated.Replace("=> 1", "=> 2", StringComparison.Ordinal), GeneratorHarness.ParseOptions, path: unrelatedTree.FilePath)));

        // ForAttributeWithMetadataName re-runs the model transform on every compilation change (it binds the
        // symbols against the new compilation), so the models may be recomputed, but must compare equal...
        IReadOnlyDictionary<string, ImmutableArray<IncrementalGeneratorRunStep>> steps = driver.GetRunResult().Results[0].TrackedSteps;
        Assert.All(
            steps[StepNames.AttributedMethods].SelectMany(step => step.Outputs),
            output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, "AttributedMethods output was " + output.Reason));

        // ...and everything after them is served from the cache without running: no filtering, no emitting.
        foreach (string name in new[] { StepNames.ValidWrappers, StepNames.GeneratedSources })
        {
            IncrementalStepRunReason[] reasons = steps[name].SelectMany(step => step.Outputs).Select(output => output.Reason).ToArray();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        }
    }

    [Fact]
    public void Editing_a_method_body_in_the_same_file_leaves_the_output_unchanged()
    {
        Compilation compilation = GeneratorHarness.Compile(Wrappers);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        SyntaxTree editedTree = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(
            Wrappers.Replace("public static int Helper() => 1;", "public static int Helper() => 2 + 3;", StringComparison.Ordinal)));
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, editedTree));

        AssertAllCached(driver.GetRunResult());
    }

    [Fact]
    public void Changing_a_wrapper_regenerates_its_file()
    {
        Compilation compilation = GeneratorHarness.Compile(Wrappers);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        SyntaxTree editedTree = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(
            Wrappers.Replace("int fd, int operation", "int fd, int lockOperation", StringComparison.Ordinal)));
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, editedTree));

        // Proves the cache assertions above can fail: a real change is seen as Modified.
        IEnumerable<IncrementalStepRunReason> reasons = driver.GetRunResult().Results[0].TrackedSteps[StepNames.GeneratedSources]
            .SelectMany(step => step.Outputs)
            .Select(output => output.Reason);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons);
    }

    [Fact]
    public void Models_hold_no_Roslyn_objects()
    {
        Compilation compilation = GeneratorHarness.Compile(Wrappers);
        GeneratorDriverRunResult run = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult();
        int models = 0;
        foreach (string stepName in TrackedSteps)
        {
            foreach (IncrementalGeneratorRunStep step in run.Results[0].TrackedSteps[stepName])
            {
                foreach ((object value, IncrementalStepRunReason _) in step.Outputs)
                {
                    models++;
                    AssertNoRoslynObjects(value, stepName, new HashSet<object>(ReferenceEqualityComparer.Instance));
                }
            }
        }

        Assert.True(models >= 9, "expected outputs from every step for three wrappers, got " + models);
    }

    private static void AssertAllCached(GeneratorDriverRunResult run)
    {
        IReadOnlyDictionary<string, ImmutableArray<IncrementalGeneratorRunStep>> steps = run.Results[0].TrackedSteps;
        foreach (string name in TrackedSteps)
        {
            Assert.True(steps.ContainsKey(name), "step " + name + " did not run");
            foreach (IncrementalGeneratorRunStep step in steps[name])
            {
                foreach ((object _, IncrementalStepRunReason reason) in step.Outputs)
                {
                    Assert.True(
                        reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                        "step " + name + " output was " + reason);
                }
            }
        }
    }

    private static void AssertNoRoslynObjects(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        Type type = value.GetType();
        foreach (Type roslynType in RoslynTypes)
        {
            Assert.False(roslynType.IsAssignableFrom(type), path + " holds a " + roslynType.Name + " (" + type.FullName + ")");
        }

        if (!type.IsValueType && !seen.Add(value))
        {
            return;
        }

        if (value is IEnumerable items)
        {
            int index = 0;
            foreach (object? item in items)
            {
                AssertNoRoslynObjects(item, path + "[" + index++ + "]", seen);
            }
        }

        for (Type? current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (FieldInfo field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                AssertNoRoslynObjects(field.GetValue(value), path + "." + field.Name, seen);
            }
        }
    }
}
