namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the thirty-second blind round (TypeDefs.case, Posix.case), written with the case files before the
/// generator was run on them. Same convention: the call's result, or -errno. Only the run's own files and pipes, getpid,
/// getresuid, realpath of the run's own paths, qsort over native memory the probes allocate and free, and a private read-only
/// mapping of the run's own file; umask is not called (process-wide).
/// </summary>
internal static partial class HeldOutProbes
{
    public const string TypeDefs = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.TypeDefs
        {
            public static unsafe class TypeDefsProbes
            {
                [DllImport("libc", EntryPoint = "munmap")] private static extern int munmap_for_runs(nint addr, nuint length);
                [DllImport("libc", EntryPoint = "lseek")] private static extern long lseek_for_runs(int fd, long offset, int whence);
                [DllImport("libc", EntryPoint = "pipe2", SetLastError = true)] private static extern int pipe2_for_runs(int* fds, int flags);

                /// <summary>A pipe (O_CLOEXEC): read end in the low 32 bits, write end in the high; -errno on failure.</summary>
                public static long PipeForRuns()
                {
                    int* fds = stackalloc int[2];
                    return pipe2_for_runs(fds, 0x80000) < 0 ? -Marshal.GetLastPInvokeError() : (long)(uint)fds[0] | ((long)fds[1] << 32);
                }

                private static SafeFd Fd(int fd) => new SafeFd((IntPtr)fd, false);

                public static long Probe_td_lseek(int fd, long offset, int whence)
                {
                    long r = LibC.lseek(Fd(fd), new off_t { Value = offset }, (Whence)whence).Value;
                    return r < 0 ? -Marshal.GetLastPInvokeError() : r;
                }

                public static long Probe_td_getpid() => LibC.getpid().Value;

                public static long Probe_td_open(string path, int flags, uint mode)
                {
                    int r = LibC.open(path, (OpenFlags)flags, new mode_t { Value = mode });
                    return r < 0 ? -Marshal.GetLastPInvokeError() : r;
                }

                /// <summary>The size of the file an opened descriptor names (its end), for comparing two opens.</summary>
                public static long SizeOf(long fd) => lseek_for_runs((int)fd, 0, 2);

                public static long Probe_td_mmap(int fd, long length, long offset)
                {
                    nint r = LibC.mmap(0, new size_t { Value = (nuint)length }, ProtFlags.PROT_READ, MapFlags.MAP_PRIVATE, fd, new off_t { Value = offset });
                    return r == -1 ? -Marshal.GetLastPInvokeError() : r;
                }

                public static string Peek(long addr, int count) => Convert.ToHexString(new ReadOnlySpan<byte>((void*)addr, count));

                public static void Unmap(long addr, long length) => munmap_for_runs((nint)addr, (nuint)length);

                public static long Probe_td_getresuid(out long ruid, out long euid, out long suid)
                {
                    int r = LibC.getresuid(out uid_t a, out uid_t b, out uid_t c);
                    ruid = a.Value;
                    euid = b.Value;
                    suid = c.Value;
                    return r < 0 ? -Marshal.GetLastPInvokeError() : r;
                }

                public static long Probe_td_realpath(string path, out string? text)
                {
                    text = LibC.realpath(path, 0);
                    return text is null ? -Marshal.GetLastPInvokeError() : 0;
                }

                /// <summary>Native ints (the caller frees them with FreeInts).</summary>
                public static long Ints(int[] values)
                {
                    nint p = Marshal.AllocHGlobal(values.Length * sizeof(int));
                    values.AsSpan().CopyTo(new Span<int>((void*)p, values.Length));
                    return p;
                }

                public static string IntsAt(long p, int count) => string.Join(",", new ReadOnlySpan<int>((void*)p, count).ToArray());

                public static void FreeInts(long p) => Marshal.FreeHGlobal((nint)p);

                public static long Probe_td_qsort(long p, int count)
                {
                    LibC.qsort((nint)p, new size_t { Value = (nuint)count }, new size_t { Value = sizeof(int) }, LibC.IntComparer());
                    return 0;
                }

                public static object Comparer() => LibC.IntComparer();
            }
        }
        """;

    public const string TypeDefsLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.TypeDefs
        {
            public static unsafe class TypeDefsLibraryImportProbes
            {
                public static long Probe_td_pread(int fd, byte[] buf, long count, long offset)
                {
                    fixed (byte* p = buf)
                    {
                        long r = LibC.pread(new SafeFd((IntPtr)fd, false), p, new size_t { Value = (nuint)count }, new off_t { Value = offset }).Value;
                        return r < 0 ? -Marshal.GetLastPInvokeError() : r;
                    }
                }

                public static long Probe_td_write(int fd, byte[] buf, long count)
                {
                    long r = LibC.write(new SafeFd((IntPtr)fd, false), buf, (nuint)count).Value;
                    return r < 0 ? -Marshal.GetLastPInvokeError() : r;
                }
            }
        }
        """;

    public const string Posix = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Posix
        {
            public static unsafe class PosixProbes
            {
                [DllImport("libc", EntryPoint = "pipe2", SetLastError = true)] private static extern int pipe2_for_runs(int* fds, int flags);

                /// <summary>A pipe (O_CLOEXEC): read end in the low 32 bits, write end in the high; -errno on failure.</summary>
                public static long PipeForRuns()
                {
                    int* fds = stackalloc int[2];
                    return pipe2_for_runs(fds, 0x80000) < 0 ? -Marshal.GetLastPInvokeError() : (long)(uint)fds[0] | ((long)fds[1] << 32);
                }

                /// <summary>ReadOrThrow: the count, or -errno of the UnixIOException it threw.</summary>
                public static long Probe_px_read_or_throw(int fd, byte[] buf)
                {
                    try
                    {
                        return Syscall.ReadOrThrow(fd, buf);
                    }
                    catch (UnixIOException e)
                    {
                        return -(long)e.ErrorCode;
                    }
                }

                /// <summary>The Errno of an exception a variant threw (0 when it is not a UnixIOException).</summary>
                public static long ErrnoOf(Exception e) => e is UnixIOException u ? (long)u.ErrorCode : 0;

                public static long Probe_px_try_read_at(int fd, byte[] buf, long offset, out long count) => (long)Syscall.TryReadAt(fd, buf, offset, out count);

                public static long Probe_px_write_all(int fd, byte[] buf)
                {
                    long r = Syscall.WriteAll(fd, buf);
                    return r < 0 ? -Marshal.GetLastPInvokeError() : r;
                }

                public static long Probe_px_read_retrying(int fd, byte[] buf, out long error)
                {
                    long r = Syscall.ReadRetrying(fd, buf, out Errno e);
                    error = (long)e;
                    return r;
                }

                public static long Probe_px_seek_then_probe(int fd, long offset)
                {
                    long r = Syscall.SeekThenProbe(fd, offset);
                    return r < 0 ? -Marshal.GetLastPInvokeError() : r;
                }

                public static long Probe_px_seek_then_probe_keeping(int fd, long offset)
                {
                    long r = Syscall.SeekThenProbeKeepingErrno(fd, offset);
                    return r < 0 ? -Marshal.GetLastPInvokeError() : r;
                }

                public static long Probe_px_seek_or_negative(int fd, long offset, int whence) => Syscall.SeekOrNegative(fd, offset, whence);
            }
        }
        """;
}
