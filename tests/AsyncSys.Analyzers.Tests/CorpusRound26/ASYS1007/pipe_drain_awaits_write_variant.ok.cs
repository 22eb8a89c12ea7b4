// The pipe drain made right: each segment is written with the wrapper's generated WriteAsync, awaited, so no thread
// blocks while the peer is slow.
using System;
using System.IO;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.Blocking.PipeDrainAwaitsWrite;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint Write(int fd, ReadOnlySpan<byte> buffer, nuint count);
}

public static class PipeDrain
{
    public static async Task<long> DrainAsync(PipeReader reader, int fd, CancellationToken ct)
    {
        long total = 0;
        while (true)
        {
            ReadResult result = await reader.ReadAsync(ct);
            foreach (ReadOnlyMemory<byte> segment in result.Buffer)
            {
                ReadOnlyMemory<byte> rest = segment;
                while (!rest.IsEmpty)
                {
                    nint n = await Native.WriteAsync(fd, rest, ct);
                    rest = rest[(int)n..];
                    total += n;
                }
            }

            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return total;
            }
        }
    }
}
