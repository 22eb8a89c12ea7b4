using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// ASYS1003: an offloaded wrapper (an <c>[AsyncSyscall]</c> method with no ring opcode), or a method it
/// calls in the same compilation, writes shared state (a static field, a field of <c>this</c> or of an
/// object reached through one) without <c>lock</c>, <c>Interlocked</c> or <c>Volatile</c>.
/// </summary>
/// <remarks>
/// A synchronous wrapper is often written as if it ran once at a time. Offloaded, each call runs on its own
/// worker thread, so calls that were sequential now overlap and unsynchronized writes race. The call graph
/// is only known once every method has been seen, so this rule reports at the end of the compilation.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnsynchronizedSharedStateAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The rule id.</summary>
    public const string Id = "ASYS1003";

    // Deep enough for wrapper -> helper -> helper; the graph of a large compilation is not walked whole.
    private const int MaxCallDepth = 6;

    internal static readonly DiagnosticDescriptor Rule = new(
        Id,
        title: "Shared state is written without synchronization in an offloaded wrapper",
        messageFormat: "'{0}' is written without lock, Interlocked or Volatile in '{1}', which runs on blocking worker threads for offloaded wrapper '{2}'; concurrent calls race",
        category: DiagnosticCategories.Concurrency,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "AsyncSys runs an [AsyncSyscall] wrapper that has no ring opcode on a pool of worker threads, so several calls run at once. Writes to static fields, or to fields of an object the calls share, need a lock, Interlocked or Volatile; or keep the state per call.",
        helpLinkUri: HelpLinks.For(Id),
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationAction(end =>
        {
            AsyncSysApi api = AsyncSysApi.Create(end.Compilation);
            // Only an offloaded wrapper declared in this compilation can start the walk: without one, nothing to do.
            if (api.AsyncSyscallAttribute is not null && api.DeclaresWrappers)
            {
                ReportRaces(end, api);
            }
        });
    }

    /// <summary>
    /// Walks the calls from each offloaded wrapper (breadth first, a few levels deep) and reports the unsynchronized
    /// shared writes on the way. Only the methods reached are bound: the walk starts at the end of the compilation
    /// from the wrappers' declarations, instead of collecting facts about every method while the compiler runs.
    /// </summary>
    private static void ReportRaces(CompilationAnalysisContext context, AsyncSysApi api)
    {
        var facts = new Dictionary<IMethodSymbol, MethodFacts?>(SymbolEqualityComparer.Default);
        var reported = new HashSet<Location>();
        foreach (IMethodSymbol wrapper in OffloadedWrappers(context, api))
        {
            var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { wrapper };
            var pending = new Queue<(IMethodSymbol Method, int Depth)>();
            pending.Enqueue((wrapper, 0));
            while (pending.Count > 0)
            {
                var (method, depth) = pending.Dequeue();
                if (!facts.TryGetValue(method, out MethodFacts? methodFacts))
                {
                    facts[method] = methodFacts = MethodFacts.For(context, api, method);
                }

                if (methodFacts is null)
                {
                    continue;
                }

                foreach (var write in methodFacts.UnsynchronizedWrites)
                {
                    if (reported.Add(write.Location))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(Rule, write.Location, write.Field, method.Name, wrapper.Name));
                    }
                }

                if (depth < MaxCallDepth)
                {
                    foreach (IMethodSymbol callee in methodFacts.Callees)
                    {
                        if (seen.Add(callee))
                        {
                            pending.Enqueue((callee, depth + 1));
                        }
                    }
                }
            }
        }
    }

    /// <summary>The offloaded wrappers declared in the compilation's own (not generated) source.</summary>
    private static List<IMethodSymbol> OffloadedWrappers(CompilationAnalysisContext context, AsyncSysApi api)
    {
        var wrappers = new List<IMethodSymbol>();
        foreach (SyntaxTree tree in context.Compilation.SyntaxTrees)
        {
            if (IsGenerated(tree))
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (CodeRoot root in api.Index(tree).Roots)
            {
                if (!root.HasAny(CodeFeatures.WrapperDeclaration))
                {
                    continue;
                }

                model ??= SemanticModelOf(context.Compilation, tree);
                if (model.GetDeclaredSymbol(root.Syntax, context.CancellationToken) is IMethodSymbol method &&
                    api.GetAsyncSyscallAttribute(method) is { } attribute && api.IsOffloaded(method, attribute))
                {
                    wrappers.Add(method);
                }
            }
        }

        return wrappers;
    }

    // A compilation end action has no semantic model of its own; the analyzer driver hands out its shared one here.
