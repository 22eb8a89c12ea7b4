// A deduplicating chunker's pack writer is an instance wrapper run on workers: it appends a chunk to the pack file and
// records the chunk's hash and pack offset in a Dictionary on the writer. Two workers inserting at once corrupt the
// dictionary (lost entries, or an infinite loop on resize), and a lost entry stores the chunk again or, worse, a later
// restore finds no offset for it.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round24.SharedState.DedupIndexDictionary;

internal static class Native
{
    [DllImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    internal static extern nint PWrite(int fd, byte[] buffer, nint count, long offset);
}

public sealed partial class PackWriter(int packFd)
{
    private readonly Dictionary<ulong, long> _offsetByHash = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public nint Append(ulong hash, byte[] chunk, long offset)
    {
        nint n = Native.PWrite(packFd, chunk, chunk.Length, offset);
        if (n == chunk.Length)
        {
            /*~ASYS1003*/_offsetByHash[hash] = offset;
        }

        return n;
    }
}
