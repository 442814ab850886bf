namespace Innovation.Modules.Networks.Domain;

/// <summary>What happened at one step of a relay's progression.</summary>
internal enum RelayDecision
{
    Start,
    Promote,
    Hold,
    Stop,
}

/// <summary>Whether the teacher is still progressing.</summary>
internal enum RelayStatus
{
    Active,
    Stopped,
}

/// <summary>
/// The progression of a teacher in a mutualisation group (seed 002): year 1 in the group, year 2
/// continued with a CPC, year 3 relay in the territory. A year is reached only from the one
/// before it (no year 3 without year 2), decisions are dated in order, nothing follows a stop.
/// </summary>
internal static class RelayProgression
{
    public const int LastYear = 3;

    /// <summary>A broken rule: the HTTP status (409 for the relay's state, 400 for the request), a code and a message.</summary>
    internal sealed record Refusal(int Status, string Code, string Field, string Message);

    /// <summary>The year after <paramref name="decision"/>, or why it is refused.</summary>
    public static (int Year, Refusal? Refusal) Decide(
        int year, bool stopped, DateOnly lastDate, RelayDecision decision, DateOnly on, int? toYear, Guid? cpcId)
    {
        if (decision == RelayDecision.Start)
        {
            return (year, new Refusal(400, "validation_failed", "decision",
                "A relay starts once, when it is created; decide promote, hold or stop."));
        }

        if (stopped)
        {
            return (year, new Refusal(409, "relay_stopped", "decision", "This relay's progression was stopped; nothing can follow a stop."));
        }

        if (on < lastDate)
        {
            return (year, new Refusal(409, "relay_dates_out_of_order",
                "on", $"Decisions are dated in order: this one ({on:yyyy-MM-dd}) is before the last one ({lastDate:yyyy-MM-dd})."));
        }

        if (decision != RelayDecision.Promote)
        {
            return (year, null);
        }

        if (year >= LastYear)
        {
            return (year, new Refusal(409, "relay_at_last_year", "decision",
                "The relay is already in year 3 (relay in the territory): hold or stop."));
        }

        var target = toYear ?? year + 1;
        if (target != year + 1)
        {
            return (year, new Refusal(409, "relay_year_skipped", "toYear",
                $"A relay in year {year} can only be promoted to year {year + 1}: no year 3 without year 2."));
        }

        if (target == 2 && cpcId is null)
        {
            return (year, new Refusal(400, "validation_failed", "cpcId", "Year 2 continues with a CPC: name the CPC (cpcId)."));
        }

        return (target, null);
    }
}
