using Caseload.Features.Deadlines;

namespace Caseload.Tests.Features.Deadlines;

/// <summary>
/// The catalogue a new installation runs with, as ServiceStandards.CatalogueAsync builds it before any administrator's change:
/// the statutory timescales and the organisational standards the database is seeded with.
/// </summary>
internal static class NewInstallation
{
    public static TimescaleCatalogue Catalogue { get; } = new([.. Timescales.Statutory, .. Timescales.DefaultOrganisational], []);
}
