using System.Data.Common;
using Archipelago.Kernel.Data;
using Archipelago.Modules.Patents.Domain;
using Dapper;

namespace Archipelago.Modules.Patents.Features.Landscape;

public sealed partial class LandscapeColumns
{
    /// <summary>Starts a store made from the records of an import into an empty workspace as they stream past (on the
    /// reading thread), so the import need not read a million records and their links back from the tables.</summary>
    public static async Task<Streamed> StreamedAsync(DbConnection c, DbTransaction tx, SqlDialect dialect)
    {
        // The search order (SearchOrderAsync) is worked out here only where the database compares publication numbers
        // as ordinal text (SQLite; PostgreSQL with the C collation), and placed the missing dates as it does.
        bool? nullsFirst = dialect.Name == SqlDialect.Sqlite.Name ? false
            : await c.ExecuteScalarAsync<string>("SELECT datcollate FROM pg_database WHERE datname = current_database()", transaction: tx) is "C" or "POSIX" or "C.UTF-8" or "C.utf8" ? true
            : null;
        return new(await Pairs(c, tx, "SELECT pattern, field FROM patents_technology_fields"), await Pairs(c, tx, "SELECT pattern, segment FROM patents_segments"),
            await Pairs(c, tx, "SELECT subclass, title FROM patents_ipc_subclasses"), nullsFirst);
    }

