using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Messaging;

namespace Innovation.Api.Tests.SqlServer;

/// <summary>
/// What the API checks and takes on SQL Server before it migrates (README, SQL Server): a connection string,
/// READ_COMMITTED_SNAPSHOT on (readers must not wait for an import's transaction), and an application lock, so that
/// instances starting together migrate one at a time. The statements are checked here as T-SQL; the live suite runs them.
/// </summary>
public sealed class SqlServerStartUpTests
{
    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void A_missing_or_empty_connection_string_is_refused_in_one_clear_sentence(string? connectionString)
    {
        var act = () => new Db(
            new DatabaseOptions { Provider = DatabaseProvider.SqlServer, SqlServerConnectionString = connectionString }, [], new OutboxSignal());

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("ConnectionStrings:SqlServer is required when Database:Provider is SqlServer.");
    }

    [Test]
    public void The_snapshot_check_and_the_migration_lock_are_t_sql()
    {
        TSql.ShouldParse(SchemaMigrator.SnapshotReadsSql, "the READ_COMMITTED_SNAPSHOT check");
        var script = TSql.ShouldParse(SchemaMigrator.MigrationLockSql, "the migration lock");

        SchemaMigrator.MigrationLockSql.Should().Contain("sp_getapplock").And.Contain("@LockOwner = N'Session'",
            "the lock must outlive each script's transaction and end with the connection");
        script.Batches.Should().ContainSingle("one batch, so the lock and its result are one round trip");
    }
}
