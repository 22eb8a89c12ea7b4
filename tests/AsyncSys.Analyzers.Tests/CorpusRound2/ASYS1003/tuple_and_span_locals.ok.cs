// An offloaded wrapper fills a local tuple and a stack span: state of the call, not shared.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round2;

internal static unsafe partial class Links
{
    [LibraryImport("libc", EntryPoint = "readlink", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial nint ReadLinkRaw(string path, byte* buffer, nuint size);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static nint ReadLink(string path, byte* buffer, nuint size)
    {
        (nint Length, bool Truncated) result;
        result.Length = ReadLinkRaw(path, buffer, size);
        result.Truncated = result.Length == (nint)size;
        Span<int> attempts = stackalloc int[1];
        attempts[0]++;
        return result.Truncated ? -1 : result.Length;
    }
}
