using System.Linq;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Tests;

/// <summary>
/// A span becomes memory and its count parameter disappears: the worker passes the memory's length in what the call
/// counts. read's, write's and getrandom's counts are bytes, so a span of wider elements passes its size in bytes (held-out
/// round 12: read of an eventfd into a Span&lt;ulong&gt; got a count of 1, EINVAL, where the wrapper's caller passes 8); poll's
/// nfds and epoll_wait's maxevents count elements, and a byte span's length is its size already.
/// </summary>
public sealed class WideSpanLengthTests
{
    private const string Prelude = """
        using System;
        using System.Runtime.InteropServices;
        using AsyncSys;
        using Microsoft.Win32.SafeHandles;

        [StructLayout(LayoutKind.Sequential, Pack = 4)]
        public struct EpollEvent { public uint Events; public ulong Data; }

        [StructLayout(LayoutKind.Sequential)]
        public struct PollFd { public int Fd; public short Events; public short Revents; }

        public static partial class Libc
        {

        """;

    [Theory]
    // A count of bytes beside a span of wider elements: the memory's size in bytes.
    [InlineData("[LibraryImport(\"libc\", EntryPoint = \"read\", SetLastError = true)] [AsyncSyscall] public static partial nint Read(SafeFileHandle fd, Span<ulong> buffer, nuint count);",
        "unchecked((nuint)((int)global::System.Math.Min((long)state.buffer.Length * global::System.Runtime.CompilerServices.Unsafe.SizeOf<ulong>(), int.MaxValue)))")]
    [InlineData("[LibraryImport(\"libc\", EntryPoint = \"write\", SetLastError = true)] [AsyncSyscall] public static partial nint Write(int fd, ReadOnlySpan<ulong> buffer, nuint count);",
        "unchecked((nuint)((int)global::System.Math.Min((long)state.buffer.Length * global::System.Runtime.CompilerServices.Unsafe.SizeOf<ulong>(), int.MaxValue)))")]
    [InlineData("[LibraryImport(\"libc\", EntryPoint = \"getrandom\", SetLastError = true)] [AsyncSyscall] public static partial nint GetRandom(Span<uint> buffer, nuint length, uint flags);",
        "unchecked((nuint)((int)global::System.Math.Min((long)state.buffer.Length * global::System.Runtime.CompilerServices.Unsafe.SizeOf<uint>(), int.MaxValue)))")]
    // The nearest correct shapes: a byte span's length is its size; poll's and epoll_wait's counts are elements.
    [InlineData("[LibraryImport(\"libc\", EntryPoint = \"getrandom\", SetLastError = true)] [AsyncSyscall] public static partial nint GetRandomBytes(Span<byte> buffer, nuint length, uint flags);",
        "unchecked((nuint)(state.buffer.Length))")]
    [InlineData("[LibraryImport(\"libc\", EntryPoint = \"epoll_wait\", SetLastError = true)] [AsyncSyscall] public static partial int EpollWait(int epfd, Span<EpollEvent> events, int maxevents, int timeout);",
        "unchecked((int)(state.events.Length))")]
    [InlineData("[LibraryImport(\"libc\", EntryPoint = \"poll\", SetLastError = true)] [AsyncSyscall] public static partial int Poll(Span<PollFd> fds, nuint nfds, int timeout);",
        "unchecked((nuint)(state.fds.Length))")]
    public void A_span_count_the_call_reads_in_bytes_is_the_memory_size_in_bytes(string declaration, string length)
    {
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(Prelude + "    " + declaration + "\n}\n"));

        string generated = Assert.Single(run.Results[0].GeneratedSources).SourceText.ToString();
        Assert.Contains(length, generated, System.StringComparison.Ordinal);
        Assert.Equal(length.Contains("SizeOf", System.StringComparison.Ordinal), generated.Contains("Unsafe.SizeOf", System.StringComparison.Ordinal));
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal) == true);
        Assert.Empty(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
