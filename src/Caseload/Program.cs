using Caseload.Features.Account;
using Caseload.Features.Administration;
using Caseload.Features.Agencies;
using Caseload.Features.Capacity;
using Caseload.Features.Cases;
using Caseload.Features.Chronology;
using Caseload.Features.Closure;
using Caseload.Features.DataProtection;
using Caseload.Features.Deadlines;
using Caseload.Features.Drift;
using Caseload.Features.Notes;
using Caseload.Features.People;
using Caseload.Features.Plans;
using Caseload.Features.Reports;
using Caseload.Features.Reviews;
using Caseload.Features.Supervision;
using Caseload.Features.Tasks;
using Caseload.Features.Worklist;
using Caseload.Platform;
using Caseload.Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);

// Start-up tasks run in this order: the platform's migrations, then administration's seeding, then each feature's settings.
builder.AddPlatform();
builder.AddAdministration();
builder.AddAccount();
builder.AddPeople();
builder.AddCases();
builder.AddClosure();
builder.AddNotes();
builder.AddTasks();
builder.AddDeadlines();
builder.AddWorklist();
builder.AddReviews();
builder.AddDrift();
builder.AddSupervision();
builder.AddChronology();
builder.AddAgencies();
builder.AddCapacity();
builder.AddPlans();
builder.AddReports();
builder.AddDataProtection();

var app = builder.Build();
await app.RunStartupTasksAsync();
// A deploy step migrates (and seeds) once before the instances start: --Hosting:MigrateOnly=true stops here.
if (app.Configuration.GetValue<bool>("Hosting:MigrateOnly")) return;

app.UsePlatform();
app.MapAccount();
app.MapPeople();
app.MapCases();
app.MapClosure();
app.MapNotes();
app.MapTasks();
app.MapDeadlines();
app.MapWorklist();
app.MapReviews();
app.MapDrift();
app.MapSupervision();
app.MapChronology();
app.MapAgencies();
app.MapCapacity();
app.MapPlans();
app.MapReports();
app.MapDataProtection();
app.Run();

public partial class Program;
