// An async iterator yields a marker for a failed read, then reads errno: the consumer ran (and may have awaited) in between.
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(int fd, byte[] buffer, nuint count);
}

internal static class Tail
{
    public static async IAsyncEnumerable<int> ChunksAsync(int fd, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[4096];
        while (!cancellationToken.IsCancellationRequested)
        {
            nint n = Native.Read(fd, buffer, (nuint)buffer.Length);
            if (n > 0)
            {
                yield return (int)n;
                continue;
            }

            if (n < 0)
            {
                yield return -1;
                if (/*~ASYS1001*/Marshal.GetLastPInvokeError() != Errno.EAGAIN)
                {
                    yield break;
                }
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
