using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;

namespace Caseload.Features.Agencies.Consents;

public sealed record ConsentsView(Guid PersonId, IReadOnlyList<Consent> Consents, DateOnly Today);

/// <summary>The person page's consents: current, due for review and withdrawn, for the person its person scope found.</summary>
public sealed class ConsentsViewComponent(ConsentService consents, CaseScope scope) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View("/Features/Agencies/Consents/_Consents.cshtml",
            new ConsentsView(scope.Person.PersonId, await consents.ListAsync(scope.Person, HttpContext.RequestAborted), consents.Today));
}
