using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AsyncSys.Generator.Tests;

/// <summary>
/// Every diagnostic fires on its bad shape, at the right place, from the analyzer; the generator itself stays
/// quiet and skips the wrapper. Good code gets no diagnostic, and #pragma suppresses one.
/// </summary>
public sealed class DiagnosticTests
{
    private const string Usings = """
        using System;
        using System.Runtime.InteropServices;
        using AsyncSys;

        """;

    [Theory]
    [InlineData("ASYS0001", """
        public static partial class Libc
        {
            [LibraryImport("libc")]
            [AsyncSyscall]
            public static int [|fsync|](int fd) => 0;
        }
        """)]
    [InlineData("ASYS0001", """
        public static partial class Libc
        {
            // flock waits for a lock: skipping the GC transition would stall every collection while it waits.
            [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
            [SuppressGCTransition]
            [AsyncSyscall]
            public static extern int [|FlockFast|](int fd, int operation);
        }
        """)]
    [InlineData("ASYS0001", """
        public static partial class Libc
        {
            [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
            [UnmanagedCallConv(CallConvs = new[] { typeof(System.Runtime.CompilerServices.CallConvSuppressGCTransition) })]
            [AsyncSyscall]
            public static partial int [|LockFast|](int fd, int cmd, nint lk);
        }
        """)]
    [InlineData("ASYS0005", """
        public struct StatxHead { public uint Mask; public uint BlockSize; }

        public static unsafe partial class Libc
        {
            // The [OutputValue] mark asks for the struct back; statx writes 256 bytes through the pointer.
            [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
            [AsyncSyscall]
            public static extern int StatxMarked(int dirfd, string path, int flags, uint mask, [OutputValue] StatxHead* [|buffer|]);
        }
        """)]
    [InlineData("ASYS0001", """
        public struct Pollfd { public int Fd; public short Events; public short Revents; }

        public static partial class Libc
        {
            // poll waits for its descriptors; its variant runs on a worker, cancelled by interrupting the wait.
            [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
            [SuppressGCTransition]
            [AsyncSyscall]
            public static extern int [|PollFast|]([In, Out] Pollfd[] fds, nuint nfds, int timeout);
        }
        """)]
    [InlineData("ASYS0001", """
        public static partial class Libc
        {
            [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
            [SuppressGCTransition]
            private static extern int flock_nogc(int fd, int operation);

            // The body runs on a worker and calls an import of flock that skips the GC transition.
            [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
            public static int [|Lock|](int fd, int operation) => flock_nogc(fd, operation);
        }
        """)]
    [InlineData("ASYS0001", """
        public partial struct Device
        {
            [AsyncSyscall]
            public int [|Lock|](int operation) => operation;
        }
        """)]
    [InlineData("ASYS0002", """
        public static class [|Libc|]
        {
            [AsyncSyscall]
            public static int Flock(int fd, int operation) => 0;
        }
        """)]
    [InlineData("ASYS0002", """
        public class [|Outer|]
        {
            public static partial class Libc
            {
                [AsyncSyscall]
                public static int Flock(int fd, int operation) => 0;
            }
        }
        """)]
    [InlineData("ASYS0003", """
        public static partial class Libc
        {
            [AsyncSyscall]
            public static int [|Flock|]<T>(int fd, int operation) => 0;
        }
        """)]
    [InlineData("ASYS0004", """
        public static partial class Libc
        {
            private static int s_value;

            [AsyncSyscall]
            public static [|ref int|] Value(int fd) => ref s_value;
        }
        """)]
    [InlineData("ASYS0004", """
        public static partial class Libc
        {
            [AsyncSyscall]
            public static [|Span<byte>|] Map(int fd) => default;
        }
        """)]
    [InlineData("ASYS0004", """
        public static partial class Libc
        {
            [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
            public static [|System.Threading.Tasks.ValueTask<int>|] Flush(int fd) => new(fd);
        }
        """)]
    [InlineData("ASYS0004", """
        public static partial class Libc
        {
            [AsyncSyscall(RingOp.None)]
            public static [|System.Threading.Tasks.Task|] Flush(int fd) => System.Threading.Tasks.Task.CompletedTask;
        }
        """)]
    [InlineData("ASYS0004", """
        public static partial class Libc
        {
            [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
            [AsyncSyscall]
            [return: MarshalAs(UnmanagedType.Bool)]
            public static extern [|bool|] FsyncFailed(int fd);
        }
        """)]
    [InlineData("ASYS0004", """
        public static partial class Libc
        {
            [DllImport("libfoo", EntryPoint = "foo_check", SetLastError = true)]
            [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
            public static extern [|bool|] Check(int fd);
        }
        """)]
    [InlineData("ASYS0004", """
        public static partial class Libc
        {
            [AsyncSyscall(RingOp.None, Errors = SyscallErrors.ReturnsErrorNumber)]
            public static [|bool|] TryAllocate(int fd) => fd > 0;
        }
        """)]
    [InlineData("ASYS0005", """
        public static partial class Libc
        {
            [AsyncSyscall]
            public static int Flock(ref int [|fd|], int operation) => 0;
        }
        """)]
    [InlineData("ASYS0013", """
        public static unsafe partial class Libc
        {
            [AsyncSyscall]
            public static int Ioctl(int fd, ulong request, int* [|argument|]) => 0;
        }
        """)]
    [InlineData("ASYS0016", """
        public static partial class Libc
        {
            [DllImport("libc", EntryPoint = "unshare", SetLastError = true)]
            [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
            public static extern int [|Unshare|](int flags);
        }
        """)]
    [InlineData("ASYS0016", """
        public static partial class Libc
        {
            [LibraryImport("libc", SetLastError = true)]
            [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
            public static partial int [|setns|](int fd, int nstype);
        }
        """)]
    [InlineData("ASYS0016", """
        public static partial class Threads
        {
            [DllImport("libc", EntryPoint = "gettid")]
            private static extern int GetTid();

            [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
            public static int [|CurrentThreadId|](int offset) => GetTid() + offset;
        }
        """)]
    [InlineData("ASYS0016", """
        public static partial class Threads
        {
            [DllImport("libc")]
            [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
            public static extern nuint [|pthread_self|]();
        }
        """)]
    [InlineData("ASYS0016", """
        public static unsafe partial class Signals
        {
            // Held-out round 14: it waits for a signal the calling thread has blocked; on a worker, whose mask differs,
            // the signal goes to its handler (or kills the process) instead.
            [LibraryImport("libc", EntryPoint = "sigtimedwait", SetLastError = true)]
            [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
            public static partial int [|SigTimedWait|](ulong* set, byte* info, long* timeout);
        }
        """)]
    [InlineData("ASYS0016", """
        public struct Timespec { public long Seconds; public long Nanoseconds; }

        public static partial class Clocks
        {
            [LibraryImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
            private static partial int ClockGetTime(int clockid, out Timespec time);

            [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
            public static long [|ThreadCpuMicroseconds|]() => ClockGetTime(3, out Timespec time) == 0 ? time.Seconds * 1000000 + time.Nanoseconds / 1000 : -1;
        }
        """)]
    [InlineData("ASYS0016", """
        public static unsafe partial class Threads
        {
            [DllImport("libc")]
            private static extern nuint pthread_self();

            [DllImport("libc")]
            private static extern int pthread_getname_np(nuint thread, byte* name, nuint length);

            [AsyncSyscall(RingOp.None, Errors = SyscallErrors.ReturnsErrorNumber)]
            public static int [|GetCurrentThreadName|](byte[] name)
            {
                fixed (byte* p = name)
                {
                    return pthread_getname_np(pthread_self(), p, (nuint)name.Length);
                }
            }
        }
        """)]
    [InlineData("ASYS0005", """
        public struct Pollfd { public int Fd; public short Events; public short Revents; }

        public static unsafe partial class Waiting
        {
            [DllImport("libc", SetLastError = true)]
            [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
            public static extern int ppoll([OutputBuffer(nameof(nfds))] Pollfd* [|fds|], nuint nfds, nint timeout, nint sigmask);
        }
        """)]
    [InlineData("ASYS0005", """
        public struct OpenHow { public ulong Flags; public ulong Mode; public ulong Resolve; }

        public static unsafe partial class Syscalls
        {
            [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
            [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
            public static extern long OpenAt2(long number, int dirfd, [InputPath] byte* path, [InputBuffer(nameof(size))] OpenHow* [|how|], nuint size);
        }
        """)]
    [InlineData("ASYS0005", """
        public static unsafe partial class Groups
        {
            [DllImport("libc", EntryPoint = "getgroups", SetLastError = true)]
            [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
            public static extern int GetGroupsRaw(int size, [Out, MarshalAs(UnmanagedType.LPArray, SizeParamIndex = 0)] uint* [|list|]);
        }
        """)]
    [InlineData("ASYS0005", """
        public static partial class Libc
        {
            [DllImport("libc", EntryPoint = "pipe", SetLastError = true)]
            [AsyncSyscall]
            public static extern int PipeFirst(out int [|pipefd|]);
        }
        """)]
    [InlineData("ASYS0005", """
        public struct StatxHead { public uint Mask; public uint BlockSize; }

        public static partial class Libc
        {
            // No RingOp: the ring's form would lend the kernel 256 bytes of its own, but the wrapper (called synchronously,
            // or run for arguments the request cannot take) lets statx write 256 bytes into this 8-byte struct.
            [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
            [AsyncSyscall]
            public static extern int StatxOnRing(int dirfd, string path, int flags, uint mask, out StatxHead [|buffer|]);
        }
        """)]
    [InlineData("ASYS0005", """
        public struct StatxHead { public uint Mask; public uint BlockSize; }

        public static partial class Libc
        {
            [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
            [AsyncSyscall(RingOp.None)]
            public static extern int Statx(int dirfd, string path, int flags, uint mask, out StatxHead [|buffer|]);
        }
        """)]
    [InlineData("ASYS0005", """
        public static partial class Libc
        {
            [AsyncSyscall]
            public static int Flock(int [|ring|], int operation) => 0;
        }
        """)]
    [InlineData("ASYS0006", """
        public static partial class Libc
        {
            [AsyncSyscall([|RingOp.Read|])]
            public static int Stat(string path, int flags) => 0;
        }
        """)]
    [InlineData("ASYS0006", """
        public static unsafe partial class Libc
        {
            [AsyncSyscall([|RingOp.Close|])]
            public static int Close(SafeHandle handle) => 0;
        }
        """)]
    [InlineData("ASYS0007", """
        public static partial class Libc
        {
            [AsyncSyscall([|CancelHook = "Missing"|])]
            public static int Flock(int fd, int operation) => 0;
        }
        """)]
    [InlineData("ASYS0007", """
        public static partial class Libc
        {
            [AsyncSyscall([|CancelHook = nameof(Hook)|])]
            public static int Flock(int fd, int operation) => 0;

            private static int Hook(object call) => 0;
        }
        """)]
    [InlineData("ASYS0008", """
        public static partial class Libc
        {
            public static int FlockAsync;

            [AsyncSyscall]
            public static int [|Flock|](int fd, int operation) => 0;
        }
        """)]
    [InlineData("ASYS0008", """
        public static partial class Libc
        {
            public static System.Threading.Tasks.ValueTask<int> FlockAsync(int fd, int operation, System.Threading.CancellationToken cancellationToken) => default;

            [AsyncSyscall]
            public static int [|Flock|](int fd, int operation) => 0;
        }
        """)]
    [InlineData("ASYS0008", """
        public static partial class Libc
        {
            [AsyncSyscall]
            public static int Flock(int fd, int operation) => 0;

            [AsyncSyscall]
            public static int [|Flock|](int fd, int operation, out int previous) { previous = 0; return 0; }
        }
        """)]
    [InlineData("ASYS0009", """
        public static partial class Libc
        {
            [AsyncSyscall([|MethodName = "Lock it"|])]
            public static int Flock(int fd, int operation) => 0;
        }
        """)]
    [InlineData("ASYS0010", """
        public static partial class Libc
        {
            [AsyncSyscall(RingOp.Fsync, [|CancelHook = nameof(Hook)|])]
            public static int Fsync(int fd) => 0;

            private static void Hook(BlockingCallInfo call) { }
        }
        """)]
    [InlineData("ASYS0011", """
        public static partial class Libc
        {
            [AsyncSyscall(ErrorMode = SyscallErrorMode.ReturnNegativeErrno)]
            public static [|void|] Sync() { }
        }
        """)]
    [InlineData("ASYS0014", """
        public static partial class Libc
        {
            [AsyncSyscall]
            public static int [|Frobnicate|](int fd) => 0;
        }
        """)]
    [InlineData("ASYS0014", """
        public enum Error { Success = 0 }

        public static partial class Native
        {
            [DllImport("libSystem.Native", EntryPoint = "SystemNative_PosixFAdvise")]
            [AsyncSyscall]
            public static extern Error [|PosixFAdvise|](SafeHandle fd, long offset, long length, int advice);
        }
        """)]
    [InlineData("ASYS0001", """
        file static partial class Libc
        {
            [DllImport("libc", SetLastError = true)]
            [AsyncSyscall]
            public static extern int [|fsync|](int fd);
        }
        """)]
    [InlineData("ASYS0001", """
        public static partial class Libc
        {
            [DllImport("libc", SetLastError = true)]
            [AsyncSyscall]
            public static extern int [|fcntl|](int fd, int cmd, __arglist);
        }
        """)]
    [InlineData("ASYS0015", """
        public static partial class Files
        {
            [[|AsyncSyscall|]]
            public static int Write(int fd, byte[] payload) => payload.Length;
        }
        """)]
    [InlineData("ASYS0014", """
        public static partial class Libc
        {
            [DllImport("libc", SetLastError = true)]
            [AsyncSyscall]
            public static extern Microsoft.Win32.SafeHandles.SafeFileHandle [|memfd_create|](string name, uint flags);
        }
        """)]
    [InlineData("ASYS0001", """
        public interface IArch { int Close(int fd); }

        public sealed partial class Arch : IArch
        {
            [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
            int IArch.[|Close|](int fd) => fd;
        }
        """)]
    [InlineData("ASYS0001", """
        public static partial class Maintenance
        {
            public static int FlushAll(int fd)
            {
                return SyncFs(fd);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                static int [|SyncFs|](int fd) => fd;
            }
        }
        """)]
    [InlineData("ASYS0006", """
        public static unsafe partial class Libc
        {
            [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
            [AsyncSyscall([|RingOp.Read|])]
            public static partial nuint Read(int fd, byte* buf, nuint count);
        }
        """)]
    [InlineData("ASYS0006", """
        public static partial class Files
        {
            [AsyncSyscall([|RingOp.Write|])]
            public static nint WriteAt(int fd, ReadOnlySpan<byte> buffer, long offset) => 0;
        }
        """)]
    [InlineData("ASYS0006", """
        public static partial class Libc
        {
            [DllImport("libc", EntryPoint = "mkdirat", CharSet = CharSet.Unicode, SetLastError = true)]
            [AsyncSyscall([|RingOp.MkdirAt|])]
            public static extern int MkdirAt(int dirfd, string path, uint mode);
        }
        """)]
    [InlineData("ASYS0006", """
        public static partial class Libc
        {
            [DllImport("libc", EntryPoint = "unlinkat", SetLastError = true)]
            [AsyncSyscall([|RingOp.UnlinkAt|])]
            public static extern int UnlinkAt(int dirfd, [MarshalAs(UnmanagedType.LPWStr)] string path, int flags);
        }
        """)]
    [InlineData("ASYS0017", """
        public static partial class Libc
        {
            [DllImport("libc", EntryPoint = "openat", CharSet = CharSet.Unicode, SetLastError = true)]
            [AsyncSyscall]
            public static extern int OpenAt(int dirfd, string [|path|], int flags, uint mode);
        }
        """)]
    [InlineData("ASYS0017", """
        public static partial class Libc
        {
            [LibraryImport("libc", EntryPoint = "unlinkat", StringMarshalling = StringMarshalling.Utf16, SetLastError = true)]
            [AsyncSyscall]
            public static partial int UnlinkAt(int dirfd, string [|pathname|], int flags);
        }
        """)]
    [InlineData("ASYS0017", """
        public static partial class Libc
        {
            [DllImport("libc", EntryPoint = "renameat", SetLastError = true)]
            [AsyncSyscall]
            public static extern int RenameAt(int olddirfd, string oldpath, int newdirfd, [MarshalAs(UnmanagedType.LPWStr)] string [|newpath|]);
        }
        """)]
    public async Task Diagnostic_fires_on_its_bad_shape_at_the_marked_place(string id, string markup)
    {
        (string source, TextSpan span) = Markup.Parse(Usings + markup);
        Compilation input = GeneratorHarness.Compile(source);
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);

