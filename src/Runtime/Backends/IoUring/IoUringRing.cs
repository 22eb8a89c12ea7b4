using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys.Interop;

namespace AsyncSys.Backends.IoUring;

/// <summary>
/// An io_uring instance: the ring fd, the mmapped submission and completion rings, and the opcodes the
/// kernel supports. Pure mechanism; the policy (threads, batching, cancellation) lives in <see cref="IoUringBackend"/>.
/// </summary>
internal sealed unsafe class IoUringRing : IDisposable
{
    private readonly void* _ringMemory;
    private readonly nuint _ringMemorySize;
    private readonly void* _sqeMemory;
    private readonly nuint _sqeMemorySize;
    private readonly bool[] _supported = new bool[256];

    internal readonly int Fd;
    internal readonly uint Features;

    /// <summary>The io_uring_setup flags the kernel accepted.</summary>
    internal readonly uint SetupFlags;

    private readonly bool _extArgWanted;

    // What io_uring_enter is called with: the ring's descriptor, or its registered index plus
    // IORING_ENTER_REGISTERED_RING once the ring thread has registered it (RegisterRingFd).
    private int _enterFd;
    private uint _enterFlags;

    // Submission ring (kernel-shared words).
    internal readonly uint* SqHead;
    internal readonly uint* SqTail;
    internal readonly uint* SqFlags;
    internal readonly uint SqMask;
    internal readonly uint SqEntries;
    internal readonly IoUringSqe* Sqes;

    // Completion ring.
    internal readonly uint* CqHead;
    internal readonly uint* CqTail;
    internal readonly uint* CqOverflow;
    internal readonly uint CqMask;
    internal readonly uint CqEntries;
    internal readonly IoUringCqe* Cqes;

    private IoUringRing(int fd, in IoUringParams p, IoUringKernelFeatures wanted)
    {
        Fd = fd;
        _enterFd = fd;
        Features = p.Features;
        SetupFlags = p.Flags;
        _extArgWanted = (wanted & IoUringKernelFeatures.ExtArgWait) != 0;
        try
        {
            // One mapping holds both rings when the kernel says so (IORING_FEAT_SINGLE_MMAP, 5.4+); we require it.
            nuint sqSize = p.SqOff.Array + (p.SqEntries * sizeof(uint));
            nuint cqSize = p.CqOff.Cqes + (p.CqEntries * (nuint)sizeof(IoUringCqe));
            _ringMemorySize = Math.Max(sqSize, cqSize);
            _ringMemory = Map(fd, _ringMemorySize, IoUringConstants.OffSqRing);
            _sqeMemorySize = p.SqEntries * (nuint)sizeof(IoUringSqe);
            _sqeMemory = Map(fd, _sqeMemorySize, IoUringConstants.OffSqes);

            byte* ring = (byte*)_ringMemory;
            SqHead = (uint*)(ring + p.SqOff.Head);
            SqTail = (uint*)(ring + p.SqOff.Tail);
            SqFlags = (uint*)(ring + p.SqOff.Flags);
            SqMask = *(uint*)(ring + p.SqOff.RingMask);
            SqEntries = *(uint*)(ring + p.SqOff.RingEntries);
            Sqes = (IoUringSqe*)_sqeMemory;

            // The SQ array indirection is fixed to the identity: SQE i is always array slot i.
            uint* array = (uint*)(ring + p.SqOff.Array);
            for (uint i = 0; i < SqEntries; i++)
            {
                array[i] = i;
            }

            CqHead = (uint*)(ring + p.CqOff.Head);
            CqTail = (uint*)(ring + p.CqOff.Tail);
            CqOverflow = (uint*)(ring + p.CqOff.Overflow);
            CqMask = *(uint*)(ring + p.CqOff.RingMask);
            CqEntries = *(uint*)(ring + p.CqOff.RingEntries);
            Cqes = (IoUringCqe*)(ring + p.CqOff.Cqes);

            Probe();
        }
        catch
        {
            Unmap();
            Libc.close(fd);
            throw;
        }
    }

