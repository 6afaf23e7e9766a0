import HomewardDomain

/// The shape of an HMPPS-shaped extract folder (issue #23; docs/EXTRACT.md): its files, their columns,
/// and the checks that keep direct identifiers out.
public enum ExtractFormat {
    public static let manifest = "manifest.yaml"
    public static let persons = "persons.csv"
    public static let alerts = "alerts.csv"
    public static let nonAssociations = "non_associations.csv"
    public static let holds = "holds.csv"
    public static let locks = "locks.csv"
    /// Optional: the people the unit is willing to move this week.
    public static let movers = "movers.csv"

    public static let personColumns = [
        "pid", "current_prison", "sex", "age_band", "legal_status", "category", "release_date", "tariff_date",
        "parole_eligibility_date", "home_district", "family_districts", "next_court", "next_court_date", "csra",
    ]
    public static let alertColumns = ["pid", "code", "active_from", "active_to"]
    public static let nonAssociationColumns = ["pid_a", "pid_b", "restriction_type", "reason", "open"]
    public static let holdColumns = ["pid", "hold", "until"]
    public static let lockColumns = ["pid", "prison", "reason"]
    public static let moverColumns = ["pid"]

    /// The extract's CSV files in reading order, with their columns; `movers.csv` is optional.
    public static let tables: [(file: String, columns: [String], optional: Bool)] = [
        (persons, personColumns, false), (alerts, alertColumns, false), (nonAssociations, nonAssociationColumns, false),
        (holds, holdColumns, false), (locks, lockColumns, false), (movers, moverColumns, true),
    ]

    /// Age bands (Prisoner Search's date of birth, banded at source) and the age the model takes for each:
    /// the band's middle year, rounded down, and 65 for 60+. The age matters only as young adult (under 21)
    /// and older (50 and over), which every band decides exactly.
    public static let ageBands: [(band: String, age: Int)] = [
        ("18-20", 19), ("21-24", 22), ("25-29", 27), ("30-39", 35), ("40-49", 45), ("50-59", 55), ("60+", 65),
    ]

    /// The band an age falls in.
    public static func ageBand(of age: Int) -> String {
        switch age {
        case ..<21: return "18-20"
        case 21...24: return "21-24"
        case 25...29: return "25-29"
        case 30...39: return "30-39"
        case 40...49: return "40-49"
        case 50...59: return "50-59"
        default: return "60+"
        }
    }

    /// `sex` values: NOMIS's sex codes for men and women.
    public static let sexCodes: [(code: String, sex: Sex)] = [("M", .male), ("F", .female)]
    /// Cell-sharing risk assessment outcomes; HIGH needs a single cell. Empty means not yet assessed.
    public static let csraValues = ["STANDARD", "HIGH"]
    /// `home_district` for no fixed address.
    public static let noFixedAddress = "NFA"
    /// A court date within this many days of the snapshot holds the person where they are (due in court this week).
    public static let courtHoldDays = 7

    /// Column names that carry a direct identifier, compared after lower-casing and removing `_`, `-`, `.`
    /// and spaces: prison (NOMS) number, PNC and CRO numbers, booking id and number, names, date of birth.
    public static let identifierColumns: Set<String> = [
        "prisonnumber", "prisonernumber", "prisonerno", "prisonno", "noms", "nomsnumber", "nomsno", "nomsid", "offenderno",
        "offendernumber", "offenderid", "pnc", "pncnumber", "pncno", "pncid", "cro", "cronumber", "crono", "bookingid",
        "bookingno", "bookingnumber", "booknumber", "bookno", "name", "names", "fullname", "firstname", "lastname",
        "surname", "forename", "forenames", "givenname", "middlename", "middlenames", "familyname", "alias", "aliases",
        "dateofbirth", "dob", "birthdate", "birthday",
    ]

    /// Whether a column's name says it carries a direct identifier.
    public static func isIdentifierColumn(_ name: String) -> Bool {
        let folded = String(name.lowercased().unicodeScalars.filter { !"_-. ".unicodeScalars.contains($0) })
        return identifierColumns.contains(folded)
    }

    /// Whether `value` looks like a NOMIS prison number (`A1234BC`): a letter, four digits, two letters.
    public static func looksLikePrisonNumber(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard bytes.count == 7 else { return false }
        func letter(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }
        func digit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        return letter(bytes[0]) && bytes[1...4].allSatisfy(digit) && letter(bytes[5]) && letter(bytes[6])
    }

    /// The outward code of a postcode (`L9 7LH` → `L9`), upper case.
    public static func outwardCode(_ postcode: String) -> String {
        String(postcode.uppercased().split(separator: " ").first ?? "")
    }
}

/// ISO dates (`yyyy-mm-dd`) as day numbers, for days between the snapshot and a release or court date.
public enum ISODate {
    /// Days since 1970-01-01, or nil if `text` is not a valid ISO date.
    public static func day(_ text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= daysInMonth(y, m) else { return nil }
        return dayNumber(year: y, month: m, day: d)
    }

    /// The ISO text of a day number.
    public static func text(_ day: Int) -> String {
        // Howard Hinnant's civil_from_days.
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
