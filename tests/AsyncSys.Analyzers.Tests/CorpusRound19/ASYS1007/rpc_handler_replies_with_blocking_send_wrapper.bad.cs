// An async RPC handler decodes a request, awaits the service call, then writes the reply with the blocking `send`
// wrapper instead of its generated SendAsync. When the client's receive window is full the send blocks a thread-pool
// thread for as long as the client is slow; a few slow clients starve the pool and every other request stalls.
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.Blocking.RpcHandlerBlockingSend;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint Send(int fd, ReadOnlySpan<byte> buffer, nuint length, int flags);
}

public sealed class RpcHandler(Func<uint, ReadOnlyMemory<byte>, CancellationToken, Task<byte[]>> service)
{
    private const int MSG_NOSIGNAL = 0x4000;

    public async Task HandleAsync(int socketFd, uint callId, ReadOnlyMemory<byte> request, CancellationToken ct)
    {
        byte[] body = await service(callId, request, ct);
        byte[] reply = new byte[8 + body.Length];
        BinaryPrimitives.WriteInt32BigEndian(reply, 4 + body.Length);
        BinaryPrimitives.WriteUInt32BigEndian(reply.AsSpan(4), callId);
        body.CopyTo(reply, 8);
        nint sent = /*~ASYS1007*/Native.Send(socketFd, reply, (nuint)reply.Length, MSG_NOSIGNAL);
        if (sent < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "send");
        }
    }
}
