using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Tests.Infrastructure;

/// <summary>
/// Snapshot files in Verify's convention: <c>&lt;TestClass&gt;.&lt;TestName&gt;.verified.cs</c> beside the test file.
/// On a mismatch (or a missing snapshot) the actual text is written to <c>*.received.cs</c> and the test fails;
/// accept a change by renaming the received file over the verified one.
/// </summary>
internal static class Snapshot
{
    /// <summary>The generated files of a run, each after a <c>//HintName:</c> line, in hint-name order.</summary>
    public static string Of(GeneratorDriverRunResult run)
    {
        var text = new StringBuilder();
        foreach (GeneratedSourceResult source in run.Results[0].GeneratedSources.OrderBy(s => s.HintName, System.StringComparer.Ordinal))
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append("//HintName: ").Append(source.HintName).Append('\n');
            text.Append(source.SourceText.ToString());
        }

        return text.ToString();
    }

    public static void Verify<TTestClass>(string actual, [CallerMemberName] string testName = "", [CallerFilePath] string testFile = "")
    {
        string directory = Path.GetDirectoryName(testFile)!;
        string stem = Path.Combine(directory, typeof(TTestClass).Name + "." + testName);
        string verifiedPath = stem + ".verified.cs";
        string receivedPath = stem + ".received.cs";
        string normalized = actual.Replace("\r\n", "\n");
        string? verified = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).Replace("\r\n", "\n") : null;
        if (verified == normalized)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, normalized);
        Assert.Fail(verified is null
            ? "No snapshot yet: review " + receivedPath + " and rename it to .verified.cs."
            : "The output differs from " + verifiedPath + "; see " + receivedPath + ".");
    }
}
