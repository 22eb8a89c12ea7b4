// A MySQL-style driver resolves host names with a blocking resolver shim on AsyncSys workers (an offloaded wrapper) and
// caches each answer in a static Dictionary. Pool warm-up opens many connections at once, so several workers insert at
// the same time: a Dictionary written concurrently corrupts its buckets (lost entries, or a later lookup that never
// ends).
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round38.SharedState.ResolverStaticDictionary;

internal static class Native
{
    [DllImport("libdbshim", EntryPoint = "dbshim_resolve")]
    internal static extern int ResolveHost(string host, byte[] address, int capacity);
}

public static partial class HostResolver
{
    private static readonly Dictionary<string, byte[]> s_cache = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NegativeErrno)]
    public static int Resolve(string host, byte[] address)
    {
        int rc = Native.ResolveHost(host, address, address.Length);
        if (rc >= 0)
        {
            /*~ASYS1003*/s_cache[host] = address.AsSpan(0, rc).ToArray();
        }

        return rc;
    }

    public static bool TryGetCached(string host, out byte[]? address) => s_cache.TryGetValue(host, out address);
}
