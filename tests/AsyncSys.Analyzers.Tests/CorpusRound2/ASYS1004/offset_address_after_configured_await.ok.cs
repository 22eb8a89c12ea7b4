// The off_t local and its address live in a synchronous helper called after the await.
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "sendfile", SetLastError = true)]
    internal static partial nint SendFile(int outFd, int inFd, nint offset, nuint count);
}

internal static class Static
{
    public static async Task<nint> ServeAsync(IoRing ring, int socket, int file, long start, nuint count)
    {
        await ring.PollAsync(socket, PollEvents.Out).ConfigureAwait(false);
        return Send(socket, file, start, count);
    }

    private static unsafe nint Send(int socket, int file, long start, nuint count)
    {
        long offset = start;
        return Native.SendFile(socket, file, (nint)(&offset), count);
    }
}
