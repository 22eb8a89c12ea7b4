// The async iterator's finally awaits the generated close variant.
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round2;

internal static partial class Files
{
    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Close(int fd);
}

internal static class Blocks
{
    public static async IAsyncEnumerable<int> ReadBlocksAsync(IoRing ring, int fd, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        byte[] block = new byte[4096];
        try
        {
            long offset = 0;
            int n;
            while ((n = await ring.ReadAsync(fd, block, offset, cancellationToken)) > 0)
            {
                offset += n;
                yield return n;
            }
        }
        finally
        {
            await Files.CloseAsync(ring, fd, CancellationToken.None);
        }
    }
}
