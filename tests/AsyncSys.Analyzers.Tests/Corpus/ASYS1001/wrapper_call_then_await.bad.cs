// errno read for a managed wrapper's failure, but after an await that ran in between.
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
            await log.WriteLineAsync("connect failed on " + fd);
            throw new ErrnoException(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "connect");
        }
    }
}
