// The same unseal wrapper with a scratch array of its own per call, wiped with CryptographicOperations.ZeroMemory before
// it is dropped: nothing shared is written.
using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using AsyncSys;

namespace Round17.SharedState.UnsealOwnScratch;

internal static class Native
{
    [DllImport("libc", EntryPoint = "pread", SetLastError = true)]
    internal static extern nint PRead(int fd, byte[] buffer, nint count, long offset);
}

public static partial class SecretUnsealer
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint ReadSealed(int secretFd, long offset, byte[] plaintext)
    {
        var ciphertext = new byte[4096];
        nint n = Native.PRead(secretFd, ciphertext, ciphertext.Length, offset);
        if (n > 0)
        {
            Buffer.BlockCopy(ciphertext, 0, plaintext, 0, (int)n);
        }

        CryptographicOperations.ZeroMemory(ciphertext);
        return n;
    }
}
