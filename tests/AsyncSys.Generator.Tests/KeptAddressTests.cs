using System.Linq;
using System.Threading.Tasks;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Tests;

/// <summary>
/// ASYS0005 for a stream a library links to by address (zlib's z_stream, bzip2's bz_stream) declared out or [OutputValue]:
/// the variant would pass its own zeroed copy and hand back a copy the library no longer recognises.
/// </summary>
public sealed class KeptAddressTests
{
    [Fact]
    public async Task A_stream_the_library_keeps_the_address_of_is_refused_as_an_out_value_and_generated_as_an_address()
    {
        // Held-out round 28: deflateInit_ with an [OutputValue] z_stream* was generated; the stream it handed back answered
        // Z_STREAM_ERROR to deflate (zlib's state points at the worker's copy), where the synchronous caller's stream deflated.
        Compilation input = GeneratorHarness.Compile("""
            using System;
            using System.Runtime.InteropServices;
            using AsyncSys;

            [StructLayout(LayoutKind.Sequential, Size = 112)]
            public struct ZStream { public nint NextIn; }

            [StructLayout(LayoutKind.Sequential, Size = 80)]
            public struct BzStream { public nint NextIn; }

            public static unsafe partial class Zlib
            {
                [DllImport("libz.so.1", EntryPoint = "deflateInit_")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static extern int DeflateInit([OutputValue] ZStream* strm, int level, string version, int stream_size);

                [DllImport("libz.so.1", EntryPoint = "inflateInit2_")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static extern int InflateInit(out ZStream strm, int windowBits, string version, int stream_size);

                [DllImport("libbz2.so.1.0", EntryPoint = "BZ2_bzCompressInit")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static extern int CompressInit([OutputValue] BzStream* strm, int blockSize100k, int verbosity, int workFactor);

                [DllImport("libz.so.1", EntryPoint = "inflate")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static extern int Inflate(nint strm, int flush);

                [DllImport("libz.so.1", EntryPoint = "deflateInit_")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static extern int DeflateInitAt(nint strm, int level, string version, int stream_size);

                [DllImport("libz.so.1", EntryPoint = "compress2")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static extern int Compress(byte[] dest, out nuint destLen, byte[] source, nuint sourceLen, int level);
            }
            """);
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);
        Diagnostic[] refused = (await GeneratorHarness.AnalyzeAsync(output)).Where(d => d.Id == "ASYS0005").OrderBy(d => d.Location.SourceSpan.Start).ToArray();
        Assert.Empty(GeneratorHarness.CompilerProblems(output));

        Assert.Equal(3, refused.Length);
        string[] messages = refused.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.StartsWith("Parameter 'strm' of 'DeflateInit' is not supported: 'deflateInit_' keeps the address of the z_stream it is given, which the caller owns from its init call to 'deflateEnd'", messages[0], System.StringComparison.Ordinal);
        Assert.Contains("declared [OutputValue], the variant would pass a zeroed copy of its own", messages[0], System.StringComparison.Ordinal);
        Assert.Contains("Pass the stream's address as nint, from memory kept fixed (NativeMemory) until 'deflateEnd' has run", messages[0], System.StringComparison.Ordinal);
        Assert.Contains("'inflateInit2_' keeps the address of the z_stream", messages[1], System.StringComparison.Ordinal);
        Assert.Contains("declared out,", messages[1], System.StringComparison.Ordinal);
        Assert.Contains("'BZ2_bzCompressInit' keeps the address of the bz_stream it is given, which the caller owns from its init call to 'BZ2_bzCompressEnd'", messages[2], System.StringComparison.Ordinal);
        foreach (Diagnostic d in refused)
        {
            Assert.Equal("strm", output.SyntaxTrees.First().GetText().ToString(d.Location.SourceSpan));
        }

        // inflate and deflateInit_ over the stream's address, and compress2 (no stream), are generated.
        Assert.Equal(3, run.Results[0].GeneratedSources.Length);
    }
}
