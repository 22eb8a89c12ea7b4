using System;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Samples.DirectHasher;

/// <summary>
/// SHA-256 of a file read with O_DIRECT through the ring: <c>depth</c> aligned buffers, each with its read in
/// flight, hashed strictly in file order as they complete.
/// </summary>
internal static class DirectHasher
{
    /// <summary>The file's hash, how many bytes were hashed, whether the kernel had O_DIRECT set on the descriptor, and why not.</summary>
    public readonly record struct Result(byte[] Hash, long Bytes, bool Direct, string? Fallback);

    public static async Task<Result> HashAsync(IoRing ring, string path, int blockSize, int depth, CancellationToken cancellationToken)
    {
        bool direct = true;
        string? fallback = null;
        int fd;
        try
        {
            fd = await Libc.OpenAtAsync(ring, IoRing.AtCurrentDirectory, path, Libc.ReadOnly | Libc.CloseOnExec | Libc.Direct, 0, cancellationToken).ConfigureAwait(false);
        }
        catch (ErrnoException e) when (e.ErrnoName == "EINVAL")
        {
            // tmpfs (before Linux 6.6) and some FUSE filesystems refuse O_DIRECT; the hash is still worth having.
            direct = false;
            fallback = $"O_DIRECT refused by this filesystem ({e.ErrnoName}); reading through the page cache";
            fd = await Libc.OpenAtAsync(ring, IoRing.AtCurrentDirectory, path, Libc.ReadOnly | Libc.CloseOnExec, 0, cancellationToken).ConfigureAwait(false);
        }

        // Ask the kernel, not our own flags, whether the descriptor really bypasses the page cache.
        direct = direct && DescriptorHasFlag(fd, Libc.Direct);

        var buffers = new AlignedBuffer[depth];
        var reads = new ValueTask<nint>[depth];
        var inFlight = new bool[depth]; // issued and not yet awaited: each read is awaited exactly once
        try
        {
            for (int i = 0; i < depth; i++)
            {
                buffers[i] = new AlignedBuffer(blockSize);
            }

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long nextOffset = 0;
            for (int i = 0; i < depth; i++)
            {
                Issue(i);
            }

            // Slot i always holds the next block after slot i-1's, so visiting slots round-robin hashes in file order.
            long total = 0;
            bool atEnd = false;
            for (int slot = 0; inFlight[slot]; slot = (slot + 1) % depth)
            {
                int read = (int)await reads[slot].ConfigureAwait(false);
                inFlight[slot] = false;
                if (atEnd)
                {
                    continue; // a block past the end of the file: its read returned 0
                }

                hash.AppendData(buffers[slot].GetSpan()[..read]);
                total += read;
                if (read < blockSize)
                {
                    // Always whole aligned blocks are asked for; a short one is how O_DIRECT reports the end of the file.
                    atEnd = true;
                    continue;
                }

                Issue(slot);
            }

            return new Result(hash.GetHashAndReset(), total, direct, fallback);

            void Issue(int slot)
            {
                reads[slot] = Libc.PReadAsync(ring, fd, buffers[slot].Memory, nextOffset, cancellationToken);
                inFlight[slot] = true;
                nextOffset += blockSize;
            }
        }
        finally
        {
            // On failure, wait for the reads still in flight before freeing: the kernel may be writing into their buffers.
            for (int i = 0; i < depth; i++)
            {
                if (inFlight[i])
                {
                    try
                    {
                        await reads[i].ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is ErrnoException or OperationCanceledException)
                    {
                        // The first failure is the one being reported.
                    }
                }
            }

            foreach (AlignedBuffer? buffer in buffers)
            {
                ((IDisposable?)buffer)?.Dispose();
            }

            await Libc.CloseAsync(ring, fd, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the descriptor's open flags from /proc/self/fdinfo (an octal "flags:" line).</summary>
    private static bool DescriptorHasFlag(int fd, int flag)
    {
        foreach (string line in System.IO.File.ReadLines($"/proc/self/fdinfo/{fd}"))
        {
            if (line.StartsWith("flags:", StringComparison.Ordinal))
            {
                return (Convert.ToInt32(line["flags:".Length..].Trim(), 8) & flag) != 0;
            }
        }

        return false;
    }
}
