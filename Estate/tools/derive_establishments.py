#!/usr/bin/env python3
"""Derives Estate/establishments.csv from the shared estate file.

Run once by hand when the shared file changes:
    python3 Estate/tools/derive_establishments.py SHARED.csv > Estate/establishments.csv

then Estate/tools/apply_register23.py (functions and resettlement regions from
the July 2023 register, section 1c).

Every value it adds is documented, with its source, in Estate/SOURCES.md
(sections 3 to 5). The product never runs this script and never reads the
shared file.
"""
import csv
import sys

# Section 3 of Estate/SOURCES.md: joint bulletin rows split into their parts.
# ESTIMATES: (operational capacity, CNA) per part; the pair sums to the joint
# July 2026 bulletin figure. Method per row in SOURCES.md.
SPLITS = {
    "PBI": (921, 746), "PFI": (383, 360),      # joint 1304 / 1106
    "GNI": (233, 255), "SPI": (335, 366),      # joint 568 / 621
    "UKI": (278, 212), "UPI": (218, 167),      # joint 496 / 379
    "FMI": (373, 494), "FYI": (180, 238),      # joint 553 / 732
    "PRI": (1785, 1495), "PYI": (64, 64),      # joint 1849 / 1559
}

# Section 4: specialist-only sites.
COHORT_ONLY = {
    # PQ answer, figures dated 16 Oct 2023: the three foreign-national-only prisons.
    "HCI": "foreign_national", "MSI": "foreign_national", "MHI": "foreign_national",
    # HMIP 2021-2024: holding only or almost only men convicted of sexual offences.
    "WTI": "sexual_offence", "LTI": "sexual_offence", "BRI": "sexual_offence", "SFI": "sexual_offence",
    "RHI": "sexual_offence", "ASI": "sexual_offence", "IWI": "sexual_offence", "UKI": "sexual_offence",
}

# Section 5: accredited programmes offered (places not published, so not limited).
PROGRAMMES = {
    "building_choices": "WMI SNI FKI BCI HII LPI BWI RSI FBI ACI LFI DHI NHI LNI SKI HHI HMI",
    "building_choices_sexual": "WTI WMI SFI SNI FKI LPI RSI RHI FWI",
    "horizon": "ASI CWI DNI FEI HOI IWI LTI MDI NLI RHI WTI",
    "becoming_new_me_sexual": "BRI HLI IWI RHI SNI UKI WDI WTI WMI",
}

TAG_SPLIT = "EST-SPLIT"
TAG_COHORT = {"foreign_national": "PQ-FNO-2023", "sexual_offence": "HMIP-MCOSO"}
TAG_PROGRAMME = {"building_choices": "APS-BC", "building_choices_sexual": "APS-BC",
                 "horizon": "APS-E2E", "becoming_new_me_sexual": "APS-E2E"}


def main(path):
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    columns = list(rows[0].keys()) + ["cohort_only", "interventions"]
    writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        code = row["code"]
        tags = row["source"].split(";")
        if code in SPLITS:
            capacity, cna = SPLITS[code]
            row["operational_capacity"], row["cna"] = str(capacity), str(cna)
            tags = [t for t in tags if not t.startswith("MPPB-2026-07")] + ["MPPB-2026-07-JOINT", TAG_SPLIT]
        if code == "PYI" and not row["categories"]:
            # By analogy with the other children's sites; out of scope either way.
            row["categories"], row["function"] = "children-closed", "children"
            tags.append("EST-PYI-ROLE")
        row["cohort_only"] = COHORT_ONLY.get(code, "")
        if code in COHORT_ONLY:
            tags.append(TAG_COHORT[COHORT_ONLY[code]])
        offered = sorted(name for name, sites in PROGRAMMES.items() if code in sites.split())
        row["interventions"] = ";".join(offered)
        for name in offered:
            if TAG_PROGRAMME[name] not in tags:
                tags.append(TAG_PROGRAMME[name])
        row["source"] = ";".join(tags)
        writer.writerow(row)


if __name__ == "__main__":
    main(sys.argv[1])
