using System.Data.Common;
using Archipelago.Modules.Patents.Domain;
using Dapper;

namespace Archipelago.Modules.Patents.Features.Landscape;

public sealed partial class LandscapeColumns
{
    /// <summary>Starts a store made from the records of an import into an empty workspace as they stream past (on the
    /// reading thread), so the import need not read a million records and their links back from the tables.</summary>
    public static async Task<Streamed> StreamedAsync(DbConnection c, DbTransaction tx) =>
        new(await Pairs(c, tx, "SELECT pattern, field FROM patents_technology_fields"), await Pairs(c, tx, "SELECT pattern, segment FROM patents_segments"),
            await Pairs(c, tx, "SELECT subclass, title FROM patents_ipc_subclasses"));

    /// <summary>The columns of the records in the order they are stored; their ids come from the table at the end
    /// (<see cref="FinishAsync"/>). Rows, links and symbols as <see cref="ReadAsync"/> reads them back.</summary>
    public sealed class Streamed(IReadOnlyDictionary<string, string> fields, IReadOnlyDictionary<string, string> segments, IReadOnlyDictionary<string, string> titles)
    {
        readonly List<int> publication = [], priority = [], application = [], jurisdiction = [], family = [];
        readonly List<int> applicantStart = [0], applicant = [], symbolStart = [0], symbol = [];
        readonly Dictionary<string, int> families = new(StringComparer.Ordinal), jurisdictionIds = new(StringComparer.Ordinal), applicantIds = new(StringComparer.Ordinal);
        readonly List<string> jurisdictions = [], applicants = [];
        readonly Dictionary<string, int> ipcIds = new(StringComparer.Ordinal), cpcIds = new(StringComparer.Ordinal);
        readonly List<bool> isIpc = [];
        readonly List<string> codes = [], mainGroups = [];
        readonly List<int> subclassOf = [], fieldOf = [], segmentOf = [];
        readonly Dictionary<string, int> subclassIds = new(StringComparer.Ordinal), fieldIds = new(StringComparer.Ordinal), segmentIds = new(StringComparer.Ordinal);
        readonly List<string> subclassList = [], fieldList = [], segmentList = [];
        int min = int.MaxValue, max = int.MinValue;
        string? firstNumber, lastNumber;

        int Year(int? year)
        {
            if (year is not { } y) return NoYear;
            if (y < min) min = y;
            if (y > max) max = y;
            return y;
        }

        /// <summary>A record as stored, with the normalised names of its applicants in their order.</summary>
        public void Add(PatentRecord r, IEnumerable<string> applicantNames)
        {
            firstNumber ??= r.PublicationNumber;
            lastNumber = r.PublicationNumber;
            publication.Add(Year(r.PublicationYear));
            priority.Add(Year(r.PriorityDate?.Year));
            application.Add(Year(r.ApplicationDate?.Year));
            jurisdiction.Add(Id(jurisdictionIds, r.Jurisdiction, jurisdictions));
            family.Add(Id(families, r.FamilyId));
            foreach (var name in applicantNames) applicant.Add(Id(applicantIds, name, applicants));
            applicantStart.Add(applicant.Count);
            foreach (var code in r.Ipc) symbol.Add(Symbol(ipcIds, true, code));
            foreach (var code in r.Cpc) symbol.Add(Symbol(cpcIds, false, code));
            symbolStart.Add(symbol.Count);
        }

        int Symbol(Dictionary<string, int> ofScheme, bool ipc, IpcCode code)
        {
            if (ofScheme.TryGetValue(code.Code, out var id)) return id;
            id = ofScheme[code.Code] = codes.Count;
            var mainGroup = code.MainGroupCode;
            isIpc.Add(ipc);
            codes.Add(code.Code);
            mainGroups.Add(mainGroup);
            subclassOf.Add(Id(subclassIds, code.Subclass, subclassList));
            // The category rule of ReadAsync (and LandscapeTally.AddIpc): the main-group pattern (A61K 8/), else the subclass.
            var pattern = mainGroup.Length >= 2 ? mainGroup[..^2] : mainGroup;
            var field = fields.GetValueOrDefault(pattern) ?? fields.GetValueOrDefault(code.Subclass);
            fieldOf.Add(field is null ? -1 : Id(fieldIds, field, fieldList));
            var segment = segments.GetValueOrDefault(pattern) ?? segments.GetValueOrDefault(code.Subclass);
            segmentOf.Add(segment is null ? -1 : Id(segmentIds, segment, segmentList));
            return id;
        }

        /// <summary>The store at <paramref name="version"/>, its record ids read from the table (inside the import's
        /// transaction); null when the table does not hold exactly the records added, in their order — the caller then
        /// reads the store back from the tables.</summary>
        public async Task<LandscapeColumns?> FinishAsync(DbConnection c, DbTransaction tx, long version)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var n = publication.Count;
            var ids = new long[n];
            var i = 0;
            await using (var r = await c.ExecuteReaderAsync("SELECT id FROM patents_records ORDER BY id", transaction: tx))
                while (await r.ReadAsync())
                {
                    if (i == n) return null;
                    ids[i++] = r.GetInt64(0);
                }
            // Ids are handed out in the order records are inserted, which is the order they were added here; the first
            // and last publication numbers confirm it.
            if (i != n || n == 0
                || await c.ExecuteScalarAsync<string>("SELECT publication_number FROM patents_records WHERE id = @id", new { id = ids[0] }, tx) != firstNumber
                || await c.ExecuteScalarAsync<string>("SELECT publication_number FROM patents_records WHERE id = @id", new { id = ids[^1] }, tx) != lastNumber)
                return null;
            var store = new LandscapeColumns
            {
                Version = version, Origin = "made by the import", ids = ids,
                publicationYear = [.. publication], priorityYear = [.. priority], applicationYear = [.. application],
                minYear = min == int.MaxValue ? 0 : min, yearSpan = min == int.MaxValue ? 1 : max - min + 1,
                jurisdiction = [.. jurisdiction], family = [.. family], familyCount = families.Count,
                jurisdictionNames = [.. jurisdictions], jurisdictionIds = jurisdictionIds,
                applicantStart = [.. applicantStart], applicant = [.. applicant], applicantNames = [.. applicants], applicantIds = applicantIds,
                symbolStart = [.. symbolStart], symbol = [.. symbol], symbolIsIpc = [.. isIpc], symbolCode = [.. codes], symbolMainGroup = [.. mainGroups],
                symbolSubclass = [.. subclassOf], symbolField = [.. fieldOf], symbolSegment = [.. segmentOf],
                subclassNames = [.. subclassList], fieldNames = [.. fieldList], segmentNames = [.. segmentList], titles = titles,
            };
            families.Clear();
            store.BuildTime = watch.Elapsed;
            return store;
        }
    }
}
