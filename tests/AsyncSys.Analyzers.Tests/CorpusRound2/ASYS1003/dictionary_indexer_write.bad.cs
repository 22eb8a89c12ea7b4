// An offloaded wrapper records each descriptor's path in a static Dictionary: overlapping calls corrupt it.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round2;

internal static partial class Opener
{
    private static readonly Dictionary<int, string> s_paths = new();

    [LibraryImport("libc", EntryPoint = "creat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int CreatRaw(string path, uint mode);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Create(string path, uint mode)
    {
        int fd = CreatRaw(path, mode);
        if (fd >= 0)
        {
            /*~ASYS1003*/s_paths[fd] = path;
        }

        return fd;
    }
}
