// The pack writer made right: the hash index is a ConcurrentDictionary, built for concurrent inserts from the workers.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round24.SharedState.DedupIndexDictionaryOk;

internal static class Native
{
    [DllImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    internal static extern nint PWrite(int fd, byte[] buffer, nint count, long offset);
}

public sealed partial class PackWriter(int packFd)
{
    private readonly ConcurrentDictionary<ulong, long> _offsetByHash = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public nint Append(ulong hash, byte[] chunk, long offset)
    {
        nint n = Native.PWrite(packFd, chunk, chunk.Length, offset);
        if (n == chunk.Length)
        {
            _offsetByHash[hash] = offset;
        }

        return n;
    }
}
