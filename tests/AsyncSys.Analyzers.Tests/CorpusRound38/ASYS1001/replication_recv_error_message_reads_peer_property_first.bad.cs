// A WAL replication receiver reads CopyData frames with recv(2). On failure it throws with a message naming the primary
// it streams from: `Peer` is a lazy property whose first read calls getpeername(2) (SetLastError). The interpolation
// evaluates Peer before the errno hole, so the message says "Success" (getpeername's saved 0) instead of ECONNRESET,
// and the standby's supervisor, which decides from the message whether to reconnect, gives up.
using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Round38.Errno.ReplicationRecvPeerProperty;

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
                throw new IOException($"recv from {Peer} failed: {/*~ASYS1001*/Marshal.GetLastPInvokeErrorMessage()}");
            }

            return (int)n;
        }
    }
}
