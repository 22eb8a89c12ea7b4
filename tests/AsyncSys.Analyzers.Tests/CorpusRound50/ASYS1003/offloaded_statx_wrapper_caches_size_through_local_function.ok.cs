// A static-file server wraps a stat-like call (offloaded: no ring opcode) and remembers each file's size through a local function that writes a ConcurrentDictionary, which concurrent workers may update at once.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus50.StatCacheOk;

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
    private static readonly ConcurrentDictionary<int, long> s_sizes = new();

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

        static void Remember(int fd, long size) => s_sizes[fd] = size;
    }
}
