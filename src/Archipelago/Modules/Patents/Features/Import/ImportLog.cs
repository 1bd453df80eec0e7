using Archipelago.Kernel.Import;

namespace Archipelago.Modules.Patents.Features.Import;

/// <summary>
/// The errors and warnings of one file's import. An error (a row without a publication number, a header without the
/// columns a format needs) stops the whole file; a warning (a bad date or IPC symbol) drops that one field and keeps
/// the record. Both name file, row and column; the first thousand of each are listed and all are counted.
/// </summary>
public sealed class ImportLog(string file)
{
    const int MaxListed = 1000;
    /// <summary>Where the rows come from, as messages name it: the file, or the file and sheet of a workbook.</summary>
    public string File { get; set; } = file;
    public List<RowError> Errors { get; } = [];
    public List<RowError> Warnings { get; } = [];
    public long ErrorCount { get; private set; }
    public long WarningCount { get; private set; }
    public List<string> Notes { get; } = [];

    public void Error(int row, string? column, string reason)
    {
        ErrorCount++;
        if (Errors.Count < MaxListed) Errors.Add(new RowError(File, row, column, reason));
    }

    public void Warn(int row, string? column, string reason)
    {
        WarningCount++;
        if (Warnings.Count < MaxListed) Warnings.Add(new RowError(File, row, column, reason));
    }
}
