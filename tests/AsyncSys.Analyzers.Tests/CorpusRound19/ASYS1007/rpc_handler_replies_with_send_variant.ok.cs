// The same RPC handler awaiting the generated SendAsync: no thread waits while the client is slow.
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.Blocking.RpcHandlerSendVariant;

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
        await Native.SendAsync(socketFd, reply, MSG_NOSIGNAL, ct);
    }
}
