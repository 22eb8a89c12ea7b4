using System.Collections.Immutable;
using AsyncSys.Shared;

namespace AsyncSys.Analyzers;

/// <summary>
/// The libc entry points that the generator maps to a native ring opcode when a wrapper says
/// <c>[AsyncSyscall]</c> without an explicit <c>RingOp</c>. Every other wrapper is offloaded to a
/// blocking worker thread, which is what the concurrency rules care about.
/// </summary>
internal static class KnownRingSyscalls
{
    public static readonly ImmutableHashSet<string> EntryPoints = ImmutableHashSet.Create(RingEntryPoints.Names);
}
