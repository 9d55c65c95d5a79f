#!/usr/bin/env python3
"""Writes the DuckDB peer of segment-batch: the filter segments of a job file as one DuckDB SQL script.

    scripts/bench-peer.py [job.json] [--as-of 2026-11-01T12:00:00Z] [-o scripts/bench-peer.sql]

The script reads a generated customer export with read_csv (the columns of CustomerGenerator), computes
every filter segment's members in identity order with their static-segment chunk number, and writes them
to one CSV (segment number, chunk, id, source_id). DuckDbPeer runs it, with ${input} and ${output}
replaced. It supports exactly the fields and operators that scripts/bench-segments.json uses, with the
semantics of /work/shared/spec/filter-language.md (as_of and time zone fixed when the SQL is written, as
segment-batch fixes them when a run starts); anything else stops it with the JSON path of the offending key.
"""
import argparse
import datetime
import json
import sys
import zoneinfo

# Export columns of the generated file, in file order, with their DuckDB types.
COLUMNS = [
    ("id", "VARCHAR"), ("source_id", "VARCHAR"), ("name", "VARCHAR"), ("description", "VARCHAR"),
    ("email", "VARCHAR"), ("phone", "VARCHAR"), ("created_at", "TIMESTAMPTZ"), ("updated_at", "TIMESTAMPTZ"),
    ("birthdate", "DATE"), ("address_city", "VARCHAR"), ("address_country", "VARCHAR"),
    ("address_postal_code", "VARCHAR"), ("redemptions_total_redeemed", "BIGINT"),
    ("orders_total_amount", "DECIMAL(18,2)"), ("orders_total_count", "BIGINT"),
    ("orders_average_amount", "DECIMAL(18,2)"), ("orders_last_order_amount", "DECIMAL(18,2)"),
    ("orders_last_order_date", "TIMESTAMPTZ"), ("loyalty_points", "BIGINT"), ("metadata", "JSON"),
]
COLUMN_TYPES = dict(COLUMNS)

# Filter paths (jobs/README.md, "Fields") to (column, kind).
FIELDS = {
    "id": ("id", "string"), "source_id": ("source_id", "string"), "name": ("name", "string"),
    "email": ("email", "string"), "phone": ("phone", "string"), "description": ("description", "string"),
    "address.city": ("address_city", "string"), "city": ("address_city", "string"),
    "address.country": ("address_country", "string"), "address.postal_code": ("address_postal_code", "string"),
    "created_at": ("created_at", "datetime"), "updated_at": ("updated_at", "datetime"),
    "birthdate": ("birthdate", "date"), "birthday": ("birthdate", "date"),
    "summary.orders.total_amount": ("orders_total_amount", "number"),
    "summary.orders.total_count": ("orders_total_count", "number"),
    "summary.orders.average_amount": ("orders_average_amount", "number"),
    "summary.orders.last_order_amount": ("orders_last_order_amount", "number"),
    "summary.orders.last_order_date": ("orders_last_order_date", "datetime"),
    "summary.redemptions.total_redeemed": ("redemptions_total_redeemed", "number"),
    "loyalty.points": ("loyalty_points", "number"),
}
METADATA_KINDS = {"string": "string", "number": "number", "boolean": "boolean", "date": "date",
                  "datetime": "datetime", "array": "array"}
NEGATIONS = {"$is_not": "$is", "$not_in": "$in", "$not_contain": "$contains"}
CALENDAR = {"$this_month", "$next_month", "$last_month", "$next_week_md"}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class Unsupported(Exception):
    pass


def sql_text(text):
    return "'" + str(text).replace("'", "''") + "'"


def values(raw):
    """jobs/README.md, "Values": an array, or a bare scalar meaning a one-element array."""
    return raw if isinstance(raw, list) else [raw]


def one(raw, where):
    vs = values(raw)
    if len(vs) != 1:
        raise Unsupported(f"{where}: exactly one value expected")
    return vs[0]


