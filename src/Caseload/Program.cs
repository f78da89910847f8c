using Caseload.Data;
using Caseload.Features.Account;
using Caseload.Features.Admin;
using Caseload.Features.Admin.ObjectivityRules;
using Caseload.Features.Audit;
using Caseload.Features.Cases;
using Caseload.Features.Deadlines;
using Caseload.Features.Notes;
using Caseload.Features.People;
using Caseload.Features.Worklist;
using Caseload.Infrastructure;
using Caseload.Infrastructure.Security;

var builder = WebApplication.CreateBuilder(args);
var dataDirectory = DatabaseSetup.DataDirectory(builder.Configuration);

builder.Services.AddSingleton(TimeProvider.System);
builder.AddCaseloadDatabase(dataDirectory);
builder.AddCaseloadSecurity(dataDirectory);
builder.AddCaseloadWeb();
builder.Services.AddScoped<AuditTrail>();
builder.Services.AddScoped<PeopleService>();
builder.Services.AddScoped<CaseService>();
builder.Services.AddScoped<AdminService>();
builder.Services.AddSingleton<Calendars>();
builder.Services.AddScoped<ServiceStandards>();
builder.Services.AddScoped<DeadlineService>();
builder.Services.AddSingleton<PrioritySettings>();
builder.Services.AddScoped<WorklistService>();
builder.Services.AddScoped<DemoData>();
builder.AddNotes();

var app = builder.Build();

await app.PrepareDatabaseAsync();
await app.Services.GetRequiredService<Calendars>().ReloadAsync();
await app.Services.GetRequiredService<PrioritySettings>().ReloadAsync();
await app.Services.GetRequiredService<ObjectivityRulesInForce>().ReloadAsync();
app.UseCaseloadWeb();
app.UseCalendarRefresh();
app.MapAuthApi();
app.MapPeopleApi();
app.MapCasesApi();
app.MapNotes();
app.MapAuditApi();
app.MapDeadlinesApi();
app.MapWorklistApi();
app.MapObjectivityRulesApi();
app.Run();

public partial class Program;
