// A spool reads frames from a PipeReader and reserves file space for each with an offloaded fallocate wrapper; several connections' consumers run the wrapper at once on pool threads, and it adds to the static reserved-bytes total with Interlocked.Add, so no update is lost.
using System;
using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus52.SpoolFallocateTotalOk;

internal static partial class Space
{
    internal static long s_reservedBytes;

    [LibraryImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    private static partial int FallocateNative(int fd, int mode, long offset, long length);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Reserve(int fd, long offset, long length)
    {
        int rc = FallocateNative(fd, 0, offset, length);
        if (rc == 0)
        {
            Interlocked.Add(ref s_reservedBytes, length);
        }

        return rc;
    }
}

internal sealed class Spool(IoRing ring, int fd, PipeReader input)
{
    private long _tail;

    public async Task ConsumeAsync(CancellationToken ct)
    {
        while (true)
        {
            ReadResult result = await input.ReadAsync(ct).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            if (buffer.Length > 0)
            {
                await Space.ReserveAsync(ring, fd, _tail, buffer.Length, ct).ConfigureAwait(false);
                foreach (ReadOnlyMemory<byte> segment in buffer)
                {
                    await ring.WriteAsync(fd, segment, _tail, ct).ConfigureAwait(false);
                    _tail += segment.Length;
                }
            }

            input.AdvanceTo(buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }
    }
}
