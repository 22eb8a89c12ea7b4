using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.Errno.FuseAuditFirst;

internal static class Posix
{
    public const int F_OK = 0;
    public const int R_OK = 4;

    [DllImport("libc", SetLastError = true)]
    public static extern int access(string path, int mode);
}

internal sealed class PassthroughHandlers
{
    private readonly string _root;
    private readonly IoRing _ring;
    private readonly ChannelWriter<string> _audit;

    public PassthroughHandlers(string root, IoRing ring, ChannelWriter<string> audit)
    {
        _root = root;
        _ring = ring;
        _audit = audit;
    }

    private string Real(string path) => Path.Combine(_root, path.TrimStart('/'));

    public async ValueTask<int> OpenForReadAsync(string path, CancellationToken cancellationToken)
    {
        string real = Real(path);
        int rc = Posix.access(real, Posix.R_OK);
        if (rc != 0)
        {
            int errno = Marshal.GetLastPInvokeError();   // on the thread that made the call
            await _audit.WriteAsync("denied read of " + path, cancellationToken);
            return -errno;
        }

        int fd = await _ring.OpenAtAsync(IoRing.AtCurrentDirectory, real, OpenFlags.ReadOnly, cancellationToken: cancellationToken);
        return fd;
    }

    public int Exists(string path)
    {
        if (Posix.access(Real(path), Posix.F_OK) != 0)
        {
            return -Marshal.GetLastPInvokeError();
        }

        return 0;
    }
}
