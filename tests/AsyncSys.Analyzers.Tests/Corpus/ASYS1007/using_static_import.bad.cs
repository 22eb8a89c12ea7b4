// A wrapper called through `using static`, unqualified, in an async method.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using static Corpus.Libc;

namespace Corpus;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "unlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    [AsyncSyscall]
    internal static partial int Unlink(string path);
}

internal static class Cleanup
{
    public static async Task RemoveAsync(IoRing ring, int fd, string path, CancellationToken cancellationToken)
    {
        await ring.CloseAsync(fd, cancellationToken);
        /*~ASYS1007*/Unlink(path);
    }
}
