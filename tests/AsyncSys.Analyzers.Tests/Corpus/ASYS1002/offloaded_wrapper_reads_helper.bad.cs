// An offloaded wrapper asks a helper for the per-thread encoder: the worker's, not the caller's.
using System;
using System.Runtime.InteropServices;
using System.Text;
using AsyncSys;

namespace Corpus;

internal static unsafe partial class Xattr
{
    [ThreadStatic]
    private static Encoder? t_encoder;

    private static Encoder CurrentEncoder() => t_encoder ??= Encoding.UTF8.GetEncoder();

    [LibraryImport("libc", EntryPoint = "fsetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int FSetXattr(int fd, string name, byte* value, nuint size, int flags);

    [AsyncSyscall]
    internal static int SetComment(int fd, string comment)
    {
        Encoder encoder = /*~ASYS1002*/CurrentEncoder();
        byte[] bytes = new byte[Encoding.UTF8.GetMaxByteCount(comment.Length)];
        int length = encoder.GetBytes(comment.AsSpan(), bytes, flush: true);
        fixed (byte* p = bytes)
        {
            return FSetXattr(fd, "user.comment", p, (nuint)length, 0);
        }
    }
}
