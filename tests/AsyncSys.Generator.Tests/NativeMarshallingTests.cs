using System.Linq;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Tests;

/// <summary>
/// A struct with <c>[NativeMarshalling]</c> is passed to the call as whatever its marshaller makes of it, not as its one
/// integer field: held-out round 23's <c>lim.read_nativemarshalling_descriptor_span</c> (a descriptor type whose stateless
/// marshaller hands over its field) ran on the ring with the field read directly, right only because that marshaller is the
/// identity. A marshaller that maps the value (an index into a table of descriptors, a value stored with an offset) would
/// have had the ring use the wrong descriptor. Such a value is now not a typedef: the variant runs the wrapper, which
/// marshals it.
/// </summary>
public sealed class NativeMarshallingTests
{
    private const string Source = """
        using System;
        using System.Runtime.InteropServices;
        using System.Runtime.InteropServices.Marshalling;
        using AsyncSys;

        /// <summary>A descriptor stored as its value plus one, so that default(Descriptor) means "none".</summary>
        [NativeMarshalling(typeof(DescriptorMarshaller))]
        public readonly struct Descriptor
        {
            public readonly int ValuePlusOne;

            public Descriptor(int fd) => ValuePlusOne = fd + 1;
        }

        [CustomMarshaller(typeof(Descriptor), MarshalMode.Default, typeof(DescriptorMarshaller))]
        public static class DescriptorMarshaller
        {
            public static int ConvertToUnmanaged(Descriptor managed) => managed.ValuePlusOne - 1;

            public static Descriptor ConvertToManaged(int unmanaged) => new Descriptor(unmanaged);
        }

        /// <summary>The same shape without a marshaller: a typedef struct (Tmds.LibC's), its field is the descriptor.</summary>
        public struct FileDescriptorTypedef
        {
            public int Value;
        }

        public static partial class Libc
        {
            [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
            [AsyncSyscall]
            public static partial nint Read(Descriptor fd, Span<byte> buffer, nuint count);

            [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
            [AsyncSyscall]
            public static partial int Fsync(Descriptor fd);

            [DllImport("libc", EntryPoint = "read", SetLastError = true)]
            [AsyncSyscall]
            public static extern nint ReadTypedef(FileDescriptorTypedef fd, byte[] buffer, nuint count);
        }
        """;

    [Fact]
    public void A_value_with_a_marshaller_of_its_own_reaches_the_call_through_the_wrapper_and_a_typedef_still_takes_the_ring()
    {
        Compilation input = GeneratorHarness.Compile(Source);
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
        Assert.Empty(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));

        string Generated(string hint) => run.Results[0].GeneratedSources.Single(s => s.HintName.StartsWith("Libc." + hint + ".", System.StringComparison.Ordinal)).SourceText.ToString();

        // The marshalled descriptor: no ring request reads its field; the wrapper is called (on the worker), which marshals it.
        foreach (string name in new[] { "Read", "Fsync" })
        {
            string code = Generated(name);
            Assert.DoesNotContain("RingRequest.", code, System.StringComparison.Ordinal);
            Assert.DoesNotContain("ValuePlusOne", code, System.StringComparison.Ordinal);
            Assert.Contains("global::Libc." + name + "(", code, System.StringComparison.Ordinal);
        }

        // The typedef struct without a marshaller: unchanged, the ring reads its field.
        Assert.Contains("RingRequest.Read(", Generated("ReadTypedef"), System.StringComparison.Ordinal);
    }
}
