// A driver's pipeline flush builds its work as an async local function (so the synchronous facade can share it),
// and inside it calls the blocking send(2) wrapper for each queued command although SendAsync is generated beside it.
// The async path then blocks a thread-pool thread whenever the socket buffer is full.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.Blocking.AsyncLocalFunctionSend;

public static partial class Net
{
    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    [AsyncSyscall]
    public static partial nint Send(int fd, ReadOnlySpan<byte> buffer, nuint count, int flags);
}

public sealed class PipelineFlusher(int fd)
{
    private const int MSG_NOSIGNAL = 0x4000;

    public Task<long> FlushAsync(IReadOnlyList<byte[]> queued, CancellationToken ct)
    {
        if (queued.Count == 0) return Task.FromResult(0L);
        return Flush();

        async Task<long> Flush()
        {
            long total = 0;
            foreach (byte[] command in queued)
            {
                ct.ThrowIfCancellationRequested();
                nint n = /*~ASYS1007*/Net.Send(fd, command, (nuint)command.Length, MSG_NOSIGNAL);
                if (n < 0) throw new ErrnoException(Marshal.GetLastPInvokeError(), "send");
                total += n;
                await Task.Yield();
            }

            return total;
        }
    }
}
