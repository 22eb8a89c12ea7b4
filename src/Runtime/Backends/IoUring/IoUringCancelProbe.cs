using System.Threading;
using AsyncSys.Interop;

namespace AsyncSys.Backends.IoUring;

/// <summary>
/// Whether the kernel cancels every matching request with one IORING_OP_ASYNC_CANCEL (IORING_ASYNC_CANCEL_ALL with
/// _FD or _ANY, Linux 5.19). The opcode probe cannot tell: the opcode is older than its flags, and kernels before
/// 5.19 refuse any cancel flag with EINVAL. So the flags themselves are tried, once per process, on a small ring of
/// the probe's own (never on a ring in use: nothing else is in flight there, and its ring thread stays the only
/// thread that enters it). The kernel version is not consulted: distributions backport, and it says nothing about
/// what a restricted kernel lets through.
/// </summary>
internal static unsafe class IoUringCancelProbe
{
    private const int Unknown = 0;
    private const int Supported = 1;
    private const int Refused = 2;

    private static int _bulkCancel;

    /// <summary>Whether one cancel request can cancel everything on a descriptor, or everything (probed on first use).</summary>
    internal static bool BulkCancel
    {
        get
        {
            int known = Volatile.Read(ref _bulkCancel);
            if (known == Unknown && TryCancelWithFlags(IoUringConstants.AsyncCancelAll | IoUringConstants.AsyncCancelAny) is int result)
            {
                // Only an answer from the kernel is kept: a probe ring that could not be made (no descriptor left)
                // says nothing about the kernel, so the next ring asks again.
                known = result >= 0 ? Supported : Refused;
                Volatile.Write(ref _bulkCancel, known);
            }

            return known == Supported;
        }
    }

    /// <summary>
    /// Submits one IORING_OP_ASYNC_CANCEL with <paramref name="flags"/> on a ring of its own, with nothing in flight.
    /// </summary>
    /// <returns>The kernel's answer (0 or more: the flags are taken, -EINVAL: refused), or null if no probe ring could be made.</returns>
    internal static int? TryCancelWithFlags(uint flags)
    {
        IoUringRing ring;
        try
        {
            ring = IoUringRing.Create(2, 4, IoUringKernelFeatures.None); // enabled at once: no ring thread owns it
        }
        catch (ErrnoException)
        {
            return null;
        }

        using (ring)
        {
            IoUringSqe* sqe = &ring.Sqes[*ring.SqTail & ring.SqMask];
            *sqe = default;
            sqe->Opcode = (byte)IoUringOp.AsyncCancel;
            sqe->Fd = -1;
            sqe->OpFlags = flags;
            sqe->UserData = 1;
            Volatile.Write(ref *ring.SqTail, *ring.SqTail + 1);

            int entered;
            do
            {
                entered = ring.Enter(1, 1, IoUringConstants.EnterGetEvents);
            }
            while (entered == -Errno.EINTR);

            uint head = *ring.CqHead;
            if (entered < 0 || Volatile.Read(ref *ring.CqTail) == head)
            {
                return null; // the kernel took nothing: no answer about the flags
            }

            int answer = ring.Cqes[head & ring.CqMask].Res;
            Volatile.Write(ref *ring.CqHead, head + 1);
            return answer;
        }
    }
}
