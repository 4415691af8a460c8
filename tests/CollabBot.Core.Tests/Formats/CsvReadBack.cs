using Sylvan.Data.Csv;

namespace CollabBot.Core.Tests.Formats;

/// <summary>Reads a CSV file back with Sylvan.Data.Csv, a reader we did not write (the service writes with Sep).</summary>
internal static class CsvReadBack
{
    /// <summary>Every row, the header included, as its cells.</summary>
    public static List<string[]> Rows(string csv)
    {
        using var reader = CsvDataReader.Create(new StringReader(csv), new CsvDataReaderOptions { HasHeaders = false, Delimiter = ',' });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.RowFieldCount).Select(reader.GetString)]);
        }

        return rows;
    }
}
