using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Tests.Snapshots;

/// <summary>
/// One snapshot per input shape and per parameter mapping. Each output must also compile without a warning
/// against the real runtime assembly, and the analyzer must find nothing wrong with the input.
/// </summary>
public sealed class SnapshotTests
{
    private const string Usings = """
        using System;
        using System.Runtime.InteropServices;
        using AsyncSys;
        using Microsoft.Win32.SafeHandles;

        """;

    [Fact]
    public Task LibraryImport_with_pointer_and_count() => VerifyAsync("""
        namespace Demo;

        public static unsafe partial class Libc
        {
            /// <summary>Reads from a file at an offset.</summary>
            [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
            [AsyncSyscall]
            public static partial nint PRead(int fd, byte* buffer, nuint count, long offset);
        }
        """);

    [Fact]
    public Task DllImport_with_pointer_and_count() => VerifyAsync("""
        namespace Demo;

        internal static unsafe partial class Libc
        {
            [DllImport("libc", EntryPoint = "pwrite", SetLastError = true)]
            [AsyncSyscall]
            internal static extern nint PWrite(int fd, byte* buffer, nuint count, long offset);
        }
        """);

    [Fact]
    public Task Ordinary_static_method_with_SafeHandle_fd() => VerifyAsync("""
        namespace Demo;

        public static partial class Files
        {
            [AsyncSyscall(RingOp.Fsync)]
            public static int Fsync(SafeFileHandle handle) => throw new NotImplementedException();
        }
        """);

    [Fact]
    public Task Instance_method_offloaded() => VerifyAsync("""
        namespace Demo;

        public sealed partial class LockFile
        {
            private readonly int _fd;

            public LockFile(int fd) => _fd = fd;

            [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
            public int Lock(int operation) => _fd + operation;
        }
        """);

    [Fact]
    public Task Nested_types_in_global_namespace() => VerifyAsync("""
        public static partial class Outer
        {
            internal partial struct Middle
            {
                private static partial class Inner
                {
                    [LibraryImport("libc", SetLastError = true)]
                    [AsyncSyscall]
                    private static partial int fdatasync(int fd);
                }
            }
        }
        """);

    [Fact]
    public Task Span_parameters() => VerifyAsync("""
        namespace Demo;

        public static partial class Libc
        {
            [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
            [AsyncSyscall]
            public static partial nint Read(int fd, Span<byte> buffer, nuint count);

            [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
            [AsyncSyscall]
            public static partial nint Send(SafeHandle socket, ReadOnlySpan<byte> buffer, nuint count, int flags);
        }
        """);

    [Fact]
    public Task SafeHandle_fd_subclass() => VerifyAsync("""
        namespace Demo;

        public static unsafe partial class Libc
        {
            [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
            [AsyncSyscall]
            public static partial nint PRead(SafeFileHandle file, byte* buffer, nuint count, long offset);
        }
        """);

    [Fact]
    public Task Iovec_pointer_and_count() => VerifyAsync("""
        namespace Demo;

        [StructLayout(LayoutKind.Sequential)]
        public struct IoVector
        {
            public nint Base;
            public nuint Length;
        }

        public static unsafe partial class Libc
        {
            [LibraryImport("libc", SetLastError = true)]
            [AsyncSyscall]
            public static partial nint preadv(int fd, IoVector* iov, int iovcnt, long offset);

            [LibraryImport("libc", SetLastError = true)]
            [AsyncSyscall]
            public static partial nint writev(int fd, IoVector* iov, int iovcnt);
        }
        """);

    [Fact]
    public Task String_and_utf8_paths() => VerifyAsync("""
        namespace Demo;

        public static unsafe partial class Libc
        {
            [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
            [AsyncSyscall]
            public static partial int OpenAt(int dirFd, string path, int flags, int mode);

            [LibraryImport("libc", SetLastError = true)]
            [AsyncSyscall]
            public static partial int mkdirat(int dirFd, byte* path, uint mode);
        }
        """);

    [Fact]
    public Task Out_struct_becomes_the_result() => VerifyAsync("""
        namespace Demo;

        public static partial class Libc
        {
            [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
            [AsyncSyscall]
            public static partial int Statx(int dirFd, string path, int flags, uint mask, out AsyncSys.Statx statx);
        }
        """);

