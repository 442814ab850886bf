using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Innovation.Api.Tests.SqlServer;

/// <summary>The SQLite storage class a SQL Server type corresponds to in this code base.</summary>
internal enum TypeFamily
{
    Text,
    Integer,
    Real,
    Blob,
    Numeric,

    /// <summary>A SQL Server type this comparison has no rule for yet (reported, never ignored).</summary>
    Unmapped,
}

/// <summary>A column as the SQL Server migrations declare it.</summary>
/// <param name="Name">Column name.</param>
/// <param name="DataType">Canonical lower-case type name, as INFORMATION_SCHEMA.COLUMNS.DATA_TYPE spells it.</param>
/// <param name="Length">Declared length of a character or binary type (-1 for MAX), else null.</param>
/// <param name="Nullable">False when declared NOT NULL, IDENTITY, or part of the primary key.</param>
/// <param name="Family">The SQLite storage class it corresponds to.</param>
/// <param name="Declared">The type as written, for messages.</param>
/// <param name="Collation">The collation written on the column (null: the database's).</param>
internal sealed record SqlServerColumn(
    string Name, string DataType, int? Length, bool Nullable, TypeFamily Family, string Declared, string? Collation = null);

/// <summary>A primary key, unique constraint or unique index: <c>schema.table</c>, its name and its columns.</summary>
internal sealed record UniqueKey(string Table, string Name, IReadOnlyList<string> Columns, bool Unique = true);

/// <summary>
/// The SQL Server schema the migrations build, read by replaying every
/// <c>db-migrations/sqlserver/**</c> script with ScriptDom: CREATE TABLE, ALTER TABLE ADD / DROP
/// COLUMN / ALTER COLUMN and DROP TABLE shape it; data and index statements leave it alone; any
/// other statement is reported as a problem rather than silently ignored.
/// </summary>
internal sealed class SqlServerSchemaModel
{
    private SqlServerSchemaModel(
        Dictionary<string, Dictionary<string, SqlServerColumn>> tables, List<string> problems, Dictionary<string, UniqueKey> keys)
    {
        UniqueKeys = keys.Values.Where(k => k.Unique && tables.ContainsKey(k.Table)).OrderBy(k => k.Table, StringComparer.Ordinal)
            .ThenBy(k => k.Name, StringComparer.Ordinal).ToList();
        Tables = tables.ToDictionary(
            t => t.Key, t => (IReadOnlyDictionary<string, SqlServerColumn>)t.Value, StringComparer.OrdinalIgnoreCase);
        Problems = problems;
    }

    /// <summary>Columns by table (<c>schema.table</c>, case-insensitive as SQL Server is) then by column name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, SqlServerColumn>> Tables { get; }

    /// <summary>Scripts that do not parse, statements this model cannot follow, impossible changes.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>The primary keys, unique constraints and unique indexes left after every migration.</summary>
    public IReadOnlyList<UniqueKey> UniqueKeys { get; }

    public static SqlServerSchemaModel FromMigrations()
    {
        var tables = new Dictionary<string, Dictionary<string, SqlServerColumn>>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        var keys = new Dictionary<string, UniqueKey>(StringComparer.OrdinalIgnoreCase);

        // Schemas are independent; inside a schema, scripts run in file-name order (as DbUp runs them).
        foreach (var file in RepositoryLayout.MigrationFiles(RepositoryLayout.SqlServerEngine)
                     .OrderBy(f => f.Schema, StringComparer.Ordinal).ThenBy(f => f.RelativePath, StringComparer.Ordinal))
        {
            var script = TSql.Parse(file.Text, out var errors);
            if (errors.Count > 0)
            {
                problems.Add($"{file} does not parse:{Environment.NewLine}{TSql.Describe(errors, file.Text)}");
                continue;
            }

            foreach (var statement in ((TSqlScript)script).Batches.SelectMany(b => b.Statements))
            {
                Apply(statement, file, tables, problems);
                TrackKeys(statement, keys, $"{file} line {statement.StartLine}", problems);
            }
        }

        return new SqlServerSchemaModel(tables, problems, keys);
    }

