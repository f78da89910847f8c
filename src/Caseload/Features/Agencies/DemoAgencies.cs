namespace Caseload.Features.Agencies;

/// <summary>The demo authority's agency directory: invented names, example.* addresses (RFC 2606), never real services.</summary>
public static class DemoAgencies
{
    public static IReadOnlyList<Agency> All(DateTimeOffset now) =>
    [
        Make("Northgate Medical Practice", "health", "0113 496 0101", "northgate.safeguarding@nhs.example.net", now),
        Make("Hollybank Primary School", "education", "0113 496 0102", "dsl@hollybank.example.sch.uk", now),
        Make("Westfield Police Safer Neighbourhood Team", "police", "0113 496 0103", "westfield.mash@police.example.uk", now),
        Make("Brook Lane Housing Options", "housing", "0113 496 0104", "housing.options@council.example.gov.uk", now),
        Make("Youth Justice Service", "youth-justice", "0113 496 0105", "yjs@council.example.gov.uk", now),
        Make("Children and Young People's Mental Health Service", "mental-health", "0113 496 0106", "cypmhs.referrals@nhs.example.net", now),
        Make("Family Action Centre", "voluntary", "0113 496 0107", "referrals@familyaction.example.org.uk", now),
    ];

    private static Agency Make(string name, string kind, string phone, string secureEmail, DateTimeOffset now) =>
        new() { Name = name, Kind = kind, Phone = phone, SecureEmail = secureEmail, UpdatedAt = now, UpdatedByName = "Demo data" };
}
