// rename fails; the temporary file is deleted first, then the error message is formatted into the exception.
using System.IO;
using System.Runtime.InteropServices;

namespace Round2;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "rename", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int Rename(string from, string to);
}

internal static class AtomicFile
{
    public static void Publish(string temporary, string target)
    {
        if (Native.Rename(temporary, target) == 0)
        {
            return;
        }

        File.Delete(temporary);
        throw new IOException($"rename {temporary} -> {target}: {/*~ASYS1001*/Marshal.GetLastPInvokeErrorMessage()}");
    }
}
