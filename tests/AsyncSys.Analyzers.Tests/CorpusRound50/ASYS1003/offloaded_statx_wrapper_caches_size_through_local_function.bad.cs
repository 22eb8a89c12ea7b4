// A static-file server wraps a stat-like call (offloaded: no ring opcode) and, factored for reuse, remembers each file's size through a local function that writes a plain static Dictionary; concurrent workers running the wrapper corrupt the dictionary.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus50.StatCacheBad;

[StructLayout(LayoutKind.Sequential)]
internal struct FileInfoBlock
{
    public long Size;
    public long ModifiedSeconds;
    public long Reserved0;
    public long Reserved1;
}

internal static unsafe partial class FileMeta
{
    private static readonly Dictionary<int, long> s_sizes = new();

    [LibraryImport("libfilemeta", EntryPoint = "filemeta_get", SetLastError = true)]
    private static partial int GetNative(int fd, FileInfoBlock* info);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Describe(int fd, [OutputValue] FileInfoBlock* info)
    {
        int rc = GetNative(fd, info);
        if (rc == 0)
        {
            Remember(fd, info->Size);
        }

        return rc;

        static void Remember(int fd, long size) => /*~ASYS1003*/s_sizes[fd] = size;
    }
}
