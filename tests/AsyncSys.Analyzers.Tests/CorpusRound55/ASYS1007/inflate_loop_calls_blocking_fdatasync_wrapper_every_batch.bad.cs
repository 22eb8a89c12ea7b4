// A restore job inflates a backup's zlib-compressed chunks and writes each one through the ring; every eighth chunk it makes the data durable with the generated fdatasync wrapper's blocking form, called directly inside the async loop, so a thread-pool thread sits in the syscall for the whole flush.
using System;
using System.IO;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus55.InflateFdatasyncBad;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fdatasync(int fd);
}

internal sealed class RestoreJob(IoRing ring, int targetFd)
{
    public async Task<long> RestoreAsync(byte[][] compressedChunks, CancellationToken ct)
    {
        byte[] plain = new byte[1 << 20];
        long offset = 0;
        for (int i = 0; i < compressedChunks.Length; i++)
        {
            int length;
            using (var inflater = new ZLibStream(new MemoryStream(compressedChunks[i], writable: false), CompressionMode.Decompress))
            {
                length = inflater.ReadAtLeast(plain, plain.Length, throwOnEndOfStream: false);
            }

            await ring.WriteAsync(targetFd, plain.AsMemory(0, length), offset, ct).ConfigureAwait(false);
            offset += length;
            if (i % 8 == 7 && /*~ASYS1007*/Native.Fdatasync(targetFd) < 0)
            {
                throw new IOException("fdatasync failed, errno " + Marshal.GetLastPInvokeError());
            }
        }

        return offset;
    }
}
