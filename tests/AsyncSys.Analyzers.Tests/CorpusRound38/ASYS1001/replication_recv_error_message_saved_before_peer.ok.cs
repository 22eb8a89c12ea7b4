// A WAL replication receiver reads CopyData frames with recv(2). On failure it takes the error message right after the
// call, then builds the exception text with the lazy `Peer` property (whose first read calls getpeername(2)): the
// message carries recv's ECONNRESET, and the supervisor reconnects.
using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Round38.Errno.ReplicationRecvMessageSaved;

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "recv", SetLastError = true)]
    internal static extern nint Recv(int fd, byte* buffer, nuint length, int flags);

    [DllImport("libc", EntryPoint = "getpeername", SetLastError = true)]
    internal static extern int GetPeerName(int fd, byte* address, int* addressLength);
}

public sealed unsafe class WalReceiver(int fd)
{
    private string? _peer;

    public string Peer
    {
        get
        {
            if (_peer is null)
            {
                byte* address = stackalloc byte[128];
                int length = 128;
                _peer = Native.GetPeerName(fd, address, &length) == 0
                    ? Convert.ToHexString(new ReadOnlySpan<byte>(address, length))
                    : "unknown";
            }

            return _peer;
        }
    }

    public int ReadFrame(byte[] frame)
    {
        fixed (byte* p = frame)
        {
            nint n = Native.Recv(fd, p, (nuint)frame.Length, 0);
            if (n < 0)
            {
                string error = Marshal.GetLastPInvokeErrorMessage();
                throw new IOException($"recv from {Peer} failed: {error}");
            }

            return (int)n;
        }
    }
}
