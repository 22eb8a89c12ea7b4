using System;
using AsyncSys.Operations;

namespace AsyncSys.Bench.Probes;

/// <summary>
/// A public door to the op table for the BenchmarkDotNet project: the runtime grants its internals only to an
/// assembly named AsyncSys.Bench, and the micro-benchmarks must use public APIs, so they call this.
/// </summary>
/// <remarks>Measures rent + give-back of an unused slot (the admission path of every op), not an op's completion.</remarks>
public sealed class OperationTableProbe : IDisposable
{
    private readonly IoRing _ring;

    /// <summary>Creates a ring on the workers backend (no kernel ring needed) whose table is probed.</summary>
    /// <param name="capacity">The table's size.</param>
    public OperationTableProbe(int capacity = 1024) =>
        _ring = IoRing.Create(new IoRingOptions { Backend = IoBackend.Workers, Capacity = capacity, Name = "probe" });

    /// <summary>Rents a slot and gives it back unused; false if the table was full.</summary>
    public bool RentAndReturn()
    {
        OperationTable table = _ring.Table;
        if (!table.TryRent(out Operation operation))
        {
            return false;
        }

        table.Unadmit(operation);
        return true;
    }

    /// <inheritdoc/>
    public void Dispose() => _ring.Dispose();
}
