using Bogus;
using Caseload.Features.Cases;
using Caseload.Features.Notes;
using Caseload.Features.Notes.Objectivity;
using Caseload.Features.Tasks;
using Caseload.Platform.Time;

namespace Caseload.Features.Administration.Demo;

/// <summary>One note a demo case could have: factual wording in the fields the form has, {name} standing for the person.</summary>
public sealed record DemoNoteTemplate(string Type, string? Present, string WhatHappened, string? WhatWasDone, string? Outcome, string? NextStep = null);

/// <summary>
/// Case notes for the demo authority: a few per case, of varied types, written as the services' practitioners would (facts,
/// not opinions). Every note is checked by the same rules as a note written in the app (<see cref="NoteRules.Validate"/> at
/// the time it was recorded, and the objectivity check) and the build fails loudly if a template breaks them.
/// Deterministic for a given random seed and clock.
/// </summary>
public static class DemoNotes
{
    private const double LateEntryAfterHours = 24;

    public static IReadOnlyList<DemoNoteTemplate> Common { get; } =
    [
        new(NoteTypes.HomeVisit, "{name} and mum", "Visited at the family home as planned. {name} answered the door and showed me their bedroom. There was food in the fridge and the kitchen had been cleaned. Mum said the week had gone well and that {name} had been to school every day.", "Talked through the plan with {name} and mum. Agreed the next review date.", "Plan continues.", "Visit again to review the plan with {name} and mum"),
        new(NoteTypes.PhoneCall, "Mum", "Mum phoned at 4:10pm to say {name} had not come home from school until 6pm yesterday. She said she had called his friends and he was at the park.", "Gave mum the number of the out-of-hours team and talked through who to call if it happens again.", "Mum agreed to text me if {name} is late again.", "Phone mum to check how the week has gone"),
        new(NoteTypes.OfficeOrSchoolVisit, "{name} and the head of year", "Met {name} at school with the head of year. Attendance this term is 84%. {name} said maths lessons are the hardest and that they sit at the back.", "Agreed with the head of year that {name} can sit nearer the front in maths from Monday.", "School will send the attendance figures at the end of each month.", "Ask the school for this month's attendance figures"),
        new(NoteTypes.TextMessage, null, "{name} texted to move Thursday's appointment because of a dentist appointment. Offered Friday at 3:30pm and {name} replied \"ok thanks\".", null, "Appointment moved to Friday 3:30pm."),
        new(NoteTypes.Meeting, "{name}, mum, class teacher and school nurse", "Team around the family meeting at school. The school nurse reported {name}'s height and weight are within the expected range. The class teacher said {name} had completed all homework this half term.", "Updated the family plan with the actions agreed at the meeting and shared it with everyone present.", "Next meeting in six weeks.", "Send the updated family plan to everyone at the meeting"),
        new(NoteTypes.EmailOrLetter, null, "Wrote to mum confirming the date, time and place of the next review meeting and the names of the people invited.", null, "Letter sent by post and by email."),
        new(NoteTypes.SupervisionDiscussion, "Supervisor", "Discussed {name}'s case in supervision: progress against the plan, attendance figures and the outcome of the last visit.", "Agreed to continue at the current level of support and to review at the next meeting.", "No change to the plan."),
        new(NoteTypes.Observation, null, "Observed {name} during morning break in the playground for 15 minutes. {name} played football with four other children and took turns in goal.", null, "Shared the observation with the class teacher."),
    ];

    /// <summary>
    /// Other wordings of some common notes (by their place in <see cref="Common"/>), used on every other note by the case's index so
    /// that the timelines do not all read alike. Each has a next step exactly when the note it rewords has one, so the generated data
    /// (which draws a due date for a next step) stays as it was.
    /// </summary>
    public static IReadOnlyDictionary<int, DemoNoteTemplate> Rewordings { get; } = new Dictionary<int, DemoNoteTemplate>
    {
        [0] = new(NoteTypes.HomeVisit, "{name} and dad", "Planned visit at 4pm. Dad had put up the new bunk bed agreed at the last visit and {name} showed me where their school uniform is kept. {name} said they walk to school with a friend from next door.", "Went through the weekly routine chart with {name} and dad and added the swimming lesson on Wednesdays.", "Routine chart updated.", "Bring a printed copy of the routine chart"),
        [1] = new(NoteTypes.PhoneCall, "School attendance officer", "The attendance officer rang to say {name} was marked absent on Monday and Tuesday. Mum had phoned the school on Monday morning to say {name} had a temperature.", "Rang mum, who said {name} was back at school on Wednesday. Asked her to keep the GP appointment letter.", "Absence recorded as illness by the school.", "Check this week's attendance with the school"),
        [4] = new(NoteTypes.Meeting, "{name}, nan and the family support worker", "Review meeting at the children's centre. Nan said {name} has been going to bed by 8:30pm on school nights for three weeks. {name} drew a picture of the family for the plan.", "Reviewed each action in the plan: two completed, one carried forward.", "Plan carried forward with one action.", "Write up the review and send it to nan"),
        [3] = new(NoteTypes.TextMessage, null, "Texted mum a reminder of tomorrow's appointment at 10am at the family hub. Mum replied that she and {name} would be there and asked whether the hub has parking.", "Replied that the hub has four parking spaces at the back.", null),
    };

