using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// Since round 48 (ASYS1002): a lock owned by the thread that takes it (<c>Monitor.Enter</c>/<c>TryEnter</c>, a
/// <c>Mutex</c>'s <c>WaitOne</c>, a <c>ReaderWriterLockSlim</c>'s <c>Enter*Lock</c>/<c>TryEnter*Lock</c>) taken before an
/// await and released after it (<c>Monitor.Exit</c>, <c>ReleaseMutex</c>, <c>Exit*Lock</c>): the code after the await may
/// run on another thread, which does not own the lock, so the release throws (<c>SynchronizationLockException</c>,
/// <c>ApplicationException</c>) and the lock stays held by the first thread. Code migrated from a synchronous
/// <c>Monitor</c> section keeps that shape when the call inside becomes an awaited operation (the compiler refuses an
/// await only inside a <c>lock</c> statement). Followed along the paths of each async function: the lock is the same
/// field, local or parameter; a release before the await, or a lock taken again after it, is not reported.
/// </summary>
internal static class ThreadOwnedLocks
{
    /// <summary>Names the token index marks (<see cref="CodeFeatures.ThreadOwnedLock"/>): the release calls and <c>Monitor</c>.</summary>
    public static readonly string[] Names = { "Monitor", "ReleaseMutex", "ExitReadLock", "ExitWriteLock", "ExitUpgradeableReadLock" };

    public static void Report(CodeRootContext context, FunctionBody body, DiagnosticDescriptor rule)
    {
        var locks = new List<ISymbol>();
        bool releases = false;
        foreach (IOperation operation in body.Operations)
        {
            if (operation is IInvocationOperation call && Classify(call, out ISymbol? owner) is { } kind && owner is not null)
            {
                if (kind == Kind.Take)
                {
                    Track(locks, owner);
                }
                else
                {
                    releases = true;
                }
            }
        }

        if (locks.Count == 0 || !releases || context.GraphOf(body) is not { } graph)
        {
            return;
        }

        ForwardFlow.Run(graph, new Flow(context, locks, rule));
    }

    private enum Kind
    {
        Take,
        Release,
    }

    /// <summary>Whether the call takes or releases a thread-owned lock, and which object it is.</summary>
    private static Kind? Classify(IInvocationOperation call, out ISymbol? owner)
    {
        owner = null;
        IMethodSymbol method = call.TargetMethod;
        if (method.ContainingType is not { ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } type)
        {
            return null;
        }

        switch (type.Name)
        {
            case "Monitor" when method.IsStatic && call.Arguments.Length > 0:
                owner = SymbolOf(call.Arguments[0].Value);
                return method.Name switch
                {
                    "Enter" or "TryEnter" => Kind.Take,
                    "Exit" => Kind.Release,
                    _ => null,
                };
            case "ReaderWriterLockSlim" when !method.IsStatic && call.Instance is { } instance:
                owner = SymbolOf(instance);
                return method.Name switch
                {
                    "EnterReadLock" or "EnterWriteLock" or "EnterUpgradeableReadLock" or "TryEnterReadLock" or "TryEnterWriteLock" or "TryEnterUpgradeableReadLock" => Kind.Take,
                    "ExitReadLock" or "ExitWriteLock" or "ExitUpgradeableReadLock" => Kind.Release,
                    _ => null,
                };
            case "Mutex" when !method.IsStatic && call.Instance is { } mutex && method.Name == "ReleaseMutex":
                owner = SymbolOf(mutex);
                return Kind.Release;
            case "WaitHandle" when !method.IsStatic && method.Name == "WaitOne" && call.Instance is { Type.Name: "Mutex" } mutex:
                owner = SymbolOf(mutex);
                return Kind.Take;
            default:
                return null;
        }
    }

    private static ISymbol? SymbolOf(IOperation value) => value.WithoutConversions() switch
    {
        IFieldReferenceOperation field => field.Field,
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };

    private static void Track(List<ISymbol> locks, ISymbol owner)
    {
        foreach (ISymbol known in locks)
        {
            if (SymbolEqualityComparer.Default.Equals(known, owner))
            {
                return;
            }
        }

        if (locks.Count < 64)
        {
            locks.Add(owner);
        }
    }

    private readonly struct Held : System.IEquatable<Held>
    {
        public Held(ulong taken, ulong awaited, int takeLine, int awaitLine)
        {
            Taken = taken;
            Awaited = awaited;
            TakeLine = takeLine;
            AwaitLine = awaitLine;
        }

        /// <summary>Locks taken on the thread running the code and not released since.</summary>
        public ulong Taken { get; }

        /// <summary>Of those, the ones an await has come after: the code may run on another thread now.</summary>
        public ulong Awaited { get; }

        public int TakeLine { get; }

        public int AwaitLine { get; }

        public bool Equals(Held other) => Taken == other.Taken && Awaited == other.Awaited && TakeLine == other.TakeLine && AwaitLine == other.AwaitLine;

        public override bool Equals(object? obj) => obj is Held other && Equals(other);

        public override int GetHashCode() => (Taken ^ (Awaited << 1)).GetHashCode() ^ TakeLine ^ (AwaitLine << 16);
    }

    private sealed class Flow : IFlowRule<Held>
    {
        private readonly CodeRootContext _context;
        private readonly List<ISymbol> _locks;
        private readonly DiagnosticDescriptor _rule;
        private readonly HashSet<SyntaxNode> _reported = new();

        public Flow(CodeRootContext context, List<ISymbol> locks, DiagnosticDescriptor rule)
        {
            _context = context;
            _locks = locks;
            _rule = rule;
        }

        public Held Entry => default;

        public Held Join(Held first, Held second) =>
            new(first.Taken | second.Taken, first.Awaited | second.Awaited, System.Math.Max(first.TakeLine, second.TakeLine), System.Math.Max(first.AwaitLine, second.AwaitLine));

        public bool IsEvent(IOperation operation) => operation is IInvocationOperation or IAwaitOperation;

        public bool TakesEffectWhenThrowing(IOperation operation) => operation is IAwaitOperation;

        public Held? Assume(IOperation condition, Held state, bool value) => state;

        public Held Apply(IOperation operation, Held state, bool report)
        {
            if (operation is IAwaitOperation wait)
            {
                return state.Taken == 0 ? state : new Held(state.Taken, state.Awaited | state.Taken, state.TakeLine, Line(wait.Syntax));
            }

            if (operation is not IInvocationOperation call || Classify(call, out ISymbol? owner) is not { } kind || owner is null)
            {
                return state;
            }

            ulong bit = BitOf(owner);
            if (bit == 0)
            {
                return state;
            }

            if (kind == Kind.Take)
            {
                return new Held(state.Taken | bit, state.Awaited & ~bit, Line(call.Syntax), state.AwaitLine);
            }

            if (report && (state.Awaited & bit) != 0 && _reported.Add(call.Syntax))
            {
                _context.Report(Diagnostic.Create(_rule, call.Syntax.GetLocation(), call.TargetMethod.Name, owner.Name, state.TakeLine, state.AwaitLine));
            }

            return new Held(state.Taken & ~bit, state.Awaited & ~bit, state.TakeLine, state.AwaitLine);
        }

        private ulong BitOf(ISymbol owner)
        {
            int index = _locks.FindIndex(s => SymbolEqualityComparer.Default.Equals(s, owner));
            return index >= 0 ? 1UL << index : 0;
        }

        private static int Line(SyntaxNode syntax) => syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
    }
}
