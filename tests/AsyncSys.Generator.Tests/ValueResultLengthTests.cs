using System.Linq;
using System.Threading.Tasks;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Tests;

/// <summary>
/// An ordinary method taking a buffer and a <c>ref int</c> length (round 11's sopt.instance_peer_name): the length may be
/// read, written or both, nothing in the table covers an ordinary method, and no mark states a value-result length, so it
/// stays refused, with a message that says so and names the shapes that do generate (instead of the generic "a ref
/// parameter cannot cross an await").
/// </summary>
public sealed class ValueResultLengthTests
{
    private static async Task<string[]> MessagesAsync(string source)
    {
        Compilation input = GeneratorHarness.Compile("""
            using System;
            using System.Runtime.InteropServices;
            using AsyncSys;

            """ + source);
        (_, Compilation output) = GeneratorHarness.Run(input);
        return (await GeneratorHarness.AnalyzeAsync(output)).Select(d => d.Id + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    [Fact]
    public async Task A_ref_length_beside_a_buffer_in_an_ordinary_method_is_refused_naming_the_value_result_length_and_the_shapes_that_generate()
    {
        string[] messages = await MessagesAsync("""
            public sealed partial class Socket
            {
                private readonly int _fd;
                public Socket(int fd) => _fd = fd;

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public int PeerName(byte[] buffer, ref int length) => _fd + buffer.Length + length;
            }
            """);

        string message = Assert.Single(messages);
        Assert.StartsWith("ASYS0005 Parameter 'length' of 'PeerName' is not supported: a ref integer beside a buffer may be read, written or both (a value-result length)", message, System.StringComparison.Ordinal);
        Assert.Contains("out int length", message, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ref_alone_and_the_table_call_with_the_same_shape_keep_their_answers()
    {
        string[] messages = await MessagesAsync("""
            public static partial class Native
            {
                [DllImport("libc", EntryPoint = "getpeername", SetLastError = true)]
                [AsyncSyscall]
                public static extern int GetPeerName(int fd, byte[] addr, ref int addrlen);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int Bump(int fd, ref int counter) => fd + counter;
            }
            """);

        // getpeername is in the table: its value-result length generates. A ref integer with no buffer beside it keeps the general message.
        string message = Assert.Single(messages);
        Assert.StartsWith("ASYS0005 Parameter 'counter' of 'Bump' is not supported: a ref parameter is the caller's variable, which cannot cross an await", message, System.StringComparison.Ordinal);
    }
}
