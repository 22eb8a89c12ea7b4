using System.Collections.Generic;
using System.IO;
using AsyncSys;

namespace Round4.Shared.LazyCache;

public static partial class Sizes
{
    private static Dictionary<string, long>? s_sizes;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static long SizeOf(string path)
    {
        long size = new FileInfo(path).Length;
        /*~ASYS1003*/s_sizes ??= new Dictionary<string, long>();
        /*~ASYS1003*/s_sizes[path] = size;
        return size;
    }
}
