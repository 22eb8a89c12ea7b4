using System;
using Xunit;

namespace AsyncSys.Runtime.Tests;

/// <summary>Errno texts are the C library's (strerror), so they match what every other tool on the system prints.</summary>
public sealed class ErrnoTextTests
{
    [Theory]
    [InlineData(Errno.EBADF, "Bad file descriptor")]
    [InlineData(Errno.ENOENT, "No such file or directory")]
    [InlineData(Errno.ECANCELED, "Operation canceled")]
    public void Describe_gives_the_strerror_text(int errno, string expected) => Assert.Equal(expected, Errno.Describe(errno));

    [Fact]
    public void Message_names_syscall_errno_text_and_detail()
    {
        var error = new ErrnoException(Errno.EBADF, "pread", "fd 9999");
        Assert.Equal("pread failed: EBADF (9): Bad file descriptor [fd 9999]", error.Message);
        Assert.Equal(("EBADF", "pread"), (error.ErrnoName, error.Syscall));
    }

    [Fact]
    public void Standard_constructors_keep_message_and_inner_exception()
    {
        var inner = new InvalidOperationException("cause");
        var error = new ErrnoException("custom", inner);
        Assert.Equal(("custom", 0, ""), (error.Message, error.Errno, error.Syscall));
        Assert.Same(inner, error.InnerException);
        Assert.Equal(0, new ErrnoException().Errno);
        Assert.Equal("only a message", new ErrnoException("only a message").Message);
    }
}
