using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using AsyncSys.Operations;

namespace AsyncSys;

// A set of rings behind one IoRing (IoRing.Shared): each member has its own ring thread, kernel ring and operation
// table, and a submitting thread uses the member of the processor it runs on, so submitters on different cores do
// not share a queue lock, a ring thread or a table. The first member is the IoRing users hold: its public members
// act on the whole set (in-flight count and list, quiesce, cancel, capacity); the others are never handed out.
public sealed partial class IoRing
{
    // Every member of the set, this ring first; null for an ordinary ring.
    private IoRing[]? _members;

    // The ring users hold: the first member of this ring's set, or this ring.
    private IoRing _first;

    /// <summary>
    /// How many rings <see cref="Shared"/> spreads over: one per two processors, at least one, at most 16.
    /// On a 2-core machine one ring and two rings measured within noise of each other (see docs/performance.md),
    /// so the second ring's thread, memory and idle wake-ups are not spent there.
    /// </summary>
    internal static int SharedRingCount(int processors) => Math.Clamp(processors / ProcessorsPerSharedRing, 1, 16);

    /// <summary>Processors per member of <see cref="Shared"/>'s set.</summary>
    internal const int ProcessorsPerSharedRing = 2;

    /// <summary>
    /// Creates a set of <see cref="IoRingOptions.Rings"/> rings with the same options behind one IoRing (the first),
    /// which is returned. A member that cannot be created fails the whole set: the members made so far are disposed.
    /// </summary>
    private static IoRing CreateSet(IoRingOptions options)
    {
        int count = options.Validate().Rings;
        var first = new IoRing(options, reportsMetrics: true);
        if (count <= 1)
        {
            return first;
        }

        var members = new IoRing[count];
        members[0] = first;
        try
        {
            for (int i = 1; i < count; i++)
            {
                // Not registered for the in-flight gauge: the first ring's count is the set's. Same name, so
                // every counter of the set carries one ring tag.
                members[i] = new IoRing(options, reportsMetrics: false) { _first = first };
            }
        }
        catch
        {
            for (int i = count - 1; i >= 0; i--)
            {
                members[i]?.DisposeMember();
            }

            throw;
        }

        first._members = members;
        return first;
    }

    /// <summary>How many rings this IoRing spreads operations over (1 for an ordinary ring).</summary>
    internal int MemberCount => _members?.Length ?? 1;

    /// <summary>The member at <paramref name="index"/> (tests).</summary>
    internal IoRing Member(int index) => _members is { } members ? members[index] : index == 0 ? this : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>
    /// The ring the calling thread submits to: itself for an ordinary ring; in a set, the member of the processor
    /// the thread runs on (no lock, no shared counter: the processor id is cached per thread by the runtime).
    /// </summary>
    private IoRing Target
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            IoRing[]? members = _members;
            if (members is null)
            {
                return this;
            }

            // Code running on one member's ring thread (RunOnRingAsync) submits to that member, so it resumes there.
            return SynchronizationContext.Current is Operations.RingSynchronizationContext context && context.Owner is IoRing owner && ReferenceEquals(owner._first ?? owner, this)
                ? owner
                : members[(uint)Thread.GetCurrentProcessorId() % (uint)members.Length];
        }
    }

    /// <summary>Operations in flight over the whole set.</summary>
    private int SetInFlightCount => SumOverSet(static table => table.InFlightCount);

    /// <summary>What a quiesce waits for over the whole set: operations in flight and those running without a slot.</summary>
    private int SetDrainCount => SumOverSet(static table => table.DrainCount);

    private int SumOverSet(Func<OperationTable, int> count)
    {
        if (_members is not { } members)
        {
            return count(Table);
        }

        int sum = 0;
        foreach (IoRing member in members)
        {
            sum += count(member.Table);
        }

        return sum;
    }

    /// <summary>The members, or this ring alone.</summary>
    private IoRing[] Members => _members ?? new[] { this };

    /// <summary>
    /// A snapshot over the set. Members other than the first put their position in bits 24-31 of each id (slot
    /// indexes stay below 2^13), so ids stay distinct across the set.
    /// </summary>
    private List<InFlightOperation> SnapshotSet()
    {
        if (_members is not { } members)
        {
            return SnapshotInFlight();
        }

        var all = new List<InFlightOperation>();
        for (int i = 0; i < members.Length; i++)
        {
            foreach (InFlightOperation operation in members[i].SnapshotInFlight())
            {
                all.Add(i == 0 ? operation : operation with { Id = operation.Id | ((long)i << 24) });
            }
        }

        return all;
    }

    /// <summary>Disposes the other members of a set after the first (the first is disposed by its caller).</summary>
    private void DisposeOtherMembers()
    {
        if (_members is not { } members)
        {
            return;
        }

        var abandoned = new List<InFlightOperation>(Abandoned);
        for (int i = 1; i < members.Length; i++)
        {
            members[i].DisposeMember();
            abandoned.AddRange(members[i].Abandoned);
        }

        Abandoned = abandoned;
    }
}
