// The async iterator awaits the generated getdents variant.
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "getdents64", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint GetDents(int fd, Span<byte> buffer, nuint count);
}

internal static class Directory
{
    public static async IAsyncEnumerable<int> BatchSizesAsync(IoRing ring, int fd, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        byte[] buffer = new byte[32 * 1024];
        while (true)
        {
            nint n = await Libc.GetDentsAsync(fd, buffer, cancellationToken);
            if (n <= 0)
            {
                yield break;
            }

            yield return (int)n;
        }
    }
}
