// A desktop editor's Save button handler, migrated from synchronous file I/O to an async void event handler: it awaits the ring's write of the document, then calls the blocking fsync wrapper directly, holding the thread it resumed on (the UI thread under a UI context) for the whole sync.
using System;
using System.Runtime.InteropServices;
using System.Text;
using AsyncSys;

namespace Corpus48.EditorSaveBad;

internal static partial class Durable
{
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FsyncNative(int fd);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Fsync(int fd) => FsyncNative(fd);
}

internal sealed class SaveButton
{
    public event EventHandler? Click;

    public void Press() => Click?.Invoke(this, EventArgs.Empty);
}

internal sealed class EditorWindow
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private string _document = "";

    public EditorWindow(IoRing ring, int fd, SaveButton save)
    {
        _ring = ring;
        _fd = fd;
        save.Click += OnSaveClicked;
    }

    public string Status { get; private set; } = "";

    public void Edit(string text) => _document = text;

    private async void OnSaveClicked(object? sender, EventArgs e)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(_document);
        await _ring.WriteAsync(_fd, bytes, 0);
        /*~ASYS1007*/Durable.Fsync(_fd);
        Status = "saved";
    }
}
