namespace Caseload.Features.Shared;

public sealed record DateInputModel(string Id, string Legend, string Hint, string? Day, string? Month, string? Year);
