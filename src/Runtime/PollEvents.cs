using System;

namespace AsyncSys;

/// <summary>Readiness events for <see cref="IoRing.PollAsync(int, PollEvents, System.Threading.CancellationToken)"/>, as in poll(2).</summary>
[Flags]
public enum PollEvents : uint
{
    /// <summary>No event.</summary>
    None = 0,
    /// <summary>POLLIN: there is data to read.</summary>
    In = 0x001,
    /// <summary>POLLPRI: there is urgent data to read.</summary>
    Priority = 0x002,
    /// <summary>POLLOUT: writing now will not block.</summary>
    Out = 0x004,
    /// <summary>POLLERR: error condition (always reported).</summary>
    Error = 0x008,
    /// <summary>POLLHUP: hung up (always reported).</summary>
    HangUp = 0x010,
    /// <summary>POLLNVAL: invalid request, the descriptor is not open.</summary>
    Invalid = 0x020,
    /// <summary>POLLRDHUP: the peer closed its end or shut down writing.</summary>
    ReadHangUp = 0x2000,
}
