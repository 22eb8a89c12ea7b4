using System;
using System.Globalization;
using System.IO;

namespace AsyncSys;

/// <summary>
/// A syscall failed with an errno value. Thrown by <see cref="IoRing"/> operations and by generated
/// asynchronous variants when the kernel (or the offloaded call) reports an error.
/// </summary>
public class ErrnoException : IOException
{
    /// <summary>Creates the exception for a failed syscall.</summary>
    /// <param name="errno">The positive errno value.</param>
    /// <param name="syscall">The syscall or operation that failed, such as <c>"pread"</c>.</param>
    /// <param name="detail">Optional detail such as the argument or path involved.</param>
    public ErrnoException(int errno, string syscall, string? detail = null)
        : base(FormatMessage(errno, syscall, detail))
    {
        Errno = errno;
        Syscall = syscall;
        HResult = errno;
    }

    /// <summary>Creates the exception without an errno value (<see cref="Errno"/> is 0).</summary>
    public ErrnoException()
        : this("A syscall failed.")
    {
    }

    /// <summary>Creates the exception with a message and no errno value (<see cref="Errno"/> is 0).</summary>
    /// <param name="message">The message.</param>
    public ErrnoException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates the exception with a message, an inner exception and no errno value (<see cref="Errno"/> is 0).</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public ErrnoException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Syscall = string.Empty;
    }

    /// <summary>The positive errno value, such as <see cref="AsyncSys.Errno.ENOENT"/>.</summary>
    public int Errno { get; }

    /// <summary>The errno's symbolic name, such as <c>"ENOENT"</c>.</summary>
    public string ErrnoName => AsyncSys.Errno.NameOf(Errno);

    /// <summary>The syscall or operation that failed; empty when the exception was created without one.</summary>
    public string Syscall { get; }

    /// <summary>Throws an <see cref="ErrnoException"/> when <paramref name="result"/> is a negative errno; returns it otherwise.</summary>
    /// <param name="result">A kernel-style result: non-negative on success, <c>-errno</c> on failure.</param>
    /// <param name="syscall">The syscall, for the message.</param>
    /// <returns><paramref name="result"/>, when it is not negative.</returns>
    /// <exception cref="ErrnoException"><paramref name="result"/> is negative; the exception carries <c>-result</c> as its errno.</exception>
    public static int ThrowIfNegative(int result, string syscall)
    {
        if (result < 0)
        {
            throw new ErrnoException(-result, syscall);
        }

        return result;
    }

    private static string FormatMessage(int errno, string syscall, string? detail)
    {
        string text = string.Format(
            CultureInfo.InvariantCulture,
            "{0} failed: {1} ({2}): {3}",
            syscall,
            AsyncSys.Errno.NameOf(errno),
            errno,
            AsyncSys.Errno.Describe(errno));
        return detail is null ? text : text + " [" + detail + "]";
    }
}