    /// <summary>
    /// Creates a ring with <paramref name="entries"/> submission entries and <paramref name="cqEntries"/>
    /// completion entries, asking for the <paramref name="wanted"/> setup features and taking the best set the
    /// kernel accepts (see <see cref="SetupAttempts"/>). Throws <see cref="ErrnoException"/> when the kernel refuses
    /// the ring itself (EPERM under seccomp or io_uring_disabled, ENOSYS on old kernels, ENOMEM under memlock limits,
    /// EINVAL for a kernel too old for every attempt).
    /// </summary>
    internal static IoUringRing Create(uint entries, uint cqEntries, IoUringKernelFeatures wanted = IoUringKernelFeatures.Default)
    {
        if (!Syscalls.IsSupportedPlatform)
        {
            throw new ErrnoException(Errno.ENOSYS, "io_uring_setup", "not Linux on x64/arm64");
        }

        IoUringParams p = default;
        long fd = -Errno.EINVAL;
        foreach (uint flags in SetupAttempts(wanted))
        {
            p = default;
            p.Flags = flags;
            p.CqEntries = cqEntries;
            fd = Syscalls.Invoke(Syscalls.IoUringSetup, entries, (long)&p);
            if (fd != -Errno.EINVAL)
            {
                break; // accepted, or refused for a reason other than an unknown flag: no other attempt helps
            }
        }

        if (fd < 0)
        {
            throw new ErrnoException((int)-fd, "io_uring_setup");
        }

        const uint required = IoUringConstants.FeatSingleMmap | IoUringConstants.FeatNoDrop | IoUringConstants.FeatSubmitStable;
        if ((p.Features & required) != required)
        {
            // Without NODROP a full completion queue loses completions: not acceptable, fall back instead.
            Libc.close((int)fd);
            throw new ErrnoException(Errno.EINVAL, "io_uring_setup", "kernel lacks IORING_FEAT_SINGLE_MMAP/NODROP/SUBMIT_STABLE (needs 5.5+)");
        }

        return new IoUringRing((int)fd, p, wanted);
    }

    /// <summary>
    /// The io_uring_setup flag sets to try, best first; each later one drops what an older kernel refuses with
    /// EINVAL: deferred task work with a single issuer (6.1), cooperative task work (5.19), submit-all (5.18), then
    /// the plain ring (5.5). A single issuer is set up disabled so that the ring thread, which enables it, becomes
    /// the issuer (the creating thread is a caller's thread). The task-run flag tells the ring thread when
    /// completion work waits for it to enter the kernel.
    /// </summary>
    internal static List<uint> SetupAttempts(IoUringKernelFeatures wanted)
    {
        const uint plain = IoUringConstants.SetupCqSize | IoUringConstants.SetupClamp;
        const uint submitAll = plain | IoUringConstants.SetupSubmitAll;
        var attempts = new List<uint>();
        if ((wanted & (IoUringKernelFeatures.SingleIssuer | IoUringKernelFeatures.DeferTaskRun)) == (IoUringKernelFeatures.SingleIssuer | IoUringKernelFeatures.DeferTaskRun))
        {
            attempts.Add(submitAll | IoUringConstants.SetupSingleIssuer | IoUringConstants.SetupRDisabled | IoUringConstants.SetupDeferTaskRun | IoUringConstants.SetupTaskRunFlag);
        }

        uint coop = (wanted & IoUringKernelFeatures.CoopTaskRun) != 0 ? IoUringConstants.SetupCoopTaskRun | IoUringConstants.SetupTaskRunFlag : 0;
        if ((wanted & IoUringKernelFeatures.SingleIssuer) != 0)
        {
            attempts.Add(submitAll | IoUringConstants.SetupSingleIssuer | IoUringConstants.SetupRDisabled | coop);
        }

        if (coop != 0)
        {
            attempts.Add(submitAll | coop);
        }

        attempts.Add(submitAll);
        attempts.Add(plain);
        return attempts;
    }

