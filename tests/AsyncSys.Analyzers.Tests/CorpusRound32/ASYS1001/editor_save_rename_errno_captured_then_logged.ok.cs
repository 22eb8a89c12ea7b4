// The editor's Save made right: errno is captured right after the failed rename, then logged and shown, with a yield
// for the status bar in between that no longer matters.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace Round32.Errno.EditorSaveRenameCaptured;

internal static class Native
{
    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    internal static extern int Rename(string oldPath, string newPath);
}

public sealed class DocumentSaver(Func<string, int, Task> showErrorDialog)
{
    public async Task<bool> CommitAsync(string tempPath, string documentPath)
    {
        if (Native.Rename(tempPath, documentPath) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            Console.Error.WriteLine($"save: rename {tempPath} -> {documentPath} failed: {errno}");
            await Task.Yield();
            await showErrorDialog("Could not save " + documentPath, errno);
            return false;
        }

        return true;
    }
}
