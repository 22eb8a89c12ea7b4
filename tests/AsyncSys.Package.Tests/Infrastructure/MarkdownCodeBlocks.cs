using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;

namespace AsyncSys.Package.Tests.Infrastructure;

/// <summary>
/// The fenced code blocks of a Markdown page, with their info string: ```csharp file=Program.cs marks a file a
/// reader creates, ```text output the output a reader should see.
/// </summary>
internal static partial class MarkdownCodeBlocks
{
    public sealed record Block(string Language, IReadOnlyDictionary<string, string> Attributes, string Content, int Line);

    public static IReadOnlyList<Block> Read(string path)
    {
        string[] lines = File.ReadAllText(path).ReplaceLineEndings("\n").Split('\n');
        var blocks = new List<Block>();
        for (int i = 0; i < lines.Length; i++)
        {
            Match fence = Fence().Match(lines[i]);
            if (!fence.Success)
            {
                continue;
            }

            int start = i + 1;
            int end = Array.FindIndex(lines, start, l => l.TrimEnd() == "```");
            if (end < 0)
            {
                throw new InvalidDataException($"{path}:{i + 1}: code block is never closed");
            }

            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string word in fence.Groups["rest"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = word.IndexOf('=', StringComparison.Ordinal);
                attributes[eq < 0 ? word : word[..eq]] = eq < 0 ? "" : word[(eq + 1)..];
            }

            blocks.Add(new Block(fence.Groups["language"].Value, attributes, string.Join('\n', lines[start..end]) + "\n", i + 1));
            i = end;
        }

        return blocks;
    }

    [GeneratedRegex(@"^```(?<language>[A-Za-z0-9#+-]+)(?<rest>.*)$")]
    private static partial Regex Fence();
}