    /// <summary>Whether the kernel supports <paramref name="op"/> (IORING_REGISTER_PROBE).</summary>
    internal bool Supports(IoUringOp op) => _supported[(byte)op];

    private void Probe()
    {
        const int opCount = 256;
        int size = sizeof(IoUringProbe) + (opCount * sizeof(IoUringProbeOp));
        byte* buffer = stackalloc byte[size];
        new Span<byte>(buffer, size).Clear();
        long result = Syscalls.Invoke(Syscalls.IoUringRegister, Fd, IoUringConstants.RegisterProbe, (long)buffer, opCount);
        if (result < 0)
        {
            // REGISTER_PROBE is 5.6+; before it only the 5.5 opcodes exist and we do not guess.
            throw new ErrnoException((int)-result, "io_uring_register", "IORING_REGISTER_PROBE");
        }

        IoUringProbe* probe = (IoUringProbe*)buffer;
        IoUringProbeOp* ops = (IoUringProbeOp*)(buffer + sizeof(IoUringProbe));
        for (int i = 0; i < probe->OpsLen && i < opCount; i++)
        {
            _supported[ops[i].Op] = (ops[i].Flags & IoUringConstants.ProbeOpSupported) != 0;
        }
    }

    /// <summary>Registers <paramref name="fd"/> as fixed file 0 (IORING_REGISTER_FILES); false if the kernel refused.</summary>
    internal bool RegisterFile(int fd)
    {
        int descriptor = fd;
        return Syscalls.Invoke(Syscalls.IoUringRegister, Fd, IoUringConstants.RegisterFiles, (long)&descriptor, 1) == 0;
    }

    /// <summary>Whether the ring was set up disabled and waits for <see cref="Enable"/> before it takes submissions.</summary>
    internal bool StartsDisabled => (SetupFlags & IoUringConstants.SetupRDisabled) != 0;

    /// <summary>Whether completion work waits until the ring thread enters with IORING_ENTER_GETEVENTS.</summary>
    internal bool DefersTaskRun => (SetupFlags & IoUringConstants.SetupDeferTaskRun) != 0;

    /// <summary>Whether the kernel sets IORING_SQ_TASKRUN when completion work waits for the ring thread.</summary>
    internal bool HasTaskRunFlag => (SetupFlags & IoUringConstants.SetupTaskRunFlag) != 0;

    /// <summary>Whether <see cref="WaitWithTimeout"/> is available (IORING_FEAT_EXT_ARG, and not switched off).</summary>
    internal bool CanWaitWithTimeout => _extArgWanted && (Features & IoUringConstants.FeatExtArg) != 0;

    /// <summary>Whether io_uring_enter goes through the registered ring index.</summary>
    internal bool UsesRegisteredRingFd => (_enterFlags & IoUringConstants.EnterRegisteredRing) != 0;

    /// <summary>The features in use, for diagnostics (the setup flags accepted, plus what the ring thread registered).</summary>
    internal IoUringKernelFeatures InUse =>
        ((SetupFlags & IoUringConstants.SetupSingleIssuer) != 0 ? IoUringKernelFeatures.SingleIssuer : 0) |
        (DefersTaskRun ? IoUringKernelFeatures.DeferTaskRun : 0) |
        ((SetupFlags & IoUringConstants.SetupCoopTaskRun) != 0 ? IoUringKernelFeatures.CoopTaskRun : 0) |
        (UsesRegisteredRingFd ? IoUringKernelFeatures.RegisteredRingFd : 0) |
        (CanWaitWithTimeout ? IoUringKernelFeatures.ExtArgWait : 0);

    /// <summary>
    /// IORING_REGISTER_ENABLE_RINGS, called by the ring thread: a single-issuer ring set up disabled takes the
    /// thread that enables it as its issuer. Returns 0 or -errno.
    /// </summary>
    internal int Enable() => (int)Syscalls.Invoke(Syscalls.IoUringRegister, Fd, IoUringConstants.RegisterEnableRings, 0, 0);

