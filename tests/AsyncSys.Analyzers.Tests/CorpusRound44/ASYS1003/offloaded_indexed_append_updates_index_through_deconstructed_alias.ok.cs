// An offloaded indexed append records the key's offset in a static Dictionary reached through a local it deconstructs from a tuple, under a lock every append takes.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round44.IndexedAppend;

public static unsafe partial class IndexedLog
{
    private static readonly Dictionary<long, long> s_offsetByKey = new();
    private static readonly object s_gate = new();

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    private static partial nint PWrite(int fd, byte* buffer, nuint count, long offset);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static long AppendIndexed(int fd, long key, byte[] record, long offset)
    {
        nint written;
        fixed (byte* p = record)
        {
            written = PWrite(fd, p, (nuint)record.Length, offset);
        }

        if (written == record.Length)
        {
            lock (s_gate)
            {
                var (index, at) = (s_offsetByKey, offset);
                index[key] = at;
            }
        }

        return written;
    }
}
