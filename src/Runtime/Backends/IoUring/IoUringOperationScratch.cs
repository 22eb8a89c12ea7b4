using System.Runtime.InteropServices;
using AsyncSys.Interop;

namespace AsyncSys.Backends.IoUring;

/// <summary>
/// What an SQE points at besides the caller's buffers, kept in the operation's own native scratch area
/// (<see cref="Operations.Operation.BackendScratch{T}"/>) so that it lives exactly as long as the operation.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IoUringOperationScratch
{
    /// <summary>The deadline of the linked timeout that follows the operation (IORING_OP_LINK_TIMEOUT).</summary>
    public KernelTimespec LinkTimeout;

    /// <summary>The duration of a timer operation (IORING_OP_TIMEOUT).</summary>
    public KernelTimespec Timer;

    /// <summary>accept's address length: the size of the caller's buffer in, the size the kernel wrote out.</summary>
    public uint AddressLength;

    /// <summary>Cancel requests sent again for <see cref="CancelRetriesFor"/> after the kernel answered "not found" or "already running".</summary>
    public int CancelRetries; // beside the 4-byte length: no padding

    /// <summary>The occupant <see cref="CancelRetries"/> counts for (a slot's next occupant starts again from 0).</summary>
    public ulong CancelRetriesFor;
}
