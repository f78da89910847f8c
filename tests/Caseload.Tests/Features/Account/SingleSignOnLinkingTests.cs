using System.Net;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Account;

/// <summary>
/// Single sign-on through the app's real OpenID Connect handler against an in-process provider (authorization code with
/// PKCE, form_post): an organisation account signs in as a user only by the subject an administrator linked to that user; a
/// matching user name or email never links one; an inactive user is refused; every sign-in the provider vouched for is
/// audited with its subject; an answer that was tampered with signs nobody in.
/// </summary>
public abstract class SingleSignOnLinkingTests<TApp>(TApp app)
    where TApp : CaseloadApp, ISingleSignOnApp
{
    private SingleSignOnBrowser Browser() => new(app, app.Organisation);

    private static string NewSubject() => $"sub-{Guid.NewGuid():N}";

    private async Task LinkAsync(TestUser user, string subject)
    {
        var administrator = await PageClient.SignInAsync(app, await app.CreateUserAsync(Roles.Administrator));
        var link = await administrator.PostFormAsync($"/Admin/Users/{user.Id}/SingleSignOn?handler=Link", new() { ["Subject"] = subject });
        Assert.Equal(HttpStatusCode.Redirect, link.StatusCode);
    }

    private static async Task AssertNotSignedInAsync(SingleSignOnBrowser browser)
    {
        var cases = await browser.App.GetAsync(new Uri("/Cases", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, cases.StatusCode);
        Assert.Equal("/Account/SignIn", new Uri(browser.App.BaseAddress!, cases.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task A_linked_subject_of_an_active_user_signs_in_through_the_provider_and_is_audited_with_the_subject()
    {
        var (team, _) = await app.CreateTeamAsync();
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, team);
        var subject = NewSubject();
        await LinkAsync(practitioner, subject);
        using var browser = Browser();
        await browser.SignInAtProviderAsync(subject, name: "someone.else", email: "someone.else@example.org");

        var answer = await browser.SignInWithOrganisationAccountAsync();

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/", answer.Headers.Location!.OriginalString);
        var cases = await browser.App.GetAsync(new Uri("/Cases", UriKind.Relative));
        await cases.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Contains($"data-testid=\"signed-in-user\">Test {Roles.Practitioner} {practitioner.UserName[^4..]}<", await cases.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var signedIn = await app.WithDbAsync(db => db.AuditEvents.SingleAsync(e => e.Action == AuditActions.SignedIn && e.UserId == practitioner.Id));
        Assert.Equal(practitioner.UserName, signedIn.UserName);
        Assert.Contains($"subject={subject}", signedIn.Details, StringComparison.Ordinal);
        Assert.Contains("single sign-on", signedIn.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unlinked_subject_is_refused_even_when_its_name_and_email_match_a_user()
    {
        var practitioner = await app.CreateUserAsync(Roles.Practitioner);
        var email = $"{practitioner.UserName}@example.org";
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == practitioner.Id);
            user.Email = email;
            user.NormalizedEmail = email.ToUpperInvariant();
            user.EmailConfirmed = true;
            return await db.SaveChangesAsync();
        });
        var subject = NewSubject();
        using var browser = Browser();
        await browser.SignInAtProviderAsync(subject, name: practitioner.UserName, email: email);

        var answer = await browser.SignInWithOrganisationAccountAsync();

        await answer.ShouldBeAsync(HttpStatusCode.OK);
        var page = await answer.Content.ReadAsStringAsync();
        Assert.Contains("not linked to a Caseload user yet", page, StringComparison.Ordinal);
        Assert.Contains(subject, page, StringComparison.Ordinal);
        await AssertNotSignedInAsync(browser);
        Assert.False(await app.WithDbAsync(db => db.UserLogins.AnyAsync(l => l.ProviderKey == subject || l.UserId == practitioner.Id)));
        Assert.False(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.SignedIn && e.UserId == practitioner.Id)));
        var refused = await app.WithDbAsync(db => db.AuditEvents.SingleAsync(e => e.Action == AuditActions.SignInFailed && e.Details!.Contains(subject)));
        Assert.True(string.IsNullOrEmpty(refused.UserId), "The refusal names no user: the claimed name and email matched nobody.");
        Assert.Null(refused.EntityId);
        Assert.Contains("not linked", refused.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_inactive_linked_user_is_refused_and_the_attempt_is_audited()
    {
        var practitioner = await app.CreateUserAsync(Roles.Practitioner);
        var subject = NewSubject();
        await LinkAsync(practitioner, subject);
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == practitioner.Id);
            user.IsActive = false;
            return await db.SaveChangesAsync();
        });
        using var browser = Browser();
        await browser.SignInAtProviderAsync(subject, name: practitioner.UserName);

        var answer = await browser.SignInWithOrganisationAccountAsync();

        await answer.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Contains("not active", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNotSignedInAsync(browser);
        var refused = await app.WithDbAsync(db => db.AuditEvents.SingleAsync(e => e.Action == AuditActions.SignInFailed && e.UserId == practitioner.Id));
        Assert.Contains($"subject={subject}", refused.Details, StringComparison.Ordinal);
        Assert.Contains("inactive", refused.Details, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.SignedIn && e.UserId == practitioner.Id)));
    }

    [Theory]
    [InlineData("state")]
    [InlineData("nonce")]
    [InlineData("code_challenge")]
    [InlineData("code")]
    public async Task A_tampered_round_trip_signs_nobody_in(string tampered)
    {
        var practitioner = await app.CreateUserAsync(Roles.Practitioner);
        var subject = NewSubject();
        await LinkAsync(practitioner, subject);
        using var browser = Browser();
        await browser.SignInAtProviderAsync(subject);
        var forged = $"forged{Guid.NewGuid():N}";

        var answer = tampered switch
        {
            // The state on the way back (a forged or replayed answer), the nonce the provider puts in the ID token, the PKCE
            // challenge (a code stolen on its way back cannot be redeemed without the verifier), the code itself.
            "state" => await browser.SignInWithOrganisationAccountAsync(alterCallback: f => f["state"] = f["state"][..^4] + "AAAA"),
            "nonce" => await browser.SignInWithOrganisationAccountAsync(alterAuthorizationRequest: url => SingleSignOnBrowser.WithParameter(url, "nonce", forged)),
            "code_challenge" => await browser.SignInWithOrganisationAccountAsync(
                alterAuthorizationRequest: url => SingleSignOnBrowser.WithParameter(url, "code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")),
            "code" => await browser.SignInWithOrganisationAccountAsync(alterCallback: f => f["code"] = forged),
            _ => throw new ArgumentOutOfRangeException(nameof(tampered)),
        };

        await answer.ShouldBeAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Single sign-on did not finish", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNotSignedInAsync(browser);
        Assert.False(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.SignedIn && e.UserId == practitioner.Id)));

        // The same browser, untampered, signs in: only the tampering was refused.
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInWithOrganisationAccountAsync()).StatusCode);
        await (await browser.App.GetAsync(new Uri("/Cases", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_administrator_links_the_subject_then_it_signs_in_until_the_user_is_unlinked()
    {
        var (team, _) = await app.CreateTeamAsync();
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, team);
        var administrator = await PageClient.SignInAsync(app, await app.CreateUserAsync(Roles.Administrator));
        var subject = NewSubject();
        var url = $"/Admin/Users/{practitioner.Id}/SingleSignOn";

        // The person tries first and is shown the reference to give the administrator.
        using (var first = Browser())
        {
            await first.SignInAtProviderAsync(subject, name: practitioner.UserName);
            var notYet = await first.SignInWithOrganisationAccountAsync();
            Assert.Contains(subject, await notYet.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var link = await administrator.PostFormAsync($"{url}?handler=Link", new() { ["Subject"] = subject });
        Assert.Equal(HttpStatusCode.Redirect, link.StatusCode);
        Assert.Contains(subject, await administrator.GetStringAsync(new Uri(url, UriKind.Relative)), StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.UserSingleSignOnLinked && e.EntityId == practitioner.Id && e.Details!.Contains(subject))));

        using (var linked = Browser())
        {
            await linked.SignInAtProviderAsync(subject, name: "someone.else");
            Assert.Equal(HttpStatusCode.Redirect, (await linked.SignInWithOrganisationAccountAsync()).StatusCode);
            await (await linked.App.GetAsync(new Uri("/Cases", UriKind.Relative))).ShouldBeAsync(HttpStatusCode.OK);
        }

        // The same subject cannot be linked to a second user.
        var other = await app.CreateUserAsync(Roles.Practitioner, team);
        var twice = await administrator.PostFormAsync($"/Admin/Users/{other.Id}/SingleSignOn?handler=Link", new() { ["Subject"] = subject });
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("linked to", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var unlink = await administrator.PostFormAsync($"{url}?handler=Unlink", new() { ["unlink"] = subject });
        Assert.Equal(HttpStatusCode.Redirect, unlink.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.UserSingleSignOnUnlinked && e.EntityId == practitioner.Id)));
        using var unlinked = Browser();
        await unlinked.SignInAtProviderAsync(subject, name: practitioner.UserName);
        Assert.Contains("not linked to a Caseload user yet", await (await unlinked.SignInWithOrganisationAccountAsync()).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNotSignedInAsync(unlinked);
    }
}

public sealed class SingleSignOnLinkingTests_Sqlite(SingleSignOnSqliteApp app)
    : SingleSignOnLinkingTests<SingleSignOnSqliteApp>(app), IClassFixture<SingleSignOnSqliteApp>;

public sealed class SingleSignOnLinkingTests_Postgres(SingleSignOnPostgresApp app)
    : SingleSignOnLinkingTests<SingleSignOnPostgresApp>(app), IClassFixture<SingleSignOnPostgresApp>;
