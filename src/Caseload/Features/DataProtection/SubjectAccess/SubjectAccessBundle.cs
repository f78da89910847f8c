using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Caseload.Platform.Time;

namespace Caseload.Features.DataProtection.SubjectAccess;

/// <summary>What the bundle says about the request it answers.</summary>
public sealed record BundleHeading(Guid RequestId, Guid PersonId, DateOnly ReceivedOn, DateOnly DueOn, DateTimeOffset GeneratedAt, DateOnly? SentOn);

/// <summary>
/// Renders the gathered records as one download: a zip holding a readable HTML bundle (print CSS, no script: printable to PDF)
/// and a machine-readable JSON copy of the same. Redactions are applied to both: a redacted item or field shows
/// "[redacted: reason]" (or "[withheld: reason]"), never its text. Items marked as third-party information carry the mark.
/// </summary>
public static class SubjectAccessBundle
{
    public static string FileName(Guid requestId) => $"subject-access-{requestId}.zip";

    public static byte[] Zip(BundleHeading heading, GatheredRecords records, IReadOnlyList<SubjectAccessRedaction> redactions)
    {
        ArgumentNullException.ThrowIfNull(heading);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(redactions);
        var applied = new Redactions(redactions);
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, $"subject-access-{heading.RequestId}.html", Html(heading, records, applied), heading.GeneratedAt);
            Add(zip, $"subject-access-{heading.RequestId}.json", Json(heading, records, applied), heading.GeneratedAt);
        }

        return stream.ToArray();
    }

    private static void Add(ZipArchive zip, string name, string text, DateTimeOffset at)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = at;
        using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
        writer.Write(text);
    }

    /// <summary>The redactions by item, and by item and field.</summary>
    private sealed class Redactions(IReadOnlyList<SubjectAccessRedaction> all)
    {
        private readonly Dictionary<string, SubjectAccessRedaction> _items = all.Where(r => r.Field is null).GroupBy(r => r.Item).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        private readonly Dictionary<(string, string), SubjectAccessRedaction> _fields = all.Where(r => r.Field is not null).GroupBy(r => (r.Item, r.Field!)).ToDictionary(g => g.Key, g => g.Last());

        public SubjectAccessRedaction? Item(string key) => _items.GetValueOrDefault(key);

        public SubjectAccessRedaction? Field(string key, string field) => _fields.GetValueOrDefault((key, field));
    }

    public static string Text(object? value) => value switch
    {
        null => "",
        DateOnly d => UkTime.Machine(d),
        DateTimeOffset t => UkTime.Machine(t),
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "Yes" : "No",
        byte[] => "(binary)",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case bool b: json.WriteBooleanValue(b); break;
            case int i: json.WriteNumberValue(i); break;
            case long l: json.WriteNumberValue(l); break;
            case decimal m: json.WriteNumberValue(m); break;
            case double d: json.WriteNumberValue(d); break;
            default: json.WriteStringValue(Text(value)); break;
        }
    }

    private static string Json(BundleHeading heading, GatheredRecords records, Redactions redactions)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("requestId", heading.RequestId);
            json.WriteString("personId", heading.PersonId);
            json.WriteString("receivedOn", UkTime.Machine(heading.ReceivedOn));
            json.WriteString("dueOn", UkTime.Machine(heading.DueOn));
            json.WriteString("generatedAt", UkTime.Machine(heading.GeneratedAt));
            if (heading.SentOn is { } sent) json.WriteString("sentOn", UkTime.Machine(sent));
            json.WriteStartArray("sections");
            foreach (var section in records.Sections)
            {
                json.WriteStartObject();
                json.WriteString("table", section.Table);
                json.WriteString("title", section.Title);
                json.WriteStartArray("items");
                foreach (var item in section.Items)
                {
                    json.WriteStartObject();
                    json.WriteString("item", item.Key);
                    var whole = redactions.Item(item.Key);
                    WriteMarks(json, item);
                    if (whole is not null)
                    {
                        json.WriteString(whole.Action == RedactionActions.Withhold ? "withheld" : "redacted", SubjectAccessBundleRules.Placeholder(whole.Action, whole.Reason));
                    }
                    else
                    {
                        json.WriteStartObject("fields");
                        foreach (var field in item.Fields)
                        {
                            json.WritePropertyName(JsonNamingPolicy.CamelCase.ConvertName(field.Name));
                            if (redactions.Field(item.Key, field.Name) is { } r) json.WriteStringValue(SubjectAccessBundleRules.Placeholder(r.Action, r.Reason));
                            else WriteValue(json, field.Value);
                        }

                        json.WriteEndObject();
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("viewers");
            foreach (var v in records.Viewers)
            {
                json.WriteStartObject();
                json.WriteString("item", v.Key);
                if (redactions.Item(v.Key) is { } r)
                {
                    json.WriteString("redacted", SubjectAccessBundleRules.Placeholder(r.Action, r.Reason));
                }
                else
                {
                    json.WriteString("at", UkTime.Machine(v.At));
                    json.WriteString("userName", v.UserName);
                    json.WriteString("action", v.Action);
                    if (v.CaseId is { } c) json.WriteString("caseId", c);
                    json.WriteBoolean("breakGlass", v.BreakGlass);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteBoolean("viewersCut", records.ViewersCut);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteMarks(Utf8JsonWriter json, BundleItem item)
    {
        var fields = item.Fields.Where(f => f.Mark is not null && f.Value is not null).ToList();
        json.WriteBoolean("thirdParty", item.Mark is not null || fields.Count > 0);
        if (item.Mark is null && fields.Count == 0) return;
        json.WriteStartArray("thirdPartyMarks");
        if (item.Mark is not null) json.WriteStringValue(item.Mark);
        foreach (var f in fields) json.WriteStringValue($"{JsonNamingPolicy.CamelCase.ConvertName(f.Name)}: {f.Mark}");
        json.WriteEndArray();
    }

    private const string PrintStyle = """
        body { font-family: Arial, sans-serif; font-size: 16px; line-height: 1.4; color: #0b0c0c; margin: 2em; max-width: 60em; }
        h1 { font-size: 2em; } h2 { font-size: 1.5em; margin-top: 2em; border-bottom: 2px solid #0b0c0c; } h3 { font-size: 1.1em; margin-bottom: .3em; }
        .item { border-left: 4px solid #b1b4b6; padding-left: 1em; margin: 1em 0; page-break-inside: avoid; }
        .third-party { border-left-color: #ffdd00; }
        .tag { display: inline-block; font-weight: bold; padding: 2px 6px; background: #fff7bf; color: #594d00; border: 1px solid #594d00; }
        .redacted { font-weight: bold; }
        dl { display: grid; grid-template-columns: 14em 1fr; gap: .2em 1em; margin: 0; } dt { font-weight: bold; } dd { margin: 0; white-space: pre-wrap; }
        table { border-collapse: collapse; width: 100%; } th, td { text-align: left; border-bottom: 1px solid #b1b4b6; padding: .3em; }
        @media print { body { margin: 0; font-size: 11pt; } a { color: inherit; } }
        """;

    private static string Html(BundleHeading heading, GatheredRecords records, Redactions redactions)
    {
        var h = new StringBuilder();
        string E(string s) => WebUtility.HtmlEncode(s);
        h.Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>Subject access request ").Append(heading.RequestId).Append("</title>\n<style>\n")
            .Append(PrintStyle).Append("\n</style>\n</head>\n<body>\n<main>\n");
        h.Append("<h1>Information Caseload holds about you</h1>\n<dl>\n")
            .Append("<dt>Request</dt><dd>").Append(heading.RequestId).Append("</dd>\n")
            .Append("<dt>Person</dt><dd>").Append(heading.PersonId).Append("</dd>\n")
            .Append("<dt>Received</dt><dd>").Append(E(UkTime.Format(heading.ReceivedOn))).Append("</dd>\n")
            .Append("<dt>Due</dt><dd>").Append(E(UkTime.Format(heading.DueOn))).Append("</dd>\n")
            .Append("<dt>Prepared</dt><dd>").Append(E(UkTime.Format(heading.GeneratedAt))).Append("</dd>\n");
        if (heading.SentOn is { } sent) h.Append("<dt>Sent</dt><dd>").Append(E(UkTime.Format(sent))).Append("</dd>\n");
        h.Append("</dl>\n<p>Each section below is one kind of record. Where something has been left out, the reason or exemption relied on is shown in its place.</p>\n");
        h.Append("<h2>Contents</h2>\n<ul>\n");
        foreach (var s in records.Sections) h.Append("<li><a href=\"#").Append(E(s.Table)).Append("\">").Append(E(s.Title)).Append("</a> (").Append(s.Items.Count).Append(")</li>\n");
        h.Append("<li><a href=\"#viewers\">Who viewed or changed your records</a> (").Append(records.Viewers.Count).Append(")</li>\n</ul>\n");
        foreach (var section in records.Sections)
        {
            h.Append("<section id=\"").Append(E(section.Table)).Append("\">\n<h2>").Append(E(section.Title)).Append("</h2>\n");
            foreach (var item in section.Items)
            {
                var marked = item.Mark is not null || item.Fields.Any(f => f.Mark is not null && f.Value is not null);
                h.Append("<div class=\"item").Append(marked ? " third-party" : "").Append("\" id=\"").Append(E(item.Key)).Append("\">\n<h3>").Append(E(item.Key)).Append("</h3>\n");
                if (item.Mark is not null) h.Append("<p><span class=\"tag\">Third-party information</span> ").Append(E(item.Mark)).Append("</p>\n");
                if (redactions.Item(item.Key) is { } whole)
                {
                    h.Append("<p class=\"redacted\">").Append(E(SubjectAccessBundleRules.Placeholder(whole.Action, whole.Reason))).Append("</p>\n</div>\n");
                    continue;
                }

                h.Append("<dl>\n");
                foreach (var field in item.Fields)
                {
                    h.Append("<dt>").Append(E(SubjectAccessBundleRules.Words(field.Name))).Append("</dt><dd>");
                    if (redactions.Field(item.Key, field.Name) is { } r) h.Append("<span class=\"redacted\">").Append(E(SubjectAccessBundleRules.Placeholder(r.Action, r.Reason))).Append("</span>");
                    else
                    {
                        h.Append(E(Text(field.Value)));
                        if (field.Mark is not null && field.Value is not null) h.Append(" <span class=\"tag\">Third-party information: ").Append(E(field.Mark)).Append("</span>");
                    }

                    h.Append("</dd>\n");
                }

                h.Append("</dl>\n</div>\n");
            }

            h.Append("</section>\n");
        }

        h.Append("<section id=\"viewers\">\n<h2>Who viewed or changed your records</h2>\n<p>From the audit trail: every view or change of your records, and every list that showed one of your cases")
            .Append(records.ViewersCut ? $" (the newest {SubjectAccessGathering.MaxViewers})" : "").Append(".</p>\n");
        h.Append("<table>\n<thead><tr><th scope=\"col\">When</th><th scope=\"col\">Who</th><th scope=\"col\">What</th><th scope=\"col\">Case</th><th scope=\"col\">Emergency access</th></tr></thead>\n<tbody>\n");
        foreach (var v in records.Viewers)
        {
            if (redactions.Item(v.Key) is { } r)
            {
                h.Append("<tr><td colspan=\"5\" class=\"redacted\">").Append(E(SubjectAccessBundleRules.Placeholder(r.Action, r.Reason))).Append("</td></tr>\n");
                continue;
            }

            h.Append("<tr><td>").Append(E(UkTime.Format(v.At))).Append("</td><td>").Append(E(v.UserName)).Append("</td><td>").Append(E(v.Action))
                .Append("</td><td>").Append(v.CaseId?.ToString() ?? "").Append("</td><td>").Append(v.BreakGlass ? "Yes" : "No").Append("</td></tr>\n");
        }

        h.Append("</tbody>\n</table>\n</section>\n</main>\n</body>\n</html>\n");
        return h.ToString();
    }
}
