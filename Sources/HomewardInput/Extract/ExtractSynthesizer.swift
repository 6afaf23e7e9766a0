import Crypto
import Foundation
import HomewardDomain
import SeededRandom

/// The prevalence of alerts, holds, locks and non-associations in a synthetic extract: all estimates,
/// read from `Estate/extract-calibration.yaml` (each explained there).
public struct ExtractPrevalence: Sendable, Equatable {
    public var snapshotDate = "2026-12-07"
    public var vulnerablePrisonerShareSexualOffence = 0.5
    public var vulnerablePrisonerShareOther = 0.02
    public var csraHighShare = 0.04
    public var isolatedPrisonerShare = 0.003
    public var accessibleShareUnder50 = 0.02
    public var accessibleShare50Plus = 0.08
    public var acctOpenShare = 0.02
    public var holdAlertShare = 0.015
    public var holdFileShare = 0.02
    public var remandCourtThisWeekShare = 0.3
    public var lockShare = 0.005
    public var nonAssociationsPerPerson = 0.06
    public var nonAssociationSamePrisonShare = 0.8
    public var nonAssociationOpenShare = 0.95
    public var restrictionShares: [Double] = [0.2, 0.3, 0.5]
    public var reasonShares: [Double] = [0.2, 0.15, 0.05, 0.05, 0.25, 0.25, 0.05]
    public var noFixedAddressShare = 0.03

    public init() {}

    static let fileName = "extract-calibration.yaml"

    /// Every share key and where it is stored.
    static var shares: [(String, WritableKeyPath<ExtractPrevalence, Double>)] { [
        ("vulnerable_prisoner_share_sexual_offence", \.vulnerablePrisonerShareSexualOffence),
        ("vulnerable_prisoner_share_other", \.vulnerablePrisonerShareOther), ("csra_high_share", \.csraHighShare),
        ("isolated_prisoner_share", \.isolatedPrisonerShare), ("accessible_share_under_50", \.accessibleShareUnder50),
        ("accessible_share_50_plus", \.accessibleShare50Plus), ("acct_open_share", \.acctOpenShare),
        ("hold_alert_share", \.holdAlertShare), ("hold_file_share", \.holdFileShare),
        ("remand_court_this_week_share", \.remandCourtThisWeekShare), ("lock_share", \.lockShare),
        ("non_associations_per_person", \.nonAssociationsPerPerson),
        ("non_association_same_prison_share", \.nonAssociationSamePrisonShare),
        ("non_association_open_share", \.nonAssociationOpenShare), ("no_fixed_address_share", \.noFixedAddressShare),
    ] }

    /// Reads the file; every key is required, and unknown keys are refused.
    public static func load(_ text: String, file: String) throws(InputErrors) -> ExtractPrevalence {
        var reader = YAMLReader(file: file)
        var result = ExtractPrevalence()
        let lists: [(String, WritableKeyPath<ExtractPrevalence, [Double]>, Int)] = [
            ("restriction_shares", \.restrictionShares, NonAssociationRestriction.allCases.count),
            ("reason_shares", \.reasonShares, NonAssociationReason.allCases.count),
        ]
        let allowed = ["snapshot_date"] + shares.map(\.0) + lists.map(\.0)
        guard let root = reader.parse(text), let pairs = reader.mapping(root, "", allowed: allowed) else {
            throw InputErrors(reader.errors.errors)
        }
        for (key, value) in pairs {
            if key == "snapshot_date", let date = reader.string(value, key) {
                if ISODate.day(date) == nil { reader.add(value, key, .malformed(date, expected: "an ISO date (yyyy-mm-dd)")) }
                result.snapshotDate = date
            } else if let share = shares.first(where: { $0.0 == key }) {
                if let number = reader.double(value, key, in: 0...(key == "non_associations_per_person" ? 10 : 1)) { result[keyPath: share.1] = number }
            } else if let list = lists.first(where: { $0.0 == key }), let items = reader.sequence(value, key) {
                let numbers = items.compactMap { reader.double($0, key, in: 0...1) }
                if numbers.count != list.2 {
                    reader.add(value, key, .inconsistent("needs \(list.2) shares, one for each value in order"))
                } else {
                    result[keyPath: list.1] = numbers
                }
            }
        }
        for key in allowed where !pairs.contains(where: { $0.key == key }) {
            reader.errors.add(line: root.mark?.line, field: key, .missing)
        }
        try reader.errors.throwIfAny()
        return result
    }
}