    /// <summary>
    /// IORING_REGISTER_RING_FDS, called by the ring thread: the registration belongs to the calling thread, so
    /// only the ring thread (the only caller of <see cref="Enter"/>) may use it. False when the kernel refuses
    /// (before 5.18, or its per-thread table is full); the plain descriptor then stays in use.
    /// </summary>
    internal bool RegisterRingFd()
    {
        IoUringRsrcUpdate update = default;
        update.Offset = uint.MaxValue; // let the kernel choose the index
        update.Data = (ulong)Fd;
        long result = Syscalls.Invoke(Syscalls.IoUringRegister, Fd, IoUringConstants.RegisterRingFds, (long)&update, 1);
        if (result != 1)
        {
            return false;
        }

        _enterFd = (int)update.Offset;
        _enterFlags = IoUringConstants.EnterRegisteredRing;
        return true;
    }

    /// <summary>Drops the ring thread's registration (before it exits, so the descriptor's last reference is the ring's own).</summary>
    internal void UnregisterRingFd()
    {
        if (!UsesRegisteredRingFd)
        {
            return;
        }

        IoUringRsrcUpdate update = default;
        update.Offset = (uint)_enterFd;
        _enterFd = Fd;
        _enterFlags = 0;
        Syscalls.Invoke(Syscalls.IoUringRegister, Fd, IoUringConstants.UnregisterRingFds, (long)&update, 1);
    }

    /// <summary>io_uring_enter: submit <paramref name="toSubmit"/> entries and optionally wait for completions. Returns the result or -errno.</summary>
    internal int Enter(uint toSubmit, uint minComplete, uint flags) =>
        (int)Syscalls.Invoke(Syscalls.IoUringEnter, _enterFd, toSubmit, minComplete, flags | _enterFlags, 0, 0);

    /// <summary>
    /// io_uring_enter with IORING_ENTER_EXT_ARG: submits, then waits for <paramref name="minComplete"/> completions
    /// at most <paramref name="timeoutTicks"/>. Returns the result or -errno (ETIME when the time ran out).
    /// </summary>
    internal int WaitWithTimeout(uint toSubmit, uint minComplete, long timeoutTicks)
    {
        KernelTimespec timeout;
        timeout.TvSec = timeoutTicks / TimeSpan.TicksPerSecond;
        timeout.TvNsec = (timeoutTicks % TimeSpan.TicksPerSecond) * 100;
        IoUringGeteventsArg arg = default;
        arg.Ts = (ulong)&timeout;
        uint flags = IoUringConstants.EnterGetEvents | IoUringConstants.EnterExtArg | _enterFlags;
        return (int)Syscalls.Invoke(Syscalls.IoUringEnter, _enterFd, toSubmit, minComplete, flags, (long)&arg, sizeof(IoUringGeteventsArg));
    }

    private static void* Map(int fd, nuint size, long offset)
    {
        void* address = Libc.mmap(null, size, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED | Libc.MAP_POPULATE, fd, offset);
        if (address == (void*)-1)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "mmap", "io_uring ring");
        }

        return address;
    }

    private void Unmap()
    {
        if (_ringMemory != null && _ringMemory != (void*)-1)
        {
            Libc.munmap(_ringMemory, _ringMemorySize);
        }

        if (_sqeMemory != null && _sqeMemory != (void*)-1)
        {
            Libc.munmap(_sqeMemory, _sqeMemorySize);
        }
    }

    /// <summary>Unmaps the rings and closes the ring fd. Only once nothing is in flight: the kernel writes CQEs here.</summary>
    public void Dispose() => Dispose(closeDescriptor: true);

    /// <summary>
    /// Unmaps the rings, and closes the ring fd unless <paramref name="closeDescriptor"/> is false: after io_uring_enter
    /// said the number no longer names this ring (EBADF, EOPNOTSUPP), it is someone else's to close.
    /// </summary>
    internal void Dispose(bool closeDescriptor)
    {
        Unmap();
        if (closeDescriptor)
        {
            Libc.close(Fd);
        }
    }
}
