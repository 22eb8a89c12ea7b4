// A pipe-to-descriptor drain reads ReadOnlySequence batches from a PipeReader and writes each segment with the blocking
// write wrapper inside the async loop, though the wrapper's generated WriteAsync exists. When the descriptor is a slow
// pipe or socket, each write blocks a thread-pool thread for as long as the peer takes to read.
using System;
using System.IO;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.Blocking.PipeDrainBlockingWrite;

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
                    nint n = /*~ASYS1007*/Native.Write(fd, rest.Span, (nuint)rest.Length);
                    if (n < 0)
                    {
                        throw new IOException($"write failed: errno {Marshal.GetLastPInvokeError()}");
                    }

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
