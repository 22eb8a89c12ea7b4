// The same record kept in a ConcurrentDictionary, which is safe to write from overlapping calls.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round2;

internal static partial class Opener
{
    private static readonly ConcurrentDictionary<int, string> s_paths = new();

    [LibraryImport("libc", EntryPoint = "creat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int CreatRaw(string path, uint mode);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Create(string path, uint mode)
    {
        int fd = CreatRaw(path, mode);
        if (fd >= 0)
        {
            s_paths[fd] = path;
        }

        return fd;
    }
}
