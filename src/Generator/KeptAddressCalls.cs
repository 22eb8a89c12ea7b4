using StringComparison = System.StringComparison;

namespace AsyncSys.Generator;

/// <summary>
/// One library call that keeps the address of a value it is given: the library's state points back at that value and checks,
/// on every later call, that it is called with the same one.
/// </summary>
/// <param name="EntryPoint">The library's symbol.</param>
/// <param name="Parameter">The index of the value whose address the call keeps.</param>
/// <param name="What">The value, for the message ("the z_stream").</param>
/// <param name="Why">What the library's documentation or source says, for the message.</param>
/// <param name="End">The call that releases the value's state, for the message.</param>
internal sealed record KeptAddressCall(string EntryPoint, int Parameter, string What, string Why, string End);

/// <summary>
/// Calls whose stream value the caller owns and the library links to by address: zlib's z_stream (zlib.h: zalloc, zfree and
/// opaque "must be initialized before by the caller", next_in/next_out point into the caller's buffers between calls, and
/// deflate.c/inflate.c keep <c>state-&gt;strm = strm</c> and answer Z_STREAM_ERROR to a call with another address) and bzip2's
/// bz_stream (bzlib.c: <c>s-&gt;strm = strm</c>, BZ_PARAM_ERROR otherwise). Declared <c>out</c> or <c>[OutputValue]</c>, the
/// variant passes its own zeroed copy (the call reads zalloc/zfree and the stream's fields from it, or answers
/// Z_STREAM_ERROR) and hands back a copy the library no longer recognises: refused (ASYS0005), naming the stream's address
/// as <c>nint</c> from memory kept fixed. <c>ref</c>/<c>in</c> and unmarked pointers are refused by the general rules already.
/// Nothing is inferred from a name: these are the libraries' entry points.
/// </summary>
internal static class KeptAddressCalls
{
    private const string ZStream = "the z_stream";
    private const string ZlibWhy = "zlib reads the stream's zalloc/zfree/opaque and next_in/avail_in from it, keeps its address in the state it allocates and answers Z_STREAM_ERROR to any later call made with another address (zlib.h; deflate.c and inflate.c check state->strm == strm)";
    private const string BzStream = "the bz_stream";
    private const string BzWhy = "bzip2 reads the stream's bzalloc/bzfree/opaque and next_in/avail_in from it, keeps its address in the state it allocates and answers BZ_PARAM_ERROR to any later call made with another address (bzlib.c checks s->strm == strm)";

    private static readonly KeptAddressCall[] Calls =
    {
        Zlib("deflateInit_", "deflateEnd"),
        Zlib("deflateInit2_", "deflateEnd"),
        Zlib("deflate", "deflateEnd"),
        Zlib("deflateEnd", "deflateEnd"),
        Zlib("deflateReset", "deflateEnd"),
        Zlib("deflateParams", "deflateEnd"),
        Zlib("deflateSetDictionary", "deflateEnd"),
        Zlib("deflateGetDictionary", "deflateEnd"),
        Zlib("deflatePrime", "deflateEnd"),
        Zlib("deflateTune", "deflateEnd"),
        Zlib("deflateBound", "deflateEnd"),
        Zlib("deflatePending", "deflateEnd"),
        Zlib("deflateSetHeader", "deflateEnd"),
        Zlib("deflateCopy", "deflateEnd"),
        Zlib("inflateInit_", "inflateEnd"),
        Zlib("inflateInit2_", "inflateEnd"),
        Zlib("inflateBackInit_", "inflateBackEnd"),
        Zlib("inflate", "inflateEnd"),
        Zlib("inflateBack", "inflateBackEnd"),
        Zlib("inflateEnd", "inflateEnd"),
        Zlib("inflateBackEnd", "inflateBackEnd"),
        Zlib("inflateReset", "inflateEnd"),
        Zlib("inflateReset2", "inflateEnd"),
        Zlib("inflateSetDictionary", "inflateEnd"),
        Zlib("inflateGetDictionary", "inflateEnd"),
        Zlib("inflateSync", "inflateEnd"),
        Zlib("inflatePrime", "inflateEnd"),
        Zlib("inflateMark", "inflateEnd"),
        Zlib("inflateGetHeader", "inflateEnd"),
        Zlib("inflateCopy", "inflateEnd"),
        Bzip2("BZ2_bzCompressInit", "BZ2_bzCompressEnd"),
        Bzip2("BZ2_bzCompress", "BZ2_bzCompressEnd"),
        Bzip2("BZ2_bzCompressEnd", "BZ2_bzCompressEnd"),
        Bzip2("BZ2_bzDecompressInit", "BZ2_bzDecompressEnd"),
        Bzip2("BZ2_bzDecompress", "BZ2_bzDecompressEnd"),
        Bzip2("BZ2_bzDecompressEnd", "BZ2_bzDecompressEnd"),
    };

    private static KeptAddressCall Zlib(string call, string end) => new(call, 0, ZStream, ZlibWhy, end);

    private static KeptAddressCall Bzip2(string call, string end) => new(call, 0, BzStream, BzWhy, end);

    /// <summary>The call for an entry point (exact spelling: these are C symbols of one library each).</summary>
    public static KeptAddressCall? Find(string entryPoint)
    {
        foreach (KeptAddressCall call in Calls)
        {
            if (string.Equals(call.EntryPoint, entryPoint, StringComparison.Ordinal))
            {
                return call;
            }
        }

        return null;
    }
}