        ImmutableArray<Diagnostic> diagnostics = await GeneratorHarness.AnalyzeAsync(output);

        Diagnostic diagnostic = Assert.Single(diagnostics, d => d.Id == id);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Equal("Input0.cs", diagnostic.Location.SourceTree!.FilePath);
        Assert.Equal("https://github.com/asyncsys/asyncsys/blob/main/docs/diagnostics/" + id + ".md", diagnostic.Descriptor.HelpLinkUri);
        Assert.Null(run.Results[0].Exception);
        Assert.Empty(run.Diagnostics);
        // The invalid wrapper is skipped: nothing generated adds compiler errors on top of the diagnostic.
        Assert.DoesNotContain(
            output.GetDiagnostics(),
            d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal) == true);
        if (diagnostic.Severity == DiagnosticSeverity.Error && id != "ASYS0008")
        {
            Assert.Empty(run.Results[0].GeneratedSources);
        }
    }

    [Theory]
    [InlineData("""
        public interface IRawReader { System.Threading.Tasks.ValueTask<int> ReadAsync(int fd, Memory<byte> buffer, System.Threading.CancellationToken cancellationToken); }

        public sealed partial class Reader : IRawReader
        {
            System.Threading.Tasks.ValueTask<int> IRawReader.ReadAsync(int fd, Memory<byte> buffer, System.Threading.CancellationToken cancellationToken) => default;

            [AsyncSyscall(RingOp.Read)]
            public int [|Read|](int fd, Span<byte> buffer) => 0;
        }
        """, "'Read' would generate 'ReadAsync', which clashes with the interface member 'IRawReader.ReadAsync(int, System.Memory<byte>, System.Threading.CancellationToken)', which the type implements explicitly ('Reader.IRawReader.ReadAsync(int, System.Memory<byte>, System.Threading.CancellationToken)') of type 'Reader'; set [AsyncSyscall(MethodName = \"ReadSyscallAsync\")] or rename the member")]
    [InlineData("""
        public interface IRawReader
        {
            System.Threading.Tasks.ValueTask<int> ReadAsync(int fd, Memory<byte> buffer, System.Threading.CancellationToken cancellationToken) => default;
            int ReadSyscallAsync => 0;
        }

        public sealed partial class Reader : IRawReader
        {
            [AsyncSyscall(RingOp.Read)]
            public int [|Read|](int fd, Span<byte> buffer) => 0;
        }
        """, "'Read' would generate 'ReadAsync', which clashes with the interface member 'IRawReader.ReadAsync(int, System.Memory<byte>, System.Threading.CancellationToken)', whose default implementation the generated method would replace of type 'Reader'; set [AsyncSyscall(MethodName = \"ReadSyscall2Async\")] or rename the member")]
    public async Task An_interface_member_the_type_implements_explicitly_or_by_default_is_a_clash_naming_a_free_MethodName(string markup, string message)
    {
        (string source, TextSpan span) = Markup.Parse(Usings + markup);
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        Diagnostic diagnostic = Assert.Single(await GeneratorHarness.AnalyzeAsync(output));

        Assert.Equal("ASYS0008", diagnostic.Id);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(run.Results[0].GeneratedSources);
    }

    [Theory]
    [InlineData("public static partial nint Splice(int fdIn, long* offIn, int fdOut, long* offOut, nuint length, uint flags);")]
    [InlineData("public static partial nint Splice(int fdIn, ref long offIn, int fdOut, ref long offOut, nuint length, uint flags);")]
    public async Task Splice_on_the_ring_with_offsets_the_kernel_advances_is_refused_naming_the_worker(string declaration)
    {
        (string source, TextSpan span) = Markup.Parse(Usings + """
            public static unsafe partial class Libc
            {
                [LibraryImport("libc", EntryPoint = "splice", SetLastError = true)]
                [AsyncSyscall([|RingOp.Splice|])]
            """ + "\n    " + declaration + """

            }
            """);
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        Diagnostic diagnostic = Assert.Single(await GeneratorHarness.AnalyzeAsync(output));

        Assert.Equal("ASYS0006", diagnostic.Id);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Equal(
            "The parameters of 'Splice' do not fit RingOp.Splice: parameter 'offIn' must be an offset passed by value (long, -1 for none) to run on the ring:"
            + " the kernel writes the advanced offset back through a pointer or ref, and the ring cannot return it"
            + " (without RingOp, or with RingOp.None, a worker runs the wrapper and returns the advanced offsets)",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(run.Results[0].GeneratedSources);
    }

    [Theory]
    [InlineData("nint", true)]
    [InlineData("System.IntPtr", true)]
    [InlineData("long*", false)]
    public async Task An_offset_pointer_held_in_an_address_is_refused_saying_to_declare_it_long_pointer(string offsetType, bool refused)
    {
        // Held-out rounds 7 and 14: splice/sendfile/copy_file_range with NULL offsets passed as nint were refused with
        // "must point to an integer", which did not say what to write instead.
        string source = Usings + """
            public static unsafe partial class Libc
            {
                [LibraryImport("libc", EntryPoint = "splice", SetLastError = true)]
                [AsyncSyscall]
            """ + $"\n    public static partial nint Splice(int fdIn, {offsetType} offIn, int fdOut, {offsetType} offOut, nuint length, uint flags);\n}}\n";
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));
        Diagnostic[] diagnostics = (await GeneratorHarness.AnalyzeAsync(output)).Where(d => d.Id.StartsWith("ASYS", System.StringComparison.Ordinal)).ToArray();
        if (!refused)
        {
            Assert.Empty(diagnostics);
            Assert.NotEmpty(run.Results[0].GeneratedSources);
            return;
        }

        // One per offset, each naming its parameter.
        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, d => Assert.Equal("ASYS0005", d.Id));
        string[] messages = diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.StartsWith("Parameter 'offIn' of 'Splice' is not supported: ", messages[0], System.StringComparison.Ordinal);
        Assert.StartsWith("Parameter 'offOut' of 'Splice' is not supported: ", messages[1], System.StringComparison.Ordinal);
        Assert.All(messages, m => Assert.EndsWith(
            "an offset pointer must point to an integer; an address in 'nint' does not say what it points to, so declare it long*: the variant then takes a long? (null uses and advances the file position, as NULL does)",
            m,
            System.StringComparison.Ordinal));
        Assert.Empty(run.Results[0].GeneratedSources);
    }

    [Theory]
    [InlineData("public static partial int Accept4(int fd, byte* address, ref uint addressLength, int flags);")]
    [InlineData("public static partial int Accept4(int fd, byte[] address, ref int addressLength, int flags);")]
    [InlineData("public static partial int Accept4(int fd, Span<byte> address, out uint addressLength, int flags);")]
    [InlineData("public static partial int Accept4(int fd, byte[] address, uint* addressLength, int flags);")]
    public async Task Accept_on_the_ring_with_a_length_it_cannot_write_back_is_refused_naming_the_pointers_it_needs(string declaration)
    {
        (string source, TextSpan span) = Markup.Parse(Usings + """
            public static unsafe partial class Libc
            {
                [LibraryImport("libc", EntryPoint = "accept4", SetLastError = true)]
                [AsyncSyscall([|RingOp.Accept|])]
            """ + "\n    " + declaration + """

            }
            """);
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        Diagnostic diagnostic = Assert.Single(await GeneratorHarness.AnalyzeAsync(output));

        Assert.Equal("ASYS0006", diagnostic.Id);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Equal(
            "The parameters of 'Accept4' do not fit RingOp.Accept: parameter 'address' must be a pointer followed by a pointer to its length"
            + " (sockaddr*, socklen_t*) to run on the ring: the length the kernel writes back cannot reach a ref, out or array length after the await"
            + " (without RingOp, a worker runs the wrapper as it is)",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(run.Results[0].GeneratedSources);
    }

    [Fact]
    public async Task A_span_then_an_integer_under_a_stated_RingOp_that_fits_two_calls_is_refused_saying_how_to_declare_it()
    {
        (string source, TextSpan span) = Markup.Parse(Usings + """
            public static partial class Files
            {
                [AsyncSyscall([|RingOp.Write|])]
                public static nint WriteAt(int fd, ReadOnlySpan<byte> buffer, long offset) => 0;
            }
            """);
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        Diagnostic diagnostic = Assert.Single(await GeneratorHarness.AnalyzeAsync(output));

        Assert.Equal("ASYS0006", diagnostic.Id);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Equal(
            "The parameters of 'WriteAt' do not fit RingOp.Write: it fits both write and pwrite, which read 'offset' differently (one drops it as the length of"
            + " the buffer before it, which carries its own length); declare the call's parameters in full (a byte count after the buffer, then the offset),"
            + " or drop 'offset' if it is the buffer's length",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(run.Results[0].GeneratedSources);
    }

    [Fact]
    public async Task A_span_with_its_count_and_offset_or_alone_under_a_stated_RingOp_is_one_call_and_generates()
    {
        // The nearest shapes that say which call they are: the count and the offset both declared (pwrite), or only the
        // span, whose length is the count (write).
        Compilation input = GeneratorHarness.Compile(Usings + """
            public static partial class Files
            {
                [AsyncSyscall(RingOp.Write)]
                public static nint WriteAt(int fd, ReadOnlySpan<byte> buffer, nuint count, long offset) => 0;

                [AsyncSyscall(RingOp.Write)]
                public static nint Append(int fd, ReadOnlySpan<byte> buffer) => 0;
            }
            """);
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);

        Assert.Empty(await GeneratorHarness.AnalyzeAsync(output));
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
        string writeAt = run.Results[0].GeneratedSources.Single(s => s.HintName.Contains(".WriteAt.", System.StringComparison.Ordinal)).SourceText.ToString();
        string append = run.Results[0].GeneratedSources.Single(s => s.HintName.Contains(".Append.", System.StringComparison.Ordinal)).SourceText.ToString();
        // The count is the memory's length, as for any span with its count; the offset reaches the ring.
        Assert.Contains("WriteAtAsync(int fd, global::System.ReadOnlyMemory<byte> buffer, long offset,", writeAt);
        Assert.Contains("global::AsyncSys.RingRequest.Write(fd, buffer, offset)", writeAt);
        Assert.Contains("AppendAsync(int fd, global::System.ReadOnlyMemory<byte> buffer, global::System.Threading.CancellationToken", append);
    }

    [Fact]
    public async Task An_override_of_a_marked_virtual_wrapper_is_refused_in_the_generator_run_too_not_generated_hiding_the_base()
    {
        (string source, TextSpan span) = Markup.Parse(Usings + """
            public partial class Journal
            {
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public virtual int Commit() => 0;
            }

            public partial class MirroredJournal : Journal
            {
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public override int [|Commit|]() => 1;
            }
            """);
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        Diagnostic diagnostic = Assert.Single(await GeneratorHarness.AnalyzeAsync(output));

        Assert.Equal("ASYS0008", diagnostic.Id);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        // Only the base gets its variant: nothing generated hides it (no CS0108 in generated code).
        GeneratedSourceResult generated = Assert.Single(run.Results[0].GeneratedSources);
        Assert.StartsWith("Journal.Commit.", generated.HintName, System.StringComparison.Ordinal);
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
    }

    [Theory]
    [InlineData("public static extern int Pipe(out int pipefd);", "pipe", "'int' holds 4")]
    [InlineData("public static extern int Pipe(out uint pipefd);", "pipe", "'uint' holds 4")]
    [InlineData("public static extern int Pipe2(out OneFd pipefd, int flags);", "pipe2", "'OneFd' holds 4")]
    [InlineData("public static extern int Pipe2(out PackedFdAndFlag pipefd, int flags);", "pipe2", "'PackedFdAndFlag' holds 5")]
    [InlineData("public static extern int SocketPair(int domain, int type, int protocol, out short sv);", "socketpair", "'short' holds 2")]
    public async Task An_out_value_smaller_than_the_two_descriptors_the_kernel_writes_is_refused(string declaration, string entryPoint, string holds)
    {
        Compilation input = GeneratorHarness.Compile(Usings + """
            public struct OneFd { public int Fd; }

            [StructLayout(LayoutKind.Sequential, Pack = 1)]
            public struct PackedFdAndFlag { public int Fd; public byte Flag; }

            public static partial class Libc
            {
                [DllImport("libc", EntryPoint = "ENTRY", SetLastError = true)]
                [AsyncSyscall]
                DECLARATION
            }
            """.Replace("ENTRY", entryPoint, System.StringComparison.Ordinal).Replace("DECLARATION", declaration, System.StringComparison.Ordinal));
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);

        Diagnostic diagnostic = Assert.Single(await GeneratorHarness.AnalyzeAsync(output));
        Assert.Equal("ASYS0005", diagnostic.Id);
        Assert.Contains("the kernel writes 8 bytes through it (two descriptors), and " + holds, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Contains("declare an int[]", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Empty(run.Results[0].GeneratedSources);
    }

    [Fact]
    public async Task Out_values_that_hold_what_the_kernel_writes_or_whose_size_is_not_known_from_source_still_generate()
    {
        // The nearest shapes to the refused ones: two ints, a long, a fixed int[2], a 256-byte statx struct on a worker;
        // a struct from metadata (its layout is not in the symbols) is not refused on a guess; an out value of a call
        // outside the table has no fixed size the kernel writes.
        Compilation input = GeneratorHarness.Compile(Usings + """
            public struct PipeFds { public int ReadFd; public int WriteFd; }

            public unsafe struct FdPair { public fixed int Fds[2]; }

            [StructLayout(LayoutKind.Explicit, Size = 256)]
            public struct StatxBuffer { [FieldOffset(40)] public ulong Size; }

            public static partial class Libc
            {
                [DllImport("libc", EntryPoint = "pipe2", SetLastError = true)]
                [AsyncSyscall]
                public static extern int Pipe2(out PipeFds pipefd, int flags);

                [DllImport("libc", EntryPoint = "pipe", SetLastError = true)]
                [AsyncSyscall]
                public static extern int PipeAsLong(out long pipefd);

                [DllImport("libc", EntryPoint = "socketpair", SetLastError = true)]
                [AsyncSyscall]
                public static extern int SocketPair(int domain, int type, int protocol, out FdPair sv);

                [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
                [AsyncSyscall(RingOp.None)]
                public static extern int Statx(int dirfd, string path, int flags, uint mask, out StatxBuffer buffer);

                [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
                [AsyncSyscall(RingOp.None, MethodName = "StatxOwnAsync")]
                public static extern int StatxOwn(int dirfd, string path, int flags, uint mask, out AsyncSys.Statx buffer);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int Peek(int fd, out int value) { value = fd; return 0; }
            }
            """);
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);

        Assert.Empty(await GeneratorHarness.AnalyzeAsync(output));
        Assert.Equal(6, run.Results[0].GeneratedSources.Length);
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
    }

    [Fact]
    public async Task A_buffer_mark_on_a_pointer_wider_than_a_byte_names_both_readings_of_its_length_and_the_byte_and_array_shapes_generate()
    {
        // ppoll's nfds counts pollfds, openat2's size counts bytes: over a Pollfd* or an OpenHow* a mark cannot tell which,
        // and the variant would pass its memory's byte length (for two pollfds, 16 where the kernel then reads 16 of them).
        // The shapes the message names generate: void* for a byte count, an LPArray with SizeParamIndex for an element count.
        Compilation input = GeneratorHarness.Compile(Usings + """
            public struct Pollfd { public int Fd; public short Events; public short Revents; }

            public static unsafe partial class Waiting
            {
                [DllImport("libc", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern int ppoll([OutputBuffer(nameof(nfds))] Pollfd* fds, nuint nfds, nint timeout, nint sigmask);

                [DllImport("libc", EntryPoint = "ppoll", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern int PPollArray([Out, MarshalAs(UnmanagedType.LPArray, SizeParamIndex = 1)] Pollfd[] fds, nuint nfds, nint timeout, nint sigmask);

                [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern long OpenAt2(long number, int dirfd, [InputPath] byte* path, [InputBuffer(nameof(size))] void* how, nuint size);
            }
            """);
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);

        Diagnostic diagnostic = Assert.Single(await GeneratorHarness.AnalyzeAsync(output));
        Assert.Equal("ASYS0005", diagnostic.Id);
        Assert.Equal(
            "Parameter 'fds' of 'ppoll' is not supported: [OutputBuffer(nameof(nfds))] counts 'nfds' in bytes, but 'fds' points to 'Pollfd', wider than a byte, "
            + "so 'nfds' may count Pollfd elements (as poll's nfds does) where the variant would pass its memory's length in bytes; declare 'fds' as void* (or byte*) "
            + "if 'nfds' counts bytes, or as [Out, MarshalAs(UnmanagedType.LPArray, SizeParamIndex = 1)] Pollfd[] if it counts elements",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, run.Results[0].GeneratedSources.Length);
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
    }

    [Fact]
    public async Task A_msghdr_pointer_the_ring_does_not_take_says_what_the_ring_needs_and_the_integer_socket_goes_to_the_ring()
    {
        // recvmsg with a SafeHandle socket: RingRequest.RecvMsg takes an int descriptor, and a worker cannot carry the
        // header's address. The refusal used to call the msghdr pointer "an integer, not a pointer".
        Compilation input = GeneratorHarness.Compile(Usings + """
            public struct MsgHdr { public nint Name; public uint NameLength; public nint Vectors; public nuint VectorCount; public nint Control; public nuint ControlLength; public int Flags; }

            [Flags]
            public enum MsgFlags { None = 0, DontWait = 0x40, CmsgCloexec = 0x40000000 }

            public static unsafe partial class Ancillary
            {
                [DllImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
                [AsyncSyscall]
                public static extern nint RecvMsgHandle(SafeHandle socket, MsgHdr* message, MsgFlags flags);

                [DllImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
                [AsyncSyscall]
                public static extern nint RecvMsg(int socket, MsgHdr* message, MsgFlags flags);
            }
            """);
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);

        Diagnostic diagnostic = Assert.Single(await GeneratorHarness.AnalyzeAsync(output));
        Assert.Equal("ASYS0005", diagnostic.Id);
        Assert.Equal("message", diagnostic.Location.SourceTree!.ToString().Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.StartsWith("Parameter 'message' of 'RecvMsgHandle' is not supported: this is recvmsg's struct msghdr pointer, which only the ring's request takes",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Contains("an integer descriptor (int or nint, not a SafeHandle)", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        GeneratedSourceResult generated = Assert.Single(run.Results[0].GeneratedSources);
        Assert.Contains("global::AsyncSys.RingRequest.RecvMsg(", generated.SourceText.ToString(), System.StringComparison.Ordinal);
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
    }

    [Fact]
    public async Task Calls_on_the_process_or_on_a_thread_the_caller_names_still_generate()
    {
        // The nearest shapes to ASYS0016: getpid answers for the process, not the thread; pthread_getname_np and
        // pthread_getaffinity_np name their thread (the caller's pthread_self, taken before the await); prctl's
        // PR_GET_DUMPABLE is the process's. (A body that enters a namespace with setns and mounts there is refused since
        // the worker stays in the namespace: CallingThreadTests.)
        Compilation input = GeneratorHarness.Compile(Usings + """
            public static unsafe partial class Libc
            {
                [DllImport("libc", EntryPoint = "getpid")]
                [AsyncSyscall]
                public static extern int GetPid();

                [DllImport("libc", EntryPoint = "pthread_getname_np")]
                [AsyncSyscall(Errors = SyscallErrors.ReturnsErrorNumber)]
                public static extern int GetThreadName(nuint thread, byte[] name, nuint length);

                [DllImport("libc", EntryPoint = "pthread_getaffinity_np")]
                [AsyncSyscall(Errors = SyscallErrors.ReturnsErrorNumber)]
                public static extern int GetThreadAffinity(nuint thread, nuint size, [OutputBuffer(nameof(size))] byte* set);

                [DllImport("libc", EntryPoint = "prctl", SetLastError = true)]
                private static extern int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int IsDumpable() => Prctl(3, 0, 0, 0, 0);
            }
            """);
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);

        Assert.Empty(await GeneratorHarness.AnalyzeAsync(output));
        Assert.Equal(4, run.Results[0].GeneratedSources.Length);
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
    }

    [Fact]
    public async Task A_bool_result_of_a_call_that_reports_failure_by_number_names_the_failure_and_the_nearest_shapes_generate()
    {
        // [return: MarshalAs(Bool)] makes fsync's -1 true, as a success of a 0-or-1 call would be: the variant would hand
        // the failure back as a value without its errno. The C int, a NeverFails bool, and an ordinary bool outside the
        // table (its own answer, as round 3's Exists) generate.
        Compilation input = GeneratorHarness.Compile(Usings + """
            public static partial class Libc
            {
                [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
                [AsyncSyscall]
                [return: MarshalAs(UnmanagedType.Bool)]
                public static extern bool FsyncFailed(int fd);

                [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
                [AsyncSyscall]
                public static extern int Fsync(int fd);

                [DllImport("libc", EntryPoint = "isatty")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                [return: MarshalAs(UnmanagedType.Bool)]
                public static extern bool IsTerminal(int fd);

                [DllImport("libc", EntryPoint = "faccessat", SetLastError = true)]
                private static extern int FAccessAt(int dirfd, string path, int mode, int flags);

                [AsyncSyscall]
                public static bool CanWrite(string path) => FAccessAt(-100, path, 2, 0) == 0;
            }
            """);
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);

        Diagnostic diagnostic = Assert.Single(await GeneratorHarness.AnalyzeAsync(output));
        Assert.Equal("ASYS0004", diagnostic.Id);
        Assert.Equal(
            "'FsyncFailed' returns 'bool', which cannot carry the failure 'fsync' reports (-1 and errno): declare the call's C result (int, long or nint) "
            + "so the variant can throw ErrnoException, or state Errors = SyscallErrors.NeverFails if the value is the method's own answer and its failures throw",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(3, run.Results[0].GeneratedSources.Length);
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
    }

    [Fact]
    public async Task ASYS0014_names_an_ordinary_method_once_and_an_extern_with_the_call_it_makes()
    {
        // An ordinary method's entry point is its own name: the message said "'Frobnicate' calls 'Frobnicate'". The extern
        // keeps naming the call it makes and the call's documentation.
        Compilation input = GeneratorHarness.Compile(Usings + """
            public static partial class Native
            {
                [AsyncSyscall]
                public static int Frobnicate(int fd) => 0;

                [DllImport("libSystem.Native", EntryPoint = "SystemNative_Frob")]
                [AsyncSyscall]
                public static extern int Frob(int fd);

                [DllImport("libc")]
                [AsyncSyscall]
                public static extern int sd_booted();
            }
            """);
        (_, Compilation output) = GeneratorHarness.Run(input);

        string[] messages = (await GeneratorHarness.AnalyzeAsync(output)).Where(d => d.Id == "ASYS0014").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(m => m, System.StringComparer.Ordinal).ToArray();
        Assert.Equal(3, messages.Length);
        Assert.StartsWith("'sd_booted' is a call that is not in the generator's table, and returns 'int': set Errors = ", messages[2], System.StringComparison.Ordinal);
        Assert.StartsWith("'Frob' calls 'SystemNative_Frob', which is not in the generator's table, and returns 'int': set Errors = ", messages[0], System.StringComparison.Ordinal);
        Assert.Contains("on [AsyncSyscall] as the call's documentation says;", messages[0], System.StringComparison.Ordinal);
        Assert.StartsWith("'Frobnicate' is an ordinary method, whose body the generator does not read for how it reports failure, and returns 'int': set Errors = ", messages[1], System.StringComparison.Ordinal);
        Assert.Contains("on [AsyncSyscall] as its body reports failure;", messages[1], System.StringComparison.Ordinal);
        Assert.DoesNotContain("'Frobnicate' calls 'Frobnicate'", messages[1], System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_on_the_calling_thread_names_the_call_what_its_man_page_says_and_what_the_worker_would_do()
    {
        Compilation input = GeneratorHarness.Compile(Usings + """
            public static partial class Libc
            {
                [DllImport("libc", EntryPoint = "prctl", SetLastError = true)]
                private static extern int Prctl(int option, byte[] name, nuint arg3, nuint arg4, nuint arg5);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int GetThreadName(byte[] name) => Prctl(16, name, 0, 0, 0);

                [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern int SetNamespace(int fd, int nstype);
            }
            """);
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);

        string[] messages = (await GeneratorHarness.AnalyzeAsync(output)).Where(d => d.Id == "ASYS0016").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(m => m, System.StringComparer.Ordinal).ToArray();
        Assert.Equal(2, messages.Length);
        Assert.StartsWith("'GetThreadName' has a body that calls 'prctl', which acts on the calling thread (prctl(2) reads and sets attributes of the calling thread", messages[0], System.StringComparison.Ordinal);
        Assert.Contains("so it would answer for that worker, never the caller", messages[0], System.StringComparison.Ordinal);
        Assert.StartsWith("'SetNamespace' calls 'setns', which acts on the calling thread (setns(2) reassociates the calling thread with a namespace)", messages[1], System.StringComparison.Ordinal);
        Assert.Contains("so it would act on that worker, never the caller", messages[1], System.StringComparison.Ordinal);
        Assert.Empty(run.Results[0].GeneratedSources);
    }

    [Fact]
    public async Task Valid_wrappers_get_no_diagnostic()
    {
        Compilation input = GeneratorHarness.Compile(Usings + """
            public static unsafe partial class Libc
            {
                [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
                [AsyncSyscall(RingOp.Read, MethodName = "ReadAtAsync", ErrorMode = SyscallErrorMode.ReturnNegativeErrno)]
                public static partial nint PRead(int fd, byte* buffer, nuint count, long offset);

                [AsyncSyscall(RingOp.None, CancelHook = nameof(Hook))]
                public static int Flock(int fd, int operation) => 0;

                [AsyncSyscall]
                public static int Flock(int fd, long operation, out int previous) { previous = 0; return 0; }

                private static void Hook(BlockingCallInfo call) => call.InterruptWorker();
            }

            public partial class Generic<T>
            {
                [AsyncSyscall(RingOp.Read)]
                public int Read(int fd, Span<byte> buffer) => buffer.Length;
            }
            """);
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);

        Assert.Empty(await GeneratorHarness.AnalyzeAsync(output));
        Assert.Equal(4, run.Results[0].GeneratedSources.Length);
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
    }

    [Theory]
    [InlineData("MinusOneAndErrno")]
    [InlineData("ReturnsErrorNumber")]
    [InlineData("NegativeErrno")]
    [InlineData("NullAndErrno")]
    [InlineData("NeverFails")]
    public async Task A_stated_error_convention_silences_ASYS0014_and_compiles_for_int_enum_and_typedef_results(string errors)
    {
        Compilation input = GeneratorHarness.Compile(Usings + """
            public enum Error { Success = 0 }

            public struct ssize_t { private long _value; public ssize_t(long value) => _value = value; public long Value => _value; }

            public static partial class Native
            {
                [DllImport("libSystem.Native", EntryPoint = "SystemNative_SendFile", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.ERRORS)]
                public static extern Error SendFile(SafeHandle outFd, SafeHandle inFd, long offset, long count, out long sent);

                [AsyncSyscall(Errors = SyscallErrors.ERRORS)]
                public static int Frobnicate(int fd) => fd;

                [AsyncSyscall(Errors = SyscallErrors.ERRORS)]
                public static ssize_t Measure(int fd) => default;
            }
            """.Replace("ERRORS", errors, System.StringComparison.Ordinal));
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);

        Assert.Empty(await GeneratorHarness.AnalyzeAsync(output));
        Assert.Equal(3, run.Results[0].GeneratedSources.Length);
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
    }

    [Theory]
    [InlineData("pathconf", "string path", "MinusOneAndErrno", true)]
    [InlineData("fpathconf", "int fd", "MinusOneAndErrno", true)]
    [InlineData("fpathconf", "int fd", "NeverFails", false)]
    public async Task Pathconf_stated_other_than_NeverFails_is_ASYS0014(string call, string first, string errors, bool refused)
    {
        // Held-out round 36: pathconf(3) returns -1 with errno unchanged for "no limit", a success; stated MinusOneAndErrno,
        // the variant threw ErrnoException with whatever errno the thread held where the wrapper returned -1.
        Compilation input = GeneratorHarness.Compile(Usings + """
            public static partial class Limits
            {
                [DllImport("libc", EntryPoint = "CALL", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.ERRORS)]
                public static extern nint Limit(FIRST, int name);
            }
            """.Replace("CALL", call, System.StringComparison.Ordinal).Replace("FIRST", first, System.StringComparison.Ordinal).Replace("ERRORS", errors, System.StringComparison.Ordinal));
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);

        string[] messages = (await GeneratorHarness.AnalyzeAsync(output)).Where(d => d.Id == "ASYS0014").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (refused)
        {
            Assert.StartsWith("'Limit' calls '" + call + "', which returns -1 with errno unchanged when the limit is not set", Assert.Single(messages), System.StringComparison.Ordinal);
            Assert.Contains("set errno to 0 before the call", messages[0], System.StringComparison.Ordinal);
            Assert.Empty(run.Results[0].GeneratedSources);
        }
        else
        {
            Assert.Empty(messages);
            Assert.Single(run.Results[0].GeneratedSources);
        }

        Assert.Empty(GeneratorHarness.CompilerProblems(output));
    }

    [Theory]
    [InlineData("mkdtemp", "nint", "NullAndErrno", true)]
    [InlineData("mkstemp", "int", "MinusOneAndErrno", true)]
    [InlineData("mkstemps", "int", "MinusOneAndErrno", false)]
    public async Task A_template_declared_string_is_ASYS0005(string call, string result, string errors, bool suffix)
    {
        // Held-out round 36: mkdtemp with a string template was generated; the name is written into the marshaller's copy,
        // which is dropped, and mkdtemp returns the copy's address.
        Compilation input = GeneratorHarness.Compile(Usings + """
            public static partial class Templates
            {
                [DllImport("libc", EntryPoint = "CALL", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.ERRORS)]
                public static extern RESULT Make(string template SUFFIX);
            }
            """.Replace("CALL", call, System.StringComparison.Ordinal).Replace("RESULT", result, System.StringComparison.Ordinal)
               .Replace("ERRORS", errors, System.StringComparison.Ordinal).Replace(" SUFFIX", suffix ? ", int suffixlen" : "", System.StringComparison.Ordinal));
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);

        string message = Assert.Single((await GeneratorHarness.AnalyzeAsync(output)).Where(d => d.Id == "ASYS0005")).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("it is the template '" + call + "' rewrites in place", message, System.StringComparison.Ordinal);
        Assert.Empty(run.Results[0].GeneratedSources);
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
    }

    [Theory]
    [InlineData("ReturnsErrorNumber", true)]
    [InlineData("MinusOneAndErrno", true)]
    [InlineData("NegativeErrno", true)]
    [InlineData("NeverFails", false)]
    public async Task Pthread_barrier_wait_stated_other_than_NeverFails_is_ASYS0014(string errors, bool refused)
    {
        // Held-out round 35: pthread_barrier_wait returns PTHREAD_BARRIER_SERIAL_THREAD (-1) to one waiter, a success; stated
        // ReturnsErrorNumber, the variant threw ErrnoException(-1) where the wrapper returned -1.
        Compilation input = GeneratorHarness.Compile(Usings + """
            public static partial class Barriers
            {
                [DllImport("libc", EntryPoint = "pthread_barrier_wait")]
                [AsyncSyscall(Errors = SyscallErrors.ERRORS)]
                public static extern int Wait(nint barrier);
            }
            """.Replace("ERRORS", errors, System.StringComparison.Ordinal));
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);

        string[] messages = (await GeneratorHarness.AnalyzeAsync(output)).Where(d => d.Id == "ASYS0014").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (refused)
        {
            Assert.StartsWith("'Wait' calls 'pthread_barrier_wait', which returns PTHREAD_BARRIER_SERIAL_THREAD (-1)", Assert.Single(messages), System.StringComparison.Ordinal);
            Assert.Contains("Errors = SyscallErrors." + errors + " would report as a failure", messages[0], System.StringComparison.Ordinal);
            Assert.Contains("NeverFails, so every result comes back as it is", messages[0], System.StringComparison.Ordinal);
            Assert.Empty(run.Results[0].GeneratedSources);
        }
        else
        {
            Assert.Empty(messages);
            Assert.Single(run.Results[0].GeneratedSources);
        }

        Assert.Empty(GeneratorHarness.CompilerProblems(output));
    }

    [Fact]
    public async Task Pragma_suppresses_a_diagnostic()
    {
        Compilation input = GeneratorHarness.Compile(Usings + """
            public static partial class Libc
            {
            #pragma warning disable ASYS0010 // the hook is kept for a worker fallback we may add
                [AsyncSyscall(CancelHook = nameof(Hook))]
                public static int Fsync(int fd) => 0;
            #pragma warning restore ASYS0010

                private static void Hook(BlockingCallInfo call) { }
            }
            """);
        (_, Compilation output) = GeneratorHarness.Run(input);

        Assert.DoesNotContain(await GeneratorHarness.AnalyzeAsync(output), d => d.Id == "ASYS0010");
    }

    [Fact]
    public void Every_descriptor_has_a_docs_page()
    {
        string docs = System.IO.Path.Combine(Repository.Root, "docs", "diagnostics");
        foreach (DiagnosticDescriptor descriptor in new Diagnostics.AsyncSyscallAnalyzer().SupportedDiagnostics.Add(Diagnostics.DiagnosticDescriptors.InternalError))
        {
            string page = System.IO.Path.Combine(docs, descriptor.Id + ".md");
            Assert.True(System.IO.File.Exists(page), "missing " + page);
            // SARIF's fullDescription: a sentence or more, not the title again.
            string description = descriptor.Description.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(description.Length > descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture).Length, descriptor.Id + " has no real description");
        }
    }
}