    [Fact]
    public Task Out_parameters_become_a_result_record() => VerifyAsync("""
        namespace Demo;

        public static partial class Pipes
        {
            /// <summary>Creates a pipe.</summary>
            [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
            public static int CreatePipe(int flags, out int readFd, out int writeFd)
            {
                readFd = flags;
                writeFd = flags;
                return 0;
            }
        }
        """);

    [Fact]
    public Task Void_wrappers() => VerifyAsync("""
        namespace Demo;

        public static partial class Libc
        {
            [DllImport("libc", EntryPoint = "close")]
            [AsyncSyscall]
            public static extern void Close(int fd);

            [DllImport("libc", EntryPoint = "sync")]
            [AsyncSyscall]
            public static extern void Sync();
        }
        """);

    [Fact]
    public Task Error_mode_return_negative_errno() => VerifyAsync("""
        namespace Demo;

        public static unsafe partial class Libc
        {
            [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
            [AsyncSyscall(ErrorMode = SyscallErrorMode.ReturnNegativeErrno)]
            public static partial nint Recv(int fd, byte* buffer, nuint length, int flags);

            [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
            [AsyncSyscall(ErrorMode = SyscallErrorMode.ReturnNegativeErrno, MethodName = "TryLockAsync")]
            public static partial int Flock(int fd, int operation);
        }
        """);

    [Fact]
    public Task Explicit_ring_op_and_poll() => VerifyAsync("""
        namespace Demo;

        [StructLayout(LayoutKind.Sequential)]
        public struct PollFd
        {
            public int Fd;
            public short Events;
            public short Revents;
        }

        public static unsafe partial class Libc
        {
            [LibraryImport("libc", EntryPoint = "my_pread", SetLastError = true)]
            [AsyncSyscall(RingOp.Read)]
            public static partial long ReadAt(int fd, byte* buffer, nuint count, long offset);

            [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
            [AsyncSyscall(RingOp.Poll)]
            public static partial int Poll(PollFd* fds, nuint nfds, int timeout);

            [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
            [AsyncSyscall]
            public static partial int PollAll(PollFd* fds, nuint nfds, int timeout);
        }
        """);

    [Fact]
    public Task Offloaded_call_with_cancel_hook_and_pinned_buffer() => VerifyAsync("""
        namespace Demo;

        public static unsafe partial class Libc
        {
            [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
            [AsyncSyscall(CancelHook = nameof(Interrupt))]
            public static partial int Flock(int fd, int operation);

            [LibraryImport("libc", EntryPoint = "getrandom", SetLastError = true)]
            [AsyncSyscall]
            public static partial nint GetRandom(byte* buffer, nuint length, uint flags);

            [LibraryImport("libc", EntryPoint = "truncate", SetLastError = true)]
            [AsyncSyscall]
            public static partial int Truncate(byte* path, long length);

            private static void Interrupt(BlockingCallInfo call) => call.InterruptWorker();
        }
        """);

    [Fact]
    public Task Sendto_keeps_its_address_on_a_worker() => VerifyAsync("""
        namespace Demo;

        public static unsafe partial class Libc
        {
            [LibraryImport("libc", EntryPoint = "sendto", SetLastError = true)]
            [AsyncSyscall]
            public static partial nint SendTo(int fd, byte* buffer, nuint length, int flags, byte* address, uint addressLength);
        }
        """);

    [Fact]
    public Task Accept_with_address_and_length_pointers_on_the_ring_and_a_ref_length_on_a_worker() => VerifyAsync("""
        namespace Demo;

        public struct sockaddr { public ushort sa_family; }

        public static unsafe partial class Libc
        {
            // The kernel writes the peer's address and its length through the caller's pointers: RingRequest.Accept(fd, nint, nint, flags).
            [DllImport("libc", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
            [AsyncSyscall]
            public static extern int accept4(int __fd, sockaddr* __addr, uint* __addr_len, int __flags);

            // A ref length cannot take what the kernel writes after the await: a worker runs the call, and the length comes back.
            [LibraryImport("libc", EntryPoint = "accept", SetLastError = true)]
            [AsyncSyscall]
            public static partial int Accept(SafeHandle socket, byte[] address, ref int addressLength);
        }
        """);

