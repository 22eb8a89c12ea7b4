using System;
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

    private IoUringRing(int fd, in IoUringParams p)
    {
        Fd = fd;
        Features = p.Features;
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
    /// completion entries. Throws <see cref="ErrnoException"/> when the kernel refuses (EPERM under seccomp or
    /// io_uring_disabled, ENOSYS on old kernels, ENOMEM under memlock limits, EINVAL for unknown flags).
    /// </summary>
    internal static IoUringRing Create(uint entries, uint cqEntries)
    {
        if (!Syscalls.IsSupportedPlatform)
        {
            throw new ErrnoException(Errno.ENOSYS, "io_uring_setup", "not Linux on x64/arm64");
        }

        IoUringParams p = default;
        p.Flags = IoUringConstants.SetupCqSize | IoUringConstants.SetupClamp | IoUringConstants.SetupSubmitAll;
        p.CqEntries = cqEntries;
        long fd = Syscalls.Invoke(Syscalls.IoUringSetup, entries, (long)&p);
        if (fd == -Errno.EINVAL)
        {
            // IORING_SETUP_SUBMIT_ALL is 5.18+: older kernels reject the flag, not the ring.
            p = default;
            p.Flags = IoUringConstants.SetupCqSize | IoUringConstants.SetupClamp;
            p.CqEntries = cqEntries;
            fd = Syscalls.Invoke(Syscalls.IoUringSetup, entries, (long)&p);
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

        return new IoUringRing((int)fd, p);
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

    /// <summary>io_uring_enter: submit <paramref name="toSubmit"/> entries and optionally wait for completions. Returns the result or -errno.</summary>
    internal int Enter(uint toSubmit, uint minComplete, uint flags) =>
        (int)Syscalls.Invoke(Syscalls.IoUringEnter, Fd, toSubmit, minComplete, flags, 0, 0);

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
    public void Dispose()
    {
        Unmap();
        Libc.close(Fd);
    }
}
