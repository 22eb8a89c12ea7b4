// A backup writer keeps a running SHA-256 of the archive in a static IncrementalHash and feeds it from its pwrite wrapper; offloaded (no ring opcode), the wrapper runs on several workers at once for the parallel chunk writes, and their AppendData calls race inside the one hasher (a corrupt digest, or an exception from its state).
using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus55.StaticChecksumBad;

internal static unsafe partial class Archive
{
    internal static readonly IncrementalHash s_archiveDigest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    private static partial nint PwriteNative(int fd, byte* buffer, nuint count, long offset);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static nint WriteChunk(int fd, [InputBuffer(nameof(count))] byte* buffer, nuint count, long offset)
    {
        nint written = PwriteNative(fd, buffer, count, offset);
        if (written > 0)
        {
            /*~ASYS1003*/s_archiveDigest.AppendData(new ReadOnlySpan<byte>(buffer, (int)written));
        }

        return written;
    }
}

internal sealed class BackupWriter(IoRing ring, int archiveFd)
{
    public async Task WriteAllAsync(byte[] image, int chunkSize, int chunks, CancellationToken ct)
    {
        var writes = new Task[chunks];
        for (int i = 0; i < chunks; i++)
        {
            long offset = (long)i * chunkSize;
            writes[i] = Archive.WriteChunkAsync(ring, archiveFd, image.AsMemory((int)offset, chunkSize), offset, ct).AsTask();
        }

        await Task.WhenAll(writes).ConfigureAwait(false);
    }
}