    [Fact]
    public Task Params_array_and_iovec_array() => VerifyAsync("""
        namespace Demo;

        [StructLayout(LayoutKind.Sequential)]
        public unsafe struct IoVec { public void* Base; public nuint Length; }

        public static unsafe partial class Libc
        {
            [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
            private static partial int FcntlRaw(int fd, int cmd, int arg);

            [AsyncSyscall]
            public static int Fcntl(int fd, int cmd, params int[] args) => FcntlRaw(fd, cmd, args.Length > 0 ? args[0] : 0);

            [LibraryImport("libc", EntryPoint = "writev", SetLastError = true)]
            [AsyncSyscall]
            public static partial nint WriteV(IntPtr fd, IoVec[] iov, int iovcnt);
        }
        """);

    [Fact]
    public Task Table_driven_worker_calls() => VerifyAsync("""
        namespace Demo;

        public struct off_t { private long _value; public off_t(long value) => _value = value; }

        [StructLayout(LayoutKind.Sequential)]
        public unsafe struct Stat { public fixed byte Bytes[144]; }

        public static unsafe partial class Libc
        {
            [LibraryImport("libc", EntryPoint = "posix_fallocate", SetLastError = true)]
            [AsyncSyscall]
            public static partial int PosixFallocate(int fd, off_t offset, off_t length);

            [LibraryImport("libc", EntryPoint = "fstat", SetLastError = true)]
            [AsyncSyscall]
            public static partial int FStat(int fd, Stat* buf);

            [LibraryImport("libc", EntryPoint = "recvfrom", SetLastError = true)]
            [AsyncSyscall]
            public static partial nint RecvFrom(int fd, void* buf, nuint len, int flags, byte* address, uint* addressLength);

            [LibraryImport("libc", EntryPoint = "getcwd", SetLastError = true)]
            [AsyncSyscall]
            public static partial nint GetCwd(byte* buf, nuint size);

            [LibraryImport("libc", EntryPoint = "__pread64", SetLastError = true)]
            [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
            public static partial nint MarkedPRead(int fd, [OutputBuffer(nameof(count))] void* buf, nuint count, off_t offset = default);
        }
        """);

    [Fact]
    public Task Offsets_the_kernel_advances_come_back_from_a_worker_and_offsets_by_value_go_on_the_ring() => VerifyAsync("""
        namespace Demo;

        public static unsafe partial class Libc
        {
            [LibraryImport("libc", EntryPoint = "splice", SetLastError = true)]
            [AsyncSyscall]
            public static partial nint Splice(int fdIn, long* offIn, int fdOut, long* offOut, nuint length, uint flags);

            [AsyncSyscall(RingOp.Splice)]
            public static nint SpliceAt(int fdIn, long offIn, int fdOut, long offOut, nuint length, uint flags) =>
                Splice(fdIn, offIn == -1 ? null : &offIn, fdOut, offOut == -1 ? null : &offOut, length, flags);
        }
        """);

    /// <summary>
    /// Integers wider than (or signed unlike) the ring's: a transfer length is capped (the kernel moves at most
    /// MAX_RW_COUNT bytes anyway), a wider descriptor, offset, count or size is range-checked (ArgumentOutOfRangeException
    /// naming the parameter), one of the same width keeps its bits (what the synchronous call passes: a uint fd, a ulong
    /// offset or size), flags keep their bits. None is truncated.
    /// </summary>
    [Fact]
    public Task Integers_wider_than_the_ring_takes_are_capped_range_checked_or_kept_as_bits() => VerifyAsync("""
        namespace Demo;

        /// <summary>size_t as a typedef struct.</summary>
        public struct size_t
        {
            private ulong _value;

            public size_t(ulong value) => _value = value;
        }

        public static unsafe partial class Libc
        {
            [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
            [AsyncSyscall]
            public static partial nint PRead(nint fd, byte[] buffer, nuint count, ulong offset);

            [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
            [AsyncSyscall]
            public static partial int FTruncate(int fd, size_t length);

            [DllImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
            [AsyncSyscall]
            public static extern int SyncFileRange(int fd, long offset, ulong nbytes, ulong flags);

            [AsyncSyscall(RingOp.Splice)]
            public static nint SpliceAt(uint fdIn, long offIn, int fdOut, long offOut, long length, uint flags) => 0;
        }
        """);

