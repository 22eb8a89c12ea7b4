// A restore job inflates a backup's zlib-compressed chunks and writes each one through the ring; every eighth chunk it awaits the generated fdatasync variant, so no thread waits in the syscall.
using System;
using System.IO;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus55.InflateFdatasyncOk;

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
            if (i % 8 == 7)
            {
                await Native.FdatasyncAsync(ring, targetFd, ct).ConfigureAwait(false);
            }
        }

        return offset;
    }
}
