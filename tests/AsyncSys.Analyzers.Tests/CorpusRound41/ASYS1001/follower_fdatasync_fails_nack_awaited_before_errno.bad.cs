// A Raft follower makes appended entries durable with a plain fdatasync before acknowledging; when it fails it first sends the leader a negative acknowledgement (an await), then reads errno.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Consensus.Replication;

internal static partial class Posix
{
    [DllImport("libc", SetLastError = true)]
    internal static extern int fdatasync(int fd);
}

public sealed class FollowerLog
{
    private readonly IoRing _ring;
    private readonly int _logFd;
    private readonly int _leaderSocket;
    private readonly byte[] _nack = new byte[16];

    public FollowerLog(IoRing ring, int logFd, int leaderSocket)
    {
        _ring = ring;
        _logFd = logFd;
        _leaderSocket = leaderSocket;
    }

    public async Task AcknowledgeAsync(long index, CancellationToken ct)
    {
        if (Posix.fdatasync(_logFd) < 0)
        {
            BitConverter.TryWriteBytes(_nack, index);
            await _ring.SendAsync(_leaderSocket, _nack, MessageFlags.None, ct);
            throw new ErrnoException(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "fdatasync");
        }
    }
}
