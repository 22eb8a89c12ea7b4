using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys;

// Whole transfers: a read or write may move fewer bytes than asked (a signal, a short NOWAIT write on AIO,
// a full disk, a pipe); these retry the remainder, the same way on every backend.
public sealed partial class IoRing
{
    /// <summary>
    /// Reads exactly <paramref name="buffer"/>.Length bytes starting at <paramref name="offset"/>, issuing further
    /// reads for the remainder after a short one.
    /// </summary>
    /// <param name="fd">An open descriptor; referenced until the last read has completed.</param>
    /// <param name="buffer">Filled completely on success; pinned while each read is in flight.</param>
    /// <param name="offset">The file offset, or -1 to read at (and advance) the file position.</param>
    /// <param name="cancellationToken">Requests cancellation; bytes read by completed reads stay in the buffer.</param>
    /// <exception cref="EndOfStreamException">End of file came before the buffer was full (the message says how much was read).</exception>
    /// <exception cref="ErrnoException">A read failed.</exception>
    /// <exception cref="ArgumentException">On a <see cref="DirectFileHandle"/>: the buffer, offset or length is not aligned.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask ReadExactlyAsync(SafeHandle fd, Memory<byte> buffer, long offset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fd);
        ArgumentOutOfRangeException.ThrowIfLessThan(offset, -1);
        int done = 0;
        while (done < buffer.Length)
        {
            long at = offset < 0 ? -1 : offset + done;
            int read = await ReadAsync(fd, buffer[done..], at, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw EndOfFile(offset, done, buffer.Length);
            }

            done += read;

            // An O_DIRECT read is only short at end of file; asking for the rest would be a misaligned request.
            if (done < buffer.Length && fd is DirectFileHandle direct && (done % direct.OffsetAlignment) != 0)
            {
                throw EndOfFile(offset, done, buffer.Length);
            }
        }
    }

    /// <summary>
    /// Writes all of <paramref name="buffer"/> starting at <paramref name="offset"/>, issuing further writes for the
    /// remainder after a short one.
    /// </summary>
    /// <param name="fd">An open descriptor; referenced until the last write has completed.</param>
    /// <param name="buffer">The bytes; pinned while each write is in flight.</param>
    /// <param name="offset">The file offset, or -1 to write at (and advance) the file position.</param>
    /// <param name="cancellationToken">Requests cancellation; bytes written by completed writes stay written.</param>
    /// <exception cref="IOException">A write made no progress (0 bytes written).</exception>
    /// <exception cref="ErrnoException">A write failed (ENOSPC, for example).</exception>
    /// <exception cref="ArgumentException">On a <see cref="DirectFileHandle"/>: the buffer, offset or length (or a short write's remainder) is not aligned.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteAllAsync(SafeHandle fd, ReadOnlyMemory<byte> buffer, long offset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fd);
        ArgumentOutOfRangeException.ThrowIfLessThan(offset, -1);
        int done = 0;
        while (done < buffer.Length)
        {
            long at = offset < 0 ? -1 : offset + done;
            int written = await WriteAsync(fd, buffer[done..], at, cancellationToken).ConfigureAwait(false);
            if (written <= 0)
            {
                throw new IOException(FormattableString.Invariant($"The write at offset {at} made no progress: {done} of {buffer.Length} bytes written."));
            }

            done += written;
        }
    }

    private static EndOfStreamException EndOfFile(long offset, int done, int wanted) =>
        new(offset < 0
            ? FormattableString.Invariant($"End of file after {done} of {wanted} bytes.")
            : FormattableString.Invariant($"End of file at offset {offset + done}: {done} of {wanted} bytes read from offset {offset}."));
}
