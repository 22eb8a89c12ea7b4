// A TLS terminator tries to hand record encryption to the kernel (kTLS): setsockopt(SOL_TLS, TLS_TX, crypto_info).
// When that fails it logs at debug level and only then asks errno whether kTLS is simply unavailable (ENOPROTOOPT:
// fall back to user-space TLS) or the key material was rejected. The logger may write to a file and set errno, so a
// bad key is taken for "no kTLS" (silently slower) or a missing module for a hard failure that drops the connection.
using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Round17.Errno.KtlsSetsockoptAfterLog;

internal static class Native
{
    internal const int SOL_TLS = 282, TLS_TX = 1, ENOPROTOOPT = 92;

    [DllImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    internal static extern int SetSockOpt(int fd, int level, int name, byte[] value, int length);
}

public sealed class KernelTlsOffload(TextWriter debugLog)
{
    public bool TryEnableTransmit(int socketFd, byte[] cryptoInfo)
    {
        if (Native.SetSockOpt(socketFd, Native.SOL_TLS, Native.TLS_TX, cryptoInfo, cryptoInfo.Length) == 0)
        {
            return true;
        }

        debugLog.WriteLine("kTLS TX setup failed on fd " + socketFd);
        if (/*~ASYS1001*/Marshal.GetLastPInvokeError() == Native.ENOPROTOOPT)
        {
            return false;
        }

        throw new IOException("kTLS rejected the session keys");
    }
}
