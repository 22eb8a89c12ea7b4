using System;
using System.Linq;
using System.Threading.Tasks;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Tests;

/// <summary>
/// A ref parameter the table gives no role to (held-out round 14: fcntl F_OFD_GETLK through <c>ref flock</c>, poll through
/// <c>ref pollfd</c>, select's <c>ref timeval</c>, a futex word): the call may read it, write it back, or both, or its address
/// may be what counts, so it stays refused. The message used to say "take it by value, or make it out to return it": for an
/// in-out value either loses half of it (an out flock makes F_OFD_GETLK test a zeroed lock; a by-value timeval loses the time
/// not slept), and for an import a struct by value is not passed by address at all. It now names a shape for each case.
/// </summary>
public sealed class InOutArgumentTests
{
    private static async Task<string[]> MessagesAsync(string source)
    {
        Compilation input = GeneratorHarness.Compile("""
            using System;
            using System.Runtime.InteropServices;
            using AsyncSys;

            [StructLayout(LayoutKind.Sequential)]
            public struct Flock
            {
                public short l_type;
                public short l_whence;
                public long l_start;
                public long l_len;
                public int l_pid;
            }

            """ + source);
        (_, Compilation output) = GeneratorHarness.Run(input);
        return (await GeneratorHarness.AnalyzeAsync(output)).Select(d => d.Id + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    [Fact]
    public async Task A_ref_struct_of_an_import_is_refused_naming_the_in_out_value_and_the_address_shape_never_by_value()
    {
        string[] messages = await MessagesAsync("""
            public static partial class Native
            {
                [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
                [AsyncSyscall]
                public static extern int GetLock(int fd, int cmd, ref Flock lk);
            }
            """);

        string message = Assert.Single(messages);
        Assert.StartsWith("ASYS0005 Parameter 'lk' of 'GetLock' is not supported: a ref parameter is the address of the caller's variable", message, StringComparison.Ordinal);
        Assert.Contains("nothing says whether 'fcntl' reads it, writes it or both", message, StringComparison.Ordinal);
        Assert.Contains("pass its address as nint", message, StringComparison.Ordinal);
        Assert.Contains("declare it out", message, StringComparison.Ordinal);
        Assert.DoesNotContain("take it by value", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ref_value_of_an_ordinary_method_is_refused_naming_how_to_return_an_in_out_value()
    {
        string[] messages = await MessagesAsync("""
            public static partial class Locks
            {
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static int Test(int fd, ref Flock query) => fd + query.l_pid;

                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static int Wait(int fd, in Flock query) => fd + query.l_pid;
            }
            """);

        Assert.Equal(2, messages.Length);
        string reference = Assert.Single(messages, m => m.Contains("'query' of 'Test'", StringComparison.Ordinal));
        Assert.Contains("a ref parameter is the caller's variable", reference, StringComparison.Ordinal);
        Assert.Contains("if it reads and writes it (an in-out value), take the value in by value and return the new one as an out parameter", reference, StringComparison.Ordinal);
        string input = Assert.Single(messages, m => m.Contains("'query' of 'Wait'", StringComparison.Ordinal));
        Assert.Contains("an in parameter is the caller's variable", input, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shapes_the_messages_name_generate_without_a_diagnostic()
    {
        string[] messages = await MessagesAsync("""
            public static partial class Native
            {
                [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
                [AsyncSyscall]
                public static extern int GetLockAt(int fd, int cmd, nint lk);

                [DllImport("libc", EntryPoint = "waitpid", SetLastError = true)]
                [AsyncSyscall]
                public static extern int WaitPid(int pid, ref int status, int options);

                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static int Test(int fd, Flock query, out Flock conflicting)
                {
                    conflicting = query;
                    return fd;
                }
            }
            """);

        Assert.Empty(messages);
    }
}