#pragma warning disable RS1030 // Only the wrappers and the methods they reach are bound, once, at the end of the compilation.
    private static SemanticModel SemanticModelOf(Compilation compilation, SyntaxTree tree) => compilation.GetSemanticModel(tree);
#pragma warning restore RS1030

    /// <summary>Generated files (by name or by their auto-generated header): the rule does not look into them.</summary>
    private static bool IsGenerated(SyntaxTree tree)
    {
        string name = System.IO.Path.GetFileName(tree.FilePath);
        if (name.EndsWith(".g.cs", System.StringComparison.OrdinalIgnoreCase) || name.EndsWith(".generated.cs", System.StringComparison.OrdinalIgnoreCase) ||
            name.EndsWith(".designer.cs", System.StringComparison.OrdinalIgnoreCase) || name.StartsWith("TemporaryGeneratedFile_", System.StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (SyntaxTrivia trivia in tree.GetRoot().GetLeadingTrivia())
        {
            if (trivia.ToString().IndexOf("<auto-generated", System.StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What one method does that matters here: its racy writes and the methods it calls.</summary>
    private sealed class MethodFacts
    {
        private MethodFacts(ImmutableArray<(Location, string)> writes, ImmutableArray<IMethodSymbol> callees)
        {
            UnsynchronizedWrites = writes;
            Callees = callees;
        }

        public ImmutableArray<(Location Location, string Field)> UnsynchronizedWrites { get; }

        public ImmutableArray<IMethodSymbol> Callees { get; }

        /// <summary>
        /// The facts of a method with a body in this compilation's own source (its lambdas and local functions
        /// included); null for a constructor, a local function (part of its container), generated or metadata code.
        /// </summary>
        public static MethodFacts? For(CompilationAnalysisContext context, AsyncSysApi api, IMethodSymbol method)
        {
            method = method.PartialImplementationPart ?? method;
            if (method.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor or MethodKind.LocalFunction)
            {
                return null;
            }

            var blocks = new List<IOperation>();
            foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
            {
                if (IsGenerated(reference.SyntaxTree))
                {
                    continue;
                }

                SyntaxNode declaration = reference.GetSyntax(context.CancellationToken);
                if (SemanticModelOf(context.Compilation, reference.SyntaxTree).GetOperation(declaration, context.CancellationToken) is { } operation)
                {
                    blocks.Add(operation);
                }
            }

            return blocks.Count == 0 ? null : Collect(api, blocks);
        }

        private static MethodFacts Collect(AsyncSysApi api, List<IOperation> blocks)
        {
            var writes = ImmutableArray.CreateBuilder<(Location, string)>();
            var callees = ImmutableArray.CreateBuilder<IMethodSymbol>();
            foreach (IOperation block in blocks)
            {
                foreach (IOperation operation in block.DescendantsAndSelf())
                {
                    switch (operation)
                    {
                        // A helper called while a lock is held writes under that lock: followed only from unsynchronized calls.
                        case IInvocationOperation invocation when IsInSource(invocation.TargetMethod.OriginalDefinition) && !IsSynchronized(invocation):
                            callees.Add(invocation.TargetMethod.OriginalDefinition);
                            break;
                        case IPropertyReferenceOperation { Property.SetMethod: { } setter } property when IsWriteTarget(property) && IsInSource(setter.OriginalDefinition) &&
                                                                                                       !IsReadModifyWriteOfShared(property) && !IsSynchronized(property):
                            // A read-modify-write of a shared property is reported where it is written, not again in its setter.
                            callees.Add(setter.OriginalDefinition);
                            break;
                        case IPropertyReferenceOperation { Property.GetMethod: { } getter } property when !IsWriteTarget(property) && IsInSource(getter.OriginalDefinition) &&
                                                                                                        !IsSynchronized(property):
                            callees.Add(getter.OriginalDefinition);
                            break;
                    }

                    IOperation? target = GetWriteTarget(operation);
                    string? field = target is null ? null : DescribeSharedField(api, target, allowVolatileWrite: operation is ISimpleAssignmentOperation);
                    if (field is null && target is null && ChangedCollection(operation) is { } collection)
                    {
                        (target, field) = collection;
                    }

                    if (field is not null && !IsSynchronized(operation))
                    {
                        writes.Add((target!.Syntax.GetLocation(), field));
                    }
                }
            }

            return new MethodFacts(writes.ToImmutable(), callees.ToImmutable());
        }

        private static bool IsInSource(IMethodSymbol method) => !method.DeclaringSyntaxReferences.IsEmpty;

        private static IOperation? GetWriteTarget(IOperation operation) => operation switch
        {
            ISimpleAssignmentOperation assignment => assignment.Target,
            ICompoundAssignmentOperation compound => compound.Target,
            ICoalesceAssignmentOperation coalesce => coalesce.Target,
            IIncrementOrDecrementOperation increment => increment.Target,
            _ => null,
        };

        private static bool IsWriteTarget(IOperation operation) => operation.Parent is { } parent && GetWriteTarget(parent) == operation;

        /// <summary>The name of a field that several concurrent calls see, or null for per-call state.</summary>
        private static string? DescribeSharedField(AsyncSysApi api, IOperation target, bool allowVolatileWrite)
        {
            switch (target)
            {
                case IFieldReferenceOperation { Field: var field } reference:
                    if (field.IsConst || HasThreadStatic(api, field) || (allowVolatileWrite && field.IsVolatile))
                    {
                        return null;
                    }

                    return field.IsStatic || IsShared(reference.Instance) ? field.Name : null;
                case IPropertyReferenceOperation { Property: { IsStatic: true } property } when IsAutoProperty(property):
                    return property.Name;
                case IPropertyReferenceOperation property when IsReadModifyWriteOfShared(property):
                    // `TotalBytes += n`: a get and a set that concurrent calls interleave, whatever the setter does.
                    return property.Property.Name;
                case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } collection } indexer when IsSharedCollection(collection):
                    // `s_paths[fd] = path` on a Dictionary or List a static field holds.
                    return collection.Syntax.ToString() + "[...]";
                case IArrayElementReferenceOperation element when IsShared(element.ArrayReference):
                    return element.ArrayReference.Syntax.ToString() + "[...]";
                default:
                    return null;
            }
        }

        /// <summary>Whether a property is the target of <c>+=</c>, <c>++</c>, <c>??=</c> on a static or shared instance.</summary>
        private static bool IsReadModifyWriteOfShared(IPropertyReferenceOperation property) =>
            property.Parent is ICompoundAssignmentOperation or IIncrementOrDecrementOperation or ICoalesceAssignmentOperation &&
            IsWriteTarget(property) && !property.Property.IsIndexer &&
            (property.Property.IsStatic || IsShared(property.Instance));

        // Collections of System.Collections.Generic that are not safe to change from several threads at once.
        private static readonly string[] UnsafeCollections =
        {
            "Dictionary`2", "List`1", "HashSet`1", "Queue`1", "Stack`1", "SortedDictionary`2", "SortedList`2", "SortedSet`1", "LinkedList`1",
        };

        private static readonly string[] ChangingMethods =
        {
            "Add", "AddRange", "Remove", "RemoveAt", "RemoveAll", "RemoveWhere", "Clear", "TryAdd", "Insert", "Enqueue", "Dequeue",
            "TryDequeue", "Push", "Pop", "TryPop", "AddFirst", "AddLast", "RemoveFirst", "RemoveLast", "Sort", "Reverse",
        };

        /// <summary>A call that changes a shared collection (<c>s_open.Add(fd)</c>): the call and a description, or null.</summary>
        private static (IOperation Target, string Field)? ChangedCollection(IOperation operation)
        {
            if (operation is not IInvocationOperation { Instance: { } instance } call || System.Array.IndexOf(ChangingMethods, call.TargetMethod.Name) < 0 ||
                !IsSharedCollection(instance))
            {
                return null;
            }

            return (call, instance.Syntax.ToString() + "." + call.TargetMethod.Name + "(...)");
        }

        private static bool IsSharedCollection(IOperation instance)
        {
            while (instance is IConversionOperation conversion)
            {
                instance = conversion.Operand;
            }

            return instance is IFieldReferenceOperation { Field: var field } reference && !field.IsConst &&
                   (field.IsStatic || IsShared(reference.Instance)) && !IsThreadStaticByName(field) &&
                   instance.Type is INamedTypeSymbol { OriginalDefinition: var type } &&
                   System.Array.IndexOf(UnsafeCollections, type.MetadataName) >= 0 &&
                   type.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic";
        }

        private static bool IsThreadStaticByName(IFieldSymbol field)
        {
            foreach (AttributeData attribute in field.GetAttributes())
            {
                if (attribute.AttributeClass?.Name == "ThreadStaticAttribute")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether an object is reachable by every concurrent call: <c>this</c>, or through a shared field.</summary>
        /// <remarks>
        /// An object initializer or a <c>with</c> writes through an implicit receiver: the object being built, fresh
        /// per call, is not shared.
        /// </remarks>
        private static bool IsShared(IOperation? instance) => instance switch
        {
            IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } => true,
            IFieldReferenceOperation field => field.Field.IsStatic || IsShared(field.Instance),
            _ => false,
        };

        private static bool IsAutoProperty(IPropertySymbol property)
        {
            foreach (ISymbol member in property.ContainingType.GetMembers())
            {
                if (member is IFieldSymbol { IsImplicitlyDeclared: true } field && SymbolEqualityComparer.Default.Equals(field.AssociatedSymbol, property))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasThreadStatic(AsyncSysApi api, IFieldSymbol field)
        {
            foreach (AttributeData attribute in field.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, api.ThreadStaticAttribute))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether the operation runs while a lock is held: inside a <c>lock</c> statement, inside the <c>try</c> of a
        /// <c>try/finally</c> whose <c>finally</c> releases a lock (<c>sem.Wait(); try { ... } finally { sem.Release(); }</c>
        /// with a SemaphoreSlim, Semaphore, Mutex, Monitor, SpinLock, ReaderWriterLockSlim or Lock), or in the scope of
        /// <c>using (gate.EnterScope())</c>.
        /// </summary>
        private static bool IsSynchronized(IOperation operation)
        {
            IOperation child = operation;
            for (IOperation? current = operation.Parent; current is not null; child = current, current = current.Parent)
            {
                switch (current)
                {
                    case ILockOperation:
                        return true;
                    case ITryOperation { Finally: { } release } attempt when child == attempt.Body && ReleasesALock(release):
                        return true;
                    case IUsingOperation { Resources: IInvocationOperation scope } when child != scope && IsLockScope(scope):
                        return true;
                    case IBlockOperation block when HasLockScopeBefore(block, child):
                        return true;
                }
            }

            return false;
        }

        private static bool ReleasesALock(IOperation release)
        {
            foreach (IOperation operation in release.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation { TargetMethod: { } method } && IsThreading(method.ContainingType) &&
                    (method.ContainingType.Name, method.Name) is ("SemaphoreSlim", "Release") or ("Semaphore", "Release") or ("Mutex", "ReleaseMutex")
                        or ("Monitor", "Exit") or ("SpinLock", "Exit") or ("Lock", "Exit")
                        or ("ReaderWriterLockSlim", "ExitWriteLock" or "ExitReadLock" or "ExitUpgradeableReadLock"))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>using var scope = gate.EnterScope();</c> earlier in the same block holds the lock to its end.</summary>
        private static bool HasLockScopeBefore(IBlockOperation block, IOperation child)
        {
            foreach (IOperation statement in block.Operations)
            {
                if (statement == child)
                {
                    return false;
                }

                if (statement is IUsingDeclarationOperation { DeclarationGroup.Declarations: var declarations })
                {
                    foreach (IVariableDeclarationOperation declaration in declarations)
                    {
                        foreach (IVariableDeclaratorOperation declarator in declaration.Declarators)
                        {
                            if (declarator.Initializer?.Value is IInvocationOperation scope && IsLockScope(scope))
                            {
                                return true;
                            }
                        }
                    }
                }
            }

            return false;
        }

        private static bool IsLockScope(IInvocationOperation call) =>
            call.TargetMethod.Name == "EnterScope" && call.TargetMethod.ContainingType is { Name: "Lock" } type && IsThreading(type);

        private static bool IsThreading(INamedTypeSymbol? type) =>
            type?.ContainingNamespace is { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
    }
}
