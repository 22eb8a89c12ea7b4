// A P/Invoke without [AsyncSyscall] (no variant exists) called in async code.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static partial class Sys
{
    [LibraryImport("libc", EntryPoint = "getpid")]
    internal static partial int GetPid();
}

internal static class PidFile
{
    public static async Task WriteAsync(IoRing ring, int fd, CancellationToken cancellationToken)
    {
        byte[] text = System.Text.Encoding.ASCII.GetBytes(Sys.GetPid() + "\n");
        await ring.WriteAsync(fd, text, 0, cancellationToken);
    }
}
