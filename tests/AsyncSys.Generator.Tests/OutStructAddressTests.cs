using System.Linq;
using System.Threading.Tasks;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Tests;

/// <summary>
/// A socket address or option value the call writes into an <c>out</c> struct, with its value-result length (getsockname,
/// getpeername, getsockopt, recvfrom, accept): generated on a worker as the array form is, the struct's size the capacity,
/// the struct and the length the kernel wrote coming back. A struct whose managed size may differ from what the wrapper
/// passes (bool or char fields) is still refused, as a <c>ref</c> address is.
/// </summary>
public sealed class OutStructAddressTests
{
    private const string Prelude = """
        using System;
        using System.Runtime.InteropServices;
        using AsyncSys;

        [StructLayout(LayoutKind.Sequential)]
        public unsafe struct SockaddrStorage { public ushort Family; public fixed byte Data[126]; }

        [StructLayout(LayoutKind.Sequential)]
        public struct Linger { public int OnOff; public int Seconds; }

        [StructLayout(LayoutKind.Sequential)]
        public struct Flagged { public bool On; public int Seconds; }

        """;

    private static async Task<(Diagnostic[] Problems, string Generated, Compilation Output)> RunAsync(string source)
    {
        Compilation input = GeneratorHarness.Compile(Prelude + source);
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);
        Diagnostic[] diagnostics = (await GeneratorHarness.AnalyzeAsync(output)).OrderBy(d => d.Location.SourceSpan.Start).ToArray();
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
        return (diagnostics, string.Join("\n", run.Results[0].GeneratedSources.Select(s => s.SourceText.ToString())), output);
    }

    [Fact]
    public async Task An_out_struct_address_or_option_value_with_its_length_is_generated_and_returns_both()
    {
        // Held-out round 11: these were ASYS0005 ("a ref or in parameter cannot cross an await") on the length, while the
        // same calls with a byte[] or a pointer address generated and returned the written length.
        (Diagnostic[] problems, string generated, _) = await RunAsync("""
            public static unsafe partial class Sockets
            {
                [LibraryImport("libc", EntryPoint = "getsockname", SetLastError = true)]
                [AsyncSyscall]
                public static partial int GetSockName(int sockfd, out SockaddrStorage addr, ref int addrlen);

                [DllImport("libc", EntryPoint = "getpeername", SetLastError = true)]
                [AsyncSyscall]
                public static extern int GetPeerName(int sockfd, out SockaddrStorage addr, uint* addrlen);

                [DllImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
                [AsyncSyscall]
                public static extern int GetLinger(int sockfd, int level, int optname, out Linger optval, ref uint optlen);

                [DllImport("libc", EntryPoint = "recvfrom", SetLastError = true)]
                [AsyncSyscall]
                public static extern nint RecvFrom(int sockfd, byte[] buf, nuint len, int flags, out SockaddrStorage srcAddr, ref int addrlen);

                [DllImport("libc", EntryPoint = "accept4", SetLastError = true)]
                [AsyncSyscall]
                public static extern int Accept4(int sockfd, out SockaddrStorage addr, ref int addrlen, int flags);
            }
            """);

        Assert.Empty(problems);
        // getsockname returns 0 or -1: the struct and the length come back, as the array form returns the length.
        Assert.Contains("ValueTask<GetSockNameResult> GetSockNameAsync(int sockfd, global::System.Threading.CancellationToken cancellationToken = default)", generated, System.StringComparison.Ordinal);
        Assert.Contains("public readonly record struct GetSockNameResult(global::SockaddrStorage Addr, int Addrlen);", generated, System.StringComparison.Ordinal);
        Assert.Contains("public readonly record struct GetPeerNameResult(global::SockaddrStorage Addr, uint Addrlen);", generated, System.StringComparison.Ordinal);
        Assert.Contains("public readonly record struct GetLingerResult(global::Linger Optval, uint Optlen);", generated, System.StringComparison.Ordinal);
        // A call whose result is a count or a descriptor keeps it first.
        Assert.Contains("public readonly record struct RecvFromResult(nint ReturnValue, global::SockaddrStorage SrcAddr, int Addrlen);", generated, System.StringComparison.Ordinal);
        Assert.Contains("public readonly record struct Accept4Result(int ReturnValue, global::SockaddrStorage Addr, int Addrlen);", generated, System.StringComparison.Ordinal);
        // The capacity is the struct's size; the kernel's length is written back into the state.
        Assert.Contains("addrlen_ = unchecked((int)(global::System.Runtime.CompilerServices.Unsafe.SizeOf<global::SockaddrStorage>())),", generated, System.StringComparison.Ordinal);
        Assert.Contains("optlen_ = unchecked((uint)(global::System.Runtime.CompilerServices.Unsafe.SizeOf<global::Linger>())),", generated, System.StringComparison.Ordinal);
        Assert.Contains("GetSockName(state.sockfd, out state.addr, ref state.addrlen_)", generated, System.StringComparison.Ordinal);
        Assert.Contains("GetPeerName(state.sockfd, out state.addr, addrlenPointer)", generated, System.StringComparison.Ordinal);
        // accept on a worker waits for a peer: the worker is interrupted on cancellation, as for the array form.
        Assert.Contains("Accept4AsyncState.Invoke, cancelHook: static call => call.InterruptWorker()", generated, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ref_address_or_option_value_the_kernel_only_writes_is_generated_as_the_out_form_is()
    {
        // Part of the genfix gap: `out` generated, `ref` was ASYS0005 on both the address and its length. accept's,
        // getsockname's and getsockopt's value are only written (getsockopt ignores what optval holds).
        (Diagnostic[] problems, string generated, _) = await RunAsync("""
            public static unsafe partial class Sockets
            {
                [DllImport("libc", EntryPoint = "getsockname", SetLastError = true)]
                [AsyncSyscall]
                public static extern int GetSockNameRef(int sockfd, ref SockaddrStorage addr, ref int addrlen);

                [LibraryImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
                [AsyncSyscall]
                public static partial int GetIntRef(int sockfd, int level, int optname, ref int optval, ref uint optlen);

                [DllImport("libc", EntryPoint = "accept4", SetLastError = true)]
                [AsyncSyscall]
                public static extern int Accept4Ref(int sockfd, ref SockaddrStorage addr, ref int addrlen, int flags);
            }
            """);

        Assert.Empty(problems);
        Assert.Contains("ValueTask<GetSockNameRefResult> GetSockNameRefAsync(int sockfd, global::System.Threading.CancellationToken cancellationToken = default)", generated, System.StringComparison.Ordinal);
        Assert.Contains("public readonly record struct GetSockNameRefResult(global::SockaddrStorage Addr, int Addrlen);", generated, System.StringComparison.Ordinal);
        Assert.Contains("GetSockNameRef(state.sockfd, ref state.addr, ref state.addrlen_)", generated, System.StringComparison.Ordinal);
        Assert.Contains("public readonly record struct GetIntRefResult(int Optval, uint Optlen);", generated, System.StringComparison.Ordinal);
        Assert.Contains("optlen_ = unchecked((uint)(global::System.Runtime.CompilerServices.Unsafe.SizeOf<int>())),", generated, System.StringComparison.Ordinal);
        Assert.Contains("public readonly record struct Accept4RefResult(int ReturnValue, global::SockaddrStorage Addr, int Addrlen);", generated, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_out_struct_of_bool_or_char_fields_or_a_ref_address_the_kernel_reads_is_still_refused()
    {
        // bool and char fields are marshalled at another size than C# lays them out: the struct's managed size is not the
        // capacity the wrapper hands the kernel. A ref address the call reads (bind) is the caller's value, which cannot
        // cross an await by reference.
        (Diagnostic[] problems, string generated, _) = await RunAsync("""
            public static unsafe partial class Sockets
            {
                [DllImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
                [AsyncSyscall]
                public static extern int GetFlagged(int sockfd, int level, int optname, out Flagged optval, ref uint optlen);

                [DllImport("libc", EntryPoint = "bind", SetLastError = true)]
                [AsyncSyscall]
                public static extern int BindRef(int sockfd, ref SockaddrStorage addr, int addrlen);

                [DllImport("libc", EntryPoint = "getsockname", SetLastError = true)]
                [AsyncSyscall]
                public static extern int GetSockNameBytes(int sockfd, byte[] addr, ref int addrlen);
            }
            """);

        string[] messages = problems.Select(p => p.Id + " " + p.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(2, messages.Length);
        Assert.StartsWith("ASYS0005 Parameter 'optlen' of 'GetFlagged' is not supported: it measures the out 'Flagged', which has bool or char fields", messages[0], System.StringComparison.Ordinal);
        Assert.StartsWith("ASYS0005 Parameter 'addr' of 'BindRef' is not supported", messages[1], System.StringComparison.Ordinal);
        // The array form is unchanged: the length the kernel wrote comes back.
        Assert.Contains("ValueTask<int> GetSockNameBytesAsync(int sockfd, byte[] addr, global::System.Threading.CancellationToken cancellationToken = default)", generated, System.StringComparison.Ordinal);
    }
}
