// The count is a field changed with Interlocked, exposed through a read-only property.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Corpus;

internal static partial class Memfd
{
    private static int s_created;

    internal static int Created => Volatile.Read(ref s_created);

    [LibraryImport("libc", EntryPoint = "memfd_create", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MemfdCreate(string name, uint flags);

    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Create(string name)
    {
        int fd = MemfdCreate(name, 1);
        if (fd >= 0)
        {
            Interlocked.Increment(ref s_created);
        }

        return fd;
    }
}
