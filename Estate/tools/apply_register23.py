#!/usr/bin/env python3
"""Applies the HMPPS register of July 2023 and later re-roles to Estate/establishments.csv.

Run by hand after derive_establishments.py, with the register's "Prison Estate"
sheet exported as CSV (see Estate/SOURCES.md, section 1c, for where it is read):
    python3 Estate/tools/apply_register23.py Estate/establishments.csv REGISTER.csv > new.csv

It sets `function` from the register where the register gives one, then the
later re-roles below, and adds `resettlement_region` from the register's
"Expected Resettlement Region". Running it twice gives the same file. Every
rule and every changed row is recorded in Estate/SOURCES.md, section 1c; with
--changes it prints that table (code, 2016 value, 2023 value, later value).
The product never runs this script and never reads the register.
"""
import csv
import sys

TAG = "HMPPS-EST23"

# Register names that are not our name with its designation removed.
NAMES = {
    "Standford Hill": "EHI", "Elmley": "EYI", "Isle of Wight": "IWI",
    "Peterborough (Male)": "PBI", "Peterborough (Female)": "PFI", "Feltham": "FMI", "Parc": "PRI",
}
SKIPPED = {"Oakhill STC"}  # a secure training centre, not in the file

# The register's probation regions, named as the ONS regions of uk-regions.csv.
# South Central (Thames Valley, Hampshire and the Isle of Wight) and Kent, Surrey
# and Sussex both lie in the ONS South East; Greater Manchester in the North West.
PROBATION_REGIONS = {
    "A": "North East", "B": "North West", "C": "Yorkshire and The Humber", "D": "Wales",
    "E": "West Midlands", "F": "East Midlands", "G": "South West", "H": "South East",
    "I": "East of England", "J": "London", "K": "South East", "L": "North West",
}

# Words of "Cohort of Prisoners Held" (the register's function types) -> our functions.
COHORT_WORDS = {
    "reception": "reception", "local": "reception", "trainer": "training",
    "resettlement": "resettlement", "foreign national": "foreign-national", "children": "children",
}
ORDER = ["reception", "training", "resettlement", "open", "high-security", "foreign-national", "children"]

# Women's prisons: the function the model uses, by the published role (SOURCES.md 1c).
# Local prisons that the register also marks "National Resource" hold women at every
# stage, up to life sentences, from a wide area: reception;training;resettlement.
WOMEN = {
    "BZI": "reception;training;resettlement", "LNI": "reception;training;resettlement",
    "NHI": "reception;training;resettlement", "STI": "reception;training;resettlement",
    "EWI": "reception;resettlement", "FHI": "reception;resettlement", "PFI": "reception;resettlement",
    "DWI": "training;resettlement", "DHI": "training;resettlement", "SDI": "training;resettlement",
    "AGI": "open", "ESI": "open",
}
WOMEN_TAGS = {"LNI": "HMIP-LNI-2021", "BZI": "HMIP-BZI-2015", "STI": "HMIP-STI-2021", "NHI": "HMIP-NHI-2022"}

# Later re-roles with a source (code -> (function, tag)); none changes a function yet.
LATER = {}


def register_function(row):
    """Our function text for a men's register row."""
    predominant = row["Predominant Function"].strip()
    cohort = " ".join(row["Cohort of Prisoners Held"].lower().split())
    if predominant == "Open":
        return "open"
    found = {ours for word, ours in COHORT_WORDS.items() if word in cohort}
    if predominant == "Reception":
        found.add("reception")
    if predominant == "High Security":
        found.add("high-security")
    if "children" in found and row["Predominant Function"].strip() == "YJB":
        found = {"children"}
    else:
        found.discard("children")  # Feltham: the children's part is FYI
    return ";".join(f for f in ORDER if f in found)


def resettlement_region(text):
    """The first probation region listed, as an ONS region; '' for national resource only."""
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("Region ") and len(line) > 7:
            return PROBATION_REGIONS[line[7]]
    return ""


def read_register(path):
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = rows[1]
    register = {}
    for values in rows[2:]:
        if not values or values[0] in ("Prison", "") or values[0] in SKIPPED:
            continue
        row = dict(zip(header, values))
        if not row.get("Predominant Function"):
            break  # the key and notes below the table
        register[values[0].strip()] = row
    return register


def short_name(name):
    return name.split(" (")[0].strip()


def main(estate_path, register_path, changes):
    register = read_register(register_path)
    with open(estate_path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_name = {short_name(r["name"]): r["code"] for r in rows}
    codes = {}
    for name in register:
        code = NAMES.get(name) or by_name.get(name)
        if code is None:
            sys.exit(f"register row {name!r} matches no establishment")
        codes[code] = register[name]
    columns = list(rows[0].keys())
    if "resettlement_region" not in columns:
        columns.append("resettlement_region")
    table = []
    for row in rows:
        code = row["code"]
        tags = row["source"].split(";")
        before = row["function"]
        reg = codes.get(code)
        if code == "FYI":
            reg = None  # the Feltham row is read for FMI; FYI keeps `children` (section 1b)
        if reg is not None:
            if TAG not in tags:
                tags.append(TAG)
            if row["sex"] == "female":
                row["function"] = WOMEN[code]
                if code in WOMEN_TAGS and WOMEN_TAGS[code] not in tags:
                    tags.append(WOMEN_TAGS[code])
            elif row["age_group"] != "juvenile":
                row["function"] = register_function(reg)
            row["resettlement_region"] = resettlement_region(reg["Expected Resettlement Region"])
        else:
            row.setdefault("resettlement_region", "")
            row["resettlement_region"] = row.get("resettlement_region") or ""
        after23 = row["function"]
        if code in LATER:
            row["function"], tag = LATER[code]
            if tag not in tags:
                tags.append(tag)
        if before != row["function"] or changes == "all":
            table.append((code, before, after23, row["function"]))
        row["source"] = ";".join(tags)
    if changes:
        for code, before, after23, later in table:
            print(f"| {code} | `{before}` | `{after23}` | {'`' + later + '`' if later != after23 else '—'} |")
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)


if __name__ == "__main__":
    flag = sys.argv[3] if len(sys.argv) > 3 else ""
    main(sys.argv[1], sys.argv[2], {"--changes": "changed", "--all": "all"}.get(flag, ""))