    /// <summary>The columns of the records in the order they are stored; their ids come from the table at the end
    /// (<see cref="FinishAsync"/>). Rows, links and symbols as <see cref="ReadAsync"/> reads them back.</summary>
    public sealed class Streamed(IReadOnlyDictionary<string, string> fields, IReadOnlyDictionary<string, string> segments, IReadOnlyDictionary<string, string> titles,
        bool? nullDatesFirst)
    {
        // For the search order: per record its publication date (day number, -1: none) and number, while they stream
        // past — the numbers as UTF-8 in one buffer (a million strings kept alive would cost the import ~50 MB more).
        readonly List<int> days = [];
        readonly List<int> numberEnds = [];
        byte[] numberBytes = new byte[1 << 16];
        int numberLength;
        Task<int[]>? ordering;
        readonly List<int> publication = [], priority = [], application = [], jurisdiction = [], legalStatus = [], family = [];
        readonly List<int> applicantStart = [0], applicant = [], symbolStart = [0], symbol = [];
        readonly Dictionary<string, int> families = new(StringComparer.Ordinal), jurisdictionIds = new(StringComparer.Ordinal), applicantIds = new(StringComparer.Ordinal),
            legalStatusIds = new(StringComparer.Ordinal);
        readonly List<string> jurisdictions = [], applicants = [], legalStatuses = [];
        readonly StoreSymbols symbols = new(fields, segments);
        int min = int.MaxValue, max = int.MinValue;
        string? firstNumber, lastNumber;

        int Year(int? year)
        {
            if (year is not { } y) return NoYear;
            if (y < min) min = y;
            if (y > max) max = y;
            return y;
        }

        /// <summary>A record as stored, with its applicants (their normalised names) in their order and the stored numbers
        /// of its symbols (IPC, then CPC: <c>SymbolIds.Of</c>).</summary>
        public void Add(PatentRecord r, IReadOnlyList<Import.ApplicantLink> links, long[] stored)
        {
            firstNumber ??= r.PublicationNumber;
            lastNumber = r.PublicationNumber;
            if (nullDatesFirst is not null)
            {
                days.Add(r.PublicationDate?.DayNumber ?? -1);
                var bytes = System.Text.Encoding.UTF8.GetByteCount(r.PublicationNumber);
                if (numberLength + bytes > numberBytes.Length) Array.Resize(ref numberBytes, Math.Max(2 * numberBytes.Length, numberLength + bytes));
                numberLength += System.Text.Encoding.UTF8.GetBytes(r.PublicationNumber, numberBytes.AsSpan(numberLength));
                numberEnds.Add(numberLength);
            }
            publication.Add(Year(r.PublicationYear));
            priority.Add(Year(r.PriorityDate?.Year));
            application.Add(Year(r.ApplicationDate?.Year));
            jurisdiction.Add(Id(jurisdictionIds, r.Jurisdiction, jurisdictions));
            legalStatus.Add(r.LegalStatus is { } status ? Id(legalStatusIds, status, legalStatuses) : -1);
            family.Add(Id(families, r.FamilyId));
            foreach (var link in links) applicant.Add(Id(applicantIds, link.Name, applicants));
            applicantStart.Add(applicant.Count);
            for (var i = 0; i < r.Ipc.Count; i++) symbol.Add(Symbol(stored[i], true, r.Ipc[i]));
            for (var i = 0; i < r.Cpc.Count; i++) symbol.Add(Symbol(stored[r.Ipc.Count + i], false, r.Cpc[i]));
            symbolStart.Add(symbol.Count);
        }

        /// <summary>Every record is added: the search order is sorted meanwhile on another thread (while the import
        /// rebuilds its indexes).</summary>
        public void Complete()
        {
            if (nullDatesFirst is not { } nullsFirst || ordering is not null) return;
            ordering = Task.Run(() =>
            {
                var day = days.ToArray();
                var end = numberEnds.ToArray();
                var text = numberBytes;
                days.Clear();
                numberEnds.Clear();
                ReadOnlySpan<byte> Number(int i) => text.AsSpan(i == 0 ? 0 : end[i - 1], end[i] - (i == 0 ? 0 : end[i - 1]));
                // ORDER BY publication_date DESC, publication_number: ISO dates order as days; a missing date is the
                // largest value on PostgreSQL (first when descending) and the smallest on SQLite (last). Sorted on the
                // days alone first (a primitive key sort), then each run of one day on the numbers.
                var order = new int[day.Length];
                var key = new int[day.Length];
                for (var i = 0; i < order.Length; i++) (order[i], key[i]) = (i, day[i] < 0 ? (nullsFirst ? int.MinValue : int.MaxValue) : -day[i]);
                Array.Sort(key, order);
                var byNumber = Comparer<int>.Create((a, b) => Number(a).SequenceCompareTo(Number(b))); // UTF-8 bytes: SQLite's BINARY, PostgreSQL's C collation
                for (int from = 0, to; from < order.Length; from = to)
                {
                    for (to = from + 1; to < order.Length && key[to] == key[from]; to++) { }
                    if (to - from > 1) Array.Sort(order, from, to - from, byNumber);
                }
                numberBytes = [];
                return order;
            });
        }

        int Symbol(long stored, bool ipc, IpcCode code) =>
            symbols.Column(stored) is var known and >= 0 ? known : symbols.Add(stored, ipc, code.Code, code.Subclass, code.MainGroupCode);

        /// <summary>The store at <paramref name="version"/>, its record ids read from the table (inside the import's
        /// transaction, which made the table hold exactly the records added); null when the ids do not follow the order they were added in — the caller then
        /// reads the store back from the tables.</summary>
        public async Task<LandscapeColumns?> FinishAsync(DbConnection c, DbTransaction tx, long version)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var n = publication.Count;
            var ids = new long[n];
            var i = 0;
            // The caller made the table hold exactly these n records (it was empty, and each one was created), so when
            // its ids span n values they are all of them; two index reads instead of a million rows.
            var (low, high) = await c.QuerySingleAsync<(long?, long?)>("SELECT MIN(id), MAX(id) FROM patents_records", transaction: tx);
            if (low is { } first && high - first == n - 1)
                for (; i < n; i++) ids[i] = first + i;
            else
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
            // Each list is let go as soon as it is copied, so the import's peak holds one extra copy at a time.
            static int[] Take(List<int> list)
            {
                var a = list.ToArray();
                list.Clear();
                list.TrimExcess();
                return a;
            }
            var store = new LandscapeColumns
            {
                Version = version, Origin = "made by the import", ids = ids,
                publicationYear = Take(publication), priorityYear = Take(priority), applicationYear = Take(application),
                minYear = min == int.MaxValue ? 0 : min, yearSpan = min == int.MaxValue ? 1 : max - min + 1,
                jurisdiction = Take(jurisdiction), family = Take(family), familyCount = families.Count,
                jurisdictionNames = [.. jurisdictions], jurisdictionIds = jurisdictionIds,
                legalStatus = Take(legalStatus), legalStatusNames = [.. legalStatuses], legalStatusIds = legalStatusIds,
                applicantStart = Take(applicantStart), applicant = Take(applicant), applicantNames = [.. applicants], applicantIds = applicantIds,
                symbolStart = Take(symbolStart), symbol = Take(symbol), titles = titles,
            };
            symbols.Into(store);
            families.Clear();
            Complete();
            store.BuildTime = watch.Elapsed;
            return store;
        }

        /// <summary>Gives the store from <see cref="FinishAsync"/> its search order, sorted on another thread since the
        /// reading ended (until then the store sorts one itself when a search asks; its snapshot holds the order).</summary>
        public async Task OrderAsync(LandscapeColumns store)
        {
            if (ordering is not null) Volatile.Write(ref store.searchOrder, await ordering);
        }
    }
}
