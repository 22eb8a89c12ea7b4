// errno read for a managed wrapper's failure before the await that logs it.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static unsafe partial class Sys
{
    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    private static partial int Connect(int fd, byte* address, uint length);

    internal static int Connect(int fd, ReadOnlySpan<byte> address)
    {
        fixed (byte* p = address)
        {
            return Connect(fd, p, (uint)address.Length);
        }
    }
}

internal sealed class Client(TextWriter log)
{
    public async Task ConnectAsync(int fd, byte[] address)
    {
        if (Sys.Connect(fd, address) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            await log.WriteLineAsync("connect failed on " + fd);
            throw new ErrnoException(errno, "connect");
        }
    }
}
