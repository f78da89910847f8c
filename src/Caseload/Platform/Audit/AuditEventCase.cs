using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Platform.Audit;

/// <summary>
/// One case a list view showed: the view is one <see cref="AuditEvent"/> (who, when, which route) and each case on it is one
/// row of two ids here, so "who saw this case?" finds list views through the index on <see cref="CaseId"/>. Append-only
/// like the events (triggers: <see cref="CompactListAuditSql"/>). The person is not repeated: a case's person never changes,
/// so a search by person goes through the person's cases.
/// </summary>
public sealed class AuditEventCase
{
    public long AuditEventId { get; set; }
    public Guid CaseId { get; set; }
}

public sealed class AuditEventCaseConfiguration : IEntityTypeConfiguration<AuditEventCase>
{
    public void Configure(EntityTypeBuilder<AuditEventCase> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("AuditEventCases");
        // The key reads a view's cases in order; the index answers "which views showed this case". It names the case
        // alone: PostgreSQL then keeps each case's entries as one key with a list of rows (b-tree deduplication), about 9
        // bytes a row instead of about 60, at the price of reading the table's rows for their event ids. On SQLite the
        // index of a table WITHOUT ROWID holds the key's columns anyway, so it still answers alone. No foreign key to the
        // events: neither table ever loses a row, and a key would only add a lookup to every insert.
        builder.HasKey(x => new { x.AuditEventId, x.CaseId });
        builder.HasIndex(x => x.CaseId);
    }
}
