// The wrapper encodes with a stateless API; nothing per-thread is read on the worker.
using System;
using System.Runtime.InteropServices;
using System.Text;
using AsyncSys;

namespace Corpus;

internal static unsafe partial class Xattr
{
    [LibraryImport("libc", EntryPoint = "fsetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int FSetXattr(int fd, string name, byte* value, nuint size, int flags);

    [AsyncSyscall]
    internal static int SetComment(int fd, string comment)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(comment);
        fixed (byte* p = bytes)
        {
            return FSetXattr(fd, "user.comment", p, (nuint)bytes.Length, 0);
        }
    }
}
