// A compaction writes its output segments concurrently, each in an async lambda given to Task.WhenAll that calls the blocking fdatasync wrapper after its awaited write.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round44.CompactionSync;

public static partial class Native
{
    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    public static partial int Fdatasync(int fd);
}

public sealed record OutputSegment(int Fd, ReadOnlyMemory<byte> Data);

public sealed class CompactionWriter
{
    private readonly IoRing _ring;

    public CompactionWriter(IoRing ring) => _ring = ring;

    public Task WriteOutputsAsync(IReadOnlyList<OutputSegment> outputs, CancellationToken ct) =>
        Task.WhenAll(outputs.Select(async output =>
        {
            await _ring.WriteAsync(output.Fd, output.Data, 0, ct);
            /*~ASYS1007*/Native.Fdatasync(output.Fd);
        }));
}
