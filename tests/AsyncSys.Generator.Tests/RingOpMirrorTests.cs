using System;
using System.Linq;
using AsyncSys.Generator.Model;

namespace AsyncSys.Generator.Tests;

/// <summary>The generator reads the attribute's RingOp as its own mirror enum: the two must agree name for name, value for value.</summary>
public sealed class RingOpMirrorTests
{
    [Fact]
    public void Generator_mirror_matches_the_runtime_RingOp()
    {
        Assert.Equal(Enum.GetNames<RingOp>(), Enum.GetNames<RingOpKind>());
        foreach (RingOp op in Enum.GetValues<RingOp>())
        {
            Assert.Equal((int)op, (int)Enum.Parse<RingOpKind>(op.ToString()));
        }
    }

    [Fact]
    public void Every_known_syscall_maps_to_a_real_ring_operation()
    {
        string[] required =
        {
            "read", "pread", "pread64", "write", "pwrite", "pwrite64", "readv", "writev", "preadv", "preadv2", "pwritev",
            "pwritev2", "fsync", "fdatasync", "sync_file_range", "poll", "open", "openat", "close", "statx", "fallocate",
            "posix_fadvise", "send", "recv", "sendmsg", "recvmsg", "accept", "accept4", "connect",
            "shutdown", "renameat", "renameat2", "unlinkat", "mkdirat", "splice",
        };
        foreach (string entryPoint in required)
        {
            var shapes = KnownSyscalls.Find(entryPoint);
            Assert.NotEmpty(shapes);
            Assert.All(shapes, shape => Assert.True(shape.Op > RingOpKind.Nop, entryPoint));
        }
    }

    [Fact]
    public void Lookup_prefers_the_exact_name_and_falls_back_to_ignoring_case()
    {
        Assert.Equal("pread", Assert.Single(KnownSyscalls.Find("Pread")).EntryPoint);
        Assert.Equal("pread64", Assert.Single(KnownSyscalls.Find("pread64")).EntryPoint);
        Assert.Empty(KnownSyscalls.Find("my_own_call"));
    }
}

/// <summary>
/// The generator reads what an operation is from the runtime's own table (src/Shared/RingOperations.cs, compiled
/// into both) and keeps only how to call its <c>RingRequest</c> factory; the two descriptions must agree.
/// </summary>
public sealed class RingRequestFactoryTests
{
    public static TheoryData<RingOp> Operations()
    {
        var data = new TheoryData<RingOp>();
        foreach (AsyncSys.Shared.RingOpInfo info in AsyncSys.Shared.RingOperations.All.ToArray())
        {
            data.Add((RingOp)(int)info.Op);
        }

        return data;
    }

    [Fact]
    public void The_shared_table_has_a_row_for_every_operation_of_the_mirror()
    {
        RingOpKind[] operations = Enum.GetValues<RingOpKind>().Where(op => op is not (RingOpKind.Auto or RingOpKind.None)).ToArray();
        Assert.Equal(operations, AsyncSys.Shared.RingOperations.All.ToArray().Select(info => info.Op));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Each_factory_agrees_with_the_table_and_with_RingRequest(RingOp runtimeOp)
    {
        var op = (RingOpKind)(int)runtimeOp;
        AsyncSys.Shared.RingOpInfo info = AsyncSys.Shared.RingOperations.Of(op);
        RequestFactory? factory = RequestFactory.Of(op);
        if (op is RingOpKind.Nop or RingOpKind.Timeout)
        {
            // No libc call is these: nothing a wrapper could submit.
            Assert.Null(factory);
            return;
        }

        Assert.NotNull(factory);
        Assert.Equal(info.Has(AsyncSys.Shared.RingOpTraits.CarriesFileOffset), factory.Arguments.Any(a => a.Role == ParameterRole.Offset));
        Assert.Equal(info.Has(AsyncSys.Shared.RingOpTraits.TakesDescriptor), factory.Arguments[0].Role == ParameterRole.Fd);

        // The runtime's factory: same name, the descriptor as an int, then the arguments in order with these types;
        // the same for its second form (accept with the caller's sockaddr* and socklen_t*).
        System.Reflection.MethodInfo[] overloads = typeof(RingRequest).GetMethods().Where(m => m.IsStatic && m.Name == factory.Name).ToArray();
        foreach (RequestFactory form in factory.Overload is { } overload ? new[] { factory, overload } : new[] { factory })
        {
            Type[] expected = form.Arguments.Select(a => TypeOf(a.Type)).ToArray();
            Assert.Contains(overloads, m => m.GetParameters().Select(p => p.ParameterType).SequenceEqual(expected));
            if (form.TakesSafeHandle)
            {
                Type[] withHandle = expected.Skip(1).Prepend(typeof(System.Runtime.InteropServices.SafeHandle)).ToArray();
                Assert.Contains(overloads, m => m.GetParameters().Select(p => p.ParameterType).SequenceEqual(withHandle));
            }
        }
    }

    [Fact]
    public void Accept_takes_the_caller_s_length_pointer_only_in_its_second_form()
    {
        RequestFactory accept = RequestFactory.Of(RingOpKind.Accept)!;

        Assert.Same(accept, accept.FormFor(new[] { ParameterRole.Fd, ParameterRole.InAddress, ParameterRole.Flags }));
        Assert.Same(accept.Overload, accept.FormFor(new[] { ParameterRole.Fd, ParameterRole.InAddress, ParameterRole.AddressLengthPointer, ParameterRole.Flags }));
        Assert.Equal("nint", accept.Overload!.TypeOf(ParameterRole.InAddress));
        Assert.Throws<InvalidOperationException>(() => RequestFactory.Of(RingOpKind.Read)!.FormFor(new[] { ParameterRole.AddressLengthPointer }));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void The_table_s_syscall_names_map_to_their_operation_in_the_generator_s_table(RingOp runtimeOp)
    {
        var op = (RingOpKind)(int)runtimeOp;
        if (RequestFactory.Of(op) is null)
        {
            return;
        }

        AsyncSys.Shared.RingOpInfo info = AsyncSys.Shared.RingOperations.Of(op);
        foreach (string syscall in new[] { info.Syscall, info.SyscallAtFilePosition })
        {
            Assert.Contains(KnownSyscalls.Find(syscall), shape => shape.EntryPoint == syscall && shape.Op == op);
        }
    }

    private static Type TypeOf(string csharp) => csharp switch
    {
        "int" => typeof(int),
        "uint" => typeof(uint),
        "long" => typeof(long),
        "nint" => typeof(nint),
        "string" => typeof(string),
        "global::System.Memory<byte>" => typeof(Memory<byte>),
        "global::System.ReadOnlyMemory<byte>" => typeof(ReadOnlyMemory<byte>),
        "global::System.Collections.Generic.IReadOnlyList<global::System.Memory<byte>>" => typeof(System.Collections.Generic.IReadOnlyList<Memory<byte>>),
        "global::System.Collections.Generic.IReadOnlyList<global::System.ReadOnlyMemory<byte>>" => typeof(System.Collections.Generic.IReadOnlyList<ReadOnlyMemory<byte>>),
        "global::AsyncSys.PollEvents" => typeof(PollEvents),
        _ => throw new ArgumentException("no CLR type for " + csharp),
    };
}
