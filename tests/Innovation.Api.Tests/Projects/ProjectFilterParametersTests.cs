using Innovation.Modules.Projects.Features.Search;

namespace Innovation.Api.Tests.Projects;

/// <summary>
/// The list runs its unfiltered statement (<c>ListProjects.ListUnfilteredSql</c>, which binds no
/// filter) whenever <see cref="ProjectFilterParameters.Filtered"/> is false, so a filter it forgot
/// would be silently ignored.
/// </summary>
public sealed class ProjectFilterParametersTests
{
    // Not filters of their own: the caller's scope, the end of the range a year's start opens,
    // today's date, the search words after the first (Q1 is filled first), paging.
    private static readonly string[] NotFilters = ["CallerAcademie", "YearEnd", "Today", "Q2", "Q3", "Q4", "Q5", "After", "Take", "Filtered"];

    [Test]
    public void Any_filter_given_makes_the_list_run_its_filtered_statement()
    {
        var filters = typeof(ProjectFilterParameters).GetProperties().Where(p => !NotFilters.Contains(p.Name)).ToList();

        new ProjectFilterParameters().Filtered.Should().BeFalse();
        filters.Should().HaveCountGreaterThan(10);
        foreach (var filter in filters)
        {
            var parameters = new ProjectFilterParameters();
            var type = Nullable.GetUnderlyingType(filter.PropertyType);
            filter.SetValue(parameters, type is null ? "x" : Activator.CreateInstance(type));
            parameters.Filtered.Should().BeTrue($"{filter.Name} filters the list");
        }
    }
}
