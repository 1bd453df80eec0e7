using System.Runtime.InteropServices;
using System.Text;

namespace Archipelago.Modules.Patents.Features.Import;

/// <summary>What the delimited import does with a cell's UTF-8 bytes before (or instead of) making a string of them,
/// each agreeing with the string operation it replaces.</summary>
static class Utf8Text
{
    public static string Decode(ReadOnlySpan<byte> utf8) => utf8.IsEmpty ? "" : Encoding.UTF8.GetString(utf8);

    /// <summary>Without leading and trailing white space, as <see cref="string.Trim()"/> (any Unicode white space, such
    /// as the ideographic space U+3000, not only ASCII).</summary>
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        while (s.Length > 0)
        {
            if (s[0] < 0x80)
            {
                if (!char.IsWhiteSpace((char)s[0])) break;
                s = s[1..];
                continue;
            }
            Rune.DecodeFromUtf8(s, out var r, out var n);
            if (!Rune.IsWhiteSpace(r)) break;
            s = s[n..];
        }
        while (s.Length > 0)
        {
            if (s[^1] < 0x80)
            {
                if (!char.IsWhiteSpace((char)s[^1])) break;
                s = s[..^1];
                continue;
            }
            Rune.DecodeLastFromUtf8(s, out var r, out var n);
            if (!Rune.IsWhiteSpace(r)) break;
            s = s[..^n];
        }
        return s;
    }

    /// <summary>The order <see cref="string.CompareOrdinal(string, string)"/> gives the two texts. Byte order is code point
    /// order, which is UTF-16's order too except for characters from U+E000 up against those beyond U+FFFF; text
    /// with any non-ASCII byte is therefore compared as strings.</summary>
    public static int CompareOrdinal(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) =>
        Ascii.IsValid(a) && Ascii.IsValid(b) ? Math.Sign(a.SequenceCompareTo(b)) : Math.Sign(string.CompareOrdinal(Decode(a), Decode(b)));
}

/// <summary>
/// A bounded map from a spelling's UTF-8 bytes to what its text parses to, the parse run the first time a spelling is
/// met: the cells of an import repeat the same names, symbols, dates and codes on thousands of rows, and found by its
/// bytes a known spelling needs no string. Emptied when it holds <see cref="Most"/> spellings, so a file of only
/// distinct values cannot grow it without limit.
/// </summary>
/// <remarks>Each entry holds the spelling's first 16 bytes beside its value, and only the rest (when there is any) in a
/// shared arena: most spellings (symbols, dates, codes) are shorter, so a look-up reads one entry and no arena. The
/// import's other threads (SQLite's page cache, the word index's terms) keep the caches busy: every memory line a
/// look-up does not touch is a miss it does not wait for.</remarks>
sealed class Spellings<T>
{
    const int Most = 200_000, Inline = 16;
    int[] slots = new int[1 << 12]; // entry + 1; 0 = empty
    Entry[] entries = new Entry[1 << 11];
    byte[] arena = new byte[1 << 16];
    int count, used;

    /// <summary>A spelling: its first <see cref="Inline"/> bytes (zero-padded), its length, where its remaining bytes
    /// start in the arena, and its hash and value.</summary>
    struct Entry
    {
        public ulong Head0, Head1;
        public int Length, Rest, Hash;
        public T Value;
    }

    public T Get(ReadOnlySpan<byte> spelling, Func<string, T> parse)
    {
        var (head0, head1) = Head(spelling);
        var tail = spelling.Length > Inline ? spelling[Inline..] : default;
        var hash = HashOf(head0, head1, spelling.Length, tail);
        var mask = slots.Length - 1;
        for (var at = hash & mask; slots[at] != 0; at = (at + 1) & mask)
        {
            ref var e = ref entries[slots[at] - 1];
            if (e.Hash == hash && e.Head0 == head0 && e.Head1 == head1 && e.Length == spelling.Length
                && (tail.IsEmpty || arena.AsSpan(e.Rest, tail.Length).SequenceEqual(tail)))
                return e.Value;
        }
        var value = parse(Utf8Text.Decode(spelling));
        if (count == Most) Clear();
        if (used + tail.Length > arena.Length) Array.Resize(ref arena, Math.Max(arena.Length * 2, used + tail.Length));
        if (count == entries.Length) Array.Resize(ref entries, count * 2);
        tail.CopyTo(arena.AsSpan(used));
        entries[count] = new Entry { Head0 = head0, Head1 = head1, Length = spelling.Length, Rest = used, Hash = hash, Value = value };
        used += tail.Length;
        count++;
        if (count * 2 > slots.Length) Rehash(slots.Length * 2);
        else Place(count - 1);
        return value;
    }

    void Clear()
    {
        (count, used) = (0, 0);
        Array.Clear(entries); // let go of what the old spellings parsed to
        Array.Clear(slots);
    }

    void Place(int entry)
    {
        var mask = slots.Length - 1;
        var at = entries[entry].Hash & mask;
        while (slots[at] != 0) at = (at + 1) & mask;
        slots[at] = entry + 1;
    }

    void Rehash(int size)
    {
        slots = new int[size];
        for (var i = 0; i < count; i++) Place(i);
    }

    /// <summary>The first <see cref="Inline"/> bytes of <paramref name="key"/> as two words, zero-padded.</summary>
    static (ulong, ulong) Head(ReadOnlySpan<byte> key)
    {
        if (key.Length >= Inline) return (MemoryMarshal.Read<ulong>(key), MemoryMarshal.Read<ulong>(key[8..]));
        Span<byte> padded = stackalloc byte[Inline];
        padded.Clear();
        key.CopyTo(padded);
        return (MemoryMarshal.Read<ulong>(padded), MemoryMarshal.Read<ulong>(padded[8..]));
    }

    static int HashOf(ulong head0, ulong head1, int length, ReadOnlySpan<byte> tail)
    {
        // FNV-1a over eight bytes at a time (the length too: zero padding must not make "ab" and "ab\0" one key), then
        // MurmurHash3's finaliser: a product carries a byte's difference only upwards, and the table is indexed by the
        // low bits.
        var h = ((14695981039346656037UL ^ head0) * 1099511628211UL ^ head1) * 1099511628211UL;
        h = (h ^ (ulong)length) * 1099511628211UL;
        var words = MemoryMarshal.Cast<byte, ulong>(tail);
        foreach (var w in words) h = (h ^ w) * 1099511628211UL;
        for (var i = words.Length * 8; i < tail.Length; i++) h = (h ^ tail[i]) * 1099511628211UL;
        h = (h ^ (h >> 33)) * 0xff51afd7ed558ccdUL;
        h = (h ^ (h >> 33)) * 0xc4ceb9fe1a85ec53UL;
        return (int)(h ^ (h >> 33)) & int.MaxValue;
    }
}