    private static void Apply(
        TSqlStatement statement, MigrationFile file, Dictionary<string, Dictionary<string, SqlServerColumn>> tables, List<string> problems)
    {
        var where = $"{file} line {statement.StartLine}";
        switch (statement)
        {
            case CreateTableStatement create:
            {
                var key = Key(create.SchemaObjectName);
                if (!tables.TryAdd(key, new Dictionary<string, SqlServerColumn>(StringComparer.OrdinalIgnoreCase)))
                {
                    problems.Add($"{where}: table {key} is created a second time");
                }

                AddColumns(create.Definition, tables[key], key, where, problems, primaryKeyColumns: PrimaryKeyColumns(create.Definition));
                break;
            }

            case AlterTableAddTableElementStatement add when Table(add, tables, where, problems) is { } columns:
                AddColumns(add.Definition, columns, Key(add.SchemaObjectName), where, problems, primaryKeyColumns: []);
                break;

            case AlterTableDropTableElementStatement drop when Table(drop, tables, where, problems) is { } columns:
            {
                // "DROP COLUMN a, b": elements after the first carry NotSpecified and share its kind.
                var kind = TableElementType.NotSpecified;
                foreach (var element in drop.AlterTableDropTableElements)
                {
                    kind = element.TableElementType == TableElementType.NotSpecified ? kind : element.TableElementType;
                    if (kind == TableElementType.Column && !columns.Remove(element.Name.Value))
                    {
                        problems.Add($"{where}: drops column {element.Name.Value}, which {Key(drop.SchemaObjectName)} does not have");
                    }
                }

                break;
            }

            case AlterTableAlterColumnStatement alter when Table(alter, tables, where, problems) is { } columns:
            {
                var name = alter.ColumnIdentifier.Value;
                if (!columns.TryGetValue(name, out var current))
                {
                    problems.Add($"{where}: alters column {name}, which {Key(alter.SchemaObjectName)} does not have");
                }
                else if (alter.DataType is not null)
                {
                    // ALTER COLUMN restates the whole type; without NOT NULL the column becomes nullable.
                    var (dataType, length, family, declared) = Describe(alter.DataType);
                    columns[name] = current with
                    {
                        DataType = dataType, Length = length, Family = family, Declared = declared, Collation = alter.Collation?.Value,
                        Nullable = alter.AlterTableAlterColumnOption != AlterTableAlterColumnOption.NotNull,
                    };
                }

                break;
            }

            case DropTableStatement drop:
                foreach (var name in drop.Objects)
                {
                    if (!tables.Remove(Key(name)) && !drop.IsIfExists)
                    {
                        problems.Add($"{where}: drops table {Key(name)}, which does not exist");
                    }
                }

                break;

            // Statements that change data, indexes, constraints or settings, never the columns.
            case InsertStatement or UpdateStatement or DeleteStatement or MergeStatement
                or CreateIndexStatement or DropIndexStatement or AlterIndexStatement or CreateStatisticsStatement or UpdateStatisticsStatement
                or AlterTableConstraintModificationStatement or PredicateSetStatement or CreateSchemaStatement
                or AlterTableAddTableElementStatement or AlterTableDropTableElementStatement or AlterTableAlterColumnStatement:
                break;

            default:
                problems.Add($"{where}: {statement.GetType().Name} is not followed by the schema comparison "
                    + "(extend SqlServerSchemaModel so the comparison stays true)");
                break;
        }
    }

