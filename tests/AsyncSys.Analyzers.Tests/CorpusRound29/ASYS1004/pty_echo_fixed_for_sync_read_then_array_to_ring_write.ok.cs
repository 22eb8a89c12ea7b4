// A simple pty tee reads the master with a synchronous read(2) through a fixed pointer into its array, and then returns
// the ring's write of the same bytes to a log file, given the array (as Memory) rather than the pointer. The pin ends
// with the synchronous read; the write gets managed memory, which AsyncSys pins for the whole operation.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.StackMemory.PtyTeeFixedSyncRead;

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static extern nint Read(int fd, byte* buffer, nuint count);
}

public sealed class PtyTee(IoRing ring, int masterFd, int logFd)
{
    private readonly byte[] _chunk = new byte[4096];
    private long _logOffset;

    public unsafe ValueTask CopyOnceAsync(CancellationToken ct)
    {
        nint n;
        fixed (byte* p = _chunk)
        {
            n = Native.Read(masterFd, p, (nuint)_chunk.Length);
        }

        if (n <= 0)
        {
            return ValueTask.CompletedTask;
        }

        long at = _logOffset;
        _logOffset += n;
        return ring.WriteAsync(logFd, _chunk.AsMemory(0, (int)n), at, ct);
    }
}
