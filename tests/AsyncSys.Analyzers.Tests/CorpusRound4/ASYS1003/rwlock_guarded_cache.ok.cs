using System.Collections.Generic;
using System.IO;
using System.Threading;
using AsyncSys;

namespace Round4.Shared.RwLockCache;

public static partial class Sizes
{
    private static readonly ReaderWriterLockSlim s_gate = new();
    private static readonly Dictionary<string, long> s_sizes = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static long SizeOf(string path)
    {
        long size = new FileInfo(path).Length;
        s_gate.EnterWriteLock();
        try
        {
            s_sizes[path] = size;
        }
        finally
        {
            s_gate.ExitWriteLock();
        }

        return size;
    }
}
