using System.Text;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>The synchronous side of the variant tests: pointers and fixed blocks cannot appear in async methods.</summary>
internal static unsafe class Sync
{
    public static long Read(int fd, byte[] buffer)
    {
        fixed (byte* b = buffer)
        {
            return Variants.Read(fd, b, (nuint)buffer.Length);
        }
    }

    public static long PRead(int fd, byte[] buffer, long offset)
    {
        fixed (byte* b = buffer)
        {
            return Variants.PRead(fd, b, (nuint)buffer.Length, new off_t(offset));
        }
    }

    public static int GetHostName(byte[] buffer)
    {
        fixed (byte* b = buffer)
        {
            return Variants.GetHostName(b, (nuint)buffer.Length);
        }
    }

    public static long ReadLink(string path, byte[] buffer)
    {
        fixed (byte* p = Utf8(path))
        fixed (byte* b = buffer)
        {
            return Variants.ReadLink(p, b, (nuint)buffer.Length);
        }
    }

    public static nint GetCwd(byte[] buffer)
    {
        fixed (byte* b = buffer)
        {
            return Variants.GetCwd(b, (nuint)buffer.Length);
        }
    }

    public static int FStat(int fd, out StatBuffer stat)
    {
        fixed (StatBuffer* s = &stat)
        {
            return Variants.FStat(fd, s);
        }
    }

    public static long Stat(string path)
    {
        StatBuffer stat;
        fixed (byte* p = Utf8(path))
        {
            return Variants.Stat(p, &stat);
        }
    }

    public static byte[] BytesOf(StatBuffer stat) => new System.ReadOnlySpan<byte>(stat.Bytes, 144).ToArray();

    public static int SetXattr(string path, string name, byte[] value)
    {
        fixed (byte* p = Utf8(path))
        fixed (byte* n = Utf8(name))
        fixed (byte* v = value)
        {
            return Variants.SetXattr(p, n, v, (nuint)value.Length, 0);
        }
    }

    public static nint GetDents64(int fd, byte[] buffer)
    {
        fixed (byte* b = buffer)
        {
            return Variants.GetDents64(fd, b, (nuint)buffer.Length);
        }
    }

    public static long SendFile(int outFd, int inFd) => Variants.SendFile(outFd, inFd, null, 1);

    /// <summary>splice with offset pointers (null for NULL): the result and the offsets as the kernel left them.</summary>
    public static (long Result, long? OffIn, long? OffOut) Splice(int fdIn, long? offIn, int fdOut, long? offOut, nuint length)
    {
        long inValue = offIn.GetValueOrDefault(), outValue = offOut.GetValueOrDefault();
        long result = Variants.Splice(fdIn, offIn is null ? null : &inValue, fdOut, offOut is null ? null : &outValue, length, 0);
        return (result, offIn is null ? null : inValue, offOut is null ? null : outValue);
    }

    public static long EventFdRead(int fd)
    {
        ulong value;
        return Variants.EventFdRead(fd, &value);
    }

    public static (int Result, int Read, int Write) Pipe2(int flags)
    {
        int* fds = stackalloc int[2];
        int result = Variants.Pipe2(fds, flags);
        return (result, fds[0], fds[1]);
    }

    public static long SendToNoAddress(int fd)
    {
        byte b = 0;
        return Variants.SendTo(fd, &b, 1, 0, null, 0);
    }

    public static long SetSockOpt(int fd, int level, int name, int value) => Variants.SetSockOpt(fd, level, name, &value, 4);

    public static long MkDir(string path, uint mode)
    {
        fixed (byte* p = Utf8(path))
        {
            return Variants.MkDir(p, mode);
        }
    }

    public static long Unlink(string path)
    {
        fixed (byte* p = Utf8(path))
        {
            return Variants.Unlink(p);
        }
    }

    public static long Access(string path, int mode)
    {
        fixed (byte* p = Utf8(path))
        {
            return Variants.Access(p, mode);
        }
    }

    public static int Open(string path, int flags, uint mode)
    {
        fixed (byte* p = Utf8(path))
        {
            return Variants.Open(p, flags, mode);
        }
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text + "\0");
}
