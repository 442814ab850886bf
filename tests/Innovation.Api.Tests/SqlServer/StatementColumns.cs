using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Innovation.Api.Tests.SqlServer;

/// <summary>A table column a statement writes a parameter into (INSERT, UPDATE SET) or compares with one (WHERE, JOIN, IN).</summary>
/// <param name="Table"><c>schema.table</c>, as the statement names it.</param>
/// <param name="Column">The column, as the statement names it.</param>
/// <param name="Parameter">The parameter's name without <c>@</c> (a Dapper list's name, for <c>IN @List</c>).</param>
/// <param name="Written">True when the parameter is stored in the column, false when only compared with it.</param>
/// <param name="CastTo">The type the statement casts the parameter to (<c>CAST(@P AS VARCHAR(8000))</c>, as written), or null.</param>
/// <param name="List">True for a Dapper list (<c>IN @List</c>), whose items the code types.</param>
internal sealed record ColumnParameter(string Table, string Column, string Parameter, bool Written, string? CastTo = null, bool List = false);

/// <summary>
/// Reads, from a statement rendered for SQL Server, which parameters go into or are compared with which
/// columns: the link between what the code sends and the columns the migrations declare. A column is
/// resolved through the statement's table aliases; an unqualified one through the only table of the statement that has it.
/// </summary>
internal static class StatementColumns
{
    public static IReadOnlyList<ColumnParameter> Of(string sqlForSqlServer, SqlServerSchemaModel schema)
    {
        var script = TSql.Parse(sqlForSqlServer, out var errors);
        if (errors.Count > 0)
        {
            return [];
        }

        var tables = new TableCollector();
        script.Accept(tables);
        var found = new Collector(tables, schema);
        script.Accept(found);
        return found.Pairs;
    }

    /// <summary>
    /// Each ORDER BY key of the statement: the SQL Server column it sorts by (null when it is not a column, or when its name
    /// is ambiguous), the key as written, and the collation it names (<c>COLLATE</c>, null for none).
    /// </summary>
    public static IReadOnlyList<(string? Table, SqlServerColumn? Column, string Key, string? Collation)> OrderKeys(
        string sqlForSqlServer, SqlServerSchemaModel schema)
    {
        var script = TSql.Parse(sqlForSqlServer, out var errors);
        if (errors.Count > 0)
        {
            return [];
        }

        var tables = new TableCollector();
        script.Accept(tables);
        var orders = new OrderCollector();
        script.Accept(orders);
        return orders.Keys.Select(key =>
        {
            var (table, column) = ColumnOf(key, tables, schema);
            return (table, column, Text(key), (key as PrimaryExpression)?.Collation?.Value);
        }).ToList();
    }

    /// <summary>
    /// The column an ORDER BY key names: through its table alias, else the only column of that name among the statement's
    /// tables (a derived table's or a select list's alias is resolved by the name it repeats: all candidates must agree).
    /// </summary>
    private static (string? Table, SqlServerColumn? Column) ColumnOf(ScalarExpression key, TableCollector tables, SqlServerSchemaModel schema)
    {
        if (key is not ColumnReferenceExpression { MultiPartIdentifier.Identifiers: { Count: > 0 } parts })
        {
            return (null, null);
        }

        var name = parts[^1].Value;
        if (parts.Count >= 2 && tables.ByAlias.TryGetValue(parts[^2].Value, out var table)
            && schema.Tables.TryGetValue(table, out var aliased) && aliased.TryGetValue(name, out var direct))
        {
            return (table, direct);
        }

        var candidates = tables.All.Select(t => (Table: t, Column: schema.Tables.GetValueOrDefault(t)?.GetValueOrDefault(name)))
            .Where(c => c.Column is not null).ToList();
        return candidates.Count > 0 && candidates.All(c => c.Column!.DataType == candidates[0].Column!.DataType
                && c.Column.Collation == candidates[0].Column!.Collation)
            ? candidates[0]
            : (null, null);
    }

    private static string Text(TSqlFragment fragment) =>
        string.Concat(fragment.ScriptTokenStream.Skip(fragment.FirstTokenIndex).Take(fragment.LastTokenIndex - fragment.FirstTokenIndex + 1)
            .Select(t => t.Text));

    private sealed class OrderCollector : TSqlFragmentVisitor
    {
        public List<ScalarExpression> Keys { get; } = [];

        public override void Visit(OrderByClause node) => Keys.AddRange(node.OrderByElements.Select(e => e.Expression));
    }

    /// <summary>A parameter's name as the code binds it: Dapper's expanded list items (<c>@Ids1</c>, <c>@Ids2</c>) name the list.</summary>
    private static string? ParameterOf(ScalarExpression? expression, bool expandedList = false) => Bound(expression, expandedList)?.Name;

