// A file reader lets several consumers read "sequentially" by keeping the cursor in a ThreadLocal<long>, as if each
// consumer had its own thread. ReadNextAsync reads the cursor, awaits the pread, and advances the cursor afterwards:
// the advance lands on whatever thread the await resumed on, so one consumer's cursor skips ahead by another's read
// and the first re-reads the same bytes forever.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.PerThread.PositionalReaderThreadLocalCursor;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PRead(int fd, byte* buffer, nuint count, long offset);
}

public sealed class PositionalReader(int fd)
{
    private readonly ThreadLocal<long> _position = new(() => 0);

    public async ValueTask<int> ReadNextAsync(Memory<byte> destination, CancellationToken ct)
    {
        long offset = _position.Value;
        nint n = await Native.PReadAsync(fd, destination, offset, ct);
        /*~ASYS1002*/_position.Value += n;
        return (int)n;
    }
}
