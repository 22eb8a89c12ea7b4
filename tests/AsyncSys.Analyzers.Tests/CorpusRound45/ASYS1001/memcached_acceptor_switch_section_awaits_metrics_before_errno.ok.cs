// A Memcached-protocol acceptor switches on accept4's result and, in the failure section, keeps errno in a local before awaiting a metrics callback (ConfigureAwait(false)).
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus45.MemcachedAcceptorOk;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "accept4", SetLastError = true)]
    internal static partial int Accept4(int fd, nint address, nint addressLength, int flags);
}

internal sealed class MemcachedAcceptor(int listener, Func<string, ValueTask> countFailure)
{
    private const int SOCK_CLOEXEC = 0x80000;
    private const int EAGAIN = 11;

    public async ValueTask<int?> AcceptOneAsync()
    {
        int client = Native.Accept4(listener, 0, 0, SOCK_CLOEXEC);
        switch (client)
        {
            case >= 0:
                return client;
            default:
                int errno = Marshal.GetLastPInvokeError();
                await countFailure("accept").ConfigureAwait(false);
                return errno == EAGAIN ? null : throw new ErrnoException(errno, "accept4");
        }
    }
}
