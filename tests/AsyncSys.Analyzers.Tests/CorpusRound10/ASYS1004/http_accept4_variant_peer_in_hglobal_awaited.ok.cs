using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round10.Stack.HttpAccept4Ok;

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
    private const int AddressSpace = 128;

    public async ValueTask<(int Fd, byte[] Peer)> AcceptNextAsync(CancellationToken cancellationToken)
    {
        nint block = Marshal.AllocHGlobal(AddressSpace + sizeof(uint));   // address, then its length
        try
        {
            Marshal.WriteInt32(block, AddressSpace, AddressSpace);
            int fd = await Native.Accept4Async(ring, listenFd, block, block + AddressSpace, SOCK_CLOEXEC, cancellationToken);
            int length = Math.Min(Marshal.ReadInt32(block, AddressSpace), AddressSpace);
            byte[] peer = new byte[length];
            Marshal.Copy(block, peer, 0, length);
            return (fd, peer);
        }
        finally
        {
            Marshal.FreeHGlobal(block);   // freed only after the accept completed (or failed)
        }
    }
}
