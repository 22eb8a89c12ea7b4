using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Runs the generator (and the generator assembly's analyzers) over one case file, as a build would, and
/// judges every declaration by properties any correct generator has, whatever signatures it chooses.
/// </summary>
internal static class HeldOutChecker
{
    private static readonly SymbolDisplayFormat Display = SymbolDisplayFormat.CSharpErrorMessageFormat
        .AddParameterOptions(SymbolDisplayParameterOptions.IncludeName | SymbolDisplayParameterOptions.IncludeDefaultValue)
        .AddMemberOptions(SymbolDisplayMemberOptions.IncludeType);

    /// <summary>Compiler problems of a case file before generation: a non-empty list is a defect of this test, not of the generator.</summary>
    public static List<Diagnostic> CaseFileProblems(HeldOutGroup group) =>
        GeneratorHarness.CompilerProblems(GeneratorHarness.Compile(group.Source));

    public static async Task<List<HeldOutRow>> CheckAsync(params HeldOutGroup[] groups)
    {
        Compilation input = GeneratorHarness.Compile(groups.Select(g => g.Source).ToArray());
        var cases = new List<(HeldOutCase Case, CSharpSyntaxNode Declaration)>();
        for (int i = 0; i < groups.Length; i++)
        {
            cases.AddRange(HeldOutGroup.CasesIn(groups[i].Name, input.SyntaxTrees.ElementAt(i)));
        }

        var inputTrees = new HashSet<SyntaxTree>(input.SyntaxTrees);
        var problemsBefore = new HashSet<string>(GeneratorHarness.CompilerProblems(input).Select(Key));
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);
        (ImmutableArray<Diagnostic> analyzerDiagnostics, List<Exception> analyzerExceptions) = await AnalyzeAsync(output);
        ImmutableArray<Diagnostic> generatorDiagnostics = run.Diagnostics;
        var generated = output.SyntaxTrees.Where(t => !inputTrees.Contains(t)).ToList();

        var rows = new List<HeldOutRow>();
        var rowBySymbol = new Dictionary<IMethodSymbol, HeldOutRow>(SymbolEqualityComparer.Default);
        foreach ((HeldOutCase @case, CSharpSyntaxNode declaration) in cases)
        {
            IMethodSymbol wrapper = DeclaredMethod(output.GetSemanticModel(declaration.SyntaxTree), declaration);
            var row = new HeldOutRow(@case, wrapper.ToDisplayString(Display))
            {
                IsLibraryImport = wrapper.GetAttributes().Any(a => a.AttributeClass?.Name == "LibraryImportAttribute"),
                WrapperSymbol = wrapper,
            };
            rows.Add(row);
            rowBySymbol[wrapper] = row;
        }

        // Crashes: each one is charged to every declaration it can have taken down.
        var crashes = new List<string>();
        foreach (GeneratorRunResult result in run.Results.Where(r => r.Exception is not null))
        {
            crashes.Add("generator threw " + result.Exception!.GetType().Name + ": " + result.Exception.Message);
        }

        foreach (Diagnostic d in generatorDiagnostics.Concat(analyzerDiagnostics).Concat(output.GetDiagnostics()).Where(d => d.Id is "CS8785" or "AD0001"))
        {
            crashes.Add(d.Id + ": " + d.GetMessage());
        }

        crashes.AddRange(analyzerExceptions.Select(e => "analyzer threw " + e.GetType().Name + ": " + e.Message));
        foreach (HeldOutRow row in rows)
        {
            row.Problems.UnionWith(crashes.Select(c => "crash in this project: " + c.Split('\n')[0].TrimEnd()));
        }

        // Variants: generated methods whose docs point at the wrapper, or named after it, that return an awaitable.
        var variantTrees = new Dictionary<SyntaxTree, List<HeldOutRow>>();
        foreach (SyntaxTree tree in generated)
        {
            SemanticModel model = output.GetSemanticModel(tree);
            foreach (MethodDeclarationSyntax method in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(method) is not IMethodSymbol symbol || !IsAwaitable(symbol.ReturnType))
                {
                    continue;
                }

                foreach (IMethodSymbol wrapper in WrappersOf(symbol, method, model, rowBySymbol))
                {
                    HeldOutRow row = rowBySymbol[wrapper];
                    row.Variants.Add(symbol.ToDisplayString(Display));
                    row.VariantSymbols.Add(symbol);
                    if (!variantTrees.TryGetValue(tree, out List<HeldOutRow>? list))
                    {
                        variantTrees[tree] = list = new List<HeldOutRow>();
                    }

                    if (!list.Contains(row))
                    {
                        list.Add(row);
                    }
                }
            }
        }

        // ASYS diagnostics must sit on the declaration they are about.
        var located = new HashSet<Diagnostic>();
        foreach ((HeldOutCase @case, CSharpSyntaxNode declaration) in cases)
        {
            HeldOutRow row = rows.First(r => r.Case == @case);
            foreach (Diagnostic d in generatorDiagnostics.Concat(analyzerDiagnostics).Where(d => d.Id.StartsWith("ASYS", StringComparison.Ordinal)))
            {
                if (d.Location.SourceTree != declaration.SyntaxTree || !declaration.FullSpan.IntersectsWith(d.Location.SourceSpan))
                {
                    continue;
                }

                located.Add(d);
                string text = d.Id + " (" + d.Severity + "): " + d.GetMessage();
                if (!row.Diagnostics.Contains(text))
                {
                    row.Diagnostics.Add(text);
                }

                if (d.Id == "ASYS0000")
                {
                    row.Problems.Add("internal generator error reported: " + d.GetMessage());
                }

                if (d.Severity == DiagnosticSeverity.Error)
                {
                    row.HasErrorDiagnostic = true;
                }
            }
        }

        var stray = generatorDiagnostics.Concat(analyzerDiagnostics)
            .Where(d => d.Id.StartsWith("ASYS", StringComparison.Ordinal) && !located.Contains(d))
            .Select(d => d.Id + " at " + d.Location.GetLineSpan() + ": " + d.GetMessage())
            .Distinct()
            .ToList();

        // Compiler problems the generated code brings: in generated files, or new ones in the user's files.
        foreach (Diagnostic d in GeneratorHarness.CompilerProblems(output))
        {
            if (d.Location.SourceTree is { } tree && !inputTrees.Contains(tree))
            {
                List<HeldOutRow> owners = OwnersOf(d, output, rowBySymbol, variantTrees);
                foreach (HeldOutRow owner in owners)
                {
                    owner.Problems.Add("generated code does not compile cleanly: " + d.Id + " " + d.GetMessage() + " (" + tree.FilePath + ")");
                }

                if (owners.Count == 0)
                {
                    foreach (HeldOutRow row in rows)
                    {
                        row.Problems.Add("generated code nobody owns does not compile: " + d.Id + " " + d.GetMessage());
                    }
                }
            }
            else if (!problemsBefore.Contains(Key(d)))
            {
                HeldOutRow? owner = cases.Where(c => c.Declaration.SyntaxTree == d.Location.SourceTree && c.Declaration.FullSpan.Contains(d.Location.SourceSpan))
                    .Select(c => rows.First(r => r.Case == c.Case)).FirstOrDefault();
                foreach (HeldOutRow row in owner is null ? rows : new List<HeldOutRow> { owner })
                {
                    row.Problems.Add("user code stops compiling once generated code is added: " + d.Id + " " + d.GetMessage() + " at " + d.Location.GetLineSpan());
                }
            }
        }

        foreach ((HeldOutCase @case, CSharpSyntaxNode declaration) in cases)
        {
            HeldOutRow row = rows.First(r => r.Case == @case);
            IMethodSymbol wrapper = DeclaredMethod(output.GetSemanticModel(declaration.SyntaxTree), declaration);
            if (row.Variants.Count == 0 && !row.HasErrorDiagnostic)
            {
                row.Problems.Add("silent: no async variant and no ASYS error on the declaration"
                    + (row.Diagnostics.Count > 0 ? " (only: " + string.Join("; ", row.Diagnostics) + ")" : "")
                    + (stray.Any(s => s.Contains("'" + wrapper.Name + "'", StringComparison.Ordinal)) ? "; diagnostics elsewhere: " + string.Join("; ", stray.Where(s => s.Contains("'" + wrapper.Name + "'", StringComparison.Ordinal))) : ""));
            }

            foreach (IMethodSymbol variant in row.VariantSymbols)
            {
                CheckSignature(row, wrapper, variant);
            }

            row.Verdict.AddRange(VerdictOf(row));

            // The man page says the call acts on the calling thread whatever the arguments: a variant makes it on a worker.
            if (@case.AlwaysCallingThread && row.VariantSymbols.Count > 0)
            {
                row.Problems.Add("the call acts on the calling thread for every argument (thread=all, from the man page), but a variant was generated: it runs on a worker thread");
            }

            // The man page says the returned pointer points into storage the call reuses: a variant hands it over after the
            // await, when another call (or the worker that made it) may already have overwritten it.
            if (@case.StaticStorage.Count > 0 && row.VariantSymbols.Count > 0)
            {
                row.Problems.Add("the call's " + string.Join(", ", @case.StaticStorage) + " points into storage the call reuses (static=, from the man page), but a variant was generated: it hands the caller that pointer after the await");
            }

            // Deliver 2 of issue 11: for an entry point nobody can know, the generator asks for marks rather than guessing.
            if (@case.Id.StartsWith("unknown.", StringComparison.Ordinal) && row.VariantSymbols.Count > 0 && row.Diagnostics.Count == 0
                && wrapper.Parameters.Any(p => p.Type.TypeKind == TypeKind.Pointer) && !wrapper.Parameters.Any(p => p.GetAttributes().Any()))
            {
                row.Notes.Add("unknown entry point with raw pointers generated without marks or a diagnostic: direction and length were guessed");
            }
        }

        return rows;
    }

    /// <summary>
    /// The verdict in the words of <c>expect=</c>: the ASYS error ids on the declaration, else "ring" when a variant builds
    /// a ring request (a fallback to the wrapper for arguments the ring refuses included), else "worker".
    /// </summary>
    private static IEnumerable<string> VerdictOf(HeldOutRow row)
    {
        if (row.HasErrorDiagnostic || row.VariantSymbols.Count == 0)
        {
            return row.Diagnostics.Where(d => d.Contains("(Error)", StringComparison.Ordinal)).Select(d => d.Substring(0, d.IndexOf(' ', StringComparison.Ordinal))).Distinct().DefaultIfEmpty("none");
        }

        bool ring = row.VariantSymbols.SelectMany(v => v.DeclaringSyntaxReferences)
            .Any(r => r.GetSyntax().ToString().Contains("global::AsyncSys.RingRequest.", StringComparison.Ordinal));
        return new[] { ring ? "ring" : "worker" };
    }

    /// <summary>The properties of one variant's signature that follow from the man page tags and the wrapper.</summary>
    private static void CheckSignature(HeldOutRow row, IMethodSymbol wrapper, IMethodSymbol variant)
    {
        string name = variant.Name;
        foreach (string output in row.Case.Outputs)
        {
            IParameterSymbol? original = wrapper.Parameters.FirstOrDefault(p => p.Name == output)
                ?? throw new InvalidOperationException(row.Case.Id + ": no parameter '" + output + "' in " + wrapper.Name);
            IParameterSymbol? counterpart = Counterpart(variant, output);
            if (counterpart is not null && IsInputOnly(counterpart.Type))
            {
                row.Problems.Add(name + ": output buffer '" + output + "' (the kernel writes it) became input-only '" + counterpart.Type.ToDisplayString() + "'");
            }

            if (counterpart is null && original.RefKind != RefKind.Out && !ResultCarries(wrapper, variant, output))
            {
                row.Problems.Add(name + ": output '" + output + "' is gone from the signature and the result: the caller cannot see what the kernel wrote");
            }

            // A value the kernel reads and writes back (an offset it advances, a lock to test, a pollfd): a variant that takes
            // it as a copy (a ref local cannot cross an await) must return what the kernel wrote, or the write-back is lost.
            if (counterpart is not null && (original.RefKind == RefKind.Ref || original.Type is IPointerTypeSymbol) && TakesACopy(counterpart.Type)
                && !ResultCarries(wrapper, variant, output))
            {
                row.Problems.Add(name + ": '" + output + "' is written back by the kernel, but the variant takes a copy ('" + counterpart.Type.ToDisplayString()
                    + "') and does not return it: the write-back is lost");
            }
        }

        int inputOnly = variant.Parameters.Count(p => IsInputOnly(p.Type));
        if (inputOnly > row.Case.Inputs.Count)
        {
            row.Problems.Add(name + ": " + inputOnly + " input-only parameters (string/ReadOnlyMemory/ReadOnlySpan) but the call has only " + row.Case.Inputs.Count + " inputs ("
                + string.Join(", ", variant.Parameters.Where(p => IsInputOnly(p.Type)).Select(p => p.Type.ToDisplayString() + " " + p.Name)) + ")");
        }

        foreach (string address in row.Case.Addresses)
        {
            // An address the call writes into an out struct (recvfrom's source) comes back in the result, not as a parameter.
            bool returned = wrapper.Parameters.Any(p => p.Name == address && p.RefKind == RefKind.Out) && ResultCarries(wrapper, variant, address);
            if (Counterpart(variant, address) is null && !returned && !variant.Parameters.Any(p => p.Name.Contains("addr", StringComparison.OrdinalIgnoreCase) || p.Type.Name.Contains("Address", StringComparison.Ordinal)))
            {
                row.Problems.Add(name + ": socket address '" + address + "' dropped");
            }
        }

        foreach (IParameterSymbol parameter in wrapper.Parameters.Where(p => p.HasExplicitDefaultValue))
        {
            IParameterSymbol? counterpart = Counterpart(variant, parameter.Name);
            if (counterpart is not null && (!counterpart.HasExplicitDefaultValue || !Equals(counterpart.ExplicitDefaultValue, parameter.ExplicitDefaultValue)))
            {
                row.Problems.Add(name + ": default '" + parameter.Name + " = " + parameter.ExplicitDefaultValue + "' not kept (calls that omit it stop compiling)");
            }
        }

        foreach (IParameterSymbol parameter in wrapper.Parameters.Where(p => p.Type.IsReferenceType && p.NullableAnnotation != NullableAnnotation.NotAnnotated))
        {
            IParameterSymbol? counterpart = Counterpart(variant, parameter.Name);
            if (counterpart is not null && counterpart.Type.IsReferenceType && counterpart.NullableAnnotation == NullableAnnotation.NotAnnotated)
            {
                row.Problems.Add(name + ": '" + parameter.Name + "' is " + (parameter.NullableAnnotation == NullableAnnotation.None ? "nullable-oblivious" : "nullable")
                    + " on the wrapper but non-nullable on the variant (new warnings at call sites)");
            }
        }

        foreach (IParameterSymbol parameter in variant.Parameters.Where(p => p.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer))
        {
            row.Problems.Add(name + ": pointer parameter '" + parameter.Name + "' crosses an await");
        }

        for (INamedTypeSymbol? type = variant.ContainingType.BaseType; type is not null; type = type.BaseType)
        {
            foreach (IMethodSymbol inherited in type.GetMembers(variant.Name).OfType<IMethodSymbol>())
            {
                if (inherited.Parameters.Length == variant.Parameters.Length
                    && inherited.Parameters.Zip(variant.Parameters, (a, b) => SymbolEqualityComparer.Default.Equals(a.Type, b.Type)).All(x => x)
                    && !variant.IsOverride)
                {
                    row.Problems.Add(name + ": hides inherited " + inherited.ToDisplayString(Display) + " (callers typed as the subclass silently rebind)");
                }
            }
        }

        foreach (string input in row.Case.Inputs)
        {
            IParameterSymbol? counterpart = Counterpart(variant, input);
            if (counterpart?.Type is INamedTypeSymbol { Name: "Memory" })
            {
                row.Notes.Add(name + ": input '" + input + "' is Memory<T>, ReadOnlyMemory<T> expected");
            }
        }
    }

    private static IParameterSymbol? Counterpart(IMethodSymbol variant, string name) =>
        variant.Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A by-value parameter the kernel cannot write through: a number or a struct, not an address or a view of memory.</summary>
    private static bool TakesACopy(ITypeSymbol type) =>
        type.IsValueType && !type.IsRefLikeType
        && type.SpecialType is not (SpecialType.System_IntPtr or SpecialType.System_UIntPtr)
        && type is not INamedTypeSymbol { Name: "Memory" or "ReadOnlyMemory" or "ArraySegment" };

    private static bool IsInputOnly(ITypeSymbol type) =>
        type.SpecialType == SpecialType.System_String
        || type is INamedTypeSymbol { Name: "ReadOnlyMemory" or "ReadOnlySpan" or "ReadOnlySequence" };

    /// <summary>
    /// Whether the awaited result can carry what the kernel wrote: a member named like the output, or a composite
    /// result (a struct or record, not the wrapper's own return type) that replaces the output buffer, such as
    /// fstat's stat struct or pipe2's two descriptors.
    /// </summary>
    private static bool ResultCarries(IMethodSymbol wrapper, IMethodSymbol variant, string output)
    {
        if (variant.ReturnType is not INamedTypeSymbol { TypeArguments.Length: 1 } awaitable)
        {
            return false;
        }

        ITypeSymbol result = awaitable.TypeArguments[0];
        IParameterSymbol? parameter = wrapper.Parameters.FirstOrDefault(p => p.Name == output);
        ITypeSymbol? written = parameter?.Type is IPointerTypeSymbol pointer ? pointer.PointedAtType : parameter?.RefKind is RefKind.Ref or RefKind.Out ? parameter.Type : null;
        if (written is not null && SymbolEqualityComparer.Default.Equals(result, written) && !SymbolEqualityComparer.Default.Equals(result, wrapper.ReturnType))
        {
            // The awaited value has the output's type, not the wrapper's return type: it is what the call wrote there
            // (getsockopt's socklen_t in place of its 0).
            return true;
        }

        if (result.GetMembers().Any(m => m is IPropertySymbol or IFieldSymbol && string.Equals(m.Name, output, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        bool composite = result.TypeKind is TypeKind.Struct or TypeKind.Class && result.SpecialType == SpecialType.None
            && result.GetMembers().Count(m => m is IFieldSymbol { IsStatic: false } or IPropertySymbol { IsStatic: false }) > 1;
        return composite && !SymbolEqualityComparer.Default.Equals(result, wrapper.ReturnType);
    }

    private static bool IsAwaitable(ITypeSymbol type) =>
        type.GetMembers("GetAwaiter").OfType<IMethodSymbol>().Any(m => m.Parameters.Length == 0);

    private static IEnumerable<IMethodSymbol> WrappersOf(IMethodSymbol symbol, MethodDeclarationSyntax method, SemanticModel model, Dictionary<IMethodSymbol, HeldOutRow> rows)
    {
        var found = new List<IMethodSymbol>();
        foreach (SyntaxTrivia trivia in method.GetLeadingTrivia())
        {
            if (trivia.GetStructure() is not DocumentationCommentTriviaSyntax doc)
            {
                continue;
            }

            foreach (XmlCrefAttributeSyntax cref in doc.DescendantNodes().OfType<XmlCrefAttributeSyntax>())
            {
                SymbolInfo info = model.GetSymbolInfo(cref.Cref);
                foreach (ISymbol candidate in info.CandidateSymbols.Add(info.Symbol!).Where(s => s is not null))
                {
                    if (candidate is IMethodSymbol target && rows.ContainsKey(target) && !found.Contains(target, SymbolEqualityComparer.Default))
                    {
                        found.Add(target);
                    }
                }
            }
        }

        if (found.Count == 0)
        {
            found.AddRange(rows.Keys.Where(w => SymbolEqualityComparer.Default.Equals(w.ContainingType, symbol.ContainingType) && symbol.Name == w.Name + "Async"));
        }

        return found;
    }

    private static List<HeldOutRow> OwnersOf(Diagnostic d, Compilation output, Dictionary<IMethodSymbol, HeldOutRow> rows, Dictionary<SyntaxTree, List<HeldOutRow>> variantTrees)
    {
        SyntaxTree tree = d.Location.SourceTree!;
        SyntaxNode? node = tree.GetRoot().FindNode(d.Location.SourceSpan);
        MethodDeclarationSyntax? method = node.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault();
        if (method is not null && output.GetSemanticModel(tree).GetDeclaredSymbol(method) is IMethodSymbol symbol)
        {
            var owners = WrappersOf(symbol, method, output.GetSemanticModel(tree), rows).Select(w => rows[w]).ToList();
            if (owners.Count > 0)
            {
                return owners;
            }
        }

        return variantTrees.TryGetValue(tree, out List<HeldOutRow>? inTree) ? inTree : new List<HeldOutRow>();
    }

    private static async Task<(ImmutableArray<Diagnostic>, List<Exception>)> AnalyzeAsync(Compilation compilation)
    {
        ImmutableArray<DiagnosticAnalyzer> analyzers = typeof(AsyncSyscallGenerator).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        var exceptions = new List<Exception>();
        if (analyzers.IsEmpty)
        {
            return (ImmutableArray<Diagnostic>.Empty, exceptions);
        }

        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, _, _) => exceptions.Add(exception),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();
        return (diagnostics, exceptions);
    }

    /// <summary>The method a case declares: a member, or a local function.</summary>
    private static IMethodSymbol DeclaredMethod(SemanticModel model, CSharpSyntaxNode declaration) =>
        (declaration is LocalFunctionStatementSyntax local ? model.GetDeclaredSymbol(local) : model.GetDeclaredSymbol((MethodDeclarationSyntax)declaration))
        ?? throw new InvalidOperationException("no symbol for " + declaration);

    private static string Key(Diagnostic d) => d.Id + "@" + d.Location.GetLineSpan();
}