    /// <summary>The parameter an expression sends, seen through parentheses and a cast, and the type it is cast to.</summary>
    private static (string Name, string? CastTo)? Bound(ScalarExpression? expression, bool expandedList = false) => expression switch
    {
        VariableReference variable => (expandedList ? variable.Name.TrimStart('@').TrimEnd('1', '2') : variable.Name.TrimStart('@'), null),
        ParenthesisExpression parenthesis => Bound(parenthesis.Expression, expandedList),
        CastCall cast when Bound(cast.Parameter, expandedList) is { } inner => (inner.Name, Text(cast.DataType)),
        ConvertCall convert when Bound(convert.Parameter, expandedList) is { } inner => (inner.Name, Text(convert.DataType)),
        _ => null,
    };

    private sealed class TableCollector : TSqlFragmentVisitor
    {
        public Dictionary<string, string> ByAlias { get; } = new(StringComparer.OrdinalIgnoreCase);

        public HashSet<string> All { get; } = new(StringComparer.OrdinalIgnoreCase);

        public override void Visit(NamedTableReference node)
        {
            if (node.SchemaObject.SchemaIdentifier is null)
            {
                return; // a CTE or an alias used as a target (UPDATE x ... FROM t x)
            }

            var table = $"{node.SchemaObject.SchemaIdentifier.Value}.{node.SchemaObject.BaseIdentifier.Value}";
            All.Add(table);
            ByAlias[node.Alias?.Value ?? table] = table;
            ByAlias.TryAdd(node.SchemaObject.BaseIdentifier.Value, table);
        }
    }

    private sealed class Collector(TableCollector tables, SqlServerSchemaModel schema) : TSqlFragmentVisitor
    {
        public List<ColumnParameter> Pairs { get; } = [];

        public override void Visit(InsertSpecification node)
        {
            if (Table(node.Target) is not { } table)
            {
                return;
            }

            var rows = node.InsertSource switch
            {
                ValuesInsertSource values => values.RowValues.Select(r => r.ColumnValues.ToList()).ToList(),
                SelectInsertSource { Select: QuerySpecification query } =>
                    [query.SelectElements.Select(e => (e as SelectScalarExpression)?.Expression).ToList()],
                _ => [],
            };
            foreach (var row in rows)
            {
                for (var i = 0; i < node.Columns.Count && i < row.Count; i++)
                {
                    if (ParameterOf(row[i]) is { } parameter)
                    {
                        Pairs.Add(new ColumnParameter(table, Name(node.Columns[i]), parameter, Written: true));
                    }
                }
            }
        }

        public override void Visit(UpdateSpecification node)
        {
            var table = Table(node.Target);
            foreach (var set in node.SetClauses.OfType<AssignmentSetClause>())
            {
                if (table is not null && set.Column is not null && ParameterOf(set.NewValue) is { } parameter)
                {
                    Pairs.Add(new ColumnParameter(table, Name(set.Column), parameter, Written: true));
                }
            }
        }

        public override void Visit(BooleanComparisonExpression node)
        {
            Compare(node.FirstExpression, node.SecondExpression);
            Compare(node.SecondExpression, node.FirstExpression);
        }

        public override void Visit(LikePredicate node) => Compare(node.FirstExpression, node.SecondExpression);

        public override void Visit(InPredicate node)
        {
            foreach (var value in node.Values)
            {
                if (node.Expression is ColumnReferenceExpression column && Bound(value, expandedList: true) is { } parameter
                    && Resolve(column) is { } table)
                {
                    Pairs.Add(new ColumnParameter(
                        table, Name(column), parameter.Name, Written: false, parameter.CastTo, List: value is VariableReference));
                }
            }
        }

        private void Compare(ScalarExpression columnSide, ScalarExpression parameterSide)
        {
            if (columnSide is ColumnReferenceExpression column && Bound(parameterSide) is { } parameter && Resolve(column) is { } table)
            {
                Pairs.Add(new ColumnParameter(table, Name(column), parameter.Name, Written: false, parameter.CastTo));
            }
        }

        private string? Table(TableReference? target) => target is NamedTableReference named
            ? tables.ByAlias.GetValueOrDefault(named.SchemaObject.SchemaIdentifier is null
                ? named.SchemaObject.BaseIdentifier.Value
                : $"{named.SchemaObject.SchemaIdentifier.Value}.{named.SchemaObject.BaseIdentifier.Value}")
            : null;

        private string? Resolve(ColumnReferenceExpression column)
        {
            var parts = column.MultiPartIdentifier?.Identifiers;
            if (parts is null || parts.Count == 0)
            {
                return null;
            }

            if (parts.Count >= 2)
            {
                return tables.ByAlias.GetValueOrDefault(parts[^2].Value);
            }

            var holding = tables.All.Where(t => schema.Tables.TryGetValue(t, out var columns) && columns.ContainsKey(parts[0].Value)).ToList();
            return holding.Count == 1 ? holding[0] : null;
        }

        private static string Name(ColumnReferenceExpression column) => column.MultiPartIdentifier.Identifiers[^1].Value;
    }
}
