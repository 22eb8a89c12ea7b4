using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// One held-out wrapper declaration: the <c>// case: id tag=value,...</c> line above an <c>[AsyncSyscall]</c>
/// method in a <c>Cases/*.case</c> file. Tags say what the kernel does with a parameter, as the man page
/// says, so the checks never rely on the generator's own idea of it:
/// <c>out=</c> buffers the kernel writes, <c>in=</c> paths and buffers it only reads, <c>addr=</c> socket
/// addresses the call must keep, <c>e2e</c> rows also run on the kernel, <c>expect=</c> the verdict the docs lead the
/// writer to expect (<c>ring</c>, <c>worker</c> or an ASYS id; alternatives with '|'), compared after the run.
/// </summary>
internal sealed record HeldOutCase(string Id, string Group, string MethodName, IReadOnlyList<string> Outputs, IReadOnlyList<string> Inputs, IReadOnlyList<string> Addresses, bool EndToEnd)
{
    /// <summary>The expected verdicts written on the case line (empty: none written).</summary>
    public IReadOnlyList<string> Expected { get; init; } = Array.Empty<string>();

    /// <summary>
    /// From <c>thread=</c>: "all" when the man page says the call acts on the calling thread whatever its arguments, else
    /// the parameters whose values decide it (pid/who 0, a prctl option, a thread CPU-time clock); empty: the call does not.
    /// </summary>
    public IReadOnlyList<string> CallingThread { get; init; } = Array.Empty<string>();

    /// <summary>
    /// From <c>static=</c>: "result" when the man page says the pointer the call returns points into storage the call reuses
    /// (a static area every thread shares, a buffer of the calling thread, or the directory stream's buffer), overwritten by a
    /// later call; empty: it does not. A variant hands the caller that pointer after the await, from a worker.
    /// </summary>
    public IReadOnlyList<string> StaticStorage { get; init; } = Array.Empty<string>();

    /// <summary>Whether the call acts on the calling thread for every argument.</summary>
    public bool AlwaysCallingThread => CallingThread.Contains("all");

    public const string Marker = "// case:";

    public static HeldOutCase Parse(string group, string markerLine, string methodName)
    {
        string[] words = markerLine.Substring(Marker.Length).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var outputs = new List<string>();
        var inputs = new List<string>();
        var addresses = new List<string>();
        var expected = new List<string>();
        var callingThread = new List<string>();
        var staticStorage = new List<string>();
        bool endToEnd = false;
        foreach (string word in words.Skip(1))
        {
            if (word == "e2e")
            {
                endToEnd = true;
                continue;
            }

            int equals = word.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                throw new FormatException("Unknown tag '" + word + "' in " + markerLine);
            }

            if (word.Substring(0, equals) == "expect")
            {
                expected.AddRange(word.Substring(equals + 1).Split('|', StringSplitOptions.RemoveEmptyEntries));
                continue;
            }

            string[] values = word.Substring(equals + 1).Split(',', StringSplitOptions.RemoveEmptyEntries);
            List<string> target = word.Substring(0, equals) switch
            {
                "out" => outputs,
                "in" => inputs,
                "addr" => addresses,
                "thread" => callingThread,
                "static" => staticStorage,
                _ => throw new FormatException("Unknown tag '" + word + "' in " + markerLine),
            };
            target.AddRange(values);
        }

        return new HeldOutCase(words[0], group, methodName, outputs, inputs, addresses, endToEnd) { Expected = expected, CallingThread = callingThread, StaticStorage = staticStorage };
    }
}

/// <summary>A case file: one compilation unit in the style of one public project, holding several cases.</summary>
internal sealed record HeldOutGroup(string Name, string Source)
{
    public static IReadOnlyList<HeldOutGroup> LoadAll([CallerFilePath] string thisFile = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(thisFile)!, "Cases");
        return Directory.GetFiles(directory, "*.case")
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new HeldOutGroup(Path.GetFileNameWithoutExtension(f), File.ReadAllText(f)))
            .ToList();
    }

    /// <summary>
    /// The <c>[AsyncSyscall]</c> methods of a tree with their case; a marked method without a case line is a test defect.
    /// Local functions count too: the attribute may be put on one, and the generator must then answer for it.
    /// </summary>
    public static List<(HeldOutCase Case, CSharpSyntaxNode Declaration)> CasesIn(string group, SyntaxTree tree)
    {
        var cases = new List<(HeldOutCase, CSharpSyntaxNode)>();
        foreach (CSharpSyntaxNode method in tree.GetRoot().DescendantNodes().Where(n => n is MethodDeclarationSyntax or LocalFunctionStatementSyntax).Cast<CSharpSyntaxNode>())
        {
            if (!IsMarked(AttributesOf(method)))
            {
                continue;
            }

            string? marker = method.GetLeadingTrivia()
                .Where(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia))
                .Select(t => t.ToString())
                .LastOrDefault(t => t.StartsWith(HeldOutCase.Marker, StringComparison.Ordinal));
            string name = NameOf(method);
            if (marker is null)
            {
                throw new InvalidOperationException("[AsyncSyscall] method '" + name + "' in " + group + ".case has no '// case:' line");
            }

            cases.Add((HeldOutCase.Parse(group, marker, name), method));
        }

        return cases;
    }

    private static SyntaxList<AttributeListSyntax> AttributesOf(CSharpSyntaxNode method) =>
        method is MethodDeclarationSyntax m ? m.AttributeLists : ((LocalFunctionStatementSyntax)method).AttributeLists;

    private static string NameOf(CSharpSyntaxNode method) =>
        method is MethodDeclarationSyntax m ? m.Identifier.Text : ((LocalFunctionStatementSyntax)method).Identifier.Text;

    private static bool IsMarked(SyntaxList<AttributeListSyntax> attributes) =>
        attributes.SelectMany(l => l.Attributes).Any(a =>
        {
            string name = a.Name.ToString();
            return name is "AsyncSyscall" or "AsyncSyscallAttribute" || name.EndsWith(".AsyncSyscall", StringComparison.Ordinal);
        });
}
