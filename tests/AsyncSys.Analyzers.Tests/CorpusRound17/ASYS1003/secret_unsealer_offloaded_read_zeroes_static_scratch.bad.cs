// A secrets agent unseals a key from a memfd_secret-backed file with an offloaded pread wrapper. It reuses one static
// scratch array for the ciphertext and wipes it with Array.Clear before each read. Two unseals on two workers share the
// array: one wipes the other's ciphertext mid-decrypt (spurious authentication failures) or reads it back (key material
// of one tenant decrypted into another's request).
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round17.SharedState.UnsealStaticScratch;

internal static class Native
{
    [DllImport("libc", EntryPoint = "pread", SetLastError = true)]
    internal static extern nint PRead(int fd, byte[] buffer, nint count, long offset);
}

public static partial class SecretUnsealer
{
    private static readonly byte[] s_ciphertext = new byte[4096];

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint ReadSealed(int secretFd, long offset, byte[] plaintext)
    {
        /*~ASYS1003*/Array.Clear(s_ciphertext);
        nint n = Native.PRead(secretFd, s_ciphertext, s_ciphertext.Length, offset);
        if (n > 0)
        {
            Buffer.BlockCopy(s_ciphertext, 0, plaintext, 0, (int)n);
        }

        return n;
    }
}
