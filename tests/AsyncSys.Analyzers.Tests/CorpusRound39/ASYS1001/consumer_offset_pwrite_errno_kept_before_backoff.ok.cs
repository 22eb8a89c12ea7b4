// The same offset commit, with errno taken right after the failed pwrite and the retry decided by a switch expression
// before the backoff delay is awaited: the await no longer sits between the call and the read.
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round39.Errno.ConsumerOffsetErrnoKept;

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
                int errno = Marshal.GetLastPInvokeError();
                bool retry = errno switch { EIntr or EAgain => true, _ => false };
                if (!retry)
                {
                    throw new ErrnoException(errno, "pwrite", "consumer offsets");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(10 << attempt), ct);
                continue;
            }

            return;
        }

        throw new TimeoutException("offset commit kept being interrupted");
    }
}
