using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round7.Errno.LsmCompactionOk;

internal static unsafe class CompactionNative
{
    [DllImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    public static extern nint Pwrite(int fd, byte* buffer, nint count, long offset);
}

internal sealed class CompactionMetrics
{
    private long _failedBlocks;
    public void BlockFailed() => _failedBlocks++;
    public long FailedBlocks => _failedBlocks;
}

/// <summary>Writes the merged blocks of an LSM compaction; errno is taken before the metrics call.</summary>
internal sealed unsafe class TableWriter(int fd, CompactionMetrics metrics)
{
    private const int EINTR = 4;

    public long WriteBlocks(IReadOnlyList<byte[]> blocks)
    {
        long offset = 0;
        for (int i = 0; i < blocks.Count; i++)
        {
            byte[] block = blocks[i];
            nint written;
            int errno = 0;
            fixed (byte* p = block)
            {
                written = CompactionNative.Pwrite(fd, p, block.Length, offset);
                if (written < 0)
                {
                    errno = Marshal.GetLastPInvokeError();
                }
            }

            if (written < 0)
            {
                metrics.BlockFailed();
                if (errno == EINTR)
                {
                    i--;
                    continue;
                }

                throw new ErrnoException(errno, "pwrite");
            }

            offset += written;
        }

        return offset;
    }
}