def number(value, where):
    if isinstance(value, bool):
        raise Unsupported(f"{where}: a number expected")
    try:
        return str(int(value)) if str(value).lstrip("-").isdigit() else repr(float(value))
    except (TypeError, ValueError):
        raise Unsupported(f"{where}: a number expected, got {value!r}")


def boolean(value, where):
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise Unsupported(f"{where}: a boolean expected, got {value!r}")


def date_or_instant(value, where):
    """A date (datetime.date) or an instant (aware datetime.datetime)."""
    text = str(value)
    try:
        if len(text) == 10:
            return datetime.date.fromisoformat(text)
        return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise Unsupported(f"{where}: a date expected, got {value!r}")


def ranges(codes):
    """month*100+day codes as a few BETWEEN ranges (consecutive codes within a month merge)."""
    codes = sorted(set(codes))
    out = []
    for code in codes:
        if out and code == out[-1][1] + 1:
            out[-1][1] = code
        elif out and code // 100 == out[-1][1] // 100 + 1 and code % 100 == 1 and out[-1][1] % 100 >= 28:
            out[-1][1] = code  # runs on into the next month: codes in between do not exist
        else:
            out.append([code, code])
    return out


class Translator:
    def __init__(self, job, as_of):
        self.job = job
        self.zone = zoneinfo.ZoneInfo(job.get("timezone", "UTC"))
        self.today = as_of.astimezone(self.zone).date()
        self.week_start = WEEKDAYS.index(job.get("week_starts_on", "monday").lower())
        self.schema = job.get("metadata_schema", {})
        self.derived = {}  # derived column name -> SQL expression over the raw columns

    # ---- derived columns, computed once per customer
    def derive(self, name, expression):
        self.derived.setdefault(name, expression)
        return name

    def lower_of(self, column):
        return self.derive(column + "_lc", f"lower({column})")

    def day_of(self, column):
        return self.derive(column + "_day", f"timezone({sql_text(self.zone.key)}, {column})::DATE")

    def field(self, path, where):
        """(SQL value, kind) of a filter path."""
        if path in FIELDS:
            column, kind = FIELDS[path]
            return column, kind
        if path.startswith("metadata."):
            key = path[len("metadata."):]
            declared = self.schema.get(key)
            json_path = sql_text("$." + ".".join(f'"{part}"' for part in key.split(".")))
            name = "md_" + key.replace(".", "_")
            if declared is None:
                # Undeclared: typed per customer by its JSON type; each operator picks the reading it needs.
                return (json_path, name), "untyped"
            kind = METADATA_KINDS[declared]
            return (json_path, name), "metadata_" + kind
        raise Unsupported(f"{where}: field {path!r} is not supported by the peer")

    # ---- conditions
    def condition(self, path, op, raw, where):
        """SQL for one positive or negated operator on one field; a negated operator is the exact complement."""
        if op in NEGATIONS:
            return f"NOT coalesce({self.condition(path, NEGATIONS[op], raw, where)}, false)"
        value, kind = self.field(path, where)
        if kind.startswith("metadata_") or kind == "untyped":
            return self.metadata_condition(value, kind, op, raw, where)
        column = value
        if op == "$has_value":
            return f"{column} IS NOT NULL AND {column} <> ''" if kind == "string" else f"{column} IS NOT NULL"
        if op == "$is_unknown":
            return f"({column} IS NULL OR {column} = '')" if kind == "string" else f"{column} IS NULL"
        if kind == "string":
            return self.text_condition(self.lower_of(column), op, raw, where)
        if kind == "number":
            return self.number_condition(column, op, raw, where)
        if kind == "date":
            return self.date_condition(column, column, True, op, raw, where)
        if kind == "datetime":
            return self.date_condition(self.day_of(column), column, False, op, raw, where)
        raise Unsupported(f"{where}: {kind} field")

    def text_condition(self, lowered, op, raw, where):
        if op == "$is":
            return f"{lowered} = {sql_text(str(one(raw, where)).lower())}"
        if op == "$in":
            return f"{lowered} IN ({', '.join(sql_text(str(v).lower()) for v in values(raw))})"
        if op == "$contains":
            return f"contains({lowered}, {sql_text(str(one(raw, where)).lower())})"
        if op == "$starts_with":
            return f"starts_with({lowered}, {sql_text(str(one(raw, where)).lower())})"
        if op == "$ends_with":
            return f"suffix({lowered}, {sql_text(str(one(raw, where)).lower())})"
        raise Unsupported(f"{where}: {op} on text is not supported by the peer")

    def number_condition(self, column, op, raw, where):
        compare = {"$more_than": ">", "$more_than_equal": ">=", "$less_than": "<", "$less_than_equal": "<=",
                   "$is": "="}
        if op in compare:
            return f"{column} {compare[op]} {number(one(raw, where), where)}"
        if op == "$in":
            return f"{column} IN ({', '.join(number(v, where) for v in values(raw))})"
        raise Unsupported(f"{where}: {op} on numbers is not supported by the peer")

    def date_condition(self, day, instant_column, is_date, op, raw, where):
        """day: the SQL date of the value in the run's zone; instant_column: the instant (date-times only)."""
        today = self.today
        if op in ("$after", "$before", "$is"):
            constant = date_or_instant(one(raw, where), where)
            sign = {"$after": ">", "$before": "<", "$is": "="}[op]
            if isinstance(constant, datetime.datetime):
                if not is_date:
                    return f"{instant_column} {sign} TIMESTAMPTZ {sql_text(constant.isoformat())}"
                constant = constant.astimezone(self.zone).date()
            return f"{day} {sign} DATE {sql_text(constant.isoformat())}"
        if op in ("$more_than", "$more_than_ago", "$more_than_equal", "$less_than", "$less_than_ago",
                  "$less_than_equal"):
            n = int(number(one(raw, where), where))
            first, last = {
                "$more_than": (None, today - datetime.timedelta(days=n + 1)),
                "$more_than_ago": (None, today - datetime.timedelta(days=n + 1)),
                "$more_than_equal": (None, today - datetime.timedelta(days=n)),
                "$less_than": (today - datetime.timedelta(days=n - 1), today),
                "$less_than_ago": (today - datetime.timedelta(days=n - 1), today),
                "$less_than_equal": (today - datetime.timedelta(days=n), today),
            }[op]
            if first is None:
                return f"{day} <= DATE {sql_text(last.isoformat())}"
            return f"{day} BETWEEN DATE {sql_text(first.isoformat())} AND DATE {sql_text(last.isoformat())}"
        parts = {"$is_day": "dayofweek", "$is_day_of_month": "dayofmonth", "$is_month": "month", "$is_year": "year"}
        if op in parts:
            wanted = ", ".join(number(v, where) for v in values(raw))
            return f"{parts[op]}({day}) IN ({wanted})"
        if op in CALENDAR:
            if not is_date and not op.endswith("_md"):
                raise Unsupported(f"{where}: {op} on a date-time is not supported by the peer")
            return self.month_day_condition(day, self.in_period(self.period(op)))
        if op == "$is_less_days_in_future_md":
            n = int(number(one(raw, where), where))
            return self.month_day_condition(day, self.days_ahead(lambda ahead: ahead <= n))
        raise Unsupported(f"{where}: {op} on dates is not supported by the peer")

    # ---- anniversaries: a set of month-days, as segment-batch's Anniversaries fills its table
    def period(self, op):
        today = self.today
        if op in ("$this_month", "$next_month", "$last_month"):
            offset = {"$this_month": 0, "$next_month": 1, "$last_month": -1}[op]
            month_index = today.year * 12 + today.month - 1 + offset
            first = datetime.date(month_index // 12, month_index % 12 + 1, 1)
            following = datetime.date((month_index + 1) // 12, (month_index + 1) % 12 + 1, 1)
            return first, following - datetime.timedelta(days=1)
        if op == "$next_week_md":
            start = today - datetime.timedelta(days=(today.weekday() - self.week_start) % 7)
            first = start + datetime.timedelta(days=7)
            return first, first + datetime.timedelta(days=6)
        raise Unsupported(op)

    @staticmethod
    def in_period(period):
        codes = set()
        day, last = period
        while day <= last:
            codes.add(day.month * 100 + day.day)
            if day.month == 2 and day.day == 28 and not is_leap(day.year):
                codes.add(229)
            day += datetime.timedelta(days=1)
        return codes

    def days_ahead(self, accept):
        codes = set()
        today = self.today
        day = datetime.date(2000, 1, 1)
        while day.year == 2000:
            anniversary = anniversary_in(day.month, day.day, today.year)
            if anniversary < today:
                anniversary = anniversary_in(day.month, day.day, today.year + 1)
            if accept((anniversary - today).days):
                codes.add(day.month * 100 + day.day)
            day += datetime.timedelta(days=1)
        return codes

    def month_day_condition(self, day, codes):
        md = self.derive(day + "_md", f"month({day}) * 100 + dayofmonth({day})")
        return "(" + " OR ".join(f"{md} = {a}" if a == b else f"{md} BETWEEN {a} AND {b}"
                                 for a, b in ranges(codes)) + ")"

    # ---- metadata
    def metadata_condition(self, value, kind, op, raw, where):
        json_path, name = value
        raw_json = f"json_extract(metadata, {json_path})"
        if kind == "metadata_array":
            elements = self.derive(name, f"list_transform(CASE WHEN json_type({raw_json}) = 'ARRAY' "
                                         f"THEN from_json({raw_json}, '[\"VARCHAR\"]') END, x -> lower(x))")
            if op == "$is_unknown":
                return f"coalesce(len({elements}), 0) = 0"
            if op == "$has_value":
                return f"len({elements}) > 0"
            if op in ("$contains", "$in", "$intersects"):
                return f"list_has_any({elements}, [{', '.join(sql_text(str(v).lower()) for v in values(raw))}])"
            if op == "$includes":
                return f"list_has_all({elements}, [{', '.join(sql_text(str(v).lower()) for v in values(raw))}])"
            counts = {"$count": "=", "$count_more": ">", "$count_less": "<"}
            if op in counts:
                return f"coalesce(len({elements}), 0) {counts[op]} {int(number(one(raw, where), where))}"
            raise Unsupported(f"{where}: {op} on an array is not supported by the peer")
        # Scalars: the JSON value's text (strings unquoted; JSON null and a missing key read as NULL).
        text = self.derive(name, f"metadata ->> {json_path}")
        if op == "$is_unknown":
            return f"({text} IS NULL OR {text} = '')"
        if op == "$has_value":
            return f"{text} <> ''"
        if kind == "metadata_string":
            return self.text_condition(self.lower_of(text), op, raw, where)
        if kind == "metadata_boolean":
            if op != "$is":
                raise Unsupported(f"{where}: {op} on a boolean")
            return f"lower(trim({text})) = {sql_text(str(boolean(one(raw, where), where)).lower())}"
        if kind == "untyped":
            if op in ("$is", "$in"):
                json_type = self.derive(name + "_type", f"json_type({raw_json})")
                # Strings equal text constants ignoring case (and number constants when they parse as that
                # number); numbers equal constants that are or parse as that number.
                tests = []
                texts = [sql_text(str(v).lower()) for v in values(raw) if not isinstance(v, (int, float))]
                numbers = [number(v, where) for v in values(raw) if _is_number(v)]
                if texts:
                    tests.append(f"({json_type} IN ('VARCHAR', 'BOOLEAN') AND lower({text}) IN ({', '.join(texts)}))")
                if numbers:
                    tests.append(f"TRY_CAST({text} AS DOUBLE) IN ({', '.join(numbers)})")
                return "(" + " OR ".join(tests) + ")"
            if op in ("$more_than", "$more_than_equal", "$less_than", "$less_than_equal"):
                as_number = self.derive(name + "_num", f"TRY_CAST({text} AS DECIMAL(38,10))")
                return self.number_condition(as_number, op, raw, where)
            if op in ("$after", "$before"):
                as_date = self.derive(name + "_date", f"TRY_CAST({text} AS DATE)")
                return self.date_condition(as_date, None, True, op, raw, where)
            raise Unsupported(f"{where}: {op} on untyped metadata is not supported by the peer")
        raise Unsupported(f"{where}: {kind}")

    # ---- groups
    def group(self, node, where):
        junction = str(node.get("junction", "and")).lower()
        parts = []
        for key, spec in node.items():
            if key == "junction":
                continue
            if key == "filters":
                for i, child in enumerate(spec):
                    parts.append(self.group(child, f"{where}.filters[{i}]"))
                continue
            conditions = spec["conditions"]
            field_where = f"{where}['{key}'].conditions"
            # Several operators on one field always combine with AND (a range).
            tests = [self.condition(key, op, raw, f"{field_where}.{op}") for op, raw in conditions.items()]
            parts.append(tests[0] if len(tests) == 1 else "(" + " AND ".join(f"({t})" for t in tests) + ")")
        if not parts:
            raise Unsupported(f"{where}: empty filter")
        glue = f"\n       {junction.upper()} "
        return parts[0] if len(parts) == 1 else "(" + glue.join(f"({p})" for p in parts) + ")"


def _is_number(value):
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    try:
        float(str(value))
        return True
    except ValueError:
        return False


def is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def anniversary_in(month, day, year):
    if month == 2 and day == 29 and not is_leap(year):
        return datetime.date(year, 2, 28)
    return datetime.date(year, month, day)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("job", nargs="?", default="scripts/bench-segments.json")
    parser.add_argument("--as-of", default="2026-11-01T12:00:00Z")
    parser.add_argument("-o", "--output", default="scripts/bench-peer.sql")
    args = parser.parse_args()
    with open(args.job, encoding="utf-8") as f:
        job = json.load(f)
    as_of = datetime.datetime.fromisoformat(args.as_of.replace("Z", "+00:00"))
    translator = Translator(job, as_of)
    size = int(job.get("static_segment_size", 20000))
    branches = []
    try:
        for number_, segment in enumerate(job["segments"], start=1):
            if segment.get("type") not in ("auto-update", "passive"):
                raise Unsupported(f"$.segments[{number_ - 1}]: only filter segments are supported by the peer")
            condition = translator.group(segment["filter"], f"$.segments[{number_ - 1}].filter")
            branches.append(f"  -- {number_}: {segment['name']}\n"
                            f"  SELECT {number_} AS segment, pos, id, source_id FROM customer\n"
                            f"  WHERE {condition}")
    except Unsupported as e:
        print(f"{args.job}: {e}", file=sys.stderr)
        sys.exit(2)
    columns = ",\n".join(f"    {name}: '{kind}'" for name, kind in COLUMNS)
    derived = "".join(f",\n    {expression} AS {name}" for name, expression in translator.derived.items())
    sql = f"""-- The DuckDB peer of segment-batch for {args.job} ({job['name']}): generated by scripts/bench-peer.py,
-- do not edit. As of {args.as_of} in {translator.zone.key} (today {translator.today}).
-- DuckDbPeer replaces ${{input}} (the export) and ${{output}} (the members file).

-- 1. Read the export once; identity = id, else source_id; pos = its place in identity order (code point
--    order: DuckDB's default binary collation). Derived columns are computed once per customer.
CREATE TEMP TABLE customer AS
SELECT *, row_number() OVER (ORDER BY identity) AS pos
FROM (
  SELECT *,
    coalesce(nullif(id, ''), nullif(source_id, '')) AS identity{derived}
  FROM read_csv('${{input}}', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {{
{columns}
    }})
)
WHERE identity IS NOT NULL;

-- 2. Every segment's members in identity order with their static segment (chunk of {size}), written out.
COPY (
  WITH member AS (
{(chr(10) + '  UNION ALL' + chr(10)).join(branches)}
  )
  SELECT segment, (row_number() OVER (PARTITION BY segment ORDER BY pos) - 1) // {size} + 1 AS chunk, id, source_id
  FROM member
  ORDER BY segment, pos
) TO '${{output}}' (HEADER, DELIMITER ',');
"""
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(sql)
    print(f"{args.output}: {len(branches)} segments")


if __name__ == "__main__":
    main()
