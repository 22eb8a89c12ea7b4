using System;
using System.IO;

namespace AsyncSys.Tests.Shared;

/// <summary>Where the repository is, found from the test's output folder (shared by the test projects).</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootPath = new(Find);

    /// <summary>The folder holding AsyncSys.sln.</summary>
    public static string Root => RootPath.Value;

    private static string Find()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AsyncSys.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("AsyncSys.sln not found above " + AppContext.BaseDirectory);
    }
}
