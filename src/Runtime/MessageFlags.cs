using System;

namespace AsyncSys;

/// <summary>
/// Flags of send(2), recv(2), sendmsg(2) and recvmsg(2): the <c>MSG_*</c> values of the kernel's
/// <c>include/linux/socket.h</c>, the same on every architecture.
/// </summary>
/// <remarks>
/// These are Linux's own values; <see cref="System.Net.Sockets.SocketFlags"/> uses Windows' numbering and differs
/// beyond the first three, so do not cast one to the other.
/// </remarks>
[Flags]
public enum MessageFlags
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>MSG_OOB: send or receive out-of-band data.</summary>
    OutOfBand = 0x1,

    /// <summary>MSG_PEEK: receive without removing the data from the queue.</summary>
    Peek = 0x2,

    /// <summary>MSG_DONTROUTE: send only to hosts on directly connected networks.</summary>
    DontRoute = 0x4,

    /// <summary>MSG_CTRUNC: reported by recvmsg when control data was cut short.</summary>
    ControlTruncated = 0x8,

    /// <summary>MSG_TRUNC: receive returns the real length of a datagram even when it was longer than the buffer.</summary>
    Truncate = 0x20,

    /// <summary>MSG_DONTWAIT: this call does not wait; it fails with EAGAIN instead.</summary>
    DontWait = 0x40,

    /// <summary>MSG_EOR: ends a record (SOCK_SEQPACKET).</summary>
    EndOfRecord = 0x80,

    /// <summary>MSG_WAITALL: a receive waits until the whole buffer is filled (or the peer closes, or a signal).</summary>
    WaitAll = 0x100,

    /// <summary>MSG_CONFIRM: tell the link layer the neighbour answered (datagrams).</summary>
    Confirm = 0x800,

    /// <summary>MSG_ERRQUEUE: receive queued errors from the socket's error queue.</summary>
    ErrorQueue = 0x2000,

    /// <summary>MSG_NOSIGNAL: a send on a closed connection fails with EPIPE without raising SIGPIPE.</summary>
    NoSignal = 0x4000,

    /// <summary>MSG_MORE: more data follows; the kernel may hold this back to send it in one segment.</summary>
    More = 0x8000,

    /// <summary>MSG_WAITFORONE: recvmmsg returns once one message has arrived.</summary>
    WaitForOne = 0x10000,

    /// <summary>MSG_ZEROCOPY: send from the buffer without copying (needs SO_ZEROCOPY; completion via the error queue).</summary>
    ZeroCopy = 0x4000000,

    /// <summary>MSG_FASTOPEN: send data in the SYN of a TCP Fast Open connection.</summary>
    FastOpen = 0x20000000,

    /// <summary>MSG_CMSG_CLOEXEC: descriptors received with SCM_RIGHTS are close-on-exec.</summary>
    ControlCloseOnExec = 0x40000000,
}