    private static int CommonIndex(DemoNoteTemplate template)
    {
        for (var j = 0; j < Common.Count; j++)
        {
            if (ReferenceEquals(Common[j], template)) return j;
        }

        return -1;
    }

    public static IReadOnlyDictionary<string, IReadOnlyList<DemoNoteTemplate>> ByService { get; } = new Dictionary<string, IReadOnlyList<DemoNoteTemplate>>(StringComparer.Ordinal)
    {
        [Services.ChildrensSocialCare] =
        [
            new(NoteTypes.HomeVisit, "{name}, mum and mum's partner", "Unannounced visit at 5pm. {name} was in the living room watching television and said they had eaten pasta for tea. Mum's partner was present and left the room when I asked to speak to {name} alone.", "Spoke to {name} alone in their bedroom for 20 minutes. {name} said they feel safe at home.", "Visit in line with the child in need plan.", "Complete the child in need review paperwork"),
            new(NoteTypes.StrategyDiscussion, "Team manager, police child abuse investigation officer, school designated safeguarding lead", "Strategy discussion held by video after the school reported a bruise of about 2 cm on {name}'s upper arm. {name} told the teacher \"I fell off my bike\".", "Agreed a single-agency section 47 enquiry by children's social care; a child protection medical is not needed on the information known.", "Section 47 enquiry to start today.", "Visit {name} at home and see the bike"),
        ],
        [Services.Send] =
        [
            new(NoteTypes.Meeting, "{name}, dad, SENCo and educational psychologist", "Annual review of {name}'s EHC plan at school. The SENCo reported {name} now reads at the expected level for their age. Dad said {name} sleeps from 9pm to 7am on school nights.", "Agreed to amend section F to reduce the one-to-one support in English from five to three sessions a week.", "Draft amended plan to be issued within four weeks.", "Issue the draft amended EHC plan"),
            new(NoteTypes.PhoneCall, "SENCo", "The SENCo phoned to say the speech and language therapy sessions named in the plan have not started because the therapist is on leave until 12 January.", "Emailed the therapy service to ask for a start date and a replacement therapist.", null, "Chase the therapy service for a start date"),
        ],
        [Services.CareersIag] =
        [
            new(NoteTypes.OfficeOrSchoolVisit, "{name}", "Careers guidance interview at school, 45 minutes. {name} wants to work with animals and asked about the animal care course at the college.", "Showed {name} the college course page and the entry requirements (four GCSEs at grade 4). Booked a place at the college open evening.", "Action plan agreed and emailed to {name}.", "Check that {name} went to the college open evening"),
            new(NoteTypes.VideoCall, "{name}", "Video call about apprenticeship applications. {name} has applied for two apprenticeships and has an interview at a garage on Tuesday.", "Practised three interview questions with {name} and sent the notes by email.", null, "Ask {name} how the garage interview went"),
        ],
        [Services.YouthSupport] =
        [
            new(NoteTypes.Meeting, "{name} and youth worker", "Met {name} at the youth centre. {name} attended the Tuesday and Thursday sessions this week and led the warm-up at football.", "Talked about volunteering at the summer scheme; gave {name} the application form.", null, "Help {name} fill in the summer scheme application form"),
        ],
    };

    /// <summary>What the demo worker does after the notes: a task for the newest note's agreed next step, and an earlier one done.</summary>
    public sealed record Built(IReadOnlyList<CaseNote> Notes, IReadOnlyList<CaseTask> Tasks, bool SafeguardingConcern);