/// Writes a synthetic extract from a synthetic population: the people as HMPPS's services would describe
/// them, and alerts, holds, locks and non-associations drawn at the estimated prevalences. The same
/// population, prevalence and seed always give the same folder.
public struct ExtractSynthesizer: Sendable {
    public let estate: Estate
    public let geography: Geography
    public let postcodes: [PostcodeDistrict]
    public let policy: Policy
    public let prevalence: ExtractPrevalence

    public init(estate: Estate, geography: Geography, postcodes: [PostcodeDistrict], policy: Policy = .standard,
                prevalence: ExtractPrevalence) {
        self.estate = estate
        self.geography = geography
        self.postcodes = postcodes
        self.policy = policy
        self.prevalence = prevalence
    }

    /// A deterministic pseudonymous pid for a synthetic person: HMAC-SHA256 keyed by the seed, 16 hex digits.
    public static func pid(_ id: PersonID, seed: UInt64) -> String {
        Pseudonymiser(key: Array("homeward-synthetic-extract-\(seed)".utf8)).pid(id.rawValue)
    }

    /// The extract for `population` (a synthetic population: its people's ids are replaced by pids).
    public func extract(_ population: Population, seed: UInt64) -> ExtractFolder {
        var random = SeededRandom(seed: seed ^ 0x4578_7472_6163_74) // "Extract"
        let snapshot = ISODate.day(prevalence.snapshotDate) ?? 0
        var folder = ExtractFolder(snapshotDate: prevalence.snapshotDate,
                                   source: "Homeward synthetic extract (homeward extract synth, seed \(seed)); not real people")
        folder.synthetic = true
        let pids = population.prisoners.map { Self.pid($0.id, seed: seed) }
        let districtOf = firstDistrictByArea()
        for (i, p) in population.prisoners.enumerated() {
            folder.persons.append(personRow(p, pid: pids[i], snapshot: snapshot, districtOf: districtOf, random: &random))
            folder.alerts += alertRows(p, pid: pids[i], snapshot: snapshot, random: &random)
            if random.chance(prevalence.holdFileShare) {
                let kinds: [HoldKind] = [.court, .medical, .programme, .parole, .security, .governor, .other]
                let kind = kinds[random.below(kinds.count)]
                folder.holds.append([pids[i], kind.rawValue, ISODate.text(snapshot + random.integer(in: 7...90))])
            }
            if random.chance(prevalence.lockShare), let prison = lockTarget(p, random: &random) {
                folder.locks.append([pids[i], prison.rawValue, "PMU decision (synthetic)"])
            }
        }
        folder.nonAssociations = nonAssociationRows(population, pids: pids, random: &random)
        return folder
    }

    /// The first postcode district (in file order) of each local authority.
    func firstDistrictByArea() -> [LADCode: String] {
        var result: [LADCode: String] = [:]
        for d in postcodes { if let lad = d.lad, result[lad] == nil { result[lad] = d.district } }
        return result
    }

    func personRow(_ p: Prisoner, pid: String, snapshot: Int, districtOf: [LADCode: String],
                   random: inout SeededRandom) -> [String] {
        let district = districtOf[p.home] ?? ExtractFormat.noFixedAddress
        let nfa = random.chance(prevalence.noFixedAddressShare)
        let (status, category) = codes(p)
        var release = "", tariff = ""
        if let days = p.daysToRelease {
            if p.cohorts.contains(.indeterminate) { tariff = ISODate.text(snapshot + days) } else { release = ISODate.text(snapshot + days) }
        }
        var court = "", courtDate = ""
        if p.legalStatus == .remand {
            court = "court (synthetic)"
            let days = random.chance(prevalence.remandCourtThisWeekShare) ? random.integer(in: 0...6) : random.integer(in: 8...56)
            courtDate = ISODate.text(snapshot + days)
        }
        let csra = random.chance(prevalence.csraHighShare) ? "HIGH" : "STANDARD"
        return [pid, p.current?.rawValue ?? "", p.sex == .male ? "M" : "F", ExtractFormat.ageBand(of: p.age), status, category,
                release, tariff, "", nfa ? ExtractFormat.noFixedAddress : district, nfa ? district : "", court, courtDate, csra]
    }

