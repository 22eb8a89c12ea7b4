using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AsyncSys.Bench.Results;

/// <summary>Source-generated JSON: no reflection, and the schema is exactly the classes' properties.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(BenchReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext
{
}

internal static class ReportJson
{
    internal static void Write(BenchReport report, string path)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, JsonSerializer.Serialize(report, ReportJsonContext.Default.BenchReport) + "\n");
    }

    internal static BenchReport Read(string path) =>
        JsonSerializer.Deserialize(File.ReadAllText(path), ReportJsonContext.Default.BenchReport)
        ?? throw new InvalidDataException($"{path} holds no report.");
}