    /// <summary>
    /// Follows the keys and indexes: a column of a key or index cannot be altered (SQL Server refuses it, error 5074)
    /// until they are dropped, which this reports.
    /// </summary>
    private static void TrackKeys(TSqlStatement statement, Dictionary<string, UniqueKey> keys, string where, List<string> problems)
    {
        void Add(string table, Identifier? name, IEnumerable<string> columns, bool unique = true) =>
            keys[$"{table}|{name?.Value ?? Guid.NewGuid().ToString()}"] = new UniqueKey(table, name?.Value ?? "(unnamed)", columns.ToList(), unique);

        void AddDefinition(string table, TableDefinition? definition)
        {
            foreach (var constraint in definition?.TableConstraints.OfType<UniqueConstraintDefinition>() ?? [])
            {
                Add(table, constraint.ConstraintIdentifier, constraint.Columns.Select(c => c.Column.MultiPartIdentifier.Identifiers[^1].Value));
            }

            foreach (var column in definition?.ColumnDefinitions ?? [])
            {
                foreach (var constraint in column.Constraints.OfType<UniqueConstraintDefinition>())
                {
                    Add(table, constraint.ConstraintIdentifier, [column.ColumnIdentifier.Value]);
                }
            }
        }

        switch (statement)
        {
            case CreateTableStatement create:
                AddDefinition(Key(create.SchemaObjectName), create.Definition);
                break;
            case AlterTableAddTableElementStatement add:
                AddDefinition(Key(add.SchemaObjectName), add.Definition);
                break;
            case CreateIndexStatement index:
                Add(Key(index.OnName), index.Name, index.Columns.Select(c => c.Column.MultiPartIdentifier.Identifiers[^1].Value)
                    .Concat(index.IncludeColumns.Select(c => c.MultiPartIdentifier.Identifiers[^1].Value)), index.Unique);
                break;
            case AlterTableAlterColumnStatement alter:
                foreach (var key in keys.Values.Where(k => string.Equals(k.Table, Key(alter.SchemaObjectName), StringComparison.OrdinalIgnoreCase)
                             && k.Columns.Contains(alter.ColumnIdentifier.Value, StringComparer.OrdinalIgnoreCase)))
                {
                    problems.Add($"{where}: alters {key.Table}.{alter.ColumnIdentifier.Value}, which {key.Name} still holds (drop it first)");
                }

                break;
            case DropIndexStatement drop:
                foreach (var clause in drop.DropIndexClauses.OfType<DropIndexClause>())
                {
                    keys.Remove($"{Key(clause.Object)}|{clause.Index.Value}");
                }

                break;
            case AlterTableDropTableElementStatement drop:
                foreach (var element in drop.AlterTableDropTableElements.Where(e => e.TableElementType == TableElementType.Constraint))
                {
                    keys.Remove($"{Key(drop.SchemaObjectName)}|{element.Name.Value}");
                }

                break;
            case DropTableStatement drop:
                foreach (var table in drop.Objects.Select(Key))
                {
                    foreach (var key in keys.Where(k => string.Equals(k.Value.Table, table, StringComparison.OrdinalIgnoreCase)).ToList())
                    {
                        keys.Remove(key.Key);
                    }
                }

                break;
        }
    }

    private static Dictionary<string, SqlServerColumn>? Table(
        AlterTableStatement alter, Dictionary<string, Dictionary<string, SqlServerColumn>> tables, string where, List<string> problems)
    {
        if (tables.TryGetValue(Key(alter.SchemaObjectName), out var columns))
        {
            return columns;
        }

        problems.Add($"{where}: alters table {Key(alter.SchemaObjectName)}, which no earlier migration of its schema creates");
        return null;
    }

    private static HashSet<string> PrimaryKeyColumns(TableDefinition definition) =>
        definition.TableConstraints.OfType<UniqueConstraintDefinition>()
            .Where(c => c.IsPrimaryKey)
            .SelectMany(c => c.Columns)
            .Select(c => c.Column.MultiPartIdentifier.Identifiers[^1].Value)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static void AddColumns(
        TableDefinition? definition, Dictionary<string, SqlServerColumn> columns, string table, string where, List<string> problems,
        HashSet<string> primaryKeyColumns)
    {
        foreach (var column in definition?.ColumnDefinitions ?? [])
        {
            var name = column.ColumnIdentifier.Value;
            var explicitNullability = column.Constraints.OfType<NullableConstraintDefinition>().Select(n => (bool?)n.Nullable).LastOrDefault();
            var primaryKey = primaryKeyColumns.Contains(name)
                || column.Constraints.OfType<UniqueConstraintDefinition>().Any(u => u.IsPrimaryKey);

            // IDENTITY and PRIMARY KEY columns are NOT NULL whatever is written; otherwise SQL Server's
            // default (ANSI_NULL_DFLT_ON, as SqlClient sessions have it) makes the column nullable.
            var nullable = column.IdentityOptions is null && !primaryKey && (explicitNullability ?? true);
            var (dataType, length, family, declared) = column.DataType is null
                ? ("computed", (int?)null, TypeFamily.Unmapped, "computed column")
                : Describe(column.DataType);
            if (!columns.TryAdd(name, new SqlServerColumn(name, dataType, length, nullable, family, declared, column.Collation?.Value)))
            {
                problems.Add($"{where}: column {table}.{name} is declared twice");
            }
        }
    }

