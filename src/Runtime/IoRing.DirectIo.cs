using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys;

// Opening files for direct I/O through the ring.
public sealed partial class IoRing
{
    /// <summary>
    /// Opens a file with <see cref="OpenFlags.Direct"/> and <see cref="OpenFlags.CloseOnExec"/> added to <paramref name="flags"/>,
    /// and returns it as a <see cref="DirectFileHandle"/> that knows its alignment, so misaligned I/O on it is rejected before the kernel.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="flags">How to open it, for example <c>OpenFlags.ReadWrite | OpenFlags.Create</c>.</param>
    /// <param name="mode">Permission bits for a created file, before the umask; default <c>0644</c> (rw-r--r--).</param>
    /// <param name="cancellationToken">Requests cancellation; a file opened after cancellation is closed, never returned.</param>
    /// <returns>The open file; dispose it to close it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or contains a NUL character.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> has bits outside <c>07777</c>.</exception>
    /// <exception cref="ErrnoException">openat failed; EINVAL means the filesystem does not support O_DIRECT.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel opened it.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<DirectFileHandle> OpenDirectAsync(string path, OpenFlags flags, UnixFileMode mode = DefaultCreateMode, CancellationToken cancellationToken = default)
    {
        RingRequest request = RingRequest.OpenAt(AtCurrentDirectory, path, flags | OpenFlags.Direct | OpenFlags.CloseOnExec, mode);
        return OpenDirectCoreAsync(request, path, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<DirectFileHandle> OpenDirectCoreAsync(RingRequest request, string path, CancellationToken cancellationToken)
    {
        int fd = await SubmitAsync(request, cancellationToken).ConfigureAwait(false);
        return DirectFileHandle.FromDescriptor(fd, path);
    }
}
