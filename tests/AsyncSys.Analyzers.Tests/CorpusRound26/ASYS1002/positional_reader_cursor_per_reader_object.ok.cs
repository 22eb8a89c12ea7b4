// The positional reader made right: each consumer gets its own reader object and the cursor is an ordinary field of it,
// advanced after the pread on whatever thread resumes; no per-thread state is involved.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.PerThread.PositionalReaderCursorField;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PRead(int fd, byte* buffer, nuint count, long offset);
}

public sealed class PositionalReader(int fd)
{
    private long _position;

    public async ValueTask<int> ReadNextAsync(Memory<byte> destination, CancellationToken ct)
    {
        nint n = await Native.PReadAsync(fd, destination, _position, ct);
        _position += n;
        return (int)n;
    }
}
