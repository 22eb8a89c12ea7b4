using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Xml.Linq;

namespace AsyncSys.Runtime.Tests;

/// <summary>
/// Every asynchronous operation of <see cref="IoRing"/> says in its XML docs what it throws (read from the
/// AsyncSys.Runtime.xml the build produced): cancellation when it takes a token, disposal, a quiesced ring, and the
/// argument exceptions when it has arguments to check.
/// </summary>
public sealed class ExceptionDocsTests
{
    private static readonly Lazy<XDocument> Docs = new(() =>
        XDocument.Load(Path.ChangeExtension(typeof(IoRing).Assembly.Location, ".xml")));

    public static TheoryData<string> Operations => new(
        typeof(IoRing).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal) && m.Name != nameof(IoRing.DisposeAsync))
            .Select(m => m.Name)
            .Distinct());

    [Theory]
    [MemberData(nameof(Operations))]
    public void Every_overload_documents_what_it_throws(string operation)
    {
        MethodInfo[] overloads = typeof(IoRing).GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.Name == operation).ToArray();
        XElement[] documented = Docs.Value.Descendants("member")
            .Where(m => IsMember((string)m.Attribute("name")!, operation))
            .ToArray();

        Assert.Equal(overloads.Length, documented.Length);
        foreach (XElement member in documented)
        {
            string id = (string)member.Attribute("name")!;
            HashSet<string> thrown = member.Elements("exception").Select(e => ((string)e.Attribute("cref")!)[2..]).ToHashSet();

            Assert.Contains("System.ObjectDisposedException", thrown);
            if (id.Contains("System.Threading.CancellationToken", StringComparison.Ordinal))
            {
                Assert.Contains("System.OperationCanceledException", thrown);
            }

            // Quiesce closes admission itself; RunOnRingAsync admits nothing (the operations its loop submits do).
            if (operation is not (nameof(IoRing.QuiesceAsync) or nameof(IoRing.RunOnRingAsync)))
            {
                Assert.True(thrown.Contains("AsyncSys.IoRingQuiescedException"), $"{id} does not document IoRingQuiescedException");
            }

            bool hasArguments = id.Contains('(') && id[(id.IndexOf('(') + 1)..].Split(',').Any(p => !p.StartsWith("System.Threading.CancellationToken", StringComparison.Ordinal));
            if (hasArguments)
            {
                Assert.True(
                    thrown.Overlaps(new[] { "System.ArgumentException", "System.ArgumentNullException", "System.ArgumentOutOfRangeException" }),
                    $"{id} takes arguments but documents no argument exception");
            }
        }
    }

    private static bool IsMember(string id, string operation)
    {
        const string Prefix = "M:AsyncSys.IoRing.";
        if (!id.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        string rest = id[Prefix.Length..];
        int end = rest.IndexOfAny(new[] { '(', '`' });
        return (end < 0 ? rest : rest[..end]) == operation;
    }
}