    /// The legal status and NOMIS category codes that describe `p` (the tables' canonical codes).
    func codes(_ p: Prisoner) -> (String, String) {
        let status: String
        if p.legalStatus == .remand { status = "REMAND" } else if p.cohorts.contains(.indeterminate) {
            status = "INDETERMINATE_SENTENCE"
        } else if p.cohorts.contains(.recall) { status = "RECALL" } else if p.daysToRelease == nil {
            status = "IMMIGRATION_DETAINEE"
        } else { status = "SENTENCED" }
        let category: String
        switch p.category {
        case .closed: category = p.legalStatus == .remand ? "U" : "R"
        case .open: category = "T"
        case .b where p.legalStatus == .remand: category = "U"
        default: category = p.category.rawValue
        }
        return (status, category)
    }

    func alertRows(_ p: Prisoner, pid: String, snapshot: Int, random: inout SeededRandom) -> [[String]] {
        var rows: [[String]] = []
        let from = ISODate.text(snapshot - random.integer(in: 1...700))
        func add(_ code: String, until: String = "") { rows.append([pid, code, from, until]) }
        if p.cohorts.contains(.sexualOffence) { add("SOR") }
        if p.cohorts.contains(.foreignNational) { add("XLDEPORT") }
        let vp = p.cohorts.contains(.sexualOffence) ? prevalence.vulnerablePrisonerShareSexualOffence : prevalence.vulnerablePrisonerShareOther
        if p.sex == .male && random.chance(vp) { add(["VOP", "V45", "VJOP", "V46", "V49G", "V49P"][random.below(6)]) }
        if random.chance(prevalence.isolatedPrisonerShare) { add("VIP") }
        if random.chance(p.age >= 50 ? prevalence.accessibleShare50Plus : prevalence.accessibleShareUnder50) {
            add(["PEEP", "MFL", "MSI", "ADSC", "AS"][random.below(5)])
        }
        if random.chance(prevalence.acctOpenShare) { add("HA") }
        if random.chance(prevalence.holdAlertShare) {
            add(["TAH", "TAP", "TG", "TM", "TPR", "TSE", "XNR"][random.below(7)], until: ISODate.text(snapshot + random.integer(in: 7...120)))
        }
        // An expired alert, which the loader must ignore.
        if random.chance(0.01) { add("HA", until: ISODate.text(snapshot - 1)) }
        return rows
    }

    /// A lawful establishment for a lock: a random one that breaks no hard rule, else the current one.
    func lockTarget(_ p: Prisoner, random: inout SeededRandom) -> PrisonCode? {
        guard let home = geography.index(of: p.home) else { return p.current }
        let profile = Profile(p, home: home, policy: policy)
        let available = estate.establishments.filter(\.isAvailable)
        for _ in 0..<8 {
            let e = available[random.below(available.count)]
            if Rules.exclusions(profile, at: e, usableCapacity: e.operationalCapacity, isCurrent: p.current == e.code,
                                policy: policy).isEmpty {
                return e.code
            }
        }
        return p.current
    }

    func nonAssociationRows(_ population: Population, pids: [String], random: inout SeededRandom) -> [[String]] {
        let people = population.prisoners
        guard people.count >= 2 else { return [] }
        var byPrison: [PrisonCode: [Int]] = [:]
        for (i, p) in people.enumerated() { if let c = p.current { byPrison[c, default: []].append(i) } }
        let count = Int((Double(people.count) * prevalence.nonAssociationsPerPerson).rounded())
        var rows: [[String]] = []
        var seen: Set<[Int]> = []
        var attempts = 0
        while rows.count < count && attempts < count * 4 {
            attempts += 1
            let a = random.below(people.count)
            var b = random.below(people.count)
            if random.chance(prevalence.nonAssociationSamePrisonShare), let c = people[a].current, let mates = byPrison[c] {
                b = mates[random.below(mates.count)]
            }
            guard a != b, seen.insert([min(a, b), max(a, b)]).inserted else { continue }
            let restriction = NonAssociationRestriction.allCases[random.index(weightedBy: prevalence.restrictionShares) ?? 0]
            let reason = NonAssociationReason.allCases[random.index(weightedBy: prevalence.reasonShares) ?? 0]
            let open = random.chance(prevalence.nonAssociationOpenShare)
            rows.append([pids[a], pids[b], restriction.rawValue, reason.rawValue, open ? "true" : "false"])
        }
        return rows
    }
}
