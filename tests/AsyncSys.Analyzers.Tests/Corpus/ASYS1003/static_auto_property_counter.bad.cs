// The wrapper counts its calls through a static auto-property: `++` on it loses updates when calls overlap.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static partial class Memfd
{
    internal static int Created { get; private set; }

    [LibraryImport("libc", EntryPoint = "memfd_create", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MemfdCreate(string name, uint flags);

    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Create(string name)
    {
        int fd = MemfdCreate(name, 1);
        if (fd >= 0)
        {
            /*~ASYS1003*/Created++;
        }

        return fd;
    }
}
