using Caseload.Features.Administration;
using Caseload.Features.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Notes;

public sealed class CaseNoteConfiguration : IEntityTypeConfiguration<CaseNote>
{
    public void Configure(EntityTypeBuilder<CaseNote> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("CaseNotes");
        builder.Property(x => x.AuthorId).HasMaxLength(450);
        builder.Property(x => x.AuthorName).HasMaxLength(256);
        builder.Property(x => x.StruckThroughById).HasMaxLength(450);
        builder.Property(x => x.StruckThroughByName).HasMaxLength(256);
        builder.Property(x => x.StruckThroughReason).HasMaxLength(NoteRules.MaxReasonLength);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.Ignore(x => x.IsStruckThrough);
        builder.Ignore(x => x.Current);
        builder.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CaseloadUser>().WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(x => x.Versions).WithOne().HasForeignKey(x => x.NoteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.CaseId);
        // Drift's "nothing recorded": the newest note not struck through, per case, read from the index alone.
        builder.HasIndex(x => new { x.CaseId, x.StruckThroughAt, x.RecordedAt });
    }
}

public sealed class CaseNoteVersionConfiguration : IEntityTypeConfiguration<CaseNoteVersion>
{
    public void Configure(EntityTypeBuilder<CaseNoteVersion> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The integer key is the full-text index's row id (FTS5 rowid on SQLite).
        builder.ToTable("CaseNoteVersions");
        builder.Property(x => x.Type).HasMaxLength(40);
        builder.Property(x => x.AuthorId).HasMaxLength(450);
        builder.Property(x => x.AuthorName).HasMaxLength(256);
        builder.Property(x => x.PresentAndSpokenTo).HasMaxLength(NoteRules.MaxPresentLength);
        builder.Property(x => x.WhatHappened).HasMaxLength(NoteRules.MaxWhatHappenedLength);
        builder.Property(x => x.WhatWasDone).HasMaxLength(NoteRules.MaxWhatWasDoneLength);
        builder.Property(x => x.AgreedNextSteps).HasMaxLength(NoteRules.MaxNextStepsTextLength);
        builder.Property(x => x.Outcome).HasMaxLength(NoteRules.MaxOutcomeLength);
        builder.Property(x => x.LateEntryReason).HasMaxLength(NoteRules.MaxReasonLength);
        builder.Property(x => x.AmendmentReason).HasMaxLength(NoteRules.MaxReasonLength);
        builder.Property(x => x.ObjectivityReview).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.NoteId, x.Number }).IsUnique();
        // The case timeline, and search within the cases a practitioner may see.
        builder.HasIndex(x => new { x.CaseId, x.IsCurrent, x.OccurredAt });
        // Team-level objectivity counts by author and time.
        builder.HasIndex(x => new { x.AuthorId, x.RecordedAt });
    }
}

public sealed class NoteDraftConfiguration : IEntityTypeConfiguration<NoteDraft>
{
    public void Configure(EntityTypeBuilder<NoteDraft> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("NoteDrafts");
        builder.Property(x => x.AuthorId).HasMaxLength(450);
        builder.Property(x => x.Content).HasMaxLength(NoteRules.MaxDraftLength);
        builder.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CaseloadUser>().WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Cascade);
        // One draft per author per case: the note they are writing now.
        builder.HasIndex(x => new { x.AuthorId, x.CaseId }).IsUnique();
        builder.HasIndex(x => x.CaseId);
    }
}

public sealed class NoteAmendmentDraftConfiguration : IEntityTypeConfiguration<NoteAmendmentDraft>
{
    public void Configure(EntityTypeBuilder<NoteAmendmentDraft> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("NoteAmendmentDrafts");
        builder.Property(x => x.AuthorId).HasMaxLength(450);
        builder.Property(x => x.Content).HasMaxLength(NoteRules.MaxDraftLength);
        builder.HasOne<CaseNote>().WithMany().HasForeignKey(x => x.NoteId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CaseloadUser>().WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Cascade);
        // One amendment draft per author per note.
        builder.HasIndex(x => new { x.AuthorId, x.NoteId }).IsUnique();
        builder.HasIndex(x => x.NoteId);
        builder.HasIndex(x => x.CaseId);
    }
}
