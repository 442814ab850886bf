namespace Innovation.Modules.Accompaniment.Domain;

/// <summary>The day a rule is judged on (a sheet overdue, a school year's load): the injected clock's UTC day, so tests fix it.</summary>
internal static class Today
{
    public static DateOnly Of(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
