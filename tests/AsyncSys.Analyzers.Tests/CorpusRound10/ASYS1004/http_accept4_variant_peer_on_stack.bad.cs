using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round10.Stack.HttpAccept4;

[StructLayout(LayoutKind.Sequential, Size = 128)]
internal struct SockAddrStorage
{
    public ushort Family;
}

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "accept4", SetLastError = true)]
    [AsyncSyscall]
    internal static unsafe partial int Accept4(int fd, byte* address, uint* addressLength, int flags);
}

/// <summary>
/// An HTTP/1.1 server's acceptor: each accepted connection's peer address goes into the access log, so accept4 is
/// given room for it. The generated Accept4Async submits IORING_OP_ACCEPT, which writes both when a client arrives.
/// </summary>
internal sealed class Http1Acceptor(IoRing ring, int listenFd)
{
    private const int SOCK_CLOEXEC = 0x80000;

    public unsafe ValueTask<int> AcceptNext(CancellationToken cancellationToken)
    {
        SockAddrStorage peer = default;
        uint length = (uint)sizeof(SockAddrStorage);
        return Native.Accept4Async(
            ring,
            listenFd,
            /*~ASYS1004*/(nint)(&peer),      // this frame is gone long before a client connects
            /*~ASYS1004*/(nint)(&length),
            SOCK_CLOEXEC,
            cancellationToken);
    }
}
