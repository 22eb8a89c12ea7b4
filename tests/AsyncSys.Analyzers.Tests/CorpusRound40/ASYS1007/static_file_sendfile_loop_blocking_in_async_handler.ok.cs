// An async static-file handler sends the response head on the ring, then the file with the generated sendfile variant in a loop, taking the advanced offset from its result.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace StaticFiles;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "sendfile", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint SendFile(int outFd, int inFd, ref long offset, nuint count);
}

internal sealed class FileResponder(IoRing ring)
{
    public async Task<long> ServeAsync(int socket, int file, ReadOnlyMemory<byte> head, long start, long length, CancellationToken ct)
    {
        await ring.SendAsync(socket, head, MessageFlags.More, ct);
        long offset = start;
        long end = start + length;
        while (offset < end)
        {
            var result = await Libc.SendFileAsync(socket, file, offset, (nuint)Math.Min(end - offset, 1 << 20), ct);
            if (result.ReturnValue <= 0)
            {
                break;
            }

            offset = result.Offset;
        }

        return offset - start;
    }
}