    /// <summary>
    /// What the synchronous call answers without the kernel doing anything the ring would do otherwise: a negative
    /// pread/preadv offset is EINVAL (thrown, or -EINVAL in ReturnNegativeErrno mode; the ring would read -1 as the file
    /// position), and a pwritev2 offset below -1 (pwritev2 reads -1 as the file position itself), a splice of 0 bytes is 0 (RingRequest.Splice refuses 0). And a worker's length narrower than int: a
    /// buffer's is capped at the type's maximum, an address's (or an address capacity's) must fit.
    /// </summary>
    [Fact]
    public Task Answers_without_the_ring_and_lengths_narrower_than_int() => VerifyAsync("""
        namespace Demo;

        public static unsafe partial class Libc
        {
            [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
            [AsyncSyscall(ErrorMode = SyscallErrorMode.ReturnNegativeErrno)]
            public static partial nint PRead(int fd, byte* buffer, nuint count, long offset);

            [LibraryImport("libc", EntryPoint = "pwritev", SetLastError = true)]
            [AsyncSyscall]
            public static partial nint PWriteV(int fd, IoVec* iov, int iovcnt, long offset);

            [LibraryImport("libc", EntryPoint = "pwritev2", SetLastError = true)]
            [AsyncSyscall]
            public static partial nint PWriteV2(int fd, IoVec* iov, int iovcnt, long offset, int flags);

            [AsyncSyscall(RingOp.Splice)]
            public static int SpliceAt(int fdIn, long offIn, int fdOut, long offOut, int length, uint flags) => 0;

            [LibraryImport("libc", EntryPoint = "getrandom", SetLastError = true)]
            [AsyncSyscall]
            public static partial nint GetRandom(byte* buffer, ushort length, uint flags);

            [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
            [AsyncSyscall]
            public static partial int Bind(int fd, byte* address, byte addressLength);

            [LibraryImport("libc", EntryPoint = "getsockname", SetLastError = true)]
            [AsyncSyscall]
            public static partial int GetSockName(int fd, byte* address, short* addressLength);
        }

        public unsafe struct IoVec
        {
            public void* Base;
            public nuint Length;
        }
        """);

    [Fact]
    public Task Generic_containing_types() => VerifyAsync("""
        namespace Demo;

        public sealed partial class Pool<TItem> where TItem : IEquatable<TItem>
        {
            public TItem Item { get; init; } = default!;

            [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
            public int CountIfSame(TItem candidate, int times) => Item.Equals(candidate) ? times : 0;

            internal static partial class Native
            {
                [AsyncSyscall(RingOp.Read)]
                internal static nint ReadInto(int fd, Span<byte> buffer) => throw new NotImplementedException();
            }
        }
        """);

    [Fact]
    public Task Obsolete_wrappers_give_obsolete_variants() => VerifyAsync("""
        namespace Demo;

        public static partial class Legacy
        {
            [Obsolete("Use SyncAll")]
            [DllImport("libc", SetLastError = true)]
            [AsyncSyscall]
            public static extern int syncfs(int fd);

            [Obsolete("flock is not used any more", true)]
            [DllImport("libc", SetLastError = true)]
            [AsyncSyscall]
            public static extern int flock(int fd, int operation);

            [Obsolete("Use the handle's Flush", DiagnosticId = "DEMO001")]
            [DllImport("libc", SetLastError = true)]
            [AsyncSyscall]
            public static extern int fsync(int fd);
        }
        """);

    private static async Task VerifyAsync(string source, [System.Runtime.CompilerServices.CallerMemberName] string testName = "")
    {
        Compilation input = GeneratorHarness.Compile(Usings + source);
        Assert.Empty(GeneratorHarness.CompilerProblems(input));
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);
        Assert.Null(run.Results[0].Exception);
        Assert.NotEmpty(run.Results[0].GeneratedSources);

        // Warning-free against the real runtime, crefs included (the parse options check documentation).
        List<Diagnostic> problems = GeneratorHarness.CompilerProblems(output);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Select(p => p.ToString())));
        ImmutableArray<Diagnostic> analyzer = await GeneratorHarness.AnalyzeAsync(output);
        Assert.Empty(analyzer);

        Snapshot.Verify<SnapshotTests>(Snapshot.Of(run), testName: testName);
    }
}
