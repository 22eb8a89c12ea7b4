using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using AsyncSys.Interop;

namespace AsyncSys.Runtime.Tests;

/// <summary>The backends every op-contract test runs against. io_uring, Linux AIO and workers.</summary>
public static class Backends
{
    public static TheoryData<IoBackend> All => new() { IoBackend.IoUring, IoBackend.LinuxAio, IoBackend.Workers };

    /// <summary>
    /// A ring on <paramref name="backend"/> with no non-blocking attempt first, so every operation reaches the
    /// backend under test (ImmediateAttemptTests cover the attempt, on each backend).
    /// </summary>
    public static IoRing Create(IoBackend backend, int capacity = 256, string? name = null) =>
        IoRing.Create(new IoRingOptions { Backend = backend, Capacity = capacity, Name = name ?? "test-" + backend, TryNonBlockingFirst = false });
}

/// <summary>A temporary file with known content, deleted on dispose.</summary>
public sealed class TempFile : IDisposable
{
    public TempFile(int size = 0)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "asyncsys-" + Guid.NewGuid().ToString("N"));
        Content = new byte[size];
        for (int i = 0; i < size; i++)
        {
            Content[i] = (byte)((i * 7) + (i >> 8));
        }

        File.WriteAllBytes(Path, Content);
    }

    public string Path { get; }

    public byte[] Content { get; }

    public Microsoft.Win32.SafeHandles.SafeFileHandle Open(FileAccess access = FileAccess.ReadWrite) =>
        File.OpenHandle(Path, FileMode.Open, access);

    public void Dispose() => File.Delete(Path);
}

/// <summary>An anonymous pipe as two raw descriptors.</summary>
public sealed unsafe class Pipe : IDisposable
{
    public Pipe()
    {
        int* fds = stackalloc int[2];
        if (Libc.pipe2(fds, Libc.O_CLOEXEC) != 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "pipe2");
        }

        ReadFd = fds[0];
        WriteFd = fds[1];
    }

    public int ReadFd { get; private set; }

    public int WriteFd { get; private set; }

    public void Write(byte[] bytes)
    {
        fixed (byte* p = bytes)
        {
            if (Libc.write(WriteFd, p, (nuint)bytes.Length) != bytes.Length)
            {
                throw new ErrnoException(Marshal.GetLastPInvokeError(), "write");
            }
        }
    }

    /// <summary>Reads what the pipe holds now (up to <paramref name="count"/> bytes) with a plain read(2), no ring.</summary>
    public byte[] Read(int count)
    {
        var buffer = new byte[count];
        fixed (byte* p = buffer)
        {
            nint read = Libc.read(ReadFd, p, (nuint)count);
            if (read < 0)
            {
                throw new ErrnoException(Marshal.GetLastPInvokeError(), "read");
            }

            return buffer.AsSpan(0, (int)read).ToArray();
        }
    }

    public void CloseWriteEnd()
    {
        if (WriteFd >= 0)
        {
            Libc.close(WriteFd);
            WriteFd = -1;
        }
    }

    public void Dispose()
    {
        CloseWriteEnd();
        if (ReadFd >= 0)
        {
            Libc.close(ReadFd);
            ReadFd = -1;
        }
    }
}

/// <summary>A connected loopback TCP pair plus its listener.</summary>
public sealed class LoopbackPair : IDisposable
{
    public LoopbackPair()
    {
        Listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Listener.Listen(16);
        Client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Client.Connect(Listener.LocalEndPoint!);
        Server = Listener.Accept();
    }

    public Socket Listener { get; }

    public Socket Client { get; }

    public Socket Server { get; }

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
        Listener.Dispose();
    }
}

/// <summary>
/// A socket address buffer and its socklen_t in native memory, as a caller of accept4 owns them: fixed for as long
/// as the kernel may write them, whatever the garbage collector does.
/// </summary>
public sealed unsafe class NativeSocketAddress : IDisposable
{
    private readonly int _capacity;

    public NativeSocketAddress(int capacity, byte fill = 0)
    {
        _capacity = capacity;
        // 8 bytes at least, so a test can look past a short capacity and see what the kernel left alone.
        Address = (nint)NativeMemory.Alloc((nuint)Math.Max(capacity, 8));
        new Span<byte>((void*)Address, Math.Max(capacity, 8)).Fill(fill);
        LengthAddress = (nint)NativeMemory.Alloc(sizeof(uint));
        *(uint*)LengthAddress = (uint)capacity;
    }

    public nint Address { get; }

    public nint LengthAddress { get; }

    /// <summary>The socklen_t as it is now: the capacity until the kernel replaces it.</summary>
    public int Length => (int)*(uint*)LengthAddress;

    public byte[] Bytes(int count) => new ReadOnlySpan<byte>((void*)Address, Math.Min(count, Math.Max(_capacity, 8))).ToArray();

    public void Dispose()
    {
        NativeMemory.Free((void*)Address);
        NativeMemory.Free((void*)LengthAddress);
    }
}

/// <summary>Counts pins and unpins (or refuses to be pinned) so a test sees exactly what the ring pinned and released.</summary>
public sealed unsafe class CountingMemory : MemoryManager<byte>
{
    private readonly byte[] _bytes;
    private readonly bool _refusePin;
    private GCHandle _handle;

    public CountingMemory(int length, bool refusePin = false)
    {
        _bytes = new byte[length];
        _refusePin = refusePin;
    }

    public int Pins { get; private set; }

    public int Unpins { get; private set; }

    public override Span<byte> GetSpan() => _bytes;

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        if (_refusePin)
        {
            throw new InvalidOperationException("cannot pin");
        }

        Pins++;
        _handle = GCHandle.Alloc(_bytes, GCHandleType.Pinned);
        return new MemoryHandle((byte*)_handle.AddrOfPinnedObject() + elementIndex, default, this);
    }

    public override void Unpin()
    {
        Unpins++;
        _handle.Free();
    }

    protected override void Dispose(bool disposing)
    {
    }
}
