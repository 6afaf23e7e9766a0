import HomewardCore
import Testing

@Suite("Estate changes")
struct EstateChangeTests {
    static let estate = Estate(establishments: [
        Fixture.establishment("RES", categories: [.c], functions: [.resettlement], capacity: 100, near: 0),
        Fixture.establishment("HSE", categories: [.a, .b], functions: [.highSecurity], capacity: 50, near: 3),
        Fixture.establishment("WMN", sex: .female, categories: [.womenClosed], functions: [.reception], capacity: 40, near: 1),
        Fixture.establishment("LOC", categories: [.b], functions: [.reception], capacity: 80, near: 1),
    ])
    static let people = [
        Fixture.prisoner("A", category: .a),
        Fixture.prisoner("W", sex: .female, category: .closed),
        Fixture.prisoner("R", status: .remand, category: .b),
    ]

    func context(postcodes: [PostcodeDistrict] = []) -> ChangeContext {
        ChangeContext(file: "s.yaml", geography: Fixture.geography, postcodeDistricts: postcodes,
                      population: Population(prisoners: Self.people), policy: .standard)
    }

    @Test func eachKindOfChangeApplies() throws {
        let changes = [
            EstateChange(kind: .rerole(PrisonCode("RES"), Rerole(functions: [.training], categories: [.b, .c])), line: 3),
            EstateChange(kind: .capacity(PrisonCode("LOC"), operationalCapacity: 60, cna: 55), line: 4),
            EstateChange(kind: .close(PrisonCode("WMN")), line: 5),
            EstateChange(kind: .open(NewEstablishment(
                code: PrisonCode("NEW"), name: "HMP New", location: .localAuthority(LADCode("W06000015")), sex: .female,
                ageGroup: .mixed, categories: [.womenClosed], functions: [.reception, .resettlement],
                operationalCapacity: 200, cna: 180)), line: 6),
        ]
        let changed = try EstateChanges.apply(changes, to: Self.estate, context: context())
        let res = try #require(changed.establishment(PrisonCode("RES")))
        #expect(res.functions == [.training])
        #expect(res.categories == [.b, .c])
        #expect(res.operationalCapacity == 100)
        let loc = try #require(changed.establishment(PrisonCode("LOC")))
        #expect(loc.operationalCapacity == 60 && loc.cna == 55)
        #expect(changed.establishment(PrisonCode("WMN"))?.isClosed == true)
        let new = try #require(changed.establishment(PrisonCode("NEW")))
        #expect(new.region == "Wales")
        #expect(new.latitude == 51.48 && new.longitude == -3.18)
        #expect(new.operationalCapacity == 200)
        // The original is untouched.
        #expect(Self.estate.establishment(PrisonCode("WMN"))?.isClosed == false)
        #expect(changed.count == 5)
    }

    @Test func aNewBuildCanBeLocatedByPostcodeDistrict() throws {
        let postcodes = [PostcodeDistrict(district: "CF31", latitude: 51.51, longitude: -3.58, lad: LADCode("W06000015"))]
        let change = EstateChange(kind: .open(NewEstablishment(
            code: PrisonCode("NEW"), name: "HMP New", location: .postcodeDistrict("CF31"), sex: .male, ageGroup: .adult,
            categories: [.c], functions: [.training], operationalCapacity: 100, cna: 100)), line: 2)
        let changed = try EstateChanges.apply([change], to: Self.estate, context: context(postcodes: postcodes))
        let new = try #require(changed.establishment(PrisonCode("NEW")))
        #expect(new.region == "Wales")
        #expect(new.postcode == "CF31")
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var label: String
        var changes: [EstateChange]
        var messages: [String]
        var testDescription: String { label }
    }

    static let badChanges: [Bad] = [
        Bad(label: "unknown code", changes: [EstateChange(kind: .close(PrisonCode("XYZ")), line: 7)],
            messages: ["s.yaml:7: changes[1].close.establishment: unknown value 'XYZ'; expected one of: HSE, LOC, RES, WMN"]),
        Bad(label: "a closure that leaves category A nowhere", changes: [EstateChange(kind: .close(PrisonCode("HSE")), line: 9)],
            messages: ["s.yaml:9: changes[1].close.establishment: after this closure no establishment could lawfully hold 1 person (men in category A) (hint: keep or open an establishment for them, or change the scenario)"]),
        Bad(label: "women's categories for a men's prison",
            changes: [EstateChange(kind: .rerole(PrisonCode("RES"), Rerole(categories: [.womenOpen])), line: 4)],
            messages: ["s.yaml:4: changes[1].rerole.categories: a men's establishment cannot hold categories women-open; use A, B, C or D"]),
        Bad(label: "a new build with a taken code",
            changes: [EstateChange(kind: .open(NewEstablishment(code: PrisonCode("LOC"), name: "X", location: .coordinates(latitude: 52, longitude: -1),
                                                               sex: .male, ageGroup: .adult, categories: [.c], functions: [.training],
                                                               operationalCapacity: 10, cna: 10)), line: 12)],
            messages: ["s.yaml:12: changes[1].open.code: 'LOC' appears more than once (hint: a new build needs a code not used in the estate)"]),
        Bad(label: "an unknown postcode district",
            changes: [EstateChange(kind: .open(NewEstablishment(code: PrisonCode("NEW"), name: "X", location: .postcodeDistrict("ZZ9"),
                                                               sex: .male, ageGroup: .adult, categories: [.c], functions: [.training],
                                                               operationalCapacity: 10, cna: 10)), line: 3)],
            messages: ["s.yaml:3: changes[1].open.location.postcode_district: unknown value 'ZZ9'; expected one of: a postcode district in England or Wales, e.g. CF10 (hint: no postcode-district file was found beside the estate)"]),
        Bad(label: "closing twice", changes: [EstateChange(kind: .close(PrisonCode("RES")), line: 3), EstateChange(kind: .close(PrisonCode("RES")), line: 4)],
            messages: ["s.yaml:4: changes[2].close.establishment: RES is already closed by an earlier change"]),
    ]

    @Test(arguments: badChanges)
    func badChangesAreRefusedWithTheScenarioLineAndField(_ bad: Bad) {
        do {
            _ = try EstateChanges.apply(bad.changes, to: Self.estate, context: context())
            Issue.record("accepted a bad change")
        } catch {
            #expect(error.errors.map(\.description) == bad.messages)
        }
    }
}