    private static (string DataType, int? Length, TypeFamily Family, string Declared) Describe(DataTypeReference type)
    {
        var declared = string.Concat(type.ScriptTokenStream.Skip(type.FirstTokenIndex).Take(type.LastTokenIndex - type.FirstTokenIndex + 1)
            .Select(t => t.Text));
        if (type is not SqlDataTypeReference sql)
        {
            // sysname is nvarchar(128); any other alias or user type needs a rule here before it is used.
            return type.Name.BaseIdentifier.Value.Equals("sysname", StringComparison.OrdinalIgnoreCase)
                ? ("nvarchar", 128, TypeFamily.Text, declared)
                : (type.Name.BaseIdentifier.Value.ToLowerInvariant(), null, TypeFamily.Unmapped, declared);
        }

        int? length = sql.SqlDataTypeOption switch
        {
            SqlDataTypeOption.Char or SqlDataTypeOption.VarChar or SqlDataTypeOption.NChar or SqlDataTypeOption.NVarChar
                or SqlDataTypeOption.Binary or SqlDataTypeOption.VarBinary => sql.Parameters.FirstOrDefault() switch
                {
                    MaxLiteral => -1,
                    Literal literal => int.Parse(literal.Value, System.Globalization.CultureInfo.InvariantCulture),
                    _ => 1, // SQL Server's default length when none is written
                },
            _ => null,
        };

        var dataType = sql.SqlDataTypeOption == SqlDataTypeOption.Rowversion ? "timestamp" : sql.SqlDataTypeOption.ToString().ToLowerInvariant();
        return (dataType, length, FamilyOf(sql.SqlDataTypeOption), declared);
    }

    /// <summary>
    /// How each SQL Server type is stored on SQLite by this code base (Microsoft.Data.Sqlite and the
    /// Dapper handlers in DapperTypeHandlers.cs): GUIDs and timestamps as canonical TEXT, booleans as
    /// INTEGER. DECIMAL, NUMERIC and MONEY map to TEXT, not NUMERIC: Microsoft.Data.Sqlite binds a
    /// System.Decimal as TEXT, and a NUMERIC-affinity column would turn that text into an 8-byte
    /// REAL, silently losing exactness (amounts, rates) that SQL Server keeps.
    /// </summary>
    public static TypeFamily FamilyOf(SqlDataTypeOption type) => type switch
    {
        SqlDataTypeOption.Char or SqlDataTypeOption.VarChar or SqlDataTypeOption.NChar or SqlDataTypeOption.NVarChar
            or SqlDataTypeOption.Text or SqlDataTypeOption.NText or SqlDataTypeOption.UniqueIdentifier
            or SqlDataTypeOption.DateTimeOffset or SqlDataTypeOption.Date or SqlDataTypeOption.DateTime2
            or SqlDataTypeOption.DateTime or SqlDataTypeOption.SmallDateTime or SqlDataTypeOption.Time
            or SqlDataTypeOption.Json => TypeFamily.Text,
        SqlDataTypeOption.Int or SqlDataTypeOption.BigInt or SqlDataTypeOption.SmallInt or SqlDataTypeOption.TinyInt
            or SqlDataTypeOption.Bit => TypeFamily.Integer,
        SqlDataTypeOption.Float or SqlDataTypeOption.Real => TypeFamily.Real,
        SqlDataTypeOption.Decimal or SqlDataTypeOption.Numeric or SqlDataTypeOption.Money or SqlDataTypeOption.SmallMoney => TypeFamily.Text,
        SqlDataTypeOption.VarBinary or SqlDataTypeOption.Binary or SqlDataTypeOption.Image or SqlDataTypeOption.Rowversion => TypeFamily.Blob,
        _ => TypeFamily.Unmapped,
    };

    /// <summary>SQLite's type affinity rules (https://www.sqlite.org/datatype3.html, section 3.1) on a declared type.</summary>
    public static TypeFamily SqliteAffinity(string declaredType)
    {
        var type = declaredType.ToUpperInvariant();
        if (type.Contains("INT", StringComparison.Ordinal))
        {
            return TypeFamily.Integer;
        }

        if (type.Contains("CHAR", StringComparison.Ordinal) || type.Contains("CLOB", StringComparison.Ordinal)
            || type.Contains("TEXT", StringComparison.Ordinal))
        {
            return TypeFamily.Text;
        }

        if (type.Length == 0 || type.Contains("BLOB", StringComparison.Ordinal))
        {
            return TypeFamily.Blob;
        }

        return type.Contains("REAL", StringComparison.Ordinal) || type.Contains("FLOA", StringComparison.Ordinal)
            || type.Contains("DOUB", StringComparison.Ordinal)
            ? TypeFamily.Real
            : TypeFamily.Numeric;
    }

    private static string Key(SchemaObjectName name) => $"{name.SchemaIdentifier?.Value ?? "dbo"}.{name.BaseIdentifier.Value}";
}
