import Foundation
import HomewardCore
import Testing

/// The HMPPS-shaped extract (docs/EXTRACT.md): what it reads into people and the week's constraints,
/// and every refusal, each naming file, line and field.
@Suite("Extract loader")
struct ExtractLoaderTests {
    /// The repository's Estate folder (the code tables are read from there, as shipped).
    static let estateFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Estate").path

    static func shippedCodes() throws -> ExtractCodes {
        func read(_ name: String) throws -> (text: String, file: String) {
            (try String(contentsOfFile: estateFolder + "/" + name, encoding: .utf8), name)
        }
        return try ExtractCodesLoader.load(alerts: try read(ExtractCodes.alertFile), categories: try read(ExtractCodes.categoryFile),
                                           statuses: try read(ExtractCodes.statusFile))
    }

    static func context() throws -> ExtractContext {
        var local = Fixture.establishment("AAA", categories: [.b], functions: [.reception], capacity: 50, near: 0)
        local.postcode = "M1 1AA"
        let training = Fixture.establishment("CCC", categories: [.c], functions: [.training], capacity: 50, near: 1)
        let women = Fixture.establishment("WWW", sex: .female, categories: [.womenClosed], functions: [.reception], capacity: 50, near: 2)
        let postcodes = [("M1", 0), ("L1", 1), ("CF10", 2), ("SW1A", 3)].map { district, area in
            let a = Fixture.geography.authorities[area]
            return PostcodeDistrict(district: district, latitude: a.latitude, longitude: a.longitude, lad: a.code)
        }
        return ExtractContext(estate: Estate(establishments: [local, training, women]), geography: Fixture.geography,
                              postcodes: postcodes, policy: .standard, codes: try shippedCodes())
    }

    static let personsHeader = ExtractFormat.personColumns.joined(separator: ",")
    /// A small valid extract; tests change one file at a time.
    static let good: [String: String] = [
        "manifest.yaml": "snapshot_date: 2026-12-07\nsource: test\npseudonymised: true\n",
        "persons.csv": """
            \(personsHeader)
            a1b2c3d4e5f60718,AAA,M,30-39,SENTENCED,C,2027-06-01,,,M1,,,,STANDARD
            b2c3d4e5f6071829,AAA,M,18-20,REMAND,U,,,,NFA,L1,Manchester Crown,2026-12-09,
            c3d4e5f607182930,AAA,M,50-59,INDETERMINATE_SENTENCE,B,,2030-01-01,,CF10,,,,HIGH
            d4e5f60718293041,WWW,F,25-29,SENTENCED,R,2027-01-01,,,SW1A,,,,STANDARD

            """,
        "alerts.csv": """
            pid,code,active_from,active_to
            a1b2c3d4e5f60718,SOR,2020-01-01,
            c3d4e5f607182930,VOP,2025-05-01,
            d4e5f60718293041,TM,2026-11-01,2027-01-10
            a1b2c3d4e5f60718,HA,2025-01-01,2026-01-01

            """,
        "non_associations.csv": "pid_a,pid_b,restriction_type,reason,open\na1b2c3d4e5f60718,c3d4e5f607182930,WING,GANG_RELATED,true\n",
        "holds.csv": "pid,hold,until\nb2c3d4e5f6071829,COURT,2026-12-10\n",
        "locks.csv": "pid,prison,reason\na1b2c3d4e5f60718,CCC,programme place agreed\n",
    ]

    static func load(_ files: [String: String]) throws -> Population {
        var inFolder: [String: String] = [:]
        for (name, text) in files { inFolder["x/" + name] = text }
        return try ExtractLoader.load(directory: "x", source: MemoryFiles(inFolder), context: try context()).population
    }

    static func messages(_ files: [String: String]) throws -> [String] {
        do {
            _ = try load(files)
            return []
        } catch let error as InputErrors {
            return error.errors.map(\.description)
        }
    }

