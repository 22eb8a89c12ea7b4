// The descriptor is only returned; callers keep it.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static partial class Memfd
{
    [LibraryImport("libc", EntryPoint = "memfd_create", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MemfdCreate(string name, uint flags);

    [AsyncSyscall]
    internal static int Create(string name)
    {
        int fd = MemfdCreate(name, 1);
        return fd;
    }
}
