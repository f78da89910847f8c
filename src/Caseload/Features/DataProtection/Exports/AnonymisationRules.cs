using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Caseload.Features.People;

namespace Caseload.Features.DataProtection.Exports;

/// <summary>
/// The key of one export: 32 random bytes made when the export is built, used for its pseudonyms and date offsets and then
/// dropped, never stored or exported. A key per export, not one kept for all: the same person under the same pseudonym in two
/// exports would let a reader join them, and every join adds quasi-identifiers until a person stands out (re-identification
/// by linkage). Without the key nobody, the authority included, can turn a pseudonym back into a person.
/// </summary>
public sealed class ExportKey
{
    private readonly byte[] _key;

    private ExportKey(byte[] key) => _key = key;

    public static ExportKey NewRandom() => new(RandomNumberGenerator.GetBytes(32));

    /// <summary>A fixed key, for tests only: real exports use <see cref="NewRandom"/>.</summary>
    public static ExportKey FromBytes(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 32) throw new ArgumentException("A key has at least 32 bytes.", nameof(key));
        return new((byte[])key.Clone());
    }

    internal byte[] Mac(string purpose, Guid id) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{purpose}:{id:N}"));
}

/// <summary>Pure rules that take direct identifiers out of a record: pseudonyms, age bands, shifted dates, districts.</summary>
public static class AnonymisationRules
{
    /// <summary>How far a person's dates may move, either way: up to a year, never zero.</summary>
    public const int MaxShiftDays = 365;

    /// <summary>A keyed, irreversible pseudonym for a person (HMAC-SHA256 of their id under the export's key): "P-" and 16 hex digits.</summary>
    public static string Pseudonym(ExportKey key, Guid personId)
    {
        ArgumentNullException.ThrowIfNull(key);
        return "P-" + Convert.ToHexStringLower(key.Mac("person", personId).AsSpan(0, 8));
    }

    /// <summary>
    /// The person's date offset in days: random to a reader (derived from the export's key), the same for all their dates so the
    /// intervals between them are kept, between -<see cref="MaxShiftDays"/> and +<see cref="MaxShiftDays"/> and never zero.
    /// </summary>
    public static int ShiftDays(ExportKey key, Guid personId)
    {
        ArgumentNullException.ThrowIfNull(key);
        var value = BitConverter.ToUInt32(key.Mac("shift", personId), 0);
        var offset = (int)(value % (2 * MaxShiftDays)) - MaxShiftDays; // -365 .. 364
        return offset >= 0 ? offset + 1 : offset; // -365 .. -1, 1 .. 365
    }

    public static DateOnly Shift(DateOnly date, int days) => date.AddDays(days);

    public static DateOnly? Shift(DateOnly? date, int days) => date?.AddDays(days);

    /// <summary>Age in whole years on a day; someone born on 29 February turns a year older on 1 March in other years.</summary>
    public static int AgeOn(DateOnly dateOfBirth, DateOnly on)
    {
        var age = on.Year - dateOfBirth.Year;
        if (on < AddYears(dateOfBirth, age)) age--;
        return Math.Max(age, 0);
    }

    private static DateOnly AddYears(DateOnly date, int years) =>
        date is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(date.Year + years) ? new DateOnly(date.Year + years, 3, 1) : date.AddYears(years);

    /// <summary>
    /// The age band at a level of generalisation: 0 the finest (the stages of children's services: under 5, primary, early
    /// and later secondary, 16-17, young adults, 25 and over), 1 wider (0-9, 10-17, 18 and over), 2 any age.
    /// </summary>
    public static string AgeBand(int age, int level = 0) => level switch
    {
        0 => age switch
        {
            < 5 => "0-4",
            < 10 => "5-9",
            < 13 => "10-12",
            < 16 => "13-15",
            < 18 => "16-17",
            < 25 => "18-24",
            _ => "25+",
        },
        1 => age switch
        {
            < 10 => "0-9",
            < 18 => "10-17",
            _ => "18+",
        },
        _ => "any",
    };

    /// <summary>The most generalised level of <see cref="AgeBand"/>, <see cref="Ethnicity"/> and <see cref="District"/>.</summary>
    public const int MaxLevel = 2;

    /// <summary>
    /// A UK postcode reduced at a level: 0 its district (the outward code, "LS6 2AB" → "LS6"), 1 its area (the letters, "LS"),
    /// 2 "other". No postcode, or one that is not a postcode, is "not recorded" at every level but the last.
    /// </summary>
    public static string District(string? postcode, int level = 0)
    {
        if (level >= MaxLevel) return "other";
        var compact = new string((postcode ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        if (!TextScrubber.IsPostcode(compact)) return NotRecorded;
        var outward = compact[..^3];
        return level == 0 ? outward : new string(outward.TakeWhile(char.IsLetter).ToArray());
    }

    public const string NotRecorded = "not recorded";

    /// <summary>
    /// An ethnicity code at a level: 0 the code itself ("WIRT"), 1 its major group ("White"), 2 "any". None recorded is
    /// "not recorded" at every level but the last.
    /// </summary>
    public static string Ethnicity(string? code, int level = 0)
    {
        if (level >= MaxLevel) return "any";
        if (string.IsNullOrWhiteSpace(code)) return NotRecorded;
        var trimmed = code.Trim();
        return level == 0 ? trimmed : Ethnicities.MajorGroup(trimmed);
    }

    /// <summary>A date as the export writes it (ISO 8601).</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string? Iso(DateOnly? date) => date is { } d ? Iso(d) : null;
}
