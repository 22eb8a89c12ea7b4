// An offloaded indexed append records the key's offset in a static Dictionary reached through a local it deconstructs from a tuple: concurrent appends on the workers corrupt the dictionary.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round44.IndexedAppend;

public static unsafe partial class IndexedLog
{
    private static readonly Dictionary<long, long> s_offsetByKey = new();

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
            var (index, at) = (s_offsetByKey, offset);
            /*~ASYS1003*/index[key] = at;
        }

        return written;
    }
}
