namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the thirty-third blind round (Mistakes.case, CrossPlatform.case), written with the case files before
/// the generator was run on them. Same convention: the call's result, or -errno; a call that cannot be made at all (a library
/// or an entry point Linux does not have) answers a number no call returns, named below, so the run can ask the variant for
/// the same exception. Only the run's own files (sparse ones included: no block is written past the data) and a descriptor
/// that is not open; readlink into a string and fstat64 into a short struct are not called (the kernel would write past the
/// memory it is given).
/// </summary>
internal static partial class HeldOutProbes
{
    /// <summary>A probe's answer when the synchronous call threw EntryPointNotFoundException.</summary>
    public const long NoEntryPoint33 = -1_000_001;

    /// <summary>A probe's answer when the synchronous call threw DllNotFoundException.</summary>
    public const long NoLibrary33 = -1_000_002;

    public const string Mistakes = """
        using System;
        using System.Runtime.InteropServices;
        using System.Text;
        namespace HeldOut.Mistakes
        {
            public static unsafe class MistakesProbes
            {
                [DllImport("libc", EntryPoint = "lseek")] private static extern long lseek_for_runs(int fd, long offset, int whence);

                public static long Probe_mis_pread(int fd, byte[] buf, int count, int offset)
                {
                    int r = Widths.pread(fd, buf, count, offset);
                    return r < 0 ? -Marshal.GetLastPInvokeError() : r;
                }

                /// <summary>The uint as it came (4294967295 too), or -errno when the call set one.</summary>
                public static long Probe_mis_lseek_uint(int fd, long offset, int whence)
                {
                    uint r = Widths.LSeek(fd, offset, whence);
                    int errno = Marshal.GetLastPInvokeError();
                    return r == uint.MaxValue && errno != 0 ? -errno : r;
                }

                public static long Probe_mis_open(string path, long flags, long mode)
                {
                    int r = Widths.Open(path, flags, mode);
                    return r < 0 ? -Marshal.GetLastPInvokeError() : r;
                }

                /// <summary>The size of the file an opened descriptor names (its end), for comparing two opens.</summary>
                public static long SizeOf(long fd) => lseek_for_runs((int)fd, 0, 2);

                public static long Probe_mis_pread_other_case(int fd, byte[] buf, long offset)
                {
                    try
                    {
                        fixed (byte* p = buf)
                        {
                            nint r = Spellings.PRead(fd, p, (nuint)buf.Length, offset);
                            return r < 0 ? -Marshal.GetLastPInvokeError() : r;
                        }
                    }
                    catch (EntryPointNotFoundException)
                    {
                        return -1_000_001;
                    }
                }

                public static long Probe_mis_read_text(int fd, int capacity, long count, out string text)
                {
                    var sb = new StringBuilder(capacity);
                    nint r = Buffers.ReadText(fd, sb, (nuint)count);
                    text = sb.ToString();
                    return r < 0 ? -Marshal.GetLastPInvokeError() : r;
                }

                public static long Probe_mis_truncate(int fd, long length) => Results.Truncate(fd, length) ? -Marshal.GetLastPInvokeError() : 0;

                /// <summary>No SetLastError on the import: errno read at once, as the only way its caller can.</summary>
                public static long Probe_mis_pwrite_no_sle(int fd, byte[] buf, long offset)
                {
                    fixed (byte* p = buf)
                    {
                        nint r = LastErrors.PWrite(fd, p, (nuint)buf.Length, offset);
                        return r < 0 ? -Marshal.GetLastSystemError() : r;
                    }
                }
            }
        }
        """;

    public const string CrossPlatform = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.CrossPlatform
        {
            public static unsafe class CrossPlatformProbes
            {
                public static long Probe_xp_read(int fd, byte[] buf, long count)
                {
                    fixed (byte* p = buf)
                    {
                        nint r = Posix.Read(fd, p, (nuint)count);
                        return r < 0 ? -Marshal.GetLastPInvokeError() : r;
                    }
                }

                public static long Probe_xp_lseek(int fd, long offset, int whence)
                {
                    long r = Posix.LSeek(fd, offset, whence);
                    return r < 0 ? -Marshal.GetLastPInvokeError() : r;
                }

                public static long Probe_xp_read_mac(int fd, byte[] buf)
                {
                    try
                    {
                        fixed (byte* p = buf)
                        {
                            nint r = Posix.ReadMac(fd, p, (nuint)buf.Length);
                            return r < 0 ? -Marshal.GetLastPInvokeError() : r;
                        }
                    }
                    catch (DllNotFoundException)
                    {
                        return -1_000_002;
                    }
                }

                public static long Probe_xp_kqueue()
                {
                    try
                    {
                        int r = Posix.kqueue();
                        return r < 0 ? -Marshal.GetLastPInvokeError() : r;
                    }
                    catch (EntryPointNotFoundException)
                    {
                        return -1_000_001;
                    }
                }

                public static long Probe_xp_seek(int fd, long offset, int whence) => Switches.Seek(fd, offset, whence);

                public static long Probe_xp_read_switch(int fd, byte[] buf)
                {
                    long r = Switches.Read(fd, buf);
                    return r < 0 ? -Marshal.GetLastPInvokeError() : r;
                }

                public static long Probe_xp_pread(int fd, byte[] buf, long count, long offset)
                {
                    long r = Switches.pread(fd, buf, count, offset);
                    return r < 0 ? -Marshal.GetLastPInvokeError() : r;
                }
            }
        }
        """;

    public const string CrossPlatformLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.CrossPlatform
        {
            public static unsafe class CrossPlatformLibraryImportProbes
            {
                public static long Probe_xp_pwrite(int fd, byte[] buf, long count, long offset)
                {
                    nint r = Posix.PWrite(fd, buf, (nuint)count, offset);
                    return r < 0 ? -Marshal.GetLastPInvokeError() : r;
                }
            }
        }
        """;
}
