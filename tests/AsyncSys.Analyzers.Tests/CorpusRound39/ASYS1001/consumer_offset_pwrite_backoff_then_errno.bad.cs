// A consumer group coordinator commits offsets with a small synchronous pwrite into its offsets file and retries
// interruptions with a backoff. On failure it awaits the backoff delay before it reads errno: the method resumes on a
// pool thread whose errno belongs to whatever that thread ran last, so an ENOSPC can read as EINTR (retried forever) or
// an EINTR as a fatal error (the group rebalances for nothing).
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round39.Errno.ConsumerOffsetBackoffFirst;

internal static class Native
{
    [DllImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    internal static extern nint PWrite(int fd, byte[] buffer, nuint count, long offset);
}

public sealed class ConsumerOffsetStore(int offsetsFd)
{
    private const int EIntr = 4;
    private const int EAgain = 11;

    public async Task CommitAsync(int slot, long offset, CancellationToken ct)
    {
        byte[] record = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(record, offset);
        for (int attempt = 0; attempt < 5; attempt++)
        {
            nint written = Native.PWrite(offsetsFd, record, (nuint)record.Length, slot * 8L);
            if (written < 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10 << attempt), ct);
                int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
                if (errno != EIntr && errno != EAgain)
                {
                    throw new ErrnoException(errno, "pwrite", "consumer offsets");
                }

                continue;
            }

            return;
        }

        throw new TimeoutException("offset commit kept being interrupted");
    }
}