    /// <summary>Notes for one case, between when it opened and yesterday.</summary>
    public static Built ForCase(Faker faker, Case @case, string personName, CaseloadUser worker, DateTimeOffset now, int index)
    {
        ArgumentNullException.ThrowIfNull(faker);
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(worker);
        var notes = new List<CaseNote>();
        var tasks = new List<CaseTask>();
        if (@case.OpenedOn is not { } opened) return new Built(notes, tasks, false);
        var firstDay = UkTime.StartOfDay(opened);
        var lastDay = @case.ClosedOn is { } closed ? UkTime.StartOfDay(closed) : now.AddDays(-1);
        if (lastDay <= firstDay) return new Built(notes, tasks, false);

        var pool = Common.Concat(ByService.GetValueOrDefault(@case.Service) ?? []).ToList();
        var count = faker.Random.Int(2, 4);
        var span = (lastDay - firstDay).TotalDays;
        var safeguarding = index % 60 == 7 && @case.Status == CaseStatus.Open;
        for (var n = 0; n < count; n++)
        {
            // Spread over the case's life, oldest first, in working hours UK time.
            var day = firstDay.AddDays(Math.Floor(span * (n + faker.Random.Double(0.1, 0.9)) / count));
            var occurred = UkTime.StartOfDay(UkTime.DateOf(day)).AddHours(faker.Random.Int(9, 16)).AddMinutes(faker.PickRandom(0, 15, 30, 45));
            if (occurred >= now.AddHours(-2)) continue;
            var late = faker.Random.Bool(0.12f);
            var recorded = late ? occurred.AddDays(faker.Random.Int(2, 4)).AddHours(1) : occurred.AddHours(faker.Random.Int(1, 5));
            if (recorded > now) recorded = now.AddMinutes(-5);
            var template = faker.PickRandom(pool);
            if ((index + n) % 2 == 1 && Rewordings.TryGetValue(CommonIndex(template), out var reworded)) template = reworded;
            var isLast = n == count - 1;
            var concern = safeguarding && isLast;
            var step = template.NextStep is { } action && @case.Status == CaseStatus.Open
                ? (Action: Fill(action, personName)!, DueOn: UkTime.DateOf(occurred).AddDays(faker.Random.Int(5, 20)))
                : ((string Action, DateOnly DueOn)?)null;
            var content = new NoteContent(template.Type, occurred, Fill(template.Present, personName),
                concern ? Fill("{name} told me at school that mum's partner hit them on the arm last night. I saw a red mark about 3 cm long on {name}'s left forearm.", personName) : Fill(template.WhatHappened, personName),
                concern ? Fill("Phoned the duty team manager at once and followed the safeguarding procedure. {name} stayed at school until the duty social worker arrived.", personName) : Fill(template.WhatWasDone, personName),
                Fill(template.Outcome, personName), concern, ConfidentialityExplained: n == 0, late ? faker.PickRandom(LateReasons) : null,
                step is { } s ? [new NextStepInput(s.Action, worker.UserName, s.DueOn)] : []);
            var errors = NoteRules.Validate(content, recorded, recorded, LateEntryAfterHours);
            var findings = NoteRules.CheckObjectivity(content, ObjectivityCheck.Default);
            if (errors.Count > 0 || findings.Count > 0)
            {
                throw new InvalidOperationException($"A demo note breaks the note rules: {string.Join("; ", errors.Values.Concat(findings.Select(f => f.Words)))}");
            }

            var note = new CaseNote { Id = Guid.CreateVersion7(), CaseId = @case.Id, Version = 1, RecordedAt = recorded, AuthorId = worker.Id, AuthorName = worker.DisplayName };
            var nextSteps = step is { } st ? NoteRules.NextStepsText([(st.Action, worker.DisplayName, st.DueOn)]) : null;
            note.Versions.Add(Version(note, 1, content, recorded, worker, nextSteps, reason: null));

            // Now and then a note is amended: a new version with its reason; the first stays readable.
            if (index % 25 == 3 && n == 0)
            {
                var amended = content with { PresentAndSpokenTo = content.PresentAndSpokenTo is null ? null : content.PresentAndSpokenTo + " (and grandad, who arrived at the end)" };
                note.Versions[0].IsCurrent = false;
                note.Version = 2;
                note.Versions.Add(Version(note, 2, amended, recorded.AddDays(1), worker, nextSteps, "Grandad arrived at the end of the visit and was left out of the first version"));
            }

            notes.Add(note);
            if (step is { } task)
            {
                var done = !isLast || task.DueOn < UkTime.DateOf(now).AddDays(-10);
                tasks.Add(new CaseTask
                {
                    Id = Guid.CreateVersion7(),
                    CaseId = @case.Id,
                    NoteId = note.Id,
                    Action = task.Action,
                    OwnerId = worker.Id,
                    OwnerName = worker.DisplayName,
                    DueOn = task.DueOn,
                    Status = done ? CaseTaskStatus.Done : CaseTaskStatus.Open,
                    CreatedAt = recorded,
                    CreatedById = worker.Id,
                    CreatedByName = worker.UserName!,
                    ClosedAt = done ? Earlier(UkTime.StartOfDay(task.DueOn).AddHours(12), now.AddMinutes(-1)) : null,
                    ClosedById = done ? worker.Id : null,
                    ClosedByName = done ? worker.UserName : null,
                    Outcome = done ? "Done as agreed." : null,
                    Version = done ? 2 : 1,
                });
            }
        }

        return new Built(notes, tasks, notes.Any(n => n.Versions.Any(v => v.SafeguardingConcern)));
    }

    private static readonly string[] LateReasons =
    [
        "I was on leave for two days after the visit.",
        "The visit ran into a court hearing and I wrote it up on my next working day.",
        "The laptop was being repaired; written up from my notebook.",
    ];

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static string? Fill(string? text, string name) => text?.Replace("{name}", name, StringComparison.Ordinal);

    private static CaseNoteVersion Version(CaseNote note, int number, NoteContent content, DateTimeOffset recorded, CaseloadUser worker, string? nextSteps, string? reason) =>
        NoteRules.NewVersion(note, number, content, recorded, note.RecordedAt, (worker.Id, worker.DisplayName), nextSteps, reason, LateEntryAfterHours);
}
