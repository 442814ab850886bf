-- A network's search key is its name and description (up to 200 + 2,000 characters, NetworkDraft) joined by a
-- space: NVARCHAR(400) refused long descriptions ("String or binary data would be truncated"). 4,000 is the
-- largest bounded NVARCHAR, above 2,201 whatever the key's normalisation does. ColumnLengthTests guards it.
ALTER TABLE networks.network ALTER COLUMN search_text NVARCHAR(4000) NOT NULL;
