using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// ASYS1003: an offloaded wrapper (an <c>[AsyncSyscall]</c> method with no ring opcode), or a method it
/// calls in the same compilation, writes shared state (a static field, a field of <c>this</c> or of an
/// object reached through one, also through a local or a parameter that holds such an object) without
/// <c>lock</c>, <c>Interlocked</c> or <c>Volatile</c>.
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
            // Per method reached: the parameters some caller on the way passes a shared object to (the wrapper's own
            // parameters are its caller's business). A method is walked again when a new caller shares more of them.
            var seen = new Dictionary<IMethodSymbol, ulong>(SymbolEqualityComparer.Default) { [wrapper] = 0 };
            var pending = new Queue<(IMethodSymbol Method, ulong SharedParameters, int Depth)>();
            pending.Enqueue((wrapper, 0, 0));
            while (pending.Count > 0)
            {
                var (method, sharedParameters, depth) = pending.Dequeue();
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
                    if (SharedObjects.IsShared(write.Reach, sharedParameters) && reported.Add(write.Location))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(Rule, write.Location, write.Field, NameOf(method), wrapper.Name));
                    }
                }

                if (depth < MaxCallDepth)
                {
                    foreach (Call call in methodFacts.Callees)
                    {
                        ulong shares = call.SharedParameters(sharedParameters);
                        bool known = seen.TryGetValue(call.Callee, out ulong before);
                        if (!known || (before | shares) != before)
                        {
                            seen[call.Callee] = before | shares;
                            pending.Enqueue((call.Callee, before | shares, depth + 1));
                        }
                    }
                }
            }
        }
    }

    /// <summary>A method as the message names it: a lambda by the field or property that holds it.</summary>
    private static string NameOf(IMethodSymbol method)
    {
        if (method.MethodKind == MethodKind.AnonymousFunction && method.DeclaringSyntaxReferences.Length == 1 &&
            method.DeclaringSyntaxReferences[0].GetSyntax().Parent is EqualsValueClauseSyntax { Parent: var holder })
        {
            return holder switch
            {
                VariableDeclaratorSyntax variable => "the lambda in " + variable.Identifier.ValueText,
                PropertyDeclarationSyntax property => "the lambda in " + property.Identifier.ValueText,
                _ => method.Name,
            };
        }

        return method.Name;
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

    /// <summary>A call to a method in source, with the arguments that may pass it a shared object.</summary>
    private readonly struct Call
    {
        public Call(IMethodSymbol callee, ImmutableArray<(int Parameter, int Reach)> arguments)
        {
            Callee = callee;
            Arguments = arguments;
        }

        public IMethodSymbol Callee { get; }

        /// <summary>The callee's parameter and what its argument is (<see cref="SharedObjects.Of"/>), for arguments not known to be per call.</summary>
        public ImmutableArray<(int Parameter, int Reach)> Arguments { get; }

        /// <summary>The callee's parameters given a shared object, when the caller's own <paramref name="callerShared"/> parameters are shared.</summary>
        public ulong SharedParameters(ulong callerShared)
        {
            ulong shared = 0;
            foreach ((int parameter, int reach) in Arguments)
            {
                if (SharedObjects.IsShared(reach, callerShared))
                {
                    shared |= 1UL << parameter;
                }
            }

            return shared;
        }
    }

    /// <summary>What one method does that matters here: its racy writes and the methods it calls.</summary>
    private sealed class MethodFacts
    {
        private MethodFacts(ImmutableArray<(Location, string, int)> writes, ImmutableArray<Call> callees)
        {
            UnsynchronizedWrites = writes;
            Callees = callees;
        }

        /// <summary>Unsynchronized writes, each with what it writes through (shared, or a parameter's ordinal).</summary>
        public ImmutableArray<(Location Location, string Field, int Reach)> UnsynchronizedWrites { get; }

        public ImmutableArray<Call> Callees { get; }

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

            return blocks.Count == 0 ? null : Collect(context, api, method, blocks);
        }

        /// <summary>The body of a method of this compilation declared once, outside generated code; null otherwise.</summary>
        private static IOperation? OnlyBody(CompilationAnalysisContext context, IMethodSymbol method)
        {
            if (method.DeclaringSyntaxReferences.Length != 1 || IsGenerated(method.DeclaringSyntaxReferences[0].SyntaxTree))
            {
                return null;
            }

            SyntaxReference reference = method.DeclaringSyntaxReferences[0];
            return SemanticModelOf(context.Compilation, reference.SyntaxTree).GetOperation(reference.GetSyntax(context.CancellationToken), context.CancellationToken);
        }

        private static MethodFacts Collect(CompilationAnalysisContext context, AsyncSysApi api, IMethodSymbol method, List<IOperation> blocks)
        {
            var shared = new SharedObjects(method, blocks, callee => OnlyBody(context, callee));
            var writes = ImmutableArray.CreateBuilder<(Location, string, int)>();
            var callees = ImmutableArray.CreateBuilder<Call>();
            foreach (IOperation block in blocks)
            {
                foreach (IOperation operation in block.DescendantsAndSelf())
                {
                    switch (operation)
                    {
                        // A helper called while a lock is held writes under that lock: followed only from unsynchronized calls.
                        case IInvocationOperation invocation when IsInSource(invocation.TargetMethod.OriginalDefinition) && !IsSynchronized(invocation):
                            callees.Add(new Call(invocation.TargetMethod.OriginalDefinition, SharedArguments(shared, invocation.Arguments)));
                            break;
                        case IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke, Instance: { } holder } invocation
                            when !IsSynchronized(invocation) && DelegateHeldBy(context, holder) is { } held:
                            // Track(rc) with `static readonly Func<int, int> Track = rc => { ... }`: the lambda (or method) the
                            // field was given runs here, on the worker, as a helper would.
                            callees.Add(new Call(held, SharedArguments(shared, invocation.Arguments)));
                            break;
                        case IPropertyReferenceOperation { Property.SetMethod: { } setter } property when IsWriteTarget(property) && IsInSource(setter.OriginalDefinition) &&
                                                                                                       !IsReadModifyWriteOfShared(shared, property) && !IsSynchronized(property):
                            // A read-modify-write of a shared property is reported where it is written, not again in its setter.
                            callees.Add(new Call(setter.OriginalDefinition, ImmutableArray<(int, int)>.Empty));
                            break;
                        case IPropertyReferenceOperation { Property.GetMethod: { } getter } property when !IsWriteTarget(property) && IsInSource(getter.OriginalDefinition) &&
                                                                                                        !IsSynchronized(property):
                            callees.Add(new Call(getter.OriginalDefinition, ImmutableArray<(int, int)>.Empty));
                            break;
                    }

                    IOperation? target = GetWriteTarget(operation);
                    bool plainStore = operation is ISimpleAssignmentOperation;
                    if (target is null && IsDeconstructedInto(operation))
                    {
                        // `(s_lastPid, s_lastStatus) = (pid, status)`: one plain store per element, each its own race.
                        target = operation;
                        plainStore = true;
                    }

                    (string Field, int Reach)? field = target is null ? null : DescribeSharedField(api, shared, target, allowVolatileWrite: plainStore);
                    if (field is null && target is null && (ChangedCollection(shared, operation) ?? WrittenArray(shared, operation)) is { } collection)
                    {
                        target = collection.Target;
                        field = (collection.Field, collection.Reach);
                    }

                    if (field is { } written && !IsSynchronized(operation))
                    {
                        writes.Add((target!.Syntax.GetLocation(), written.Field, written.Reach));
                    }
                }
            }

            return new MethodFacts(writes.ToImmutable(), callees.ToImmutable());
        }

        /// <summary>The arguments that may hand the callee a shared object: shared ones, and the caller's own parameters passed on.</summary>
        private static ImmutableArray<(int Parameter, int Reach)> SharedArguments(SharedObjects shared, ImmutableArray<IArgumentOperation> arguments)
        {
            ImmutableArray<(int, int)>.Builder? found = null;
            foreach (IArgumentOperation argument in arguments)
            {
                if (argument.Parameter is { Ordinal: < SharedObjects.MaxParameters } parameter && shared.Of(argument.Value) is var reach && reach != SharedObjects.NotShared)
                {
                    (found ??= ImmutableArray.CreateBuilder<(int, int)>()).Add((parameter.Ordinal, reach));
                }
            }

            return found?.ToImmutable() ?? ImmutableArray<(int, int)>.Empty;
        }

        private static bool IsInSource(IMethodSymbol method) => !method.DeclaringSyntaxReferences.IsEmpty;

        /// <summary>
        /// The lambda or method of this compilation a delegate is read from: a <c>readonly</c> field or a get-only
        /// auto-property whose initializer is a lambda or a method group, the only value such a member is given besides
        /// its constructors' stores. Null for anything else (a settable member, a parameter, a delegate made elsewhere).
        /// </summary>
        private static IMethodSymbol? DelegateHeldBy(CompilationAnalysisContext context, IOperation holder)
        {
            ISymbol? member = holder switch
            {
                IFieldReferenceOperation { Field.IsReadOnly: true } field => field.Field.OriginalDefinition,
                IPropertyReferenceOperation { Property: { IsReadOnly: true, IsIndexer: false } property } => property.OriginalDefinition,
                _ => null,
            };
            if (member is null || member.DeclaringSyntaxReferences.Length != 1 || IsGenerated(member.DeclaringSyntaxReferences[0].SyntaxTree))
            {
                return null;
            }

            SyntaxReference reference = member.DeclaringSyntaxReferences[0];
            ExpressionSyntax? value = reference.GetSyntax(context.CancellationToken) switch
            {
                VariableDeclaratorSyntax { Initializer.Value: { } initializer } => initializer,
                PropertyDeclarationSyntax { Initializer.Value: { } initializer, AccessorList: not null } => initializer,
                _ => null,
            };
            if (value is not (AnonymousFunctionExpressionSyntax or IdentifierNameSyntax or MemberAccessExpressionSyntax))
            {
                return null;
            }

            return SemanticModelOf(context.Compilation, reference.SyntaxTree).GetSymbolInfo(value, context.CancellationToken).Symbol is IMethodSymbol held && IsInSource(held.OriginalDefinition)
                ? held.OriginalDefinition
                : null;
        }

        private static IOperation? GetWriteTarget(IOperation operation) => operation switch
        {
            ISimpleAssignmentOperation { IsRef: false } assignment => assignment.Target,    // `r = ref s_x` points r elsewhere, writes nothing
            ICompoundAssignmentOperation compound => compound.Target,
            ICoalesceAssignmentOperation coalesce => coalesce.Target,
            IIncrementOrDecrementOperation increment => increment.Target,
            IArgumentOperation { Parameter.RefKind: RefKind.Out } argument => argument.Value,    // `TryGet(key, out s_last)` stores into the field
            IArgumentOperation { Parameter.RefKind: RefKind.Ref, Parent: IInvocationOperation call } argument when WritesThroughReference(call.TargetMethod) => argument.Value,
            _ => null,
        };

        /// <summary>
        /// Whether a library method given a variable by <c>ref</c> writes it as a plain call would (<c>Array.Resize(ref
        /// _paths, n)</c> replaces the array the field holds). Not: the methods made to be called on shared variables at once,
        /// System.Threading's (<c>Interlocked</c>, <c>Volatile</c>, <c>LazyInitializer</c>, <c>Monitor</c>) and <c>ImmutableInterlocked</c>'s; <c>Unsafe</c> and
        /// <c>MemoryMarshal</c> methods that return something (a reference or span made of it, <c>IsNullRef</c>, <c>AreSame</c>:
        /// what is then written through it is the write). A method of this compilation is followed instead: a write to its
        /// <c>ref</c> parameter is a write of what the caller passed.
        /// </summary>
        private static bool WritesThroughReference(IMethodSymbol method)
        {
            if (IsInSource(method.OriginalDefinition))
            {
                return false;
            }

            INamedTypeSymbol? type = method.ContainingType;
            if (IsThreading(type) || (type is { Name: "ImmutableInterlocked" } && type.ContainingNamespace?.ToDisplayString() == "System.Collections.Immutable"))
            {
                return false;
            }

            bool makesOrReadsReference = type is { Name: "Unsafe" or "MemoryMarshal" } &&
                                         type.ContainingNamespace?.ToDisplayString() is "System.Runtime.CompilerServices" or "System.Runtime.InteropServices";
            return !(makesOrReadsReference && !method.ReturnsVoid);
        }

        private static bool IsWriteTarget(IOperation operation) =>
            operation.Parent is { } parent && (GetWriteTarget(parent) == operation || IsDeconstructedInto(operation));

        /// <summary>
        /// Whether the operation is an element (at any nesting) of the left side of a deconstruction assignment,
        /// <c>(s_a, (s_b, _)) = pair</c>: a store into it. Declarations and discards there are not shared state.
        /// </summary>
        private static bool IsDeconstructedInto(IOperation operation)
        {
            if (operation.Parent is not ITupleOperation)
            {
                return false;
            }

            IOperation tuple = operation.Parent;
            while (tuple.Parent is ITupleOperation outer)
            {
                tuple = outer;
            }

            return tuple.Parent is IDeconstructionAssignmentOperation deconstruction && deconstruction.Target == tuple;
        }

        /// <summary>
        /// The name of a field that several concurrent calls may see, with what it is reached through (shared, or a
        /// parameter's ordinal); null for per-call state.
        /// </summary>
        private static (string Field, int Reach)? DescribeSharedField(AsyncSysApi api, SharedObjects shared, IOperation target, bool allowVolatileWrite)
        {
            switch (target)
            {
                case IFieldReferenceOperation { Field: var field } reference:
                    if (field.IsConst || HasThreadStatic(api, field) || (allowVolatileWrite && field.IsVolatile))
                    {
                        return null;
                    }

                    return Named(field.Name, field.IsStatic ? SharedObjects.Shared : shared.Of(reference.Instance));
                case IPropertyReferenceOperation { Property: { IsStatic: true } property } when SharedObjects.IsAutoProperty(property):
                    return (property.Name, SharedObjects.Shared);
                case IPropertyReferenceOperation property when IsReadModifyWriteOfShared(shared, property):
                    // `TotalBytes += n`: a get and a set that concurrent calls interleave, whatever the setter does.
                    return Named(property.Property.Name, property.Property.IsStatic ? SharedObjects.Shared : shared.Of(property.Instance));
                case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } collection }:
                    // `s_paths[fd] = path` on a Dictionary or List a static field holds; `entries[i] = e` on a span of one
                    // (`CollectionsMarshal.AsSpan(s_list)`) or of a shared array.
                    return Named(collection.Syntax.ToString() + "[...]", SharedObjects.IsSpan(collection.Type) ? shared.Of(collection) : shared.OfCollection(collection));
                case ILocalReferenceOperation { Local.IsRef: true } reference:
                    // `ref long slot = ref CollectionsMarshal.GetValueRefOrNullRef(s_offsets, key); slot = n;`, or a ref to a static field.
                    return Named(reference.Local.Name, shared.Of(reference));
                case IInvocationOperation call:
                    // `CollectionsMarshal.GetValueRefOrNullRef(s_offsets, key) = n`: the reference the call returns, written.
                    return Named(call.Syntax.ToString(), shared.Of(call));
                case IArrayElementReferenceOperation element:
                    return Named(element.ArrayReference.Syntax.ToString() + "[...]", shared.Of(element.ArrayReference));
                case IParameterReferenceOperation { Parameter.RefKind: RefKind.Ref } reference:
                    // `static void Grow(ref string[] table) => table = ...` called as `Grow(ref s_table)`: the caller's variable.
                    return Named(reference.Parameter.Name, shared.Of(reference));
                case IPropertyReferenceOperation { Property: { IsIndexer: false, IsStatic: false } property, Instance: { } collection }
                    when SharedObjects.IsCollectionNamespace(property.ContainingType?.ContainingNamespace) ||
                         SharedObjects.IsUnsynchronizedBuilderOrStream(collection.WithoutConversions().Type):
                    // `s_queue.Capacity = n` on a shared collection: its setter reallocates the storage.
                    return Named(collection.Syntax.ToString() + "." + property.Name, shared.OfCollection(collection));
                default:
                    return null;
            }
        }

        private static (string Field, int Reach)? Named(string field, int reach) => reach == SharedObjects.NotShared ? null : (field, reach);

        /// <summary>Whether a property is the target of <c>+=</c>, <c>++</c>, <c>??=</c> on a static or (maybe) shared instance.</summary>
        private static bool IsReadModifyWriteOfShared(SharedObjects shared, IPropertyReferenceOperation property) =>
            property.Parent is ICompoundAssignmentOperation or IIncrementOrDecrementOperation or ICoalesceAssignmentOperation &&
            IsWriteTarget(property) && !property.Property.IsIndexer &&
            (property.Property.IsStatic || shared.Of(property.Instance) != SharedObjects.NotShared);

        // Methods of the collections of System.Collections that only read them (List, Dictionary, HashSet, Queue,
        // PriorityQueue, SortedSet, LinkedList, BitArray, Hashtable, ...): the name is their first word. `CopyTo` copies
        // out of the collection; `SetEquals` compares. Every other method of such a collection may change it.
        private static readonly string[] ReadingMethods =
        {
            "Contains", "Get", "TryGet", "Find", "IndexOf", "LastIndexOf", "BinarySearch", "Exists", "TrueForAll", "ForEach", "ConvertAll",
            "To", "CopyTo", "Peek", "TryPeek", "Equals", "Is", "Overlaps", "SetEquals", "AsReadOnly", "Slice", "Clone", "Compare",
        };

        /// <summary>
        /// Whether a method of a collection of System.Collections only reads it. Decided by the documented readers'
        /// names rather than a list of changers, so that a collection or a method not met before (<c>PriorityQueue.EnqueueDequeue</c>,
        /// <c>HashSet.UnionWith</c>, <c>BitArray.SetAll</c>, <c>EnsureCapacity</c>) counts as a change. <c>Reverse</c> reads when it returns
        /// something (SortedSet's reversed view) and changes in place when it returns nothing (List's).
        /// </summary>
        private static bool OnlyReads(IMethodSymbol method)
        {
            string name = method.Name;
            if (name == "Reverse")
            {
                return !method.ReturnsVoid;
            }

            foreach (string reader in ReadingMethods)
            {
                // A whole first word: `ToArray`, `IsSubsetOf`, `ContainsKey`.
                if (name.StartsWith(reader, System.StringComparison.Ordinal) && (name.Length == reader.Length || char.IsUpper(name[reader.Length])))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A call that changes a (maybe) shared collection (<c>s_open.Add(fd)</c>): the call, a description and its reach, or null.</summary>
        private static (IOperation Target, string Field, int Reach)? ChangedCollection(SharedObjects shared, IOperation operation)
        {
            if (operation is not IInvocationOperation call)
            {
                return null;
            }

            if (call is { Instance: null, Arguments.Length: > 0, TargetMethod.Name: "GetValueRefOrAddDefault" or "SetCount" } &&
                SharedObjects.IsCollectionsMarshal(call.TargetMethod.ContainingType))
            {
                // `CollectionsMarshal.GetValueRefOrAddDefault(s_offsets, key, out _) = n` inserts the key (the call does, whatever is
                // done with the reference), `SetCount(s_list, n)` resizes: changes made without the collection's own methods.
                IOperation collection = call.Arguments[0].Value;
                int changed = shared.OfCollection(collection);
                return changed == SharedObjects.NotShared
                    ? null
                    : (call, "CollectionsMarshal." + call.TargetMethod.Name + "(" + collection.Syntax.ToString() + ", ...)", changed);
            }

            // The collection's own methods, and the extension methods System.Collections.Generic adds to it
            // (`CollectionExtensions.TryAdd`, `AddRange`): a method of Object (`ToString`) or LINQ is not one.
            IMethodSymbol method = call.TargetMethod.ReducedFrom ?? call.TargetMethod;
            IOperation? instance = call.Instance ?? (method.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
            if (instance is null || method.IsStatic && !method.IsExtensionMethod ||
                !(SharedObjects.IsCollectionNamespace(method.ContainingType?.ContainingNamespace) ||
                  ((SharedObjects.IsUnsynchronizedBuilderOrStream(instance.WithoutConversions().Type) || SharedObjects.IsUnsynchronizedRandom(instance)) &&
                   method.ContainingType?.SpecialType != SpecialType.System_Object)) ||
                OnlyReads(method) ||
                shared.OfCollection(instance) is var reach && reach == SharedObjects.NotShared)
            {
                return null;
            }

            return (call, instance.Syntax.ToString() + "." + method.Name + "(...)", reach);
        }

        /// <summary>
        /// A shared array that a library call writes (<c>Array.Copy(chunk, s_table, n)</c>, <c>chunk.CopyTo(s_table, 0)</c>,
        /// <c>Array.Clear(s_table)</c>, <c>Array.Sort(s_table)</c>, a Span destination it converts to): the array given, a
        /// description and its reach, or null. The same write as <c>s_table[i] = x</c>, made for many elements at once.
        /// </summary>
        private static (IOperation Target, string Field, int Reach)? WrittenArray(SharedObjects shared, IOperation operation)
        {
            if (operation is not IInvocationOperation call)
            {
                return null;
            }

            foreach (IArgumentOperation argument in call.Arguments)
            {
                IOperation array = argument.Value.WithoutConversions();
                if (Touches.WritesArray(call, argument) && shared.Of(array) is var reach && reach != SharedObjects.NotShared)
                {
                    return (array, array.Syntax.ToString(), reach);
                }
            }

            return null;
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
