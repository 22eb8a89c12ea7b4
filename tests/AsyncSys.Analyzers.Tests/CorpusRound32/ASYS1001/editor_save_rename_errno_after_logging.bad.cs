// A text editor's Save writes a temp file and renames it over the document. When rename fails it first logs the
// failure to stderr (a write(2) with SetLastError behind Console) and then reads errno to build the error dialog: the
// dialog says "Success" or shows the console write's error instead of EXDEV/EACCES.
using System;
using System.Runtime.InteropServices;

namespace Round32.Errno.EditorSaveRenameAfterLog;

internal static class Native
{
    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    internal static extern int Rename(string oldPath, string newPath);
}

public sealed record SaveError(string Title, int Errno);

public sealed class DocumentSaver
{
    public SaveError? Commit(string tempPath, string documentPath)
    {
        if (Native.Rename(tempPath, documentPath) != 0)
        {
            Console.Error.WriteLine($"save: rename {tempPath} -> {documentPath} failed");
            return new SaveError("Could not save " + documentPath, /*~ASYS1001*/Marshal.GetLastPInvokeError());
        }

        return null;
    }
}