    @Test func theShippedAlertTableCoversEveryNOMISCodeOnce() throws {
        let codes = try Self.shippedCodes()
        #expect(codes.alerts.count == 213)
        #expect(Set(codes.alerts.map(\.code)).count == 213)
        for code in ["VOP", "V45", "VJOP", "V46", "V49G", "V49P"] { #expect(codes.alert(code) == .need(.vulnerablePrisonerUnit)) }
        #expect(codes.alert("VIP") == .need(.singleCell))
        for code in ["PEEP", "MFL", "MSI"] { #expect(codes.alert(code) == .need(.accessibleCell)) }
        #expect(codes.alert("TM") == .hold(.medical))
        #expect(codes.alert("XNR") == .hold(.notForRelease))
        #expect(codes.alert("F1") == .ignored)
    }

    @Test func aGoodExtractBecomesPeopleAndTheWeeksConstraints() throws {
        let population = try Self.load(Self.good)
        #expect(population.count == 4)
        let byId = Dictionary(uniqueKeysWithValues: population.prisoners.map { ($0.id.rawValue, $0) })
        let p1 = try #require(byId["a1b2c3d4e5f60718"])
        #expect(p1.category == .c && p1.legalStatus == .sentenced && p1.age == 35 && p1.current == PrisonCode("AAA"))
        #expect(p1.cohorts == [.sexualOffence])
        #expect(p1.daysToRelease == ISODate.day("2027-06-01")! - ISODate.day("2026-12-07")!)
        let p2 = try #require(byId["b2c3d4e5f6071829"])
        #expect(p2.legalStatus == .remand && p2.category == .b && p2.isYoungAdult)
        #expect(p2.home == Fixture.geography.authorities[1].code, "distance is measured from the first family district")
        let p3 = try #require(byId["c3d4e5f607182930"])
        #expect(p3.cohorts == [.indeterminate, .older])
        #expect(p3.daysToTariff == ISODate.day("2030-01-01")! - ISODate.day("2026-12-07")!)
        let p4 = try #require(byId["d4e5f60718293041"])
        #expect(p4.sex == .female && p4.category == .closed)

        let week = population.week
        #expect(week.placeNeeds == [PersonID("c3d4e5f607182930"): [.singleCell, .vulnerablePrisonerUnit]])
        #expect(week.holds == [
            Hold(person: PersonID("b2c3d4e5f6071829"), kind: .court, until: "2026-12-10", origin: "holds.csv"),
            Hold(person: PersonID("d4e5f60718293041"), kind: .medical, until: "2027-01-10", origin: "alert TM"),
            Hold(person: PersonID("b2c3d4e5f6071829"), kind: .court, until: "2026-12-09", origin: "persons.csv next_court_date"),
        ])
        #expect(week.locks == [Lock(person: PersonID("a1b2c3d4e5f60718"), prison: PrisonCode("CCC"), reason: "programme place agreed")])
        #expect(week.nonAssociations == [NonAssociation(a: PersonID("a1b2c3d4e5f60718"), b: PersonID("c3d4e5f607182930"),
                                                        restriction: .wing, reason: .gangRelated)])
        #expect(week.movers == nil)
    }

    @Test func onlyAManifestSayingSoMarksThePeopleSynthetic() throws {
        func synthetic(_ manifest: String) throws -> Bool {
            var files: [String: String] = [:]
            for (name, text) in Self.good { files["x/" + name] = text }
            files["x/manifest.yaml"] = manifest
            return try ExtractLoader.load(directory: "x", source: MemoryFiles(files), context: try Self.context()).synthetic
        }
        #expect(try !synthetic(Self.good["manifest.yaml"]!))
        #expect(try synthetic(Self.good["manifest.yaml"]! + "synthetic: true\n"))
    }

    @Test func anOptionalMoversFileNamesWhoMayMove() throws {
        var files = Self.good
        files["movers.csv"] = "pid\nd4e5f60718293041\n"
        #expect(try Self.load(files).week.movers == [PersonID("d4e5f60718293041")])
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        var label: String
        var file: String
        var change: @Sendable (String) -> String
        var expected: String
        var testDescription: String { label }
    }

    static let refusals: [Refusal] = [
        Refusal(label: "a prison-number column", file: "persons.csv",
                change: { $0.replacingOccurrences(of: "pid,current_prison", with: "prisoner_number,current_prison") },
                expected: "x/persons.csv:1: prisoner_number: carries a direct identifier"),
        Refusal(label: "a date-of-birth column", file: "alerts.csv",
                change: { _ in "pid,code,active_from,active_to,date_of_birth\na1b2c3d4e5f60718,SOR,2020-01-01,,1980-01-01\n" },
                expected: "x/alerts.csv:1: date_of_birth: carries a direct identifier"),
        Refusal(label: "a name column", file: "locks.csv",
                change: { _ in "pid,prison,reason,Last Name\na1b2c3d4e5f60718,CCC,agreed,Smith\n" },
                expected: "x/locks.csv:1: Last Name: carries a direct identifier"),
        Refusal(label: "a PNC column", file: "holds.csv",
                change: { _ in "pid,hold,until,pnc_number\nb2c3d4e5f6071829,COURT,2026-12-10,x\n" },
                expected: "x/holds.csv:1: pnc_number: carries a direct identifier"),
        Refusal(label: "a pid that looks like a prison number", file: "persons.csv",
                change: { $0.replacingOccurrences(of: "d4e5f60718293041,WWW", with: "A1234BC,WWW") },
                expected: "x/persons.csv:5: pid: looks like a prison number"),
        Refusal(label: "a manifest without pseudonymised: true", file: "manifest.yaml",
                change: { $0.replacingOccurrences(of: "pseudonymised: true", with: "pseudonymised: false") },
                expected: "pseudonymised: must be true"),
        Refusal(label: "a manifest that does not say", file: "manifest.yaml",
                change: { $0.replacingOccurrences(of: "pseudonymised: true\n", with: "") },
                expected: "pseudonymised: must be true"),
        Refusal(label: "an unknown category code", file: "persons.csv",
                change: { $0.replacingOccurrences(of: "SENTENCED,C,", with: "SENTENCED,CX,") },
                expected: "x/persons.csv:2: category: unknown value 'CX'; expected one of: A, E, H, P, B, C, D, I, J, V, Q, R, … (hint: did you mean 'C'?)"),
        Refusal(label: "an unknown legal status", file: "persons.csv",
                change: { $0.replacingOccurrences(of: ",REMAND,", with: ",REMANDED,") },
                expected: "x/persons.csv:3: legal_status: unknown value 'REMANDED'"),
        Refusal(label: "an unknown alert code", file: "alerts.csv",
                change: { $0.replacingOccurrences(of: ",VOP,", with: ",VOPP,") },
                expected: "x/alerts.csv:3: code: unknown value 'VOPP'"),
        Refusal(label: "an unknown restriction type", file: "non_associations.csv",
                change: { $0.replacingOccurrences(of: ",WING,", with: ",WINGS,") },
                expected: "x/non_associations.csv:2: restriction_type: unknown value 'WINGS'; expected one of: CELL, LANDING, WING (hint: did you mean 'WING'?)"),
        Refusal(label: "a non-association naming an unknown pid", file: "non_associations.csv",
                change: { $0.replacingOccurrences(of: ",c3d4e5f607182930,", with: ",ffffffffffffffff,") },
                expected: "x/non_associations.csv:2: pid_b: names a pid that is not in persons.csv"),
        Refusal(label: "a hold naming an unknown pid", file: "holds.csv",
                change: { $0.replacingOccurrences(of: "b2c3d4e5f6071829", with: "0000000000000000") },
                expected: "x/holds.csv:2: pid: names a pid that is not in persons.csv"),
        Refusal(label: "a lock naming an unknown pid", file: "locks.csv",
                change: { $0.replacingOccurrences(of: "a1b2c3d4e5f60718", with: "0000000000000000") },
                expected: "x/locks.csv:2: pid: names a pid that is not in persons.csv"),
        Refusal(label: "a lock into a prison that breaks a hard rule", file: "locks.csv",
                change: { _ in "pid,prison,reason\nd4e5f60718293041,AAA,agreed\n" },
                expected: "x/locks.csv:2: prison: a lock into AAA breaks a hard rule: does not hold this sex"),
        Refusal(label: "a lock into an unknown prison", file: "locks.csv",
                change: { $0.replacingOccurrences(of: ",CCC,", with: ",CCX,") },
                expected: "x/locks.csv:2: prison: unknown value 'CCX'; expected one of: AAA, CCC, WWW (hint: did you mean 'CCC'?)"),
        Refusal(label: "a mover naming an unknown pid", file: "movers.csv",
                change: { _ in "pid\n0000000000000000\n" },
                expected: "x/movers.csv:2: pid: names a pid that is not in persons.csv"),
        Refusal(label: "a duplicate pid", file: "persons.csv",
                change: { $0.replacingOccurrences(of: "d4e5f60718293041,WWW", with: "a1b2c3d4e5f60718,WWW") },
                expected: "x/persons.csv:5: pid: the same pid is on an earlier line"),
        Refusal(label: "an unknown postcode district", file: "persons.csv",
                change: { $0.replacingOccurrences(of: ",CF10,", with: ",CF1O,") },
                expected: "x/persons.csv:4: home_district: unknown value 'CF1O'"),
        Refusal(label: "a women's category for a man", file: "persons.csv",
                change: { $0.replacingOccurrences(of: "SENTENCED,C,", with: "SENTENCED,R,") },
                expected: "x/persons.csv:2: category: category R is not used for men"),
        Refusal(label: "a release date before the snapshot", file: "persons.csv",
                change: { $0.replacingOccurrences(of: "2027-06-01", with: "2026-01-01") },
                expected: "x/persons.csv:2: release_date: is before the manifest's snapshot_date"),
    ]

    @Test(arguments: refusals)
    func refusedWithFileLineAndField(_ refusal: Refusal) throws {
        var files = Self.good
        files[refusal.file] = refusal.change(files[refusal.file] ?? "")
        let messages = try Self.messages(files)
        #expect(messages.contains { $0.hasPrefix(refusal.expected) || ($0.contains(refusal.expected) && $0.contains(refusal.file)) },
                "\(messages)")
    }

    @Test func anUnknownAlertCodeIsAnsweredWithTheNearestKnownOne() throws {
        var files = Self.good
        files["alerts.csv"] = "pid,code,active_from,active_to\na1b2c3d4e5f60718,VOPP,,\n"
        let messages = try Self.messages(files)
        #expect(messages.count == 1)
        #expect(messages.first?.hasSuffix("(hint: did you mean 'VOP'?)") == true, "\(messages)")
    }

    @Test func messagesNeverRepeatAPid() throws {
        var files = Self.good
        files["holds.csv"] = "pid,hold,until\n0000000000000000,COURT,2026-12-10\n"
        files["persons.csv"] = Self.good["persons.csv"]!.replacingOccurrences(of: "d4e5f60718293041,WWW", with: "A1234BC,WWW")
        let messages = try Self.messages(files)
        #expect(!messages.isEmpty)
        #expect(!messages.contains { $0.contains("0000000000000000") || $0.contains("A1234BC") })
    }

    @Test func isoDatesRoundTrip() {
        for text in ["1970-01-01", "2000-02-29", "2026-12-07", "2099-12-31", "1900-03-01"] {
            #expect(ISODate.day(text).map(ISODate.text) == text)
        }
        #expect(ISODate.day("2026-12-08")! - ISODate.day("2026-12-07")! == 1)
        #expect(ISODate.day("2027-01-01")! - ISODate.day("2026-01-01")! == 365)
        for bad in ["2026-02-29", "2026-13-01", "26-12-07", "2026-12-7", ""] { #expect(ISODate.day(bad) == nil) }
    }

    @Test func prisonNumbersAreRecognised() {
        #expect(ExtractFormat.looksLikePrisonNumber("A1234BC"))
        #expect(!ExtractFormat.looksLikePrisonNumber("a1234bc"))
        #expect(!ExtractFormat.looksLikePrisonNumber("A1234B"))
        #expect(!ExtractFormat.looksLikePrisonNumber("a1b2c3d4e5f60718"))
    }
}
