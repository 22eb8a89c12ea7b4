// The address of an off_t local is taken before an awaited poll and handed to sendfile after it.
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
        long offset = start;
        nint offsetAddress;
        unsafe
        {
            offsetAddress = (nint)(&offset);
        }

        await ring.PollAsync(socket, PollEvents.Out).ConfigureAwait(false);
        return Native.SendFile(socket, file, /*~ASYS1004*/offsetAddress, count);
    }
}
