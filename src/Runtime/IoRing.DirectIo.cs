using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys;

// Opening files for direct I/O through the ring.
public sealed partial class IoRing
{
    /// <summary>
    /// Opens a file with O_DIRECT (and O_CLOEXEC) added to <paramref name="flags"/>, and returns it as a
    /// <see cref="DirectFileHandle"/> that knows its alignment, so misaligned I/O on it is rejected before the kernel.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="flags">O_* flags, for example O_RDWR | O_CREAT (0x42).</param>
    /// <param name="mode">Permission bits for a created file; default 0644.</param>
    /// <param name="cancellationToken">Requests cancellation; a file opened after cancellation is closed, never returned.</param>
    /// <exception cref="ErrnoException">openat failed; EINVAL means the filesystem does not support O_DIRECT.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<DirectFileHandle> OpenDirectAsync(string path, int flags, int mode = 0x1A4, CancellationToken cancellationToken = default)
    {
        int fd = await SubmitAsync(RingRequest.OpenAt(AtCurrentDirectory, path, flags | DirectIo.OpenDirectFlag | Interop.Libc.O_CLOEXEC, mode), cancellationToken).ConfigureAwait(false);
        return DirectFileHandle.FromDescriptor(fd, path);
    }
}
