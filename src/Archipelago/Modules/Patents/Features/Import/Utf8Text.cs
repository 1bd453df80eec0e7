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
sealed class Spellings<T>
{
    const int Most = 200_000;
    int[] slots = new int[1 << 12]; // entry + 1; 0 = empty
    (int Start, int Length, int Hash)[] keys = new (int, int, int)[1 << 11];
    T[] values = new T[1 << 11];
    byte[] arena = new byte[1 << 16];
    int count, used;

    public T Get(ReadOnlySpan<byte> spelling, Func<string, T> parse)
    {
        var hash = HashOf(spelling);
        var mask = slots.Length - 1;
        for (var at = hash & mask; slots[at] != 0; at = (at + 1) & mask)
        {
            var e = slots[at] - 1;
            if (keys[e].Hash == hash && arena.AsSpan(keys[e].Start, keys[e].Length).SequenceEqual(spelling)) return values[e];
        }
        var value = parse(Utf8Text.Decode(spelling));
        if (count == Most) Clear();
        if (used + spelling.Length > arena.Length) Array.Resize(ref arena, Math.Max(arena.Length * 2, used + spelling.Length));
        if (count == keys.Length)
        {
            Array.Resize(ref keys, count * 2);
            Array.Resize(ref values, count * 2);
        }
        spelling.CopyTo(arena.AsSpan(used));
        (keys[count], values[count]) = ((used, spelling.Length, hash), value);
        used += spelling.Length;
        count++;
        if (count * 2 > slots.Length) Rehash(slots.Length * 2);
        else Place(count - 1);
        return value;
    }

    void Clear()
    {
        (count, used) = (0, 0);
        Array.Clear(values); // let go of what the old spellings parsed to
        Array.Clear(slots);
    }

    void Place(int entry)
    {
        var mask = slots.Length - 1;
        var at = keys[entry].Hash & mask;
        while (slots[at] != 0) at = (at + 1) & mask;
        slots[at] = entry + 1;
    }

    void Rehash(int size)
    {
        slots = new int[size];
        for (var i = 0; i < count; i++) Place(i);
    }

    static int HashOf(ReadOnlySpan<byte> key)
    {
        // FNV-1a over eight bytes at a time (spellings are short: 4–60 bytes), then MurmurHash3's finaliser: a product
        // carries a byte's difference only upwards, and the table is indexed by the low bits.
        var h = 14695981039346656037UL;
        var words = MemoryMarshal.Cast<byte, ulong>(key);
        foreach (var w in words) h = (h ^ w) * 1099511628211UL;
        for (var i = words.Length * 8; i < key.Length; i++) h = (h ^ key[i]) * 1099511628211UL;
        h = (h ^ (h >> 33)) * 0xff51afd7ed558ccdUL;
        h = (h ^ (h >> 33)) * 0xc4ceb9fe1a85ec53UL;
        return (int)(h ^ (h >> 33)) & int.MaxValue;
    }
}
