// A key generator fills a key with getrandom(2). If the call fails it wipes the partly filled key with
// CryptographicOperations.ZeroMemory (a managed loop, no P/Invoke) before reading errno, so no half-random key is ever
// left behind. Nothing between the call and the read sets the saved error. Unsure: ZeroMemory is not in the documented
// list of pure calls.
using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Round17.Errno.GetrandomWipeThenErrno;

internal static class Native
{
    [DllImport("libc", EntryPoint = "getrandom", SetLastError = true)]
    internal static extern nint GetRandom(byte[] buffer, nuint length, uint flags);
}

public static class KeyGenerator
{
    public static byte[] NewKey(int length)
    {
        var key = new byte[length];
        if (Native.GetRandom(key, (nuint)length, 0) < 0)
        {
            CryptographicOperations.ZeroMemory(key);
            throw new CryptographicException("getrandom failed, errno " + Marshal.GetLastPInvokeError());
        }

        return key;
    }
}
