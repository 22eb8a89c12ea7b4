// A MySQL-style driver resolves host names with a blocking resolver shim on AsyncSys workers and caches each answer in
// a static ConcurrentDictionary, made for concurrent writers: pool warm-up may resolve many hosts at once.
using System;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round38.SharedState.ResolverConcurrentDictionary;

internal static class Native
{
    [DllImport("libdbshim", EntryPoint = "dbshim_resolve")]
    internal static extern int ResolveHost(string host, byte[] address, int capacity);
}

public static partial class HostResolver
{
    private static readonly ConcurrentDictionary<string, byte[]> s_cache = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NegativeErrno)]
    public static int Resolve(string host, byte[] address)
    {
        int rc = Native.ResolveHost(host, address, address.Length);
        if (rc >= 0)
        {
            s_cache[host] = address.AsSpan(0, rc).ToArray();
        }

        return rc;
    }

    public static bool TryGetCached(string host, out byte[]? address) => s_cache.TryGetValue(host, out address);
}
