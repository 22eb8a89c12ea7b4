// The wrapper publishes the descriptor it opened through a static auto-property.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static partial class Memfd
{
    internal static int LastCreated { get; private set; }

    [LibraryImport("libc", EntryPoint = "memfd_create", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MemfdCreate(string name, uint flags);

    [AsyncSyscall]
    internal static int Create(string name)
    {
        int fd = MemfdCreate(name, 1);
        /*~ASYS1003*/LastCreated = fd;
        return fd;
    }
}
